/**
 * The user's settings and rules, as the lint rules see them. The CLI asks ESLint itself (its config
 * lookup, `calculateConfigForFile`, `ignores`) rather than re-implementing flat config, so `jwt-ssot audit`
 * and `eslint` read the same `settings['jwt-ssot']`, the same jwt-ssot rule entries and the same ignores
 * for every file and folder. ESLint is loaded lazily: `--help` and the commands that never need a config
 * pay nothing for it.
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
  /**
   * The jwt-ssot rule entries (`'jwt-ssot/<id>'` → `[severity, options?]`) ESLint computes for the file,
   * the same object for files under the same config entries; empty when the config sets none.
   */
  ruleEntriesFor(file: string): Promise<Readonly<Record<string, RuleEntry>>>;
  /** True when the ESLint config's `ignores` exclude the file. */
  isIgnored(file: string): Promise<boolean>;
  /**
   * True when ESLint would not enter the folder: its `ignores` (from the config that applies to the
   * folder's parent, so a nested config inside an ignored folder is never loaded) exclude it.
   */
  isDirectoryIgnored(dir: string): Promise<boolean>;
}

/** A rule entry as ESLint's calculated config holds it: `[severity, ...options]`, or a bare severity. */
export type RuleEntry = unknown;

/** The prefix of the plugin's rule ids in a config. */
const RULE_PREFIX = 'jwt-ssot/';

/** The names ESLint looks up, in its order (a folder holding one of them has its own config in ESLint 10). */
const CONFIG_FILE_NAMES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

// Every extension the audit reads; ESLint only configures .js/.mjs/.cjs by default, so without this an
// unconfigured .ts file would look "ignored" to `calculateConfigForFile`.
const AUDITED_FILES = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];

/**
 * ESLint has no public "is this folder ignored"; `calculateConfigForFile` of a file directly inside it
 * answers the same (ESLint checks the file's folder first), provided the file is configured and no
 * file-level ignore matches it. This name, with an extension nobody's patterns name, is both.
 */
const FOLDER_PROBE = '__jwt_ssot_folder_probe__.jwt-ssot-probe';
const PROBED_FILES = [...AUDITED_FILES, `**/${FOLDER_PROBE}`];

type ESLintClass = typeof import('eslint').ESLint;
type ESLintInstance = InstanceType<ESLintClass>;

/** What the CLI reads of `calculateConfigForFile`'s answer. */
interface CalculatedConfig {
  readonly settings?: Record<string, unknown>;
  readonly rules?: Record<string, RuleEntry>;
}

function wrapSettingsError(error: unknown, configFile: string | undefined): never {
  if (error instanceof SettingsError) {
    throw new UsageError(`${configFile ?? 'default settings'}: ${error.message} (key: ${error.key || '(root)'})`);
  }
  throw error;
}

const NO_RULES: Readonly<Record<string, RuleEntry>> = Object.freeze({});

/** Defaults when no ESLint config exists: every path relative to cwd, nothing ignored by ESLint. */
function defaultConfig(cwd: string, note: string): CliConfig {
  const settings = readSettings(undefined, cwd);
  return {
    root: cwd,
    notes: [note],
    settingsFor: async () => settings,
    ruleEntriesFor: async () => NO_RULES,
    isIgnored: async () => false,
    isDirectoryIgnored: async () => false,
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
    eslint = new ESLint({ cwd, overrideConfigFile, overrideConfig: { files: PROBED_FILES } });
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
  const configs = new Map<string, Promise<CalculatedConfig | undefined>>();
  const configOf = (file: string): Promise<CalculatedConfig | undefined> => {
    const absolute = path.resolve(cwd, file);
    let pending = configs.get(absolute);
    if (!pending) {
      pending = eslint.calculateConfigForFile(absolute).catch(async (error: unknown) => {
        // Name the config that failed: with ESLint 10's lookup it may be a nested one.
        const used = overrideConfigFile ?? (await eslint.findConfigFile(absolute)) ?? configFile;
        throw new UsageError(`Invalid ESLint config ${used}: ${(error as Error).message.split('\n')[0]}`);
      }) as Promise<CalculatedConfig | undefined>;
      configs.set(absolute, pending);
    }
    return pending;
  };

  // The jwt-ssot entries of each distinct calculated config, picked out once.
  const ruleEntries = new WeakMap<object, Readonly<Record<string, RuleEntry>>>();
  const ruleEntriesOf = (config: CalculatedConfig | undefined): Readonly<Record<string, RuleEntry>> => {
    const rules = config?.rules;
    if (!rules) return NO_RULES;
    let entries = ruleEntries.get(rules);
    if (!entries) {
      entries = Object.freeze(Object.fromEntries(Object.entries(rules).filter(([id]) => id.startsWith(RULE_PREFIX))));
      ruleEntries.set(rules, entries);
    }
    return entries;
  };

  // A folder with its own config: ESLint 10 decides whether to enter it with the parent's config, which
  // an instance pinned to that config file reproduces (its cwd is the file's folder, as in a lookup).
  const pinned = new Map<string, ESLintInstance>();
  const pinnedTo = (file: string): ESLintInstance => {
    let instance = pinned.get(file);
    if (!instance) {
      instance = new ESLint({ cwd: path.dirname(file), overrideConfigFile: file, overrideConfig: { files: PROBED_FILES } });
      pinned.set(file, instance);
    }
    return instance;
  };
  // A probe's config can fail to merge where no real file's does (a `rules` entry for a plugin that the
  // config declares only for source files): ESLint checks ignores before merging, so a failure means
  // "not ignored", and a config that cannot load at all fails on the folder's own files instead.
  const probes = new Map<string, Promise<boolean>>();
  const probeIgnored = (instance: ESLintInstance, probe: string, key: string): Promise<boolean> => {
    let pending = probes.get(key);
    if (!pending) {
      pending = instance.calculateConfigForFile(probe).then(
        (config: unknown) => config === undefined,
        () => false,
      );
      probes.set(key, pending);
    }
    return pending;
  };
  const isDirectoryIgnored = async (dir: string): Promise<boolean> => {
    const absolute = path.resolve(cwd, dir);
    const probe = path.join(absolute, FOLDER_PROBE);
    const hasOwnConfig = overrideConfigFile === undefined && CONFIG_FILE_NAMES.some((name) => fs.existsSync(path.join(absolute, name)));
    if (!hasOwnConfig) return probeIgnored(eslint, probe, probe);
    const parentConfig = await eslint.findConfigFile(absolute);
    if (parentConfig === undefined) return false;
    return probeIgnored(pinnedTo(parentConfig), probe, `${parentConfig}\0${probe}`);
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
    async ruleEntriesFor(file) {
      return ruleEntriesOf(await configOf(file));
    },
    async isIgnored(file) {
      return (await configOf(file)) === undefined;
    },
    isDirectoryIgnored,
  };
}
