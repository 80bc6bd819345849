// `runScan`: one incremental pass over every evidence source into the store. Transcripts are read
// from their remembered offsets (a warm scan only stats files), the hook spool likewise, then shell
// histories; finally prompted/answer facts are derived for the calls whose evidence changed.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CommandContext } from '../runtime/context.js';
import type { Problem } from '../core/types.js';
import type { Db } from '../store/db.js';
import { EvidenceRepo, evidenceTotals } from '../store/evidence-repo.js';
import { withScanLock } from '../store/scan-lock.js';
import type { FileState } from '../store/evidence-repo.js';
import { attributeBatchDenials, deriveAnswers, judgeLocalRules } from './answer-deriver.js';
import { ingestSpool, ingestSpoolDir, removeConsumed } from './hook-spool.js';
import { historyChanged, historySources, ingestHistories } from './history-readers.js';
import { loadIngestDeps } from './ingest-deps.js';
import type { IngestDeps } from './ingest-deps.js';
import type { PipelineData, PipelineJobs, PipelineMessage } from './scan-pipeline-worker.js';
import type { FileEnd } from './transcript-ingest.js';
import { StoreSink, TranscriptIngest, ingestTranscript, replayOps } from './transcript-ingest.js';
import { discoverTranscripts } from './transcript-reader.js';

/** What a scan did (files/lines/malformed: this scan) and what the store holds (the rest). */
export interface ScanSummary {
  files: number;
  lines: number;
  toolCalls: number;
  prompts: number;
  promptsExact: number;
  promptsInferred: number;
  denials: number;
  malformed: number;
  historyCommands: number;
  /** Interactive vs headless (-p/SDK) calls; headless refusals are calls nobody could be asked about. */
  interactiveCalls: number;
  headlessCalls: number;
  headlessRefusals: number;
  /** Calls with the transcript's own `permissionDecision`; values never seen before; don't-ask-again answers. */
  exactDecisions: number;
  unknownDecisions: number;
  dontAskAgain: number;
  /** Auto mode: classifier refusals, and those the session then ran anyway. */
  classifierRefusals: number;
  classifierOverrides: number;
  durationMs: number;
  /** Threads the transcripts were read in besides this one (a big first scan is pipelined). */
  readers: number;
  problems: Problem[];
}

/** Tuning of a scan (tests and the bench). */
export interface ScanOptions {
  /**
   * A big cold scan reads in other threads while this one writes (default true; it needs a second
   * core. false keeps it all on this thread). See bench/scan.bench.ts.
   */
  pipeline?: boolean;
  /** A cold scan of at least this many bytes runs as one bulk transaction (default 16 MB). */
  bulkMinBytes?: number;
  /** A bulk scan of at least this many bytes is pipelined (default 128 MB). */
  pipelineMinBytes?: number;
  /** Reader threads of a pipelined scan; setting it pipelines every bulk scan (tests). */
  readers?: number;
}

/** Progress of a scan, for the TTY line and the dashboard. */
export interface ScanProgress {
  phase: string;
  files: number;
  bytes: number;
  totalBytes: number;
}

const FLUSH_EVENTS = 2000;
// a cold scan of at least this much runs as one bulk transaction (see scanInner)
const BULK_MIN_BYTES = 16 * 1024 * 1024;
const COMMIT_BYTES = 64 * 1024 * 1024;
// Below this much, the reader threads' start-up and handing the events between threads cost what
// they save (measured on 2 cores: even at 100-150 MB, a tie with the single-thread scan).
const PIPELINE_MIN_BYTES = 128 * 1024 * 1024;
// messages (~250 writes each) a reader may run ahead of the writer: bounds memory
const PIPELINE_AHEAD = 256;

/**
 * One reader thread of a pipelined scan (scan-pipeline-worker.ts). It is spawned early (thread
 * start-up overlaps finding the files) and given its run of files by `start`; `messages()` yields
 * what it recorded, in order. If the thread dies, the files it did not finish are reported as
 * problems and their state is not saved: the next scan reads them again.
 */
