/**
 * The golden path: login → WebSocket → chat → AI reply, on real loopback servers with a real `ws` client.
 *
 * - Always: the example's own, UNMIGRATED source shows the founding failures (a fresh login's socket is
 *   closed with 1011; the decode fallback opens a session for an expired token). If someone "fixes" the
 *   example by hand, this test says so: the demo needs the broken story.
 * - With GOLDEN_PATH_SRC=<dir> (a migrated copy of src/): every golden-path step must pass.
 * - With GOLDEN_PATH_REPORT=<file>: the scenario results are also written there as JSON (for the demo).
 * The person's change (patches/*.patch) targets the MIGRATED source: test/golden-path-migrated.test.ts
 * (repository root) migrates a copy, applies it and runs the scenario there.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SRC, POLICY_CLOSE_CODES, STEPS, runGoldenPathScenario, type ScenarioResult, type StepName } from './scenario.js';

const reports: Record<string, ScenarioResult> = {};
afterAll(() => {
  if (process.env.GOLDEN_PATH_REPORT) writeFileSync(process.env.GOLDEN_PATH_REPORT, `${JSON.stringify(reports, null, 2)}\n`);
});

function step(result: ScenarioResult, name: StepName) {
  const found = result.steps.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`The scenario did not run the step "${name}".`);
  return found;
}

describe('the unmigrated example shows the founding failures', () => {
  let result: ScenarioResult;
  beforeAll(async () => {
    result = await runGoldenPathScenario(DEFAULT_SRC);
    reports.unmigrated = result;
  });

  it('logs the user in', () => {
    expect(step(result, STEPS.login)).toMatchObject({ ok: true });
  });

  it('closes a freshly logged-in user\'s socket with 1011 instead of replying', () => {
    expect(step(result, STEPS.chat)).toMatchObject({ ok: false, closeCode: 1011 });
  });

  it('opens a session for an expired token (the decode fallback)', () => {
    expect(step(result, STEPS.expired)).toMatchObject({ ok: false, accepted: true });
  });

  it('opens a session for forged tokens (the decode fallback)', () => {
    expect(step(result, STEPS.forged)).toMatchObject({ ok: false, accepted: true });
  });

  it('refreshes a token issued for another service (no audience check)', () => {
    expect(step(result, STEPS.otherAudience)).toMatchObject({ ok: false, accepted: true });
  });

  it('still refuses a missing token with a policy close code', () => {
    const missing = step(result, STEPS.missing);
    expect(missing.ok).toBe(true);
    expect(POLICY_CLOSE_CODES).toContain(missing.closeCode);
  });
});

const goldenPathSrc = process.env.GOLDEN_PATH_SRC;
// Registered only when a source directory is given, so nothing is silently skipped in the default run.
if (goldenPathSrc) {
  describe(`the golden path holds for ${path.resolve(goldenPathSrc)}`, () => {
    let result: ScenarioResult;
    beforeAll(async () => {
      result = await runGoldenPathScenario(goldenPathSrc);
      reports.target = result;
    });

    it.each(Object.values(STEPS))('%s', (name) => {
      const outcome = step(result, name);
      expect(outcome.ok, outcome.detail).toBe(true);
      if (outcome.closeCode !== undefined) expect(outcome.closeCode).not.toBe(1011);
    });
  });
}
