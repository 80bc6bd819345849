// A big first scan is pipelined: reader threads read and follow the sessions, this thread parses
// and writes (sources/scan.ts). It must leave exactly the store a single-thread scan leaves, for
// any number of readers, and a later incremental scan must go on from it as from any other.
// Worker threads run compiled JavaScript, so this test drives the build (`npm test` builds first).
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import type {
  PipelineReader as PipelineReaderClass,
  scanWith as ScanWith,
  splitRuns as SplitRuns,
} from '../../src/sources/scan.js';
import type { openDb as OpenDb } from '../../src/store/db.js';
import type { loadIngestDeps as LoadIngestDeps } from '../../src/sources/ingest-deps.js';
import type { resolvePaths as ResolvePaths } from '../../src/runtime/paths.js';
import { HEADLESS_SETTINGS } from '../helpers/evidence-recorder.js';
import { recordedHome, recordedSession } from '../helpers/recorded-home.js';
import { appendLines, prompt, toolResult, toolUse, writeLines } from './transcript-helpers.js';

const DIST = path.resolve(import.meta.dirname, '../../dist/src');

async function built(): Promise<{
  PipelineReader: typeof PipelineReaderClass;
  scanWith: typeof ScanWith;
  splitRuns: typeof SplitRuns;
  openDb: typeof OpenDb;
  loadIngestDeps: typeof LoadIngestDeps;
  resolvePaths: typeof ResolvePaths;
}> {
  if (!existsSync(path.join(DIST, 'sources/scan-pipeline-worker.js'))) {
    throw new Error('no build: run `npm run build` first (npm test does)');
  }
  return {
    ...((await import(path.join(DIST, 'sources/scan.js'))) as {
      PipelineReader: typeof PipelineReaderClass;
      scanWith: typeof ScanWith;
      splitRuns: typeof SplitRuns;
    }),
    ...((await import(path.join(DIST, 'store/db.js'))) as { openDb: typeof OpenDb }),
    ...((await import(path.join(DIST, 'sources/ingest-deps.js'))) as {
      loadIngestDeps: typeof LoadIngestDeps;
    }),
    ...((await import(path.join(DIST, 'runtime', 'paths.js'))) as { resolvePaths: typeof ResolvePaths }),
  };
}

const NOW = new Date('2026-03-01T00:00:00Z');

/** Every row a scan writes, in a stable order (file rows without their scan time). */
function contents(db: ReturnType<typeof OpenDb>): Record<string, unknown[]> {
  return {
    calls: db.prepare('SELECT * FROM tool_calls ORDER BY id').all(),
    segments: db.prepare('SELECT * FROM segments ORDER BY call_id, idx').all(),
    sessions: db.prepare('SELECT * FROM sessions ORDER BY id').all(),
    files: db.prepare('SELECT path, dev, ino, size, offset, lines, malformed FROM files ORDER BY path').all(),
    pending: db.prepare('SELECT * FROM pending_results ORDER BY id').all(),
    indexes: db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all(),
  };
}

