/**
 * Lints one in-memory file the way a user's `eslint .` would: ESLint's Linter, the plugin's
 * `configs.recommended` and a canonical-module setting. Shared by the evasion and property tests.
 */
import path from 'node:path';
import { Linter } from 'eslint';
import plugin from '../../packages/plugin/index.js';

/** A project root that exists only in name: untyped linting never reads other files. */
export const PROJECT_ROOT = path.join(__dirname, 'project');

export const SETTINGS = {
  'jwt-ssot': {
    root: PROJECT_ROOT,
    canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } },
    allow: ['test/**'],
  },
};

export interface LintMessage {
  readonly rule: string;
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const linter = new Linter({ cwd: PROJECT_ROOT });
const config: Linter.Config[] = [plugin.configs.recommended, { settings: SETTINGS }];

/** Lints `code` as `relativeFile` under PROJECT_ROOT; throws on parse errors (a broken fixture is a test bug). */
export function lint(relativeFile: string, code: string): LintMessage[] {
  const filename = path.join(PROJECT_ROOT, relativeFile);
  const messages = linter.verify(code, config, { filename });
  const fatal = messages.find((message) => message.fatal || !message.ruleId);
  if (fatal) throw new Error(`${relativeFile}:${fatal.line}: ${fatal.message}`);
  return messages.map((message) => ({
    rule: message.ruleId!.replace(/^jwt-ssot\//, ''),
    messageId: message.messageId ?? '',
    line: message.line,
    column: message.column,
    message: message.message,
  }));
}
