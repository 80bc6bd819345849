import type { Migration } from './types.js';
import { ingestMigrations } from './ingest.js';
import { learningMigrations } from './learning.js';
import { decisionsMigrations } from './decisions.js';
import { nixMigrations } from './nix.js';
import { verifyMigrations } from './verify.js';

/**
 * Every area's migrations, applied in id order. Ids are recorded rather than a single
 * user_version, so areas can add steps independently. Reserved id ranges: 0100 ingest,
 * 0200 learning, 0300 decisions/apply, 0400 nix/usage, 0500 otel, 0600 dashboard, 0700 verify.
 */
export const allMigrations: Migration[] = [
  ...ingestMigrations,
  ...learningMigrations,
  ...decisionsMigrations,
  ...nixMigrations,
  ...verifyMigrations,
].sort((a, b) => a.id.localeCompare(b.id));
