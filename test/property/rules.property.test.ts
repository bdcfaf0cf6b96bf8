/**
 * Property: for every generated program (library API × import form × call shape × enclosing context,
 * among unrelated statements), the rule for the API's kind reports exactly the site's lines, the import
 * is reported by no-auth-import-bypass, and nothing else in the file is reported as verify/decode.
 *
 * Default: a modest sample (CI-friendly). JWT_SSOT_LONG_TESTS=1: a larger sample plus every valid
 * combination once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lint } from '../evasions/lint.js';
import { allSpecs, buildProgram, CALL_SHAPES, CONTEXTS, IMPORT_FORMS, LONG, programSpec, type Program } from './programs.js';

const NUM_RUNS = LONG ? 3000 : 150;
const LONG_TIMEOUT = LONG ? 30 * 60_000 : undefined;

function check(program: Program): void {
  const messages = lint('src/app/generated.ts', program.code);
  const siteLines = messages.filter((message) => message.rule === program.rule).map((message) => message.line);
  const context = `${JSON.stringify({ ...program.spec, api: program.spec.api.name })}\n${program.code}\ngot: ${JSON.stringify(messages.map((m) => `${m.rule}@${m.line}`))}`;
  expect([...new Set(siteLines)].sort((a, b) => a - b), context).toEqual([...program.lines].sort((a, b) => a - b));
  // The other kind's rule stays quiet: a verify is not a decode and the fillers are look-alikes only.
  const otherRule = program.rule === 'no-direct-verify' ? 'no-direct-decode' : 'no-direct-verify';
  expect(messages.filter((message) => message.rule === otherRule), context).toEqual([]);
  expect(messages.some((message) => message.rule === 'no-auth-import-bypass' && message.messageId === 'libraryImport'), context).toBe(true);
}

describe('generated programs: every site is reported', () => {
  it(`reports each site on its line (${NUM_RUNS} generated programs)`, () => {
    fc.assert(
      fc.property(programSpec, (spec) => check(buildProgram(spec))),
      { numRuns: NUM_RUNS },
    );
  }, LONG_TIMEOUT);

  it('generates every library, import form, call shape and context', () => {
    // No dimension value may be filtered out entirely by isValidSpec.
    const specs = allSpecs();
    expect(new Set(specs.map((spec) => spec.form)).size).toBe(IMPORT_FORMS.length);
    expect(new Set(specs.map((spec) => spec.shape)).size).toBe(CALL_SHAPES.length);
    expect(new Set(specs.map((spec) => spec.context)).size).toBe(CONTEXTS.length);
    expect(new Set(specs.map((spec) => spec.api.module))).toEqual(new Set(['jsonwebtoken', 'jose', 'jwt-decode', 'fast-jwt']));
  });

  const combinations = allSpecs();
  // Every combination under JWT_SSOT_LONG_TESTS=1; otherwise an evenly spread slice of them.
  const stride = LONG ? 1 : 23;
  const slice = combinations.filter((_, index) => index % stride === 0);
  it(`reports each site in ${slice.length} of ${combinations.length} enumerated combinations`, () => {
    for (const spec of slice) check(buildProgram(spec));
  }, LONG_TIMEOUT);
});
