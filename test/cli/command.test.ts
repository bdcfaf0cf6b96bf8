/** The command frame every `jwt-ssot` command runs in (packages/cli/command.ts). */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineCommand, EXIT_FAILED, EXIT_OK, EXIT_USAGE, runProgram, UsageError, type Command } from '../../packages/cli/command.js';
import { SettingsError } from '../../packages/engine/index.js';
import auditCommand from '../../packages/cli/commands/audit.js';
import initCommand from '../../packages/cli/commands/init.js';
import mergeReportsCommand from '../../packages/cli/commands/merge-reports.js';
import migrateCommand from '../../packages/cli/commands/migrate.js';
import { BIN, ensureBuilt, runInProcess } from './helpers.js';

const HELP = 'Usage: jwt-ssot greet <names...> [options]\n';

function greet(onRun?: () => never): Command {
  return defineCommand({
    name: 'greet',
    summary: 'Say hello',
    help: HELP,
    positionals: true,
    options: { loud: { type: 'boolean', short: 'l' }, greeting: { type: 'string' } },
    async run(values, positionals, io) {
      onRun?.();
      if (positionals.length === 0) throw new UsageError('Give a name.');
      const text = `${values.greeting ?? 'hello'} ${positionals.join(' ')}`;
      io.stdout.write(`${values.loud ? text.toUpperCase() : text}\n`);
      return positionals.includes('nobody') ? EXIT_FAILED : EXIT_OK;
    },
  });
}

const run = (command: Command, argv: readonly string[]) => runInProcess((args, io) => command.run(args, io), '/', argv);

describe('defineCommand', () => {
  it('parses the options table and positionals and returns run’s exit code', async () => {
    expect(await run(greet(), ['-l', '--greeting', 'hi', 'ada'])).toEqual({ code: EXIT_OK, stdout: 'HI ADA\n', stderr: '' });
    expect((await run(greet(), ['nobody'])).code).toBe(EXIT_FAILED);
  });

  it('prints --help (and -h) on stdout with exit 0, without running the command', async () => {
    const never = () => {
      throw new Error('ran');
    };
    expect(await run(greet(never), ['--help'])).toEqual({ code: EXIT_OK, stdout: HELP, stderr: '' });
    expect(await run(greet(never), ['-h', 'ada'])).toEqual({ code: EXIT_OK, stdout: HELP, stderr: '' });
  });

  it('turns an unknown flag into `jwt-ssot <command>: <message>` and the help on stderr, exit 2', async () => {
    const result = await run(greet(), ['--frobnicate']);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^jwt-ssot greet: Unknown option '--frobnicate'/);
    expect(result.stderr.endsWith(`\n\n${HELP}`)).toBe(true);
  });

  it('turns a UsageError or a SettingsError from run into its message on stderr, exit 2, without the help', async () => {
    expect(await run(greet(), [])).toEqual({ code: EXIT_USAGE, stdout: '', stderr: 'jwt-ssot greet: Give a name.\n' });
    const settings = greet(() => {
      throw new SettingsError('canonical.module', 'expected a string');
    });
    expect(await run(settings, ['ada'])).toEqual({ code: EXIT_USAGE, stdout: '', stderr: "jwt-ssot greet: Invalid settings['jwt-ssot'].canonical.module: expected a string\n" });
  });

  it('lets other errors through: they are bugs, not usage', async () => {
    const broken = greet(() => {
      throw new TypeError('boom');
    });
    await expect(run(broken, ['ada'])).rejects.toThrow('boom');
  });

  it('is the frame of all four commands, each under its own name', () => {
    expect([auditCommand, migrateCommand, initCommand, mergeReportsCommand].map((command) => command.name)).toEqual(['audit', 'migrate', 'init', 'merge-reports']);
  });
});

describe('runProgram', () => {
  const program = { commands: { greet: () => greet() }, version: () => '9.9.9' };
  const runMain = (argv: readonly string[]) => runInProcess((args, io) => runProgram(args, program, io), '/', argv);

  it('lists the commands with their summaries', async () => {
    const result = await runMain(['--help']);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toContain('  greet          Say hello\n');
    expect((await runMain([])).code).toBe(EXIT_USAGE);
  });

  it('prints the version, dispatches, and refuses an unknown command with exit 2', async () => {
    expect((await runMain(['--version'])).stdout).toBe('9.9.9\n');
    expect((await runMain(['greet', 'ada'])).stdout).toBe('hello ada\n');
    const unknown = await runMain(['greeet']);
    expect(unknown.code).toBe(EXIT_USAGE);
    expect(unknown.stderr).toMatch(/^jwt-ssot: unknown command 'greeet'\n\nUsage: jwt-ssot <command>/);
    expect((await runMain(['toString'])).code).toBe(EXIT_USAGE);
  });
});

describe('jwt-ssot --help', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('loads neither ESLint nor ts-morph', () => {
    const probe = [
      `require(${JSON.stringify(BIN)}).main(['--help']).then((code) => {`,
      "  const heavy = Object.keys(require.cache).filter((file) => /[\\\\/]node_modules[\\\\/](eslint|ts-morph)[\\\\/]/.test(file));",
      '  process.stderr.write(JSON.stringify({ code, heavy }));',
      '});',
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(result.stdout).toMatch(/merge-reports +Join the JSON or SARIF reports/);
    expect(JSON.parse(result.stderr)).toEqual({ code: 0, heavy: [] });
  });
});
