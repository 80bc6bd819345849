import type { Migration } from './types.js';

/** Decision memory and the apply log (issue 4), read by the dashboard, `apply` and `undo`. */
export const decisionsMigrations: Migration[] = [
  {
    id: '0300-decisions',
    sql: `
      CREATE TABLE decisions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        suggestion_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        rule TEXT NOT NULL,
        replaces TEXT NOT NULL DEFAULT '[]',
        target TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('approved', 'rejected', 'edited', 'applied', 'undone')),
        reason TEXT,
        edited_rule TEXT,
        apply_id TEXT,
        actor TEXT NOT NULL,
        approvals INTEGER NOT NULL DEFAULT 0,
        projects INTEGER NOT NULL DEFAULT 0,
        ts INTEGER NOT NULL
      );
      CREATE INDEX decisions_by_suggestion ON decisions (suggestion_id, seq);
      CREATE INDEX decisions_by_rule ON decisions (target, rule);
      CREATE TABLE applies (
        id TEXT PRIMARY KEY,
        ts INTEGER NOT NULL,
        actor TEXT NOT NULL,
        undone_ts INTEGER
      );
      CREATE TABLE apply_files (
        apply_id TEXT NOT NULL REFERENCES applies (id),
        path TEXT NOT NULL,
        before_hash TEXT,
        after_hash TEXT NOT NULL,
        backup_path TEXT,
        added TEXT NOT NULL DEFAULT '[]',
        removed TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (apply_id, path)
      );
    `,
  },
  {
    // Write-ahead apply log: an apply is recorded (complete = 0, with its pid) before its first
    // settings write, so a kill -9 midway leaves a record the next run can finish and undo can use.
    id: '0301-apply-intent',
    sql: `
      ALTER TABLE applies ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE applies ADD COLUMN pid INTEGER;
    `,
  },
];
