// A cold scan of a big home runs as one bulk transaction with the call indexes rebuilt at the end
// (sources/scan.ts); it must leave exactly the store an incremental scan leaves.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { resolvePaths } from '../../src/runtime/paths.js';
import { loadIngestDeps } from '../../src/sources/ingest-deps.js';
import { scanWith } from '../../src/sources/scan.js';
import { openDb } from '../../src/store/db.js';

describe('cold bulk scan', () => {
  it('stores the same calls, answers and indexes as a scan that commits as it goes', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'clearance-bulk-'));
    const info = await generateCorpus(home, {
      seed: 5,
      projects: 2,
      days: 6,
      sessionsPerDay: 1,
      hookSpoolFrom: '2026-02-27T00:00:00Z',
      now: new Date('2026-03-01T00:00:00Z'),
    });
    const paths = resolvePaths({ home, env: {} });
    const ctx = { paths, now: new Date('2026-03-01T00:00:00Z') };
    const stores = [];
    for (const bulkMinBytes of [0, Number.POSITIVE_INFINITY]) {
      const db = openDb(path.join(home, `store-${bulkMinBytes}.db`));
      const summary = await scanWith(db, ctx, await loadIngestDeps({ paths }), undefined, { bulkMinBytes });
      stores.push({
        summary: { ...summary, durationMs: 0 },
        calls: db.prepare('SELECT * FROM tool_calls ORDER BY id').all(),
        segments: db.prepare('SELECT * FROM segments ORDER BY call_id, idx').all(),
        indexes: db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all(),
      });
      db.close();
    }
    const [bulk, incremental] = stores;
    expect(bulk!.summary).toMatchObject({ toolCalls: info.toolCalls, denials: info.denials });
    expect(bulk).toEqual(incremental);
    expect(bulk!.indexes.map((i) => (i as { name: string }).name)).toContain('tool_calls_batch');
  });
});
