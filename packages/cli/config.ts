/**
 * The user's settings, as the lint rules see them. The CLI asks ESLint itself (its config lookup,
 * `calculateConfigForFile`, `ignores`) rather than re-implementing flat config, so `jwt-ssot audit` and
 * `eslint` read the same `settings['jwt-ssot']` for every file. ESLint is loaded lazily: `--help` and the
 * commands that never need a config pay nothing for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readSettings, SettingsError, type Settings } from '../engine/index.js';
import { UsageError } from './command.js';

export interface CliConfig {
  /** Where relative setting paths start: the config file's folder, or cwd when there is no config. */
  readonly root: string;
  /** The ESLint config file in use (absolute), if any. */
  readonly configFile?: string;
  /** Things worth telling the user once (e.g. "no ESLint config found, using defaults"). */
  readonly notes: readonly string[];
  settingsFor(file: string): Promise<Settings>;
  /** True when the ESLint config's `ignores` exclude the file. */
  isIgnored(file: string): Promise<boolean>;
}

// Every extension the audit reads; ESLint only configures .js/.mjs/.cjs by default, so without this an
// unconfigured .ts file would look "ignored" to `calculateConfigForFile`.
const AUDITED_FILES = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];

type ESLintClass = typeof import('eslint').ESLint;
type ESLintInstance = InstanceType<ESLintClass>;

function wrapSettingsError(error: unknown, configFile: string | undefined): never {
  if (error instanceof SettingsError) {
    throw new UsageError(`${configFile ?? 'default settings'}: ${error.message} (key: ${error.key || '(root)'})`);
  }
  throw error;
}

/** Defaults when no ESLint config exists: every path relative to cwd, nothing ignored by ESLint. */
function defaultConfig(cwd: string, note: string): CliConfig {
  const settings = readSettings(undefined, cwd);
  return {
    root: cwd,
    notes: [note],
    settingsFor: async () => settings,
    isIgnored: async () => false,
  };
}

export async function loadCliConfig(options: { cwd: string; configFile?: string }): Promise<CliConfig> {
  const cwd = path.resolve(options.cwd);
  const overrideConfigFile = options.configFile === undefined ? undefined : path.resolve(cwd, options.configFile);
  if (overrideConfigFile !== undefined && !fs.existsSync(overrideConfigFile)) {
    throw new UsageError(`--config ${options.configFile}: file not found (${overrideConfigFile})`);
  }
  const { ESLint } = require('eslint') as { ESLint: ESLintClass };
  let eslint: ESLintInstance;
  try {
    eslint = new ESLint({ cwd, overrideConfigFile, overrideConfig: { files: AUDITED_FILES } });
  } catch (error) {
    throw new UsageError(`Cannot use ESLint with ${overrideConfigFile ?? cwd}: ${(error as Error).message}`);
  }
  const configFile = overrideConfigFile ?? (await eslint.findConfigFile());
  if (configFile === undefined) {
    return defaultConfig(cwd, `No ESLint config file found from ${cwd}; using default jwt-ssot settings rooted there.`);
  }
  const root = path.dirname(configFile);

  // calculateConfigForFile returns the same object for files matched by the same config entries, so
  // these caches stay small; validating settings once per settings object is readSettings' own cache.
  const configs = new Map<string, Promise<{ settings?: Record<string, unknown> } | undefined>>();
  const configOf = (file: string): Promise<{ settings?: Record<string, unknown> } | undefined> => {
    const absolute = path.resolve(cwd, file);
    let pending = configs.get(absolute);
    if (!pending) {
      pending = eslint.calculateConfigForFile(absolute).catch((error: unknown) => {
        throw new UsageError(`Invalid ESLint config ${configFile}: ${(error as Error).message.split('\n')[0]}`);
      }) as Promise<{ settings?: Record<string, unknown> } | undefined>;
      configs.set(absolute, pending);
    }
    return pending;
  };
  const rootsByConfigFile = new Map<string, Promise<string>>();
  const rootFor = async (file: string): Promise<string> => {
    if (overrideConfigFile) return root;
    // ESLint 10 looks the config up from each file's folder, so nested configs root their own paths.
    const dir = path.dirname(path.resolve(cwd, file));
    let pending = rootsByConfigFile.get(dir);
    if (!pending) {
      pending = eslint.findConfigFile(path.join(dir, '__jwt_ssot__.js')).then((found) => (found ? path.dirname(found) : root));
      rootsByConfigFile.set(dir, pending);
    }
    return pending;
  };

  // Validate the settings up front so a typo fails fast with exit 2, before any scanning.
  try {
    const probe = await configOf(path.join(root, '__jwt_ssot__.js'));
    if (probe) readSettings(probe.settings, root);
  } catch (error) {
    wrapSettingsError(error, configFile);
  }

  return {
    root,
    configFile,
    notes: [],
    async settingsFor(file) {
      const config = await configOf(file);
      try {
        return readSettings(config?.settings, await rootFor(file));
      } catch (error) {
        return wrapSettingsError(error, configFile);
      }
    },
    async isIgnored(file) {
      return (await configOf(file)) === undefined;
    },
  };
}