export class PipelineReader {
  private readonly worker: Worker;
  private readonly counters: Int32Array;
  private readonly queue: PipelineMessage[] = [];
  private jobs: PipelineJobs['jobs'] = [];
  private first = 0;
  private failure: Error | null = null;
  private exited = false;
  private wake: (() => void) | null = null;

  constructor(url: URL) {
    const control = new SharedArrayBuffer(8);
    this.counters = new Int32Array(control);
    const data: PipelineData = { flushEvents: FLUSH_EVENTS, control, maxAhead: PIPELINE_AHEAD };
    this.worker = new Worker(url, { workerData: data });
    this.worker.on('message', (m: PipelineMessage) => {
      this.queue.push(m);
      this.wake?.();
    });
    this.worker.on('error', (error) => {
      this.failure = error;
      this.wake?.();
    });
    this.worker.on('exit', () => {
      this.exited = true;
      this.wake?.();
    });
  }

  /** Read `jobs`, the files from index `first` of the scan's list on. */
  start(jobs: PipelineJobs['jobs'], first: number, within: string | null = null): void {
    this.jobs = jobs;
    this.first = first;
    const message: PipelineJobs = { jobs, first, within };
    this.worker.postMessage(message);
  }

  /** The reader's messages in order; after a failure, one last message reporting the unread files. */
  async *messages(): AsyncGenerator<PipelineMessage> {
    let next = this.first;
    for (;;) {
      const message = this.queue.shift();
      if (!message) {
        if (this.failure !== null || this.exited) break;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      const last = message.ends.at(-1);
      if (last) next = last.index + 1;
      yield message;
      // the message is applied: let the reader run on
      Atomics.add(this.counters, 0, 1);
      Atomics.notify(this.counters, 0);
      if (message.done) return;
    }
    const reason = this.failure?.message ?? 'the reader thread exited';
    yield {
      ops: [],
      ends: this.jobs.slice(next - this.first).map(({ file }, i) => ({
        index: next + i,
        result: { source: file, message: `cannot read: ${reason}` },
      })),
      done: true,
    };
  }

  async close(): Promise<void> {
    Atomics.store(this.counters, 1, 1);
    Atomics.notify(this.counters, 0);
    await this.worker.terminate();
  }
}

/** Reader threads over consecutive runs of files; their messages come out in file order. */
class Pipeline {
  private constructor(private readonly readers: PipelineReader[]) {}

  get size(): number {
    return this.readers.length;
  }

  /**
   * Spawn the reader threads for what may be a cold scan, or null when a pipeline cannot run: one
   * core, or no compiled worker (TypeScript test runs). `readers`: by default one per core but
   * this one, at most three.
   */
  static spawn(readers = Math.min(3, availableParallelism() - 1)): Pipeline | null {
    const url = new URL('./scan-pipeline-worker.js', import.meta.url);
    if (readers < 1 || !existsSync(fileURLToPath(url))) return null;
    const started: PipelineReader[] = [];
    try {
      for (let i = 0; i < readers; i++) started.push(new PipelineReader(url));
    } catch {
      // no threads to be had (resource limits): the scan runs on this thread
      for (const reader of started) void reader.close();
      return null;
    }
    return new Pipeline(started);
  }

  /** Give each reader its run of `work` (equal bytes). */
  start(
    work: { file: string; size: number }[],
    previous: (FileState | null)[],
    within: string | null = null,
  ): void {
    const jobs = work.map(({ file }, index) => {
      const state = previous[index];
      return { file, previous: state ? { dev: state.dev, ino: state.ino, offset: state.offset } : null };
    });
    const runs = splitRuns(work, this.readers.length);
    for (const [i, reader] of this.readers.entries()) {
      const [from, to] = runs[i] ?? [work.length, work.length];
      reader.start(jobs.slice(from, to), from, within);
    }
  }

  async *messages(): AsyncGenerator<PipelineMessage> {
    for (const reader of this.readers) yield* reader.messages();
  }

  async close(): Promise<void> {
    await Promise.all(this.readers.map((r) => r.close()));
  }
}

/** An explicit transaction committed every `limit` bytes of input. */
class Batch {
  private open = false;
  private bytes = 0;

