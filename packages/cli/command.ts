/**
 * The one frame every `jwt-ssot` command runs in: argument parsing (node:util parseArgs), `--help`, usage
 * errors and exit codes are written here once. A command declares its name, summary, help text and
 * options, and a `run` that gets the parsed values; the frame turns bad usage into
 * `jwt-ssot <command>: <message>` on stderr and exit 2.
 */
import { parseArgs } from 'node:util';
import { SettingsError } from '../engine/settings.js';
import { processIo, type CommandIo } from './io.js';

/** Clean (audit, merge-reports) or done (migrate, init). */
export const EXIT_OK = 0;
/** The gate failed: findings or files not analysed (audit, merge-reports); a run that errored (migrate, init). */
export const EXIT_FAILED = 1;
/** Bad usage, invalid settings, or a precondition the user must fix first. */
export const EXIT_USAGE = 2;

/** Bad usage or invalid settings: the frame prints the message (without the help text) and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

export type OptionsTable = Readonly<Record<string, OptionSpec>>;

/** What parseArgs returns for an options table: every option may be absent. */
export type OptionValues<O extends OptionsTable> = { -readonly [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean };

export interface CommandSpec<O extends OptionsTable> {
  readonly name: string;
  /** One line, for `jwt-ssot --help`. */
  readonly summary: string;
  /** Printed by `--help`, and after a parse error. */
  readonly help: string;
  /** The command's flags; the frame adds `-h, --help`. */
  readonly options: O;
  /** Whether the command takes paths or files after its flags. */
  readonly positionals: boolean;
  /** Returns the exit code; throws UsageError (or SettingsError) for exit 2. */
  run(values: OptionValues<O>, positionals: string[], io: CommandIo): Promise<number>;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(argv: readonly string[], io?: CommandIo): Promise<number>;
}

export function defineCommand<const O extends OptionsTable>(spec: CommandSpec<O>): Command {
  const prefix = `jwt-ssot ${spec.name}`;
  return {
    name: spec.name,
    summary: spec.summary,
    help: spec.help,
    async run(argv, io = processIo()) {
      let values: OptionValues<O> & { help?: boolean };
      let positionals: string[];
      try {
        ({ values, positionals } = parseArgs({
          args: [...argv],
          allowPositionals: spec.positionals,
          strict: true,
          options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
        }) as { values: OptionValues<O> & { help?: boolean }; positionals: string[] });
      } catch (error) {
        io.stderr.write(`${prefix}: ${(error as Error).message}\n\n${spec.help}`);
        return EXIT_USAGE;
      }
      if (values.help) {
        io.stdout.write(spec.help);
        return EXIT_OK;
      }
      try {
        return await spec.run(values, positionals, io);
      } catch (error) {
        if (error instanceof UsageError || error instanceof SettingsError) {
          io.stderr.write(`${prefix}: ${error.message}\n`);
          return EXIT_USAGE;
        }
        throw error;
      }
    },
  };
}

/** A command by name, loaded only when used: `jwt-ssot audit` never loads ts-morph. */
export type CommandTable = Readonly<Record<string, () => Command>>;

function programUsage(commands: CommandTable): string {
  const lines = ['Usage: jwt-ssot <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) {
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

/** `jwt-ssot <command> ...`: the program-level help, `--version` and dispatch. */
export async function runProgram(
  argv: readonly string[],
  program: { commands: CommandTable; version: () => string },
  io: CommandIo = processIo(),
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${programUsage(program.commands)}\n`);
    return name ? EXIT_OK : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${program.version()}\n`);
    return EXIT_OK;
  }
  const load = Object.hasOwn(program.commands, name) ? program.commands[name] : undefined;
  if (!load) {
    io.stderr.write(`jwt-ssot: unknown command '${name}'\n\n${programUsage(program.commands)}\n`);
    return EXIT_USAGE;
  }
  return load().run(rest, io);
}
