import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { UserError, oneLine } from '../runtime/errors.js';
import { allMigrations } from './migrations/index.js';
import type { Migration } from './migrations/types.js';

export type Db = Database.Database;

/**
 * How long a statement waits for another connection's write lock. Scans serialise on their own
 * lock file (scan-lock.ts); this covers the short writes around them (decisions, snapshots).
 */
export const BUSY_TIMEOUT_MS = 30_000;

/** Open (creating if needed) the SQLite store in WAL mode and bring its schema up to date. */
export function openDb(file: string, migrations: Migration[] = allMigrations): Db {
  let db: Db;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
  } catch (error) {
    throw new UserError(`cannot open database ${file}: ${oneLine(error)}`);
  }
  try {
    // A new store gets 16 KB pages (set before WAL mode fixes the size): a cold scan writes about
    // 0.9 MB per 1,000 calls, and committing and checkpointing that took a quarter less time in
    // 16 KB pages than in 4 KB ones. Existing stores keep theirs.
    // first: even switching to WAL needs a lock another clearance may hold for a moment
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
  } catch (error) {
    db.close();
    // a broken store must not strand the user: say how to get going again (the settings files and
    // the backups of every apply are on disk, not in the store)
    throw new UserError(
      `database ${file} is not usable (${oneLine(error)}); move it aside: mv ${file} ${file}.broken ` +
        '(clearance then starts a new one; clearance undo still works from the backups)',
    );
  }
  return db;
}

/** Apply every migration not yet recorded, each in its own transaction. */
export function migrate(db: Db, migrations: Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const done = db.prepare<[string], { id: string }>('SELECT id FROM schema_migrations WHERE id = ?');
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  for (const migration of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
    if (done.get(migration.id)) continue;
    // immediate, and checked again inside: two clearances opening a new store at once must not
    // both run a migration (the second would fail on "table already exists")
    db.transaction(() => {
      if (done.get(migration.id)) return;
      db.exec(migration.sql);
      record.run(migration.id, Date.now());
    }).immediate();
  }
}
