import { Readable } from 'node:stream';
import type { CommandContext, Flags, Io } from '../runtime/context.js';
import { resolvePaths } from '../runtime/paths.js';
import { openDb, type Db } from '../store/db.js';

/** Every flag at the value the command line gives it when not passed. */
export function defaultFlags(overrides: Partial<Flags> = {}): Flags {
  return {
    json: false,
    color: false,
    dryRun: false,
    yes: false,
    write: false,
    check: false,
    remove: false,
    postRebuild: false,
    includeCleanup: false,
    printEnv: false,
    keep: false,
    scan: true,
    verify: false,
    ...overrides,
  };
}

/**
 * A command context for running services outside the command line (benchmarks, tests): no TTY,
 * no colour, an empty environment (so nothing outside `home` is read), and the store opened
 * lazily from `dbFile` (default under `home`) unless an open `db` is given.
 */
export function detachedContext(options: {
  home: string;
  now: Date;
  dbFile?: string;
  db?: Db;
  flags?: Partial<Flags>;
  args?: string[];
  io?: Io;
}): CommandContext {
  const paths = resolvePaths({ home: options.home, db: options.dbFile, env: {} });
  let db = options.db;
  return {
    args: options.args ?? [],
    flags: defaultFlags(options.flags),
    paths,
    now: options.now,
    env: {},
    io: options.io ?? { stdout: process.stdout, stderr: process.stderr, stdin: Readable.from([]) },
    interactive: false,
    color: false,
    openStore: () => (db ??= openDb(paths.dbPath)),
  };
}
