// `runScan`: one incremental pass over every evidence source into the store. Transcripts are read
// from their remembered offsets (a warm scan only stats files), the hook spool likewise, then shell
// histories; finally prompted/answer facts are derived for the calls whose evidence changed.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CommandContext } from '../context.js';
import type { CommandSegment, PermissionMode, Problem } from '../core/types.js';
import type { Db } from '../store/db.js';
import { EvidenceRepo, evidenceTotals } from '../store/evidence-repo.js';
import type { FileState } from '../store/evidence-repo.js';
import { attributeBatchDenials, deriveAnswers } from './answer-deriver.js';
import { ingestSpool } from './hook-spool.js';
import { historyChanged, historySources, ingestHistories } from './history-readers.js';
import { loadIngestDeps } from './ingest-deps.js';
import type { IngestDeps } from './ingest-deps.js';
import { inferPrompted } from './prompt-inference.js';
import type { ParsedCommands, WorkerJob } from './scan-worker.js';
import type { ChunkResult, ToolResultEvent, TranscriptEvent } from './transcript-reader.js';
import { discoverTranscripts, handleLine, readCompleteLines, readNewBytes } from './transcript-reader.js';

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
  durationMs: number;
  problems: Problem[];
}

/** Tuning of a scan (tests and the bench). */
export interface ScanOptions {
  /** Read and parse in a worker pool (measured slower than one thread; see bench/scan.bench.ts). */
  workers?: boolean;
  /** A cold scan of at least this many bytes runs as one bulk transaction (default 16 MB). */
  bulkMinBytes?: number;
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
// below this much new transcript data, starting workers (and their WASM parsers) costs more than it saves
const WORKER_MIN_BYTES = 32 * 1024 * 1024;
// files in flight per worker: bounds the events held in memory
const IN_FLIGHT = 3;

type FileRead = Exclude<ReturnType<typeof readNewBytes<ChunkResult>>, Problem>;

interface WorkerDone {
  index: number;
  file: string;
  previous: FileState | null;
  result: FileRead | Problem;
  parsed: ParsedCommands;
}

/** Read files in worker threads, yielding results in the order of `work`. */
async function* readInWorkers(
  url: URL,
  threads: number,
  work: { file: string }[],
  repo: EvidenceRepo,
): AsyncGenerator<WorkerDone> {
  const workers = Array.from({ length: threads }, () => new Worker(url));
  const pending = new Map<number, { resolve: (d: WorkerDone) => void; promise: Promise<WorkerDone> }>();
  const previous = new Map<number, FileState | null>();
  for (const [w, worker] of workers.entries()) {
    // a crashed worker must not hang the scan: its files are reported and retried next scan
    worker.on('error', (error) => {
      for (const [seq, p] of pending) {
        if (seq % threads !== w) continue;
        const file = work[seq]!.file;
        p.resolve({
          index: seq,
          file,
          previous: null,
          result: { source: file, message: `cannot read: ${error.message}` },
          parsed: {},
        });
      }
    });
    worker.on('message', (msg: { seq: number; result: FileRead | Problem; parsed: ParsedCommands }) => {
      pending.get(msg.seq)?.resolve({
        index: msg.seq,
        file: work[msg.seq]!.file,
        previous: previous.get(msg.seq) ?? null,
        result: msg.result,
        parsed: msg.parsed,
      });
    });
  }
  let next = 0;
  const dispatch = (): void => {
    while (next < work.length && next < done + threads * IN_FLIGHT) {
      const seq = next++;
      const state = repo.fileState(work[seq]!.file);
      previous.set(seq, state);
      let resolve!: (d: WorkerDone) => void;
      const promise = new Promise<WorkerDone>((r) => (resolve = r));
      pending.set(seq, { resolve, promise });
      const job: WorkerJob = { seq, file: work[seq]!.file, previous: state };
      workers[seq % threads]!.postMessage(job);
    }
  };
  let done = 0;
  try {
    dispatch();
    while (done < work.length) {
      const result = await pending.get(done)!.promise;
      pending.delete(done);
      previous.delete(done);
      done += 1;
      dispatch();
      yield result;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
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
    this.db.exec('BEGIN');
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

/** Ingest everything new into the store and return the summary. Never throws on bad user data. */
export async function runScan(
  ctx: CommandContext,
  onProgress?: (p: ScanProgress) => void,
): Promise<ScanSummary> {
  return scanWith(ctx.openStore(), ctx, await loadIngestDeps(ctx), onProgress);
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
  const repo = new EvidenceRepo(db);
  const problems: Problem[] = [];
  const touched = new Set<string>();
  // calls whose batch attribution may have changed: new user rejections and new exact evidence
  const batchCandidates = new Set<string>();
  const summary = { files: 0, lines: 0, malformed: 0 };
  const now = ctx.now.getTime();

  const discovered = discoverTranscripts(ctx.paths.claudeDirs);
  problems.push(...discovered.problems);
  // Stat first: a warm scan stops here for every unchanged file.
  const work: { file: string; size: number }[] = [];
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
  }
  const totalBytes = work.reduce((n, w) => n + w.size, 0);
  if (work.length > 0) await deps.prepare();
  let bytesDone = 0;
  const ingest = new TranscriptIngest(repo, deps, touched, batchCandidates);
  // One transaction per ~64 MB read, not per file: commits (and WAL checkpoints) dominated cold
  // scans of many small files. A file's offset is saved in the same transaction as its events.
  // A cold bulk load (empty store, much to read) runs as ONE transaction with the secondary
  // indexes of tool_calls/segments dropped and rebuilt before it commits: sorting once is far
  // cheaper than 20k random inserts into a dozen indexes. DDL is transactional, so a crash or an
  // error rolls back to the empty store with its indexes intact. Incremental scans keep the
  // indexes and commit every ~64 MB (their offsets are saved with their events).
  const cold = totalBytes >= (options.bulkMinBytes ?? BULK_MIN_BYTES) && repo.isEmpty();
  const batch = new Batch(db, cold ? Number.POSITIVE_INFINITY : COMMIT_BYTES);
  let rebuild: string[] = [];
  if (cold) {
    batch.begin();
    rebuild = dropSecondaryIndexes(db, ['tool_calls', 'segments']);
  }
  const finish = (file: string, previous: FileState | null, result: FileRead | Problem): void => {
    if ('message' in result) {
      problems.push(result);
      return;
    }
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
      lines: (result.reset || !previous ? 0 : previous.lines) + (read?.lines ?? 0),
      malformed: (result.reset || !previous ? 0 : previous.malformed) + (read?.malformed ?? 0),
      scannedAt: now,
    });
    batch.added(read?.bytes ?? 0);
  };
  try {
    const workerUrl = new URL('./scan-worker.js', import.meta.url);
    const threads = Math.min(2, availableParallelism());
    if (
      options.workers === true &&
      totalBytes >= WORKER_MIN_BYTES &&
      threads > 1 &&
      existsSync(fileURLToPath(workerUrl))
    ) {
      // cold scan: workers read, filter and parse; this thread applies results in file order
      for await (const done of readInWorkers(workerUrl, threads, work, repo)) {
        onProgress?.({ phase: 'transcripts', files: done.index, bytes: bytesDone, totalBytes });
        batch.begin();
        if (!('message' in done.result) && done.result.value) {
          ingest.apply(done.result.value.events, done.file, done.parsed);
        }
        finish(done.file, done.previous, done.result);
      }
    } else {
      for (const [index, { file }] of work.entries()) {
        onProgress?.({ phase: 'transcripts', files: index, bytes: bytesDone, totalBytes });
        const previous = repo.fileState(file);
        batch.begin();
        const result = readNewBytes(file, previous, (fd, from, size) => {
          const chunk: ChunkResult = { events: [], offset: from, lines: 0, malformed: 0, bytes: 0 };
          const offset = readCompleteLines(fd, from, size, (line) => {
            handleLine(line, chunk);
            if (chunk.events.length >= FLUSH_EVENTS) ingest.apply(chunk.events.splice(0), file);
          });
          ingest.apply(chunk.events.splice(0), file);
          return { ...chunk, offset, bytes: offset - from };
        });
        finish(file, previous, result);
      }
    }
    ingest.flushSessions();
    for (const sql of rebuild) db.exec(sql);
    batch.commit();
  } finally {
    batch.rollback();
  }
  onProgress?.({ phase: 'transcripts', files: work.length, bytes: bytesDone, totalBytes });

  onProgress?.({ phase: 'hooks', files: work.length, bytes: bytesDone, totalBytes });
  const spool = db.transaction(() => ingestSpool(db, repo, ctx.paths.spoolPath, now))();
  problems.push(...spool.problems);
  summary.malformed += spool.malformed;
  for (const id of spool.touched) {
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
    deriveAnswers(db, touched);
  })();

