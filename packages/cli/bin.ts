#!/usr/bin/env node
/**
 * `jwt-ssot`: the command-line face of the engine. Each command lives in commands/<name>.ts and runs in
 * the frame of command.ts; it is loaded only when used, so `jwt-ssot audit` never pays for ts-morph and
 * `--help` loads neither ESLint nor ts-morph.
 */
import './compile-cache.js';
import { packageInfo } from '../engine/package-info.js';
import { assertSupportedRuntime } from '../engine/requirements.js';
import { EXIT_USAGE, runProgram, type Command, type CommandTable } from './command.js';

const COMMANDS: CommandTable = {
  audit: () => require('./commands/audit.js').default as Command,
  migrate: () => require('./commands/migrate.js').default as Command,
  init: () => require('./commands/init.js').default as Command,
  'merge-reports': () => require('./commands/merge-reports.js').default as Command,
};

/** Commands that parse code: they need a supported TypeScript and ESLint, checked before they load the parser. */
const PARSING_COMMANDS = new Set(['audit', 'migrate', 'init']);

export async function main(argv: readonly string[]): Promise<number> {
  // One line instead of the parser stack's crash on TypeScript 7 (see engine/requirements.ts).
  if (PARSING_COMMANDS.has(argv[0] ?? '')) assertSupportedRuntime({ eslint: true });
  return runProgram(argv, { commands: COMMANDS, version: () => packageInfo().version });
}

if (require.main === module) {
  // `jwt-ssot audit | head` closes our stdout early: that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`jwt-ssot: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
