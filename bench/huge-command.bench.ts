// Huge-command cost: one 50 MB Bash command (a heredoc writing a big file) must not blow up a scan,
// the store or the proposals. A normal corpus is scanned into one store, then the same corpus plus
// one session holding the huge command into a fresh store, in this process: time and peak RSS of
// the second as ratios to the first, store sizes, and the proposals' load time on each store.
// Run: npm run build && node dist/bench/huge-command.bench.js [--mb 20] [--huge-mb 50] [--json]
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCorpus } from './corpus.js';
import { detachedContext } from '../src/app/detached-context.js';
import { resolvePaths } from '../src/runtime/paths.js';
import { loadProposals } from '../src/app/proposals.js';
import { loadIngestDeps } from '../src/sources/ingest-deps.js';
import { scanWith } from '../src/sources/scan.js';
import { openDb } from '../src/store/db.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const NOW = new Date('2026-03-01T12:00:00Z');

/**
 * One session whose only call is a `cat > file <<EOF` of `mb` megabytes, approved. Written in
 * chunks: building the 50 MB line as a string here would count against this process's peak RSS.
 */
function hugeSession(home: string, project: string, mb: number): void {
  const base = {
    cwd: project,
    sessionId: 'feedface-0000-4000-8000-000000000001',
    version: '2.1.38',
    gitBranch: 'main',
  };
  const marker = '@@COMMAND@@';
  const lines = [
    {
      ...base,
      type: 'user',
      uuid: 'u1',
      parentUuid: null,
      timestamp: '2026-02-28T10:00:00.000Z',
      permissionMode: 'default',
      message: { role: 'user', content: 'write the fixture' },
    },
    {
      ...base,
      type: 'assistant',
      uuid: 'a1',
      parentUuid: 'u1',
      timestamp: '2026-02-28T10:00:02.000Z',
      message: {
        id: 'msg_huge',
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_huge', name: 'Bash', input: { command: marker } }],
      },
    },
    {
      ...base,
      type: 'user',
      uuid: 'u2',
      parentUuid: 'a1',
      timestamp: '2026-02-28T10:00:09.000Z',
      message: {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_huge', content: '', is_error: false }],
      },
    },
  ];
  const [before, after] = `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`.split(marker) as [
    string,
    string,
  ];
  const dir = path.join(home, '.claude', 'projects', project.replace(/[^A-Za-z0-9]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const fd = openSync(path.join(dir, 'feedface-0000-4000-8000-000000000001.jsonl'), 'w');
  try {
    writeSync(fd, `${before}cat > fixtures/big.txt <<'EOF'\\n`);
    // JSON-escaped text lines, 1 MB a write
    const chunk = Buffer.from('the quick brown fox jumps over the lazy dog 0123456789\\n'.repeat(18_000));
    for (let written = 0; written < mb * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
    writeSync(fd, `EOF${after}`);
  } finally {
    closeSync(fd);
  }
}

async function scanInto(
  home: string,
  dbFile: string,
): Promise<{ ms: number; rssMb: number; dbMb: number; suggestMs: number }> {
  const started = performance.now();
  const db = openDb(dbFile);
  const paths = resolvePaths({ home, env: {} });
  await scanWith(db, { paths, now: NOW }, await loadIngestDeps({ paths }), undefined, { pipeline: false });
  const ms = performance.now() - started;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const t = performance.now();
  await loadProposals(detachedContext({ home, now: NOW, db }), { includeHygiene: true });
  const suggestMs = performance.now() - t;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { ms, rssMb, dbMb: statSync(dbFile).size / 1048576, suggestMs };
}

const dir = mkdtempSync(path.join(tmpdir(), 'clearance-huge-bench-'));
try {
  const home = path.join(dir, 'home');
  const info = await generateCorpus(home, {
    seed: 11,
    projects: 3,
    days: 40,
    targetBytes: arg('--mb', 20) * 1024 * 1024,
    now: NOW,
  });
  const normal = await scanInto(home, path.join(dir, 'normal.db'));
  const hugeMb = arg('--huge-mb', 50);
  hugeSession(home, info.projects[0]!, hugeMb);
  const huge = await scanInto(home, path.join(dir, 'huge.db'));
  const report = {
    corpusMb: Math.round(info.bytes / 1048576),
    hugeCommandMb: hugeMb,
    normal: {
      scanMs: Math.round(normal.ms),
      peakRssMb: Math.round(normal.rssMb),
      dbMb: Number(normal.dbMb.toFixed(1)),
      suggestMs: Math.round(normal.suggestMs),
    },
    huge: {
      scanMs: Math.round(huge.ms),
      peakRssMb: Math.round(huge.rssMb),
      dbMb: Number(huge.dbMb.toFixed(1)),
      suggestMs: Math.round(huge.suggestMs),
    },
    scanTimeRatio: Number((huge.ms / normal.ms).toFixed(2)),
    peakRssRatio: Number((huge.rssMb / normal.rssMb).toFixed(2)),
    dbSizeRatio: Number((huge.dbMb / normal.dbMb).toFixed(2)),
    suggestTimeRatio: Number((huge.suggestMs / normal.suggestMs).toFixed(2)),
  };
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
  else
    process.stdout.write(
      `huge-command bench: ${report.corpusMb} MB corpus, then the same plus one ${hugeMb} MB Bash command (same process)\n` +
        `  scan:      ${report.normal.scanMs} ms -> ${report.huge.scanMs} ms  (x${report.scanTimeRatio})\n` +
        `  peak RSS:  ${report.normal.peakRssMb} MB -> ${report.huge.peakRssMb} MB  (x${report.peakRssRatio})\n` +
        `  store:     ${report.normal.dbMb} MB -> ${report.huge.dbMb} MB  (x${report.dbSizeRatio})\n` +
        `  proposals: ${report.normal.suggestMs} ms -> ${report.huge.suggestMs} ms  (x${report.suggestTimeRatio})\n`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
