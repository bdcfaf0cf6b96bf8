/** The codemod fixture pairs: `<case>.input.<ext>` / `<case>.output.<ext>` (+ optional `<case>.options.json`). */
import fs from 'node:fs';
import path from 'node:path';
import { readSettings, type Settings } from '../../packages/engine/index.js';
import type { CanonicalShape } from '../../packages/rewrite/index.js';
import { FIXTURES, SETTINGS } from '../rule-tester.js';

export const CASES_DIR = path.join(__dirname, 'migrate-to-canonical');

/** What the fixtures' canonical validator enforces (the tests state it rather than learning it). */
export const BASE_SHAPE: CanonicalShape = {
  verifyAsync: false,
  verifyReturns: 'payload',
  verifyGeneric: false,
  decodeAsync: false,
  decodeGeneric: false,
  secretEnv: ['JWT_SECRET'],
  verifyOptions: { algorithms: "['HS256']" },
  source: 'test',
};

export interface FixtureCase {
  readonly name: string;
  readonly ext: string;
  readonly inputPath: string;
  readonly outputPath: string;
  /** Where the code pretends to live (the relative canonical import depends on it). */
  readonly file: string;
  readonly settings: Settings;
  readonly rawSettings: Record<string, unknown>;
  readonly shape: CanonicalShape;
}

interface CaseOptions {
  readonly shape?: Partial<CanonicalShape>;
  readonly canonical?: Record<string, unknown>;
}

export function listCases(): FixtureCase[] {
  return fs
    .readdirSync(CASES_DIR)
    .filter((name) => /\.input\.\w+$/.test(name))
    .sort()
    .map((inputName) => {
      const [, name, ext] = /^(.+)\.input\.(\w+)$/.exec(inputName)!;
      const optionsPath = path.join(CASES_DIR, `${name}.options.json`);
      const options: CaseOptions = fs.existsSync(optionsPath) ? JSON.parse(fs.readFileSync(optionsPath, 'utf8')) : {};
      const base = SETTINGS['jwt-ssot'];
      const rawSettings = { 'jwt-ssot': { ...base, canonical: { ...base.canonical, ...options.canonical } } };
      return {
        name: name!,
        ext: ext!,
        inputPath: path.join(CASES_DIR, inputName),
        outputPath: path.join(CASES_DIR, `${name}.output.${ext}`),
        file: path.join(FIXTURES, 'src', `${name}.${ext}`),
        settings: readSettings(rawSettings, FIXTURES),
        rawSettings,
        shape: { ...BASE_SHAPE, ...options.shape },
      };
    });
}