  constructor(
    private readonly db: Db,
    private readonly limit: number,
  ) {}

  begin(): void {
    if (this.open) return;
    // IMMEDIATE: take the write lock now, waiting (busy_timeout) for another writer, rather than
    // fail on the first write when a reader's snapshot cannot be upgraded
    this.db.exec('BEGIN IMMEDIATE');
    this.open = true;
  }

  added(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes >= this.limit) this.commit();
  }

  commit(): void {
    if (!this.open) return;
    this.db.exec('COMMIT');
    this.open = false;
    this.bytes = 0;
  }

  /** Undo an unfinished batch (after an exception). */
  rollback(): void {
    if (!this.open) return;
    this.db.exec('ROLLBACK');
    this.open = false;
  }
}

/** The line a scan shows while it waits for another clearance's scan of the same store. */
export function waitingLine(pid: number | null): string {
  return `waiting for another clearance${pid === null ? '' : ` (pid ${pid})`} to finish its scan…`;
}

/**
 * Ingest everything new into the store and return the summary. Never throws on bad user data.
 * Another clearance scanning the same store is waited for (`onWait`, default: one line on stderr).
 */
export async function runScan(
  ctx: CommandContext,
  onProgress?: (p: ScanProgress) => void,
  onWait: (line: string) => void = (line) => ctx.io.stderr.write(`clearance: ${line}\n`),
): Promise<ScanSummary> {
  const db = ctx.openStore();
  return withScanLock(
    ctx.paths.dbPath,
    (pid) => onWait(waitingLine(pid)),
    async () => scanWith(db, ctx, await loadIngestDeps(ctx), onProgress),
  );
}

