import type { Migration } from './types.js';

// Package-set snapshots (issue 5): one row per distinct package set seen, so the post-rebuild
// review can tell what was added, removed or updated since the last review.
export const nixMigrations: Migration[] = [
  {
    id: '0400-nix-snapshots',
    sql: `
      CREATE TABLE nix_snapshots (
        id INTEGER PRIMARY KEY,
        taken_at INTEGER NOT NULL,
        source TEXT NOT NULL,
        origin TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        sections_json TEXT NOT NULL DEFAULT '[]',
        disabled_json TEXT NOT NULL DEFAULT '[]'
      );
      CREATE TABLE nix_snapshot_packages (
        snapshot_id INTEGER NOT NULL REFERENCES nix_snapshots(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        attr TEXT,
        version TEXT,
        description TEXT,
        section TEXT,
        main_program TEXT,
        bins_json TEXT,
        PRIMARY KEY (snapshot_id, name)
      );
      CREATE TABLE nix_snapshot_binaries (
        snapshot_id INTEGER NOT NULL REFERENCES nix_snapshots(id) ON DELETE CASCADE,
        bin TEXT NOT NULL,
        package TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, bin)
      );
      CREATE TABLE nix_reviews (
        id INTEGER PRIMARY KEY,
        snapshot_id INTEGER NOT NULL REFERENCES nix_snapshots(id) ON DELETE CASCADE,
        reviewed_at INTEGER NOT NULL
      );
    `,
  },
];
