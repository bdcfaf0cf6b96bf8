import type { TSESLint } from '@typescript-eslint/utils';
import { readSettings, type Settings } from '../../packages/engine/index.js';

/** The plugin's settings for this lint run (validated and cached by the engine). */
export function getSettings(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): Settings {
  return readSettings(context.settings, context.cwd);
}