  const totals = evidenceTotals(db);
  return {
    files: summary.files,
    lines: summary.lines,
    malformed: summary.malformed,
    ...totals,
    durationMs: Math.round(performance.now() - started),
    problems,
  };
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

/** The git root above `cwd` (walking up for `.git`), or cwd itself when none or when it is gone. */
export function projectOf(cwd: string, cache: Map<string, string>): string {
  const known = cache.get(cwd);
  if (known !== undefined) return known;
  let project = cwd;
  if (cwd !== '' && path.isAbsolute(cwd) && existsSync(cwd)) {
    for (let dir = cwd; ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, '.git'))) {
        project = dir;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  cache.set(cwd, project);
  return project;
}

interface SessionAcc {
  project: string | null;
  cwd: string | null;
  version: string | null;
  mode: PermissionMode | null;
  first: number | null;
  last: number | null;
  file: string;
}

/** Applies transcript events to the store, tracking each session's permission mode in force. */
class TranscriptIngest {
  private readonly modes = new Map<string, PermissionMode | null>();
  private readonly projects = new Map<string, string>();
  private sessions = new Map<string, SessionAcc>();

  constructor(
    private readonly repo: EvidenceRepo,
    private readonly deps: IngestDeps,
    private readonly touched: Set<string>,
    private readonly batchCandidates: Set<string>,
  ) {}

