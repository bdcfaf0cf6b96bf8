#!/usr/bin/env node
// `npm run demo`: lints the bundled example service (test/fixtures/demo-app) with the BUILT plugin's
// recommended preset through ESLint's JS API, prints the findings by file, and checks that every planted
// bypass was found and the files that follow the rules stayed clean. Exit 0 on success, 1 otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const demoApp = path.join(repo, 'test', 'fixtures', 'demo-app');
const builtPlugin = path.join(repo, 'dist', 'packages', 'plugin', 'main.js');

// What each file of the demo app is expected to trigger (rule ids without the prefix).
const EXPECTED = {
  'src/ws/user-context.ts': ['no-auth-import-bypass', 'no-direct-verify', 'no-direct-decode', 'no-jwt-secret-access', 'no-unsafe-verify-options'],
  'src/routes/admin.ts': ['no-auth-import-bypass', 'no-direct-verify', 'no-jwt-secret-access'],
  'src/middleware/legacy-auth.js': ['no-direct-decode'],
  'src/billing/invoices.ts': ['no-auth-import-bypass'],
};
const CLEAN = ['src/auth/jwt-handler.ts', 'src/auth/index.ts', 'src/auth/internal/keys.ts', 'src/routes/health.ts', 'test/tokens.ts'];

// The settings a project puts in settings['jwt-ssot'] of its eslint.config.js.
const SETTINGS = {
  'jwt-ssot': {
    root: demoApp,
    canonical: { module: 'src/auth/jwt-handler.ts', exports: { verify: 'validateToken', decode: 'decodeToken' } },
    allow: ['test/**'],
    authModules: [{ entry: 'src/auth/index.ts', private: ['src/auth/internal/**'] }],
  },
};

async function main() {
  if (!fs.existsSync(builtPlugin)) {
    console.error(`The plugin is not built (${path.relative(repo, builtPlugin)} is missing); run \`npm run demo\`, which builds first.`);
    return 1;
  }
  const { default: plugin } = await import(builtPlugin);
  const eslint = new ESLint({
    cwd: demoApp,
    // The demo brings its whole config; the repository's own eslint.config.mjs must not apply.
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended, { settings: SETTINGS }],
  });
  const results = await eslint.lintFiles(['.']);

  console.log(`jwt-ssot demo: ${path.relative(repo, demoApp)} linted with ${plugin.configs.recommended.name}`);
  console.log(`Canonical validator: ${SETTINGS['jwt-ssot'].canonical.module} (validateToken, decodeToken)\n`);

  const found = new Map();
  let total = 0;
  let fatal = 0;
  for (const result of results.sort((a, b) => a.filePath.localeCompare(b.filePath))) {
    const file = path.relative(demoApp, result.filePath).split(path.sep).join('/');
    found.set(file, new Set(result.messages.map((message) => message.ruleId?.replace(/^jwt-ssot\//, ''))));
    if (result.messages.length === 0) continue;
    console.log(file);
    for (const message of result.messages) {
      if (message.fatal) fatal++;
      const extras = [message.fix ? 'fixable' : '', message.suggestions?.length ? 'suggestion' : ''].filter(Boolean).join(', ');
      const where = `${message.line}:${message.column}`.padEnd(7);
      const rule = (message.ruleId ?? 'error').padEnd(35);
      console.log(`  ${where}${rule}${message.message}${extras ? ` (${extras})` : ''}`);
      total++;
    }
    console.log('');
  }
  const withFindings = results.filter((result) => result.messages.length > 0).length;
  console.log(`${total} finding(s) in ${withFindings} of ${results.length} file(s).`);

  const problems = [];
  if (fatal > 0) problems.push(`${fatal} file(s) failed to parse`);
  for (const [file, ruleIds] of Object.entries(EXPECTED)) {
    if (!found.has(file)) problems.push(`${file} was not linted`);
    for (const ruleId of ruleIds) if (!found.get(file)?.has(ruleId)) problems.push(`${file}: expected a ${ruleId} finding`);
  }
  for (const file of CLEAN) {
    if (!found.has(file)) problems.push(`${file} was not linted`);
    else if (found.get(file).size > 0) problems.push(`${file} should be clean, but has ${[...found.get(file)].join(', ')}`);
  }
  if (problems.length > 0) {
    console.error(`\nThe demo did not go as expected:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    return 1;
  }
  console.log(`Every planted bypass was found; the canonical module, the auth entry, its users and test/** are clean.`);
  return 0;
}

process.exitCode = await main();
