// What the demo concludes from its five steps, and how it prints them. Pure functions of the collected
// results, so the story's checks are the same in the printed run and in `--json`.

/** The three modules that validate JWTs on their own in the unmigrated example. */
export const DUPLICATES = [
  'src/websocket_core/user-context-extractor.ts',
  'src/websocket_core/unified-websocket-auth.ts',
  'src/auth_integration/auth.ts',
];

const CHAT_STEP = 'a freshly logged-in user connects, chats and receives the AI reply';
const EXPIRED_STEP = 'an expired token is refused with a policy close code';

const FOLLOW_UP_PREFIX = 'TODO(jwt-ssot):';

/** Facts a reader cares about, from one scenario run. */
export function scenarioFacts(result) {
  const chat = result.steps.find((step) => step.name === CHAT_STEP);
  const expired = result.steps.find((step) => step.name === EXPIRED_STEP);
  return {
    passing: result.steps.filter((step) => step.ok).length,
    total: result.steps.length,
    closed1011: result.steps.some((step) => step.closeCode === 1011),
    freshLogin1011: chat?.closeCode === 1011,
    expiredAccepted: expired?.accepted === true,
  };
}

/**
 * Audit violations after the migration that are not a follow-up migrate listed: a follow-up is a site
 * left in place under a `TODO(jwt-ssot):` marker, in a file migrate reported a follow-up for.
 */
export function unexplainedViolations(audit, followUps, files) {
  const withFollowUps = new Set(followUps.map((followUp) => followUp.file));
  return audit.violations.filter((violation) => {
    if (!withFollowUps.has(violation.file)) return true;
    const lines = (files.get(violation.file) ?? '').split(/\r?\n/);
    // The marker sits above the statement; the site may be a few lines into it.
    const above = lines.slice(Math.max(0, violation.line - 8), violation.line);
    return !above.some((line) => line.includes(FOLLOW_UP_PREFIX));
  });
}

/** Every claim of the story, each with the evidence a reader needs when it fails. */
export function storyChecks(run) {
  const checks = [];
  const check = (name, ok, evidence) => checks.push({ name, ok: Boolean(ok), evidence });
  const before = run.auditBefore;
  const flagged = new Set(before.violations.map((violation) => violation.file));
  const missing = DUPLICATES.filter((file) => !flagged.has(file));
  check('the audit of the unmigrated copy names the three duplicate validators', missing.length === 0 && before.errors.length === 0,
    missing.length ? `not reported: ${missing.join(', ')}` : before.errors.map((error) => `${error.file}: ${error.message}`).join('; '));
  const scenarioBefore = scenarioFacts(run.scenarioBefore);
  check('unmigrated: a freshly logged-in user is closed with 1011', scenarioBefore.freshLogin1011, describeStep(run.scenarioBefore, CHAT_STEP));
  check('unmigrated: an expired token is accepted', scenarioBefore.expiredAccepted, describeStep(run.scenarioBefore, EXPIRED_STEP));
  check('migrate --write ran without errors', run.migrate.exitCode === 0 && run.migrate.report.errors.length === 0,
    `exit ${run.migrate.exitCode}; ${run.migrate.report.errors.map((error) => `${error.file}: ${error.message}`).join('; ')}`);
  check("the person's change applied", run.patches.length > 0 && run.patches.every((patch) => patch.applied),
    run.patches.map((patch) => `${patch.name}: ${patch.applied ? 'applied' : patch.error}`).join('; ') || 'no patches/*.patch');
  const after = run.auditAfter;
  const unexplained = unexplainedViolations(after, run.migrate.report.followUps, run.filesAfter);
  check('the audit after is clean, or only the listed follow-ups', unexplained.length === 0 && after.errors.length === 0,
    [...unexplained.map((v) => `${v.file}:${v.line} ${v.message}`), ...after.errors.map((e) => `${e.file}: ${e.message}`)].join('; '));
  const failing = run.scenarioAfter.steps.filter((step) => !step.ok);
  check('migrated: every golden-path step passes', run.scenarioAfter.ok && failing.length === 0,
    failing.map((step) => `${step.name}: ${step.detail}`).join('; '));
  check('migrated: no socket is closed with 1011', !scenarioFacts(run.scenarioAfter).closed1011, 'a step saw 1011');
  return checks;
}

function describeStep(result, name) {
  const step = result.steps.find((candidate) => candidate.name === name);
  return step ? `${step.ok ? 'PASS' : 'FAIL'} ${step.name} — ${step.detail}` : `the step "${name}" did not run`;
}

/** The before/after rows, as data (for --json) and as a table (for the reader): before | migrate only | + patch. */
export function summaryRows(run) {
  const [before, middle, after] = [run.scenarioBefore, run.scenarioMigrated, run.scenarioAfter].map(scenarioFacts);
  const filesWith = (audit) => new Set(audit.violations.map((violation) => violation.file)).size;
  const findings = (audit) => (audit.violations.length ? `${audit.violations.length} in ${filesWith(audit)} files` : 'clean');
  const followUps = run.migrate.report.followUps.length;
  const patches = run.patches.filter((patch) => patch.applied).length;
  return [
    ['jwt-ssot audit findings', findings(run.auditBefore), '-', findings(run.auditAfter)],
    ['golden-path steps passing', `${before.passing}/${before.total}`, `${middle.passing}/${middle.total}`, `${after.passing}/${after.total}`],
    ['fresh login closed with 1011', yesNo(before.freshLogin1011), yesNo(middle.freshLogin1011), yesNo(after.freshLogin1011)],
    ['expired token accepted', yesNo(before.expiredAccepted), yesNo(middle.expiredAccepted), yesNo(after.expiredAccepted)],
    ['follow-ups for a person', '-', String(followUps), `${patches} patch${patches === 1 ? '' : 'es'} applied`],
  ];
}

function yesNo(value) {
  return value ? 'yes' : 'no';
}

export function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => String(row[column]).length)));
  const line = (row) => `| ${row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