  private modeOf(sessionId: string): PermissionMode | null {
    if (!this.modes.has(sessionId)) this.modes.set(sessionId, this.repo.sessionMode(sessionId));
    return this.modes.get(sessionId) ?? null;
  }

  private session(sessionId: string, file: string): SessionAcc {
    let acc = this.sessions.get(sessionId);
    if (!acc) {
      acc = { project: null, cwd: null, version: null, mode: null, first: null, last: null, file };
      this.sessions.set(sessionId, acc);
    }
    return acc;
  }

  apply(events: TranscriptEvent[], file: string, parsedCommands?: ParsedCommands): void {
    // results whose call is in the same events are stored with the call (one row write)
    const uses = new Set<string>();
    for (const event of events) if (event.kind === 'use') uses.add(event.id);
    const results = new Map<string, ToolResultEvent>();
    for (const event of events)
      if (event.kind === 'result' && uses.has(event.id)) results.set(event.id, event);
    for (const event of events) {
      if (event.kind === 'mode') {
        this.modes.set(event.sessionId, event.mode);
        this.session(event.sessionId, file).mode = event.mode;
      } else if (event.kind === 'use') {
        const project = projectOf(event.cwd, this.projects);
        const mode = this.modeOf(event.sessionId);
        const command =
          event.tool === 'Bash' && typeof event.input.command === 'string' ? event.input.command : null;
        const parsed: { segments: CommandSegment[]; compound: boolean } =
          command === null
            ? { segments: [], compound: false }
            : (parsedCommands?.[command] ?? this.deps.segment(command));
        const inserted = this.repo.insertCall(
          {
            id: event.id,
            sessionId: event.sessionId,
            agentId: event.agentId,
            sidechain: event.sidechain,
            ts: event.ts,
            cwd: event.cwd,
            project,
            version: event.version,
            permissionMode: mode,
            tool: event.tool,
            inputJson: JSON.stringify(event.input),
            inputHash: event.inputHash,
            command,
            sourceFile: file,
            messageId: event.messageId,
            inferredPrompted: inferPrompted(
              {
                tool: event.tool,
                input: event.input,
                segments: parsed.segments,
                compound: parsed.compound,
                mode,
                project,
              },
              this.deps.oracle(project),
            ),
          },
          results.get(event.id) ?? null,
        );
        if (inserted) {
          if (parsed.segments.length > 0) this.repo.insertSegments(event.id, parsed.segments);
          this.touched.add(event.id);
        }
        const acc = this.session(event.sessionId, file);
        acc.project ??= project;
        acc.cwd ??= event.cwd;
        acc.version = event.version ?? acc.version;
        if (event.ts > 0) {
          acc.first = acc.first === null ? event.ts : Math.min(acc.first, event.ts);
          acc.last = acc.last === null ? event.ts : Math.max(acc.last, event.ts);
        }
      } else {
        if (!results.has(event.id))
          this.repo.applyResult(event.id, event.outcome, event.reason, event.denialKind);
        this.touched.add(event.id);
        if (event.outcome === 'user-rejected') this.batchCandidates.add(event.id);
      }
    }
    if (this.sessions.size > 256) this.flushSessions();
  }

  flushSessions(): void {
    for (const [id, s] of this.sessions) {
      if (!id) continue;
      this.repo.upsertSession({
        id,
        project: s.project,
        cwd: s.cwd,
        version: s.version,
        mode: s.mode,
        ts: s.first,
        file: s.file,
      });
      if (s.last !== null && s.last !== s.first) {
        this.repo.upsertSession({
          id,
          project: null,
          cwd: null,
          version: null,
          mode: null,
          ts: s.last,
          file: s.file,
        });
      }
    }
    this.sessions = new Map();
  }
}
