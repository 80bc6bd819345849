import type { Readable } from 'node:stream';
import type { Paths } from './paths.js';
import type { Db } from '../store/db.js';

/** Where a command writes: process streams in production, buffers in tests. */
export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number; rows?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
}

/** Flags shared by every command (DESIGN.md §6), plus each command's own, already parsed by meow. */
export interface Flags {
  home?: string | undefined;
  root?: string | undefined;
  db?: string | undefined;
  now?: string | undefined;
  json: boolean;
  color: boolean;
  dryRun: boolean;
  yes: boolean;
  project?: string | undefined;
  minConfidence?: number | undefined;
  trainUntil?: string | undefined;
  days?: number | undefined;
  write: boolean;
  check: boolean;
  target?: string | undefined;
  packages?: string | undefined;
  flake?: string | undefined;
  /** Declarative mode: the Nix file clearance owns (`--nix-file`, else CLEARANCE_NIX_FILE). */
  nixFile?: string | undefined;
  remove: boolean;
  postRebuild: boolean;
  includeCleanup: boolean;
  port?: number | undefined;
  printEnv: boolean;
  keep: boolean;
  scan: boolean;
  /** `check`: the directory whose settings are in force. */
  cwd?: string | undefined;
  /** `check`: the permission mode. */
  mode?: string | undefined;
  /** `check` / `suggest`: also ask the user's own Claude Code. */
  verify: boolean;
  /** `verify` / `check --verify` / `conformance`: the client binary (or, for conformance, a version). */
  client?: string | undefined;
  /** Seconds a client run may take. */
  timeout?: number | undefined;
  /** `conformance`: write a new recording here. */
  record?: string | undefined;
}

/** Everything a command needs; built once in cli.tsx. */
export interface CommandContext {
  /** Positional arguments after the command name. */
  args: string[];
  flags: Flags;
  paths: Paths;
  /** The clock for windows and recency (`--now`, else the real time). */
  now: Date;
  env: NodeJS.ProcessEnv;
  io: Io;
  /** True when stdin and stdout are both terminals and CI is not set. */
  interactive: boolean;
  /** Colour on: `--no-color`, NO_COLOR and non-TTY output turn it off. */
  color: boolean;
  /** Open the store (once; later calls return the same handle). */
  openStore(): Db;
}

/** A subcommand's entry point: returns the exit code (0 ok, 1 user-facing error, 2 bad usage). */
export type CommandRun = (ctx: CommandContext) => Promise<number>;

/** Write one line to stdout. */
export function say(ctx: CommandContext, line = ''): void {
  ctx.io.stdout.write(`${line}\n`);
}

/** Write one line to stderr, prefixed with the program name. */
export function complain(ctx: CommandContext, line: string): void {
  ctx.io.stderr.write(`clearance: ${line}\n`);
}
