import meow from 'meow';
import { readFileSync, statSync } from 'node:fs';
import { commands, findCommand, type CommandSpec } from './commands/registry.js';
import type { CommandContext, Flags, Io } from './runtime/context.js';
import { UsageError, UserError, oneLine } from './runtime/errors.js';
import { resolvePaths } from './runtime/paths.js';
import type { Db } from './store/db.js';

const flagSpec = {
  home: { type: 'string' },
  root: { type: 'string' },
  db: { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean', default: false },
  color: { type: 'boolean', default: true },
  help: { type: 'boolean', default: false, shortFlag: 'h' },
  version: { type: 'boolean', default: false },
  dryRun: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false, shortFlag: 'y' },
  project: { type: 'string' },
  minConfidence: { type: 'number' },
  trainUntil: { type: 'string' },
  days: { type: 'number' },
  write: { type: 'boolean', default: false },
  check: { type: 'boolean', default: false },
  target: { type: 'string' },
  packages: { type: 'string' },
  flake: { type: 'string' },
  nixFile: { type: 'string' },
  remove: { type: 'boolean', default: false },
  postRebuild: { type: 'boolean', default: false },
  includeCleanup: { type: 'boolean', default: false },
  port: { type: 'number' },
  printEnv: { type: 'boolean', default: false },
  keep: { type: 'boolean', default: false },
  scan: { type: 'boolean', default: true },
  cwd: { type: 'string' },
  mode: { type: 'string' },
  verify: { type: 'boolean', default: false },
  client: { type: 'string' },
  timeout: { type: 'number' },
  record: { type: 'string' },
} as const;

const helpText = `
  Usage
    ${commands.map((c) => `${c.usage.padEnd(70)} ${c.summary}`).join('\n    ')}

  Global options
    --home DIR        the user's home (~/.claude, shell histories, XDG dirs are found under it)
    --root DIR        re-root system paths (/run/current-system, /etc/profiles, managed settings)
    --db FILE         the SQLite store (default $XDG_STATE_HOME/clearance/clearance.db)
    --now ISO-TIME    the clock for every window and recency figure
    --json            stable machine-readable output
    --client PATH     verify/check --verify/conformance: your Claude Code binary (conformance: or a
                      version, installed with npm into clearance's state dir)
    --timeout S       verify: the budget of a run in seconds (default 120)
    --cwd DIR, --mode MODE   check: the directory whose settings are in force; the permission mode
    --no-color        no colour (NO_COLOR is honoured too)
    --help, --version

  Exit codes: 0 ok, 1 user-facing error (one line on stderr), 2 bad usage.
`;

/** The version from clearance's own package.json, found by walking up from this module (src/ or dist/src/). */
function packageVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'clearance' && pkg.version) return pkg.version;
    } catch {
      // not at this level; try the next one up
    }
  }
  return 'unknown';
}

/** `clearance <command> --help`: its usage, summary and own options. */
function commandHelp(command: CommandSpec): string {
  const options = command.options?.length ? `\n\n  Options\n    ${command.options.join('\n    ')}` : '';
  return `${command.usage}\n\n  ${command.summary}${options}\n\n  Global options: clearance --help\n`;
}

/** `minConfidence` → `min-confidence`: messages name flags the way the user typed them. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `--home` (and `--project`) must name an existing directory: else nothing is found and the data is blamed. */
function checkDir(flag: string, dir: string): void {
  let stat;
  try {
    stat = statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `${flag} ${dir}: no such directory` : `${flag} ${dir}: ${oneLine(error)}`,
    );
  }
  if (!stat.isDirectory()) throw new UserError(`${flag} ${dir}: not a directory`);
}

function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now: not an ISO time: ${text}`);
  return date;
}

/** Options for running the CLI in-process (tests) instead of on the real process. */
export interface MainOptions {
  io?: Io;
  env?: NodeJS.ProcessEnv;
}

/** Parse argv, build the command context, run the command; returns the exit code. */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const io: Io = options.io ?? { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  const env = options.env ?? process.env;
  const fail = (code: number, message: string): number => {
    io.stderr.write(`clearance: ${message}\n`);
    return code;
  };
  let db: Db | undefined;
  try {
    const cli = meow(helpText, {
      importMeta: import.meta,
      argv,
      flags: flagSpec,
      autoHelp: false,
      autoVersion: false,
      allowUnknownFlags: true,
      booleanDefault: undefined,
    });
    const known = new Set([...Object.keys(flagSpec), 'h', 'y']);
    const unknown = Object.keys(cli.unnormalizedFlags).filter(
      (name) => !known.has(name) && !known.has(name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())),
    );
    if (unknown.length > 0) throw new UsageError(`unknown option --${unknown[0]} (see clearance --help)`);
    if (cli.flags.version) {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    if (cli.flags.help) {
      const asked = cli.input[0] === undefined ? undefined : findCommand(cli.input[0]);
      io.stdout.write(asked ? commandHelp(asked) : `${helpText.trim()}\n`);
      return 0;
    }
    const [name = 'dashboard', ...args] = cli.input;
    const command = findCommand(name);
    if (!command) throw new UsageError(`unknown command '${name}' (see clearance --help)`);
    for (const numeric of ['minConfidence', 'days', 'port', 'timeout'] as const) {
      const value = cli.flags[numeric];
      if (value !== undefined && !Number.isFinite(value))
        throw new UsageError(`--${kebab(numeric)}: not a number`);
    }
    for (const [name, spec] of Object.entries(flagSpec)) {
      // meow gives '' for `--home` with nothing after it: that is a missing value, not "here"
      if (spec.type === 'string' && cli.flags[name as keyof typeof cli.flags] === '')
        throw new UsageError(`--${kebab(name)} needs a value`);
    }
    const flags: Flags = { ...cli.flags };
    if (flags.home !== undefined) checkDir('--home', flags.home);
    // an explicit project that does not exist would filter everything away without a word
    if (flags.project !== undefined) checkDir('--project', flags.project);
    const paths = resolvePaths({ home: flags.home, root: flags.root, db: flags.db, env });
    const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY) && !env.CI;
    const color = flags.color && !('NO_COLOR' in env && env.NO_COLOR !== '') && Boolean(io.stdout.isTTY);
    // loaded only for a command that runs: --help and --version never pay for the native module
    const { openDb } = await import('./store/db.js');
    const ctx: CommandContext = {
      args,
      flags,
      paths,
      now: parseNow(flags.now),
      env,
      io,
      interactive,
      color,
      openStore: () => (db ??= openDb(paths.dbPath)),
    };
    const module = await command.load();
    return await module.run(ctx);
  } catch (error) {
    if (error instanceof UsageError) return fail(2, oneLine(error));
    if (error instanceof UserError) return fail(1, oneLine(error));
    throw error;
  } finally {
    db?.close();
  }
}