/** The scan with its dependencies injected (tests, bench). */
export async function scanWith(
  db: Db,
  ctx: Pick<CommandContext, 'paths' | 'now'>,
  deps: IngestDeps,
  onProgress?: (p: ScanProgress) => void,
  options: ScanOptions = {},
): Promise<ScanSummary> {
  const started = performance.now();
  // a bigger page cache for the scan: the call indexes take random inserts (2 MB default thrashes)
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -65536');
  try {
    return await scanInner(db, ctx, deps, onProgress, options, started);
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

async function scanInner(
  db: Db,
  ctx: Pick<CommandContext, 'paths' | 'now'>,
  deps: IngestDeps,
  onProgress: ((p: ScanProgress) => void) | undefined,
  options: ScanOptions,
  started: number,
): Promise<ScanSummary> {
  // with --home, a cwd outside it is taken as it is: no walking the real disk for its repository
  const within = ctx.paths.isolated ? ctx.paths.home : null;
  const repo = new EvidenceRepo(db);
  const problems: Problem[] = [];
  const sink = new StoreSink(repo, deps);
  // calls whose evidence changed, and those whose batch attribution may have (new user rejections
  // and new exact evidence)
  const { touched, batchCandidates } = sink;
  const summary = { files: 0, lines: 0, malformed: 0 };
  const now = ctx.now.getTime();

  const empty = repo.isEmpty();
  // An empty store means a first scan, maybe a big one: the reader threads start now, to boot
  // while the files are found, and stop again if there turns out to be little to read.
  let pipeline = empty && options.pipeline !== false ? Pipeline.spawn(options.readers) : null;
  let totalBytes = 0;
  let bytesDone = 0;
  let readers = 0;
  const work: { file: string; size: number }[] = [];
  // the remembered state of each file of `work`
  const previous: (FileState | null)[] = [];
  try {
    const discovered = discoverTranscripts(ctx.paths.claudeDirs);
    problems.push(...discovered.problems);
    // Stat first: a warm scan stops here for every unchanged file.
    for (const file of discovered.value) {
      let st;
      try {
        st = statSync(file);
      } catch (error) {
        problems.push({
          source: file,
          message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        });
        continue;
      }
      const state = repo.fileState(file);
      if (state && state.ino === st.ino && state.dev === st.dev && state.size === st.size) continue;
      work.push({
        file,
        size: st.size - (state && state.ino === st.ino && st.size >= state.offset ? state.offset : 0),
      });
      previous.push(state);
    }
    totalBytes = work.reduce((n, w) => n + w.size, 0);
    // One transaction per ~64 MB read, not per file: commits (and WAL checkpoints) dominated cold
    // scans of many small files. A file's offset is saved in the same transaction as its events.
    // A cold bulk load (empty store, much to read) runs as ONE transaction with the secondary
    // indexes of tool_calls/segments dropped and rebuilt before it commits: sorting once is far
    // cheaper than 20k random inserts into a dozen indexes. DDL is transactional, so a crash or an
    // error rolls back to the empty store with its indexes intact. Incremental scans keep the
    // indexes and commit every ~64 MB (their offsets are saved with their events).
    const cold = totalBytes >= (options.bulkMinBytes ?? BULK_MIN_BYTES) && empty;
    // A big cold scan is a pipeline: reader threads read, extract and follow the sessions, and
    // record the writes; this one parses the commands and makes the writes, in file order.
    if (
      !cold ||
      (options.readers === undefined && totalBytes < (options.pipelineMinBytes ?? PIPELINE_MIN_BYTES))
    ) {
      await pipeline?.close();
      pipeline = null;
    }
    pipeline?.start(work, previous, within);
    readers = pipeline?.size ?? 0;
    // (the parser loads while the readers start reading)
    if (work.length > 0) await deps.prepare();
    const batch = new Batch(db, cold ? Number.POSITIVE_INFINITY : COMMIT_BYTES);
    let rebuild: string[] = [];
    if (cold) {
      batch.begin();
      rebuild = dropSecondaryIndexes(db, ['tool_calls', 'segments']);
    }
    const finish = (index: number, result: FileEnd | Problem): void => {
      if ('message' in result) {
        problems.push(result);
        return;
      }
      const file = work[index]!.file;
      const before = previous[index] ?? null;
      summary.files += 1;
      const read = result.value;
      summary.lines += read?.lines ?? 0;
      summary.malformed += read?.malformed ?? 0;
      bytesDone += read?.bytes ?? 0;
      repo.saveFileState({
        path: file,
        kind: 'transcript',
        dev: result.stat.dev,
        ino: result.stat.ino,
        size: result.stat.size,
        mtimeMs: result.stat.mtimeMs,
        offset: read?.offset ?? result.from,
        lines: (result.reset || !before ? 0 : before.lines) + (read?.lines ?? 0),
        malformed: (result.reset || !before ? 0 : before.malformed) + (read?.malformed ?? 0),
        scannedAt: now,
      });
      batch.added(read?.bytes ?? 0);
    };
    try {
      if (pipeline) {
        for await (const message of pipeline.messages()) {
          replayOps(sink, message.ops);
          for (const end of message.ends) {
            finish(end.index, end.result);
            onProgress?.({ phase: 'transcripts', files: end.index + 1, bytes: bytesDone, totalBytes });
          }
        }
      } else {
        const ingest = new TranscriptIngest(sink, within);
        for (const [index, { file }] of work.entries()) {
          onProgress?.({ phase: 'transcripts', files: index, bytes: bytesDone, totalBytes });
          batch.begin();
          finish(index, ingestTranscript(file, previous[index] ?? null, ingest, FLUSH_EVENTS));
        }
        ingest.flushSessions();
      }
      for (const sql of rebuild) db.exec(sql);
      batch.commit();
    } finally {
      batch.rollback();
    }
  } finally {
    await pipeline?.close();
  }
  onProgress?.({ phase: 'transcripts', files: work.length, bytes: bytesDone, totalBytes });

  onProgress?.({ phase: 'hooks', files: work.length, bytes: bytesDone, totalBytes });
  const spool = db.transaction(() => ingestSpool(db, repo, ctx.paths.spoolPath, now)).immediate();
  problems.push(...spool.problems);
  summary.malformed += spool.malformed;
  for (const id of spool.touched) {
    touched.add(id);
    batchCandidates.add(id);
  }
  // the shell hook's one-file-per-event spool; files go only once their events are committed
  const spoolDir = db.transaction(() => ingestSpoolDir(db, ctx.paths.spoolDir, now)).immediate();
  removeConsumed(spoolDir.consumed);
  problems.push(...spoolDir.problems);
  summary.malformed += spoolDir.malformed;
  for (const id of spoolDir.touched) {
    touched.add(id);
    batchCandidates.add(id);
  }

  onProgress?.({ phase: 'history', files: work.length, bytes: bytesDone, totalBytes });
  const sources = historySources(ctx.paths).filter((source) => historyChanged(repo, source));
  if (sources.length > 0) await deps.prepare();
  const history = ingestHistories(db, repo, sources, deps, now);
  problems.push(...history.problems);
  summary.files += history.files;
  summary.lines += history.lines;
  summary.malformed += history.malformed;

  onProgress?.({ phase: 'answers', files: work.length, bytes: bytesDone, totalBytes });
  db.transaction(() => {
    for (const id of repo.resolvePending()) batchCandidates.add(id);
    for (const id of newOtelCalls(db, repo, now)) {
      touched.add(id);
      batchCandidates.add(id);
    }
    // transcript-level batch attribution first; the exact layers then apply on top of it
    for (const id of attributeBatchDenials(db, batchCandidates)) touched.add(id);
    // then the local rules judged as they were when each call ran (needs the attributed refusals)
    for (const id of judgeLocalRules(db, sink.localRules)) touched.add(id);
    deriveAnswers(db, touched);
  }).immediate();

  const totals = evidenceTotals(db);
  return {
    files: summary.files,
    lines: summary.lines,
    malformed: summary.malformed,
    ...totals,
    durationMs: Math.round(performance.now() - started),
    readers,
    problems,
  };
}

/**
 * Split files into at most `count` consecutive runs of about equal bytes. A run starts only at a
 * session's own file, never between a session and its subagents' files.
 */
export function splitRuns(work: { file: string; size: number }[], count: number): [number, number][] {
  const total = work.reduce((n, w) => n + w.size, 0);
  const runs: [number, number][] = [];
  let from = 0;
  let bytes = 0;
  for (const [index, w] of work.entries()) {
    const canStart = !w.file.includes(`${path.sep}subagents${path.sep}`);
    if (index > from && bytes >= (total * (runs.length + 1)) / count && canStart && runs.length < count - 1) {
      runs.push([from, index]);
      from = index;
    }
    bytes += w.size;
  }
  if (work.length > from) runs.push([from, work.length]);
  return runs;
}

/** Drop the secondary indexes of `tables` (inside the caller's transaction); returns their CREATE statements. */
function dropSecondaryIndexes(db: Db, tables: string[]): string[] {
  const rows = db
    .prepare<[], { name: string; tbl_name: string; sql: string }>(
      "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    )
    .all()
    .filter((r) => tables.includes(r.tbl_name));
  for (const r of rows) db.exec(`DROP INDEX "${r.name.replaceAll('"', '""')}"`);
  return rows.map((r) => r.sql);
}

/** Tool-use ids of otel_decisions rows added since the last scan (`clearance collect` writes them). */
function newOtelCalls(db: Db, repo: EvidenceRepo, now: number): string[] {
  const marker = ':otel_decisions';
  const seen = repo.fileState(marker)?.offset ?? 0;
  const rows = db
    .prepare<[number], { id: number; tool_use_id: string | null }>(
      'SELECT id, tool_use_id FROM otel_decisions WHERE id > ? ORDER BY id',
    )
    .all(seen);
  if (rows.length === 0) return [];
  const last = rows[rows.length - 1]!.id;
  repo.saveFileState({
    path: marker,
    kind: 'otel-marker',
    dev: 0,
    ino: 0,
    size: 0,
    mtimeMs: 0,
    offset: last,
    lines: 0,
    malformed: 0,
    scannedAt: now,
  });
  return rows.flatMap((r) => (r.tool_use_id ? [r.tool_use_id] : []));
}
