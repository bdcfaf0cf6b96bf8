/**
 * The founding story, proven in CI: `npm run demo`'s script copies packages/golden-path-example to a temp
 * folder, audits it, runs the golden path (which must fail: 1011, expired token accepted), migrates it with
 * the built CLI, applies the person's committed patch, audits again and re-runs the golden path. Then this
 * test runs the scenario itself, in-process, against the migrated copy's TypeScript source.
 * Needs the build (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.join(__dirname, '..');
const demoScript = path.join(repo, 'scripts', 'demo.mjs');
const scenarioModule = path.join(repo, 'packages', 'golden-path-example', 'test', 'scenario.ts');

const DUPLICATES = ['src/websocket_core/user-context-extractor.ts', 'src/websocket_core/unified-websocket-auth.ts', 'src/auth_integration/auth.ts'];
const CHAT = 'a freshly logged-in user connects, chats and receives the AI reply';
const EXPIRED = 'an expired token is refused with a policy close code';

interface Step {
  name: string;
  ok: boolean;
  detail: string;
  closeCode?: number;
  accepted?: boolean;
}
interface Scenario {
  ok: boolean;
  steps: Step[];
}
interface AuditReport {
  violations: Array<{ file: string; line: number; rule: string; message: string }>;
  errors: Array<{ file: string; message: string }>;
}
interface DemoResult {
  ok: boolean;
  kept: { tmp: string; copy: string };
  checks: Array<{ name: string; ok: boolean; evidence: string }>;
  auditBefore: AuditReport;
  auditAfter: AuditReport;
  scenarioBefore: Scenario;
  scenarioMigrated: Scenario;
  scenarioAfter: Scenario;
  migrate: { exitCode: number; report: { files: Array<{ file: string; status: string }>; followUps: unknown[]; errors: unknown[] } };
  patches: Array<{ name: string; applied: boolean; error?: string }>;
}

const step = (scenario: Scenario, name: string): Step => {
  const found = scenario.steps.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`The scenario did not run "${name}".`);
  return found;
};

describe('npm run demo: the golden-path example before and after jwt-ssot', () => {
  let exitCode: number | null;
  let demo: DemoResult;
  let stderr: string;

  beforeAll(() => {
    const child = spawnSync(process.execPath, [demoScript, '--json', '--keep'], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    exitCode = child.status;
    stderr = child.stderr;
    if (!child.stdout.trim().startsWith('{')) throw new Error(`scripts/demo.mjs --json printed no report (exit ${child.status}): ${child.stderr}`);
    demo = JSON.parse(child.stdout) as DemoResult;
  }, 600_000);

  afterAll(() => {
    if (demo?.kept) fs.rmSync(demo.kept.tmp, { recursive: true, force: true });
  });

  it('exits 0 and every claim of the story holds', () => {
    const failed = demo.checks.filter((check) => !check.ok).map((check) => `${check.name}: ${check.evidence}`);
    expect(failed, stderr).toEqual([]);
    expect(demo.ok).toBe(true);
    expect(exitCode).toBe(0);
  });

  it('the audit of the unmigrated copy names the three duplicate validators, and nothing else', () => {
    const files = [...new Set(demo.auditBefore.violations.map((violation) => violation.file))].sort();
    expect(files).toEqual([...DUPLICATES].sort());
    expect(demo.auditBefore.errors).toEqual([]);
  });

  it('unmigrated: a freshly logged-in user is closed with 1011 and an expired token opens a session', () => {
    expect(step(demo.scenarioBefore, CHAT)).toMatchObject({ ok: false, closeCode: 1011 });
    expect(step(demo.scenarioBefore, EXPIRED)).toMatchObject({ ok: false, accepted: true });
  });

  it('migrate rewrites the three duplicates; alone, it fixes the 1011 but not the fallback', () => {
    expect(demo.migrate.exitCode).toBe(0);
    expect(demo.migrate.report.errors).toEqual([]);
    const changed = demo.migrate.report.files.filter((file) => file.status === 'changed').map((file) => file.file).sort();
    expect(changed).toEqual([...DUPLICATES].sort());
    expect(step(demo.scenarioMigrated, CHAT)).toMatchObject({ ok: true });
    expect(step(demo.scenarioMigrated, EXPIRED)).toMatchObject({ ok: false, accepted: true });
  });

  it("the person's patch applies to the migrated copy, and the audit afterwards is clean", () => {
    expect(demo.patches.length).toBeGreaterThan(0);
    expect(demo.patches.filter((patch) => !patch.applied)).toEqual([]);
    expect(demo.auditAfter.violations).toEqual([]);
    expect(demo.auditAfter.errors).toEqual([]);
  });

  it('migrated and patched: every golden-path step passes (in the demo)', () => {
    expect(demo.scenarioAfter.steps.filter((outcome) => !outcome.ok)).toEqual([]);
    expect(demo.scenarioAfter.steps.length).toBe(demo.scenarioBefore.steps.length);
  });

  it("migrated and patched: every golden-path step passes against the copy's TypeScript source, run here", async () => {
    const { runGoldenPathScenario } = (await import(pathToFileURL(scenarioModule).href)) as {
      runGoldenPathScenario(srcDir: string): Promise<Scenario>;
    };
    const result = await runGoldenPathScenario(path.join(demo.kept.copy, 'src'));
    for (const outcome of result.steps) {
      expect(outcome.ok, `${outcome.name}: ${outcome.detail}`).toBe(true);
      expect(outcome.closeCode).not.toBe(1011);
    }
    expect(result.steps.length).toBeGreaterThanOrEqual(8);
    expect(result.ok).toBe(true);
  });
});
