#!/usr/bin/env node
/**
 * `jwt-ssot`: the command-line face of the engine. Each command lives in commands/<name>.ts and is
 * loaded only when used, so `jwt-ssot audit` never pays for ts-morph and `--help` pays for nothing.
 */
import { packageInfo } from '../engine/package-info.js';

export interface Command {
  readonly summary: string;
  /** Returns the process exit code. */
  run(argv: readonly string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Command> = {
  audit: () => require('./commands/audit.js').default as Command,
  migrate: () => require('./commands/migrate.js').default as Command,
  init: () => require('./commands/init.js').default as Command,
  'merge-reports': () => require('./commands/merge-reports.js').default as Command,
};

export const USAGE_ERROR = 2;

function usage(): string {
  const lines = ['Usage: jwt-ssot <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    let summary = '';
    try {
      summary = load().summary;
    } catch {
      summary = '(not available in this build)';
    }
    lines.push(`  ${name.padEnd(14)} ${summary}`);
  }
  lines.push('', 'Run `jwt-ssot <command> --help` for its options.');
  return lines.join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : USAGE_ERROR;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${packageInfo().version}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`jwt-ssot: unknown command '${name}'\n\n${usage()}\n`);
    return USAGE_ERROR;
  }
  return load().run(rest);
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
      process.exitCode = USAGE_ERROR;
    },
  );
}