describe('pipelined first scan', () => {
  it('stores exactly what a single-thread scan stores, with 1, 2 or 3 reader threads', async () => {
    const { scanWith, openDb, loadIngestDeps, resolvePaths } = await built();
    const home = mkdtempSync(path.join(os.tmpdir(), 'clearance-pipeline-'));
    await generateCorpus(home, { seed: 11, projects: 3, days: 8, sessionsPerDay: 2, now: NOW });
    // bad input the readers must count the same way: junk, a cut JSON line, a half-written last line
    const projects = path.join(home, '.claude', 'projects');
    const odd = path.join(projects, '-odd');
    mkdirSync(odd, { recursive: true });
    writeFileSync(
      path.join(odd, 'junk.jsonl'),
      'not json\n{"type":"user",\n\u0000\u0001\n{"type":"assistant"',
    );

    const paths = resolvePaths({ home, env: {} });
    const ctx = { paths, now: NOW };
    const variants = [
      { name: 'single', options: { pipeline: false } },
      { name: '1 reader', options: { readers: 1 } },
      { name: '2 readers', options: { readers: 2 } },
      { name: '3 readers', options: { readers: 3 } },
    ];
    const results = [];
    for (const { name, options } of variants) {
      const db = openDb(path.join(home, `${name}.db`));
      const summary = await scanWith(db, ctx, await loadIngestDeps({ paths }), undefined, {
        bulkMinBytes: 0,
        ...options,
      });
      results.push({ name, summary, db });
    }
    const [single, ...piped] = results;
    expect(single!.summary.readers).toBe(0);
    expect(single!.summary.toolCalls).toBeGreaterThan(100);
    expect(single!.summary.malformed).toBeGreaterThan(0);
    for (const [i, run] of piped.entries()) {
      expect(run.summary.readers, run.name).toBe(i + 1);
      expect({ ...run.summary, durationMs: 0, readers: 0 }, run.name).toEqual({
        ...single!.summary,
        durationMs: 0,
      });
      expect(contents(run.db), run.name).toEqual(contents(single!.db));
    }

    // the next scan reads only what was appended, the same way after either kind of first scan
    const session = piped[0]!.db.prepare<[], { file: string }>('SELECT file FROM sessions LIMIT 1').get()!;
    appendLines(session.file, [
      toolUse('toolu_appended', 'Bash', { command: 'git status --short' }),
      toolResult('toolu_appended', 'M x'),
    ]);
    for (const run of results) {
      const summary = await scanWith(run.db, ctx, await loadIngestDeps({ paths }), undefined, {});
      expect(summary.lines, run.name).toBe(2);
      expect(summary.readers, run.name).toBe(0);
    }
    for (const run of piped) expect(contents(run.db), run.name).toEqual(contents(single!.db));
    for (const run of results) run.db.close();
  });

  it('gives a session the mode it had in the files before a reader’s run', async () => {
    // A resumed session continues in a later transcript without repeating its mode: the reader
    // of that file cannot know it was acceptEdits, so the writer must fill it in.
    const { scanWith, openDb, loadIngestDeps, resolvePaths } = await built();
    const home = mkdtempSync(path.join(os.tmpdir(), 'clearance-pipeline-mode-'));
    const project = path.join(home, 'work', 'app');
    mkdirSync(path.join(project, '.git'), { recursive: true });
    const dir = path.join(home, '.claude', 'projects', '-work-app');
    mkdirSync(dir, { recursive: true });
    const session = 'aaaaaaaa-0000-4000-8000-000000000001';
    const e = { cwd: project, session };
    const padding = (n: number): string[] =>
      Array.from({ length: n }, (_, i) => toolResult(`toolu_pad${i}`, 'x'.repeat(3000), e));
    writeLines(path.join(dir, 'a-first.jsonl'), [
      prompt('acceptEdits', e),
      toolUse('toolu_a1', 'Edit', { file_path: `${project}/a.ts`, old_string: 'a', new_string: 'b' }, e),
      toolResult('toolu_a1', 'ok', e),
      ...padding(40),
    ]);
    writeLines(path.join(dir, 'b-resumed.jsonl'), [
      toolUse('toolu_b1', 'Edit', { file_path: `${project}/b.ts`, old_string: 'a', new_string: 'b' }, e),
      toolResult('toolu_b1', 'ok', e),
      ...padding(40),
    ]);
    const paths = resolvePaths({ home, env: {} });
    const rows = [];
    for (const options of [{ pipeline: false }, { readers: 2 }]) {
      const db = openDb(path.join(home, `${options.pipeline === false ? 'single' : 'piped'}.db`));
      const summary = await scanWith(db, { paths, now: NOW }, await loadIngestDeps({ paths }), undefined, {
        bulkMinBytes: 0,
        ...options,
      });
      expect(summary.problems).toEqual([]);
      rows.push(db.prepare('SELECT id, permission_mode, prompted, answer FROM tool_calls ORDER BY id').all());
      db.close();
    }
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[0]).toContainEqual({
      id: 'toolu_b1',
      permission_mode: 'acceptEdits',
      prompted: 0,
      answer: 'not-prompted',
    });
  });
});

