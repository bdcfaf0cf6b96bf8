/** The one-line refusal of an unsupported TypeScript or ESLint, before the parser stack loads. */
import { describe, expect, it } from 'vitest';
import { assertSupportedRuntime, eslintProblem, RequirementError, SUPPORTED_TYPESCRIPT, typescriptProblem, type VersionLookup } from '../../packages/engine/requirements.js';

const versions =
  (typescript: string | undefined, eslint: string | undefined): VersionLookup =>
  (name) =>
    name === 'typescript' ? typescript : eslint;

describe('supported runtime', () => {
  it.each(['5.0.4', '5.4.5', '5.9.3', '6.0.3', '6.0.0-beta'])('accepts TypeScript %s', (version) => {
    expect(typescriptProblem(versions(version, '10.0.0'))).toBeUndefined();
  });

  it.each([
    ['7.0.2', /has TypeScript 7\.0\.2, which has no JavaScript API: .*npm install --save-dev typescript@~6\.0 @typescript\/native@npm:typescript@\^7$/],
    ['6.1.0', /has TypeScript 6\.1\.0: npm install --save-dev typescript@~6\.0 \(or any 5\.x\)$/],
    ['4.9.5', /has TypeScript 4\.9\.5: npm install/],
    [undefined, /and none is installed: npm install --save-dev typescript@~6\.0$/],
  ])('refuses TypeScript %s in one line naming the range and the fix', (version, message) => {
    const problem = typescriptProblem(versions(version, '10.0.0'))!;
    expect(problem).toMatch(message);
    expect(problem).toContain(`needs TypeScript ${SUPPORTED_TYPESCRIPT}`);
    expect(problem).not.toContain('\n');
  });

  it.each(['9.0.0', '9.39.1', '10.15.0'])('accepts ESLint %s', (version) => {
    expect(eslintProblem(versions('6.0.3', version))).toBeUndefined();
  });

  it.each([
    ['7.32.0', /needs ESLint 9 or 10 with a flat config \(eslint\.config\.\*\), but the project has ESLint 7\.32\.0: .*eslint\.config\.mjs$/],
    ['8.57.1', /has ESLint 8\.57\.1/],
    [undefined, /and none is installed: npm install --save-dev eslint@\^10$/],
  ])('refuses ESLint %s in one line', (version, message) => {
    expect(eslintProblem(versions('6.0.3', version))).toMatch(message);
  });

  it('throws a RequirementError whose stack is the one line, TypeScript first', () => {
    let thrown: unknown;
    try {
      assertSupportedRuntime({ eslint: true }, versions('7.0.2', '7.32.0'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RequirementError);
    expect((thrown as Error).stack).toBe((thrown as Error).message);
    expect((thrown as Error).message).toContain('TypeScript 7.0.2');
    expect(() => assertSupportedRuntime({ eslint: false }, versions('6.0.3', '7.32.0'))).not.toThrow();
    expect(() => assertSupportedRuntime({ eslint: true }, versions('6.0.3', '10.0.0'))).not.toThrow();
  });

  it('finds the TypeScript and ESLint this repository runs with, and accepts them', () => {
    expect(() => assertSupportedRuntime({ eslint: true })).not.toThrow();
  });
});
