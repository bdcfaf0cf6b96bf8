/**
 * The migration over every sample of the shared rule corpus (test/fixtures/corpus.ts), with a sync and
 * an async canonical validator: the output parses, a second run changes nothing, the handled sites are
 * exactly the reported ones, and what the rules still report afterwards is exactly the follow-ups.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, findingsFor, parseFile, readSettings, type Settings } from '../../packages/engine/index.js';
import { migrateFile } from '../../packages/rewrite/index.js';
import { CORPUS } from '../fixtures/corpus.js';
import { FIXTURES, SETTINGS } from '../rule-tester.js';
import { BASE_SHAPE } from './fixture-cases.js';

function reported(file: string, text: string, settings: Settings): string[] {
  const { ast, scopeManager } = parseFile(file, text);
  const analysis = analyzeFile({ ast, scopeManager, filename: file, text, settings });
  return [...findingsFor('no-direct-verify', analysis, settings), ...findingsFor('no-direct-decode', analysis, settings)]
    .map((finding) => `${finding.rule}@${finding.node.loc.start.line}:${finding.node.loc.start.column}`)
    .sort();
}

const SHAPES = { sync: BASE_SHAPE, async: { ...BASE_SHAPE, verifyAsync: true } };

describe('migrate over the rule corpus', () => {
  for (const [shapeName, shape] of Object.entries(SHAPES)) {
    it(`${shapeName} canonical: parses, is idempotent and agrees with the rules on all ${CORPUS.length} samples`, () => {
      let rewritten = 0;
      let followUps = 0;
      for (const sample of CORPUS) {
        const settings = readSettings({ 'jwt-ssot': { ...SETTINGS['jwt-ssot'], ...sample.settings } }, FIXTURES);
        const file = path.join(FIXTURES, sample.filename);
        const result = migrateFile({ file, text: sample.code, settings, canonicalShape: shape });
        const label = `${sample.name} (${sample.filename})`;
        expect(() => parseFile(file, result.text), label).not.toThrow();
        expect(migrateFile({ file, text: result.text, settings, canonicalShape: shape }).text, label).toBe(result.text);
        expect(result.sites.map((site) => `${site.rule}@${site.line}:${site.column}`).sort(), label).toEqual(reported(file, sample.code, settings));
        const markedSites = result.sites.filter((site) => site.outcome === 'follow-up').length;
        expect(reported(file, result.text, settings), label).toHaveLength(markedSites);
        rewritten += result.sites.length - markedSites;
        followUps += markedSites;
      }
      // The corpus exercises both outcomes.
      expect(rewritten).toBeGreaterThan(10);
      expect(followUps).toBeGreaterThan(10);
    });
  }
});