describe('a reader thread that dies', () => {
  it('reports the files it did not finish, to be read again by the next scan', async () => {
    const { PipelineReader } = await built();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'clearance-reader-'));
    const script = path.join(dir, 'dies.mjs');
    // finishes its first file, then crashes
    writeFileSync(
      script,
      `import { parentPort } from 'node:worker_threads';
       parentPort.once('message', ({ jobs, first }) => {
         parentPort.postMessage({ ops: [], ends: [{ index: first, result: { source: jobs[0].file, message: 'ok' } }], done: false });
         setTimeout(() => { throw new Error('out of memory'); }, 10);
       });`,
    );
    const reader = new PipelineReader(new URL(`file://${script}`));
    const jobs = ['a.jsonl', 'b.jsonl', 'c.jsonl'].map((file) => ({ file, previous: null }));
    reader.start(jobs, 5);
    const ends = [];
    for await (const message of reader.messages()) ends.push(...message.ends);
    await reader.close();
    expect(ends).toEqual([
      { index: 5, result: { source: 'a.jsonl', message: 'ok' } },
      { index: 6, result: { source: 'b.jsonl', message: 'cannot read: out of memory' } },
      { index: 7, result: { source: 'c.jsonl', message: 'cannot read: out of memory' } },
    ]);
  });
});

describe('splitting files into reader runs', () => {
  const w = (file: string, size: number) => ({ file: path.join('/p', file), size });

  it('splits by bytes and never between a session and its subagents', async () => {
    const { splitRuns } = await built();
    const work = [
      w('a.jsonl', 10),
      w(`a${path.sep}subagents${path.sep}x.jsonl`, 40),
      w(`a${path.sep}subagents${path.sep}y.jsonl`, 10),
      w('b.jsonl', 20),
      w('c.jsonl', 20),
    ];
    expect(splitRuns(work, 1)).toEqual([[0, 5]]);
    // the first half ends inside session a's subagents: the run goes on to b
    expect(splitRuns(work, 2)).toEqual([
      [0, 3],
      [3, 5],
    ]);
    expect(splitRuns(work, 3)).toEqual([
      [0, 3],
      [3, 4],
      [4, 5],
    ]);
    // more readers than places to split: fewer runs, none empty
    expect(splitRuns(work.slice(0, 3), 3)).toEqual([[0, 3]]);
    expect(splitRuns([], 2)).toEqual([]);
  });
});

describe('pipelined first scan of real-client recordings', () => {
  it('stores the exact decisions, headless refusals and batch attribution a single-thread scan stores', async () => {
    const { scanWith, openDb, loadIngestDeps, resolvePaths } = await built();
    const recording = recordedSession('2.1.328-interactive');
    const { home } = recordedHome('2.1.328-interactive', recording.localSettingsAfter);
    // the headless recording beside it, as a second project of the same home
    const headless = recordedHome('2.1.328-headless', HEADLESS_SETTINGS.local);
    cpSync(path.join(headless.home, '.claude', 'projects'), path.join(home, '.claude', 'projects'), {
      recursive: true,
    });
    const paths = resolvePaths({ home, env: {} });
    const ctx = { paths, now: NOW };
    const results = [];
    for (const [name, options] of [
      ['single', { pipeline: false }],
      ['2 readers', { readers: 2 }],
    ] as const) {
      const db = openDb(path.join(home, `${name}.db`));
      const summary = await scanWith(db, ctx, await loadIngestDeps({ paths }), undefined, {
        bulkMinBytes: 0,
        ...options,
      });
      results.push({ summary, db });
    }
    const [single, piped] = results;
    expect(single!.summary).toMatchObject({ denials: 3, dontAskAgain: 3, headlessRefusals: 7 });
    expect(piped!.summary.readers).toBe(2);
    expect({ ...piped!.summary, durationMs: 0, readers: 0 }).toEqual({ ...single!.summary, durationMs: 0 });
    expect(contents(piped!.db)).toEqual(contents(single!.db));
    for (const run of results) run.db.close();
  });
});
