/**
 * Every fixture pair: the output matches, a second run changes nothing, every output parses, and the
 * codemod handles exactly the sites the rules report: (rewritten) ∪ (follow-ups) = (reported).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeFile, findingsFor, parseFile } from '../../packages/engine/index.js';
import { FOLLOW_UP_PREFIX, migrateFile } from '../../packages/rewrite/index.js';
import { listCases, type FixtureCase } from './fixture-cases.js';

const cases = listCases();

function reportedSites(fixture: FixtureCase, text: string): string[] {
  const { ast, scopeManager } = parseFile(fixture.file, text);
  const analysis = analyzeFile({ ast, scopeManager, filename: fixture.file, text, settings: fixture.settings });
  return [...findingsFor('no-direct-verify', analysis, fixture.settings), ...findingsFor('no-direct-decode', analysis, fixture.settings)]
    .map((finding) => `${finding.rule}@${finding.node.loc.start.line}:${finding.node.loc.start.column}`)
    .sort();
}

function run(fixture: FixtureCase, text: string) {
  return migrateFile({ file: fixture.file, text, settings: fixture.settings, canonicalShape: fixture.shape });
}

describe('migrate-to-canonical fixtures', () => {
  it('finds the fixture pairs by listing the folder, in every language flavour', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(new Set(cases.map((fixture) => fixture.ext))).toEqual(new Set(['ts', 'tsx', 'mjs', 'cjs']));
    for (const fixture of cases) expect(fs.existsSync(fixture.outputPath), `${fixture.name} has an output file`).toBe(true);
  });

  for (const fixture of cases) {
    describe(`${fixture.name}.${fixture.ext}`, () => {
      const input = fs.readFileSync(fixture.inputPath, 'utf8');
      const expected = fs.existsSync(fixture.outputPath) ? fs.readFileSync(fixture.outputPath, 'utf8') : '';

      it('produces the expected output', () => {
        const result = run(fixture, input);
        if (process.env.UPDATE_FIXTURES && !fs.existsSync(fixture.outputPath)) fs.writeFileSync(fixture.outputPath, result.text);
        expect(result.text).toBe(expected);
        expect(result.changed).toBe(input !== expected);
      });

      it('is idempotent: running on the output changes nothing', () => {
        const again = run(fixture, expected);
        expect(again.text).toBe(expected);
        expect(again.changed).toBe(false);
      });

      it('re-parses the output', () => {
        expect(() => parseFile(fixture.file, expected)).not.toThrow();
      });

      it('rewrites or follows up exactly the sites the rules report', () => {
        const result = run(fixture, input);
        const handled = result.sites.map((site) => `${site.rule}@${site.line}:${site.column}`).sort();
        expect(handled).toEqual(reportedSites(fixture, input));
        // What the rules still report on the output is exactly the follow-ups, each under one follow-up comment.
        const followUpSites = result.sites.filter((site) => site.outcome === 'follow-up').length;
        expect(reportedSites(fixture, expected)).toHaveLength(followUpSites);
        const followUpLines = expected.split('\n').filter((line) => line.includes(FOLLOW_UP_PREFIX));
        expect(followUpLines.length).toBe(result.followUps.length);
        for (const followUp of result.followUps) {
          expect(expected.split('\n')[followUp.line - 2], `follow-up comment above line ${followUp.line}`).toContain(FOLLOW_UP_PREFIX);
        }
      });
    });
  }
});

describe('CRLF line endings and a BOM', () => {
  // Written from the test: editors and git settings tend to normalise these bytes in fixture files.
  for (const name of ['verify-jsonwebtoken', 'options', 'merge-import', 'commonjs']) {
    it(`keeps both in ${name}`, () => {
      const fixture = cases.find((candidate) => candidate.name === name)!;
      const toCrlfBom = (text: string): string => `\uFEFF${text.replace(/\n/g, '\r\n')}`;
      const input = toCrlfBom(fs.readFileSync(fixture.inputPath, 'utf8'));
      const expected = toCrlfBom(fs.readFileSync(fixture.outputPath, 'utf8'));
      const result = run(fixture, input);
      expect(result.text).toBe(expected);
      expect(run(fixture, result.text).changed).toBe(false);
    });
  }
});
