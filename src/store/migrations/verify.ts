import type { Migration } from './types.js';

// Verify state (issue 11): what the user's own Claude Code did with each proposal's replay, keyed
// by what a proposal writes (rule, scope, target file) so it survives id changes and re-learning.
export const verifyMigrations: Migration[] = [
  {
    id: '0700-verify-state',
    sql: `
      CREATE TABLE verify_state (
        rule TEXT NOT NULL,
        scope TEXT NOT NULL,
        target TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        client_version TEXT NOT NULL,
        covered INTEGER NOT NULL,
        covered_ok INTEGER NOT NULL,
        denied INTEGER NOT NULL,
        denied_run INTEGER NOT NULL,
        variants INTEGER NOT NULL,
        variants_run INTEGER NOT NULL,
        disagreements_json TEXT NOT NULL DEFAULT '[]',
        summary TEXT NOT NULL,
        verified_at INTEGER NOT NULL,
        PRIMARY KEY (rule, scope, target)
      );
    `,
  },
];
