/**
 * Properties of the migration (`migrateFile`, shared by `jwt-ssot migrate` and the jscodeshift
 * transform) over the same generated programs as the rule properties, with a generated canonical shape:
 * - the output parses;
 * - it is idempotent (migrating the output changes nothing);
 * - every statement unrelated to JWTs is kept, byte for byte and in order;
 * - the sites handled are exactly the sites the rules report, and what the rules still report on the
 *   output is the follow-ups, each under a follow-up comment.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeFile, findingsFor, parseFile, readSettings } from '../../packages/engine/index.js';
import { FOLLOW_UP_PREFIX, migrateFile, type CanonicalShape } from '../../packages/rewrite/index.js';
import { PROJECT_ROOT, SETTINGS } from '../evasions/lint.js';
import { buildProgram, LONG, programSpec, type Program } from './programs.js';

const NUM_RUNS = LONG ? 1500 : 50;
const LONG_TIMEOUT = LONG ? 30 * 60_000 : undefined;
const FILE = path.join(PROJECT_ROOT, 'src', 'app', 'generated.ts');
const settings = readSettings(SETTINGS, PROJECT_ROOT);

const canonicalShape: fc.Arbitrary<CanonicalShape> = fc.record({
  verifyAsync: fc.boolean(),
  verifyReturns: fc.constantFrom('payload' as const, 'result' as const),
  verifyGeneric: fc.boolean(),
  decodeAsync: fc.boolean(),
  decodeGeneric: fc.boolean(),
  secretEnv: fc.constantFrom<readonly string[]>([], ['JWT_SECRET']),
  verifyOptions: fc.constantFrom<Readonly<Record<string, string>>>({}, { algorithms: "['HS256']" }),
  source: fc.constant<string>('property test'),
});

function reportedSites(text: string): string[] {
  const { ast, scopeManager } = parseFile(FILE, text);
  const analysis = analyzeFile({ ast, scopeManager, filename: FILE, text, settings });
  return [...findingsFor('no-direct-verify', analysis, settings), ...findingsFor('no-direct-decode', analysis, settings)]
    .map((finding) => `${finding.rule}@${finding.node.loc.start.line}:${finding.node.loc.start.column}`)
    .sort();
}

function check(program: Program, shape: CanonicalShape): void {
  const context = `${JSON.stringify({ ...program.spec, api: program.spec.api.name, shape })}\n${program.code}`;
  const first = migrateFile({ file: FILE, text: program.code, settings, canonicalShape: shape });
  const output = first.text;
  expect(() => parseFile(FILE, output), `${context}\n--- output ---\n${output}`).not.toThrow();

  const second = migrateFile({ file: FILE, text: output, settings, canonicalShape: shape });
  expect(second.text, `${context}\n--- output ---\n${output}`).toBe(output);

  // Fillers survive unchanged and in order.
  const outputLines = output.split('\n');
  let cursor = 0;
  for (const filler of program.fillers) {
    const at = outputLines.indexOf(filler, cursor);
    expect(at, `${context}\nfiller lost or changed: ${filler}\n--- output ---\n${output}`).toBeGreaterThanOrEqual(0);
    cursor = at + 1;
  }

  const handled = first.sites.map((site) => `${site.rule}@${site.line}:${site.column}`).sort();
  expect(handled, context).toEqual(reportedSites(program.code));
  const followUps = first.sites.filter((site) => site.outcome === 'follow-up').length;
  expect(reportedSites(output), `${context}\n--- output ---\n${output}`).toHaveLength(followUps);
  if (followUps > 0) expect(output, context).toContain(FOLLOW_UP_PREFIX);
}

describe('generated programs: the migration', () => {
  it(`parses, is idempotent and keeps non-JWT statements (${NUM_RUNS} generated programs)`, () => {
    fc.assert(
      fc.property(programSpec, canonicalShape, (spec, shape) => check(buildProgram(spec), shape)),
      { numRuns: NUM_RUNS },
    );
  }, LONG_TIMEOUT);
});
