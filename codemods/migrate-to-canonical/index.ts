/**
 * jscodeshift transform: the same migration as `jwt-ssot migrate`, for people who drive codemods with
 * the jscodeshift CLI. It does not use jscodeshift's parser or printer: the shared core edits the text by
 * range, so the file's formatting survives. Shipped compiled (CommonJS) so `--no-babel` works:
 *
 *   npx jscodeshift --no-babel -t node_modules/eslint-plugin-jwt-ssot/dist/codemods/migrate-to-canonical/index.js src
 *
 * Options (jscodeshift passes unknown flags through):
 *   --config=FILE     the ESLint config whose settings['jwt-ssot'] to use (default: ESLint's own lookup from cwd)
 *   --settings=JSON   the settings inline: `{"canonical":{…}}` or `{"jwt-ssot":{…}}` (root: --root or cwd)
 *   --root=DIR        where relative paths in --settings start
 */
import '../../packages/plugin/supported-runtime.js';
import path from 'node:path';
import type { API, FileInfo, Options } from 'jscodeshift';
import { readSettings, SETTINGS_KEY, type Settings } from '../../packages/engine/index.js';
import { loadCliConfig } from '../../packages/cli/config.js';
import { MigrationProject } from '../../packages/rewrite/index.js';

const projects = new Map<Settings, MigrationProject>();
const configs = new Map<string, ReturnType<typeof loadCliConfig>>();

async function settingsFor(file: string, options: Options): Promise<Settings> {
  if (typeof options.settings === 'string' || typeof options.settings === 'object') {
    const raw = typeof options.settings === 'string' ? JSON.parse(options.settings) : options.settings;
    const wrapped = raw && typeof raw === 'object' && SETTINGS_KEY in raw ? raw : { [SETTINGS_KEY]: raw };
    return readSettings(wrapped, path.resolve(typeof options.root === 'string' ? options.root : process.cwd()));
  }
  const configFile = typeof options.config === 'string' ? options.config : undefined;
  const key = configFile ?? '';
  let pending = configs.get(key);
  if (!pending) {
    pending = loadCliConfig({ cwd: process.cwd(), configFile });
    configs.set(key, pending);
  }
  return (await pending).settingsFor(file);
}

export default async function transform(file: FileInfo, api: API, options: Options): Promise<string | undefined> {
  const filename = path.resolve(file.path);
  const settings = await settingsFor(filename, options);
  if (!settings.canonical) {
    throw new Error(`settings['jwt-ssot'].canonical is not set; pass --config=<eslint config> or --settings='{"canonical":{…}}'.`);
  }
  let project = projects.get(settings);
  if (!project) {
    project = new MigrationProject(settings);
    projects.set(settings, project);
  }
  const result = project.migrate(filename, file.source);
  // api.report exists only under the jscodeshift runner (not in its test utilities).
  const report = typeof api.report === 'function' ? api.report : undefined;
  for (const followUp of result.followUps) report?.(`${file.path}:${followUp.line}: follow-up: ${followUp.reason}`);
  return result.changed ? result.text : undefined;
}
