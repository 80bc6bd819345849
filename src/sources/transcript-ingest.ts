// Applying transcript events to the evidence store, in two stages. The first (TranscriptIngest)
// follows the transcripts in file order: each session's permission mode in force, each call's
// project (git root) and the session rows. The second (StoreSink) handles one call at a time: it
// parses the Bash command, infers whether the call was prompted and writes it. A single-thread
// scan runs both in turn. A pipelined cold scan runs the first stage in reader threads
// (sources/scan-pipeline-worker.ts), each over its own run of files, into an OpRecorder; this
// thread replays the ops in file order. A reader cannot know the mode a session had in the files
// before its run, so it marks such calls 'inherit' and the replay fills in the mode in force.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isWithin } from '../runtime/paths.js';
import type { CallOutcome, PermissionMode } from '../core/types.js';
import type { CallResult, EvidenceRepo, NewToolCall, SessionUpdate } from '../store/evidence-repo.js';
import type { IngestDeps } from './ingest-deps.js';
import { inferPromptedReason } from './prompt-inference.js';
import type { ChunkResult, ExactDecision, ToolResultEvent, TranscriptEvent } from './transcript-reader.js';
import { handleLine, readCompleteLines, readNewBytes } from './transcript-reader.js';
import { isCutCommand } from '../core/redact.js';

/** What reading one transcript gave (its events already handed to the ordered stage). */
export type FileEnd = ReturnType<typeof readNewBytes<ChunkResult>>;

/**
 * Read a transcript's new complete lines into the ordered stage, handing over its events every
 * `flushEvents` (bounded memory for multi-MB files); `afterApply` runs after each hand-over.
 */
export function ingestTranscript(
  file: string,
  previous: { dev: number; ino: number; offset: number } | null,
  ingest: TranscriptIngest,
  flushEvents: number,
  afterApply?: () => void,
): FileEnd {
  return readNewBytes(file, previous, (fd, from, size) => {
    const chunk: ChunkResult = { events: [], offset: from, lines: 0, malformed: 0, bytes: 0 };
    const offset = readCompleteLines(fd, from, size, (line) => {
      handleLine(line, chunk);
      if (chunk.events.length < flushEvents) return;
      ingest.apply(chunk.events.splice(0), file);
      afterApply?.();
    });
    ingest.apply(chunk.events.splice(0), file);
    afterApply?.();
    return { ...chunk, offset, bytes: offset - from };
  });
}

/** A call that needed a `settings.local.json` allow rule. */
export interface LocalRuleUse {
  project: string;
  rule: string;
  id: string;
}

/** A session's permission mode as a stage knows it; 'inherit': whatever was in force before. */
export type ModeInForce = PermissionMode | null | 'inherit';

/** A call as the ordered stage knows it: everything but what parsing and inference add. */
export interface CallRecord {
  call: Omit<NewToolCall, 'inferredPrompted' | 'permissionMode'> & { permissionMode: ModeInForce };
  /** The (redacted) input, for the rule checks of the inference (else parsed from `inputJson`). */
  input?: Record<string, unknown>;
  /** Its result, when it arrived with the call (one row write instead of two). */
  result: CallResult | null;
}

/** Where the ordered stage sends its output: the store ({@link StoreSink}) or an {@link OpRecorder}. */
export interface IngestSink {
  /** The mode in force for a session the ordered stage has not seen a mode event of. */
  sessionMode(sessionId: string): ModeInForce;
  /** A session switched permission mode. */
  mode(sessionId: string, mode: PermissionMode): void;
  /** A call, with its result when that came in the same lines. */
  call(record: CallRecord): void;
  /** A result whose call came earlier (in an earlier batch of lines, file or scan). */
  result(event: ToolResultEvent): void;
  upsertSession(s: SessionUpdate): void;
}

/** The second stage: parses, infers and writes each call; collects the ids whose answers need deriving. */
export class StoreSink implements IngestSink {
  /** Calls whose evidence changed (new calls, new results). */
  readonly touched = new Set<string>();
  /** Calls whose batch attribution may have changed (new user rejections). */
  readonly batchCandidates = new Set<string>();
  /** Calls of this scan that needed a local allow rule, one entry a rule. */
  readonly localRules: LocalRuleUse[] = [];

  // modes seen so far in this scan, in file order (to resolve 'inherit')
  private readonly modes = new Map<string, PermissionMode>();

  constructor(
    private readonly repo: EvidenceRepo,
    private readonly deps: IngestDeps,
  ) {}

  sessionMode(sessionId: string): PermissionMode | null {
    return this.modes.get(sessionId) ?? this.repo.sessionMode(sessionId);
  }

  mode(sessionId: string, mode: PermissionMode): void {
    this.modes.set(sessionId, mode);
  }

  call(record: CallRecord): void {
    const { call, result } = record;
    const mode = call.permissionMode === 'inherit' ? this.sessionMode(call.sessionId) : call.permissionMode;
    // a cut command (core/redact capCommand) is evidence of a call, never of what a rule may allow
    const parsed =
      call.command === null || isCutCommand(call.command)
        ? { segments: [], compound: false }
        : this.deps.segment(call.command);
    let input = record.input;
    const inference = {
      tool: call.tool,
      // only rule checks read the input: parse it from its JSON when one does
      get input() {
        return (input ??= withCommand(JSON.parse(call.inputJson) as Record<string, unknown>, call.command));
      },
      segments: parsed.segments,
      compound: parsed.compound,
      mode,
      project: call.project,
    };
    const oracle = this.deps.oracle(call.project);
    const reason = inferPromptedReason(inference, oracle);
    const inferredPrompted: 0 | 1 = reason === 'prompt' ? 1 : 0;
    // without the transcript's own decision: the first call a "don't ask again" rule covers was the
    // answer that saved it (judged against the rules in force when it ran, not those of today)
    if (reason === 'rules' && !result?.exact?.json && oracle.localRulesNeeded) {
      for (const rule of oracle.localRulesNeeded(inference))
        this.localRules.push({ project: call.project, rule, id: call.id });
    }
    // the record is this call's own: complete it in place rather than copy it
    const inserted = this.repo.insertCall(
      Object.assign(call, { permissionMode: mode, inferredPrompted }),
      result,
    );
    if (inserted && parsed.segments.length > 0) this.repo.insertSegments(call.id, parsed.segments);
    if (inserted || result) this.touched.add(call.id);
    if (result?.outcome === 'user-rejected') this.batchCandidates.add(call.id);
  }

  result(event: ToolResultEvent): void {
    this.repo.applyResult(event.id, event.outcome, event.reason, event.denialKind, event.exact);
    this.touched.add(event.id);
    if (event.outcome === 'user-rejected') this.batchCandidates.add(event.id);
  }

  upsertSession(s: SessionUpdate): void {
    this.repo.upsertSession(s);
  }
}

/** The git root above `cwd` (walking up for `.git`), or cwd itself when none or when it is gone. */
export function projectOf(cwd: string, cache: Map<string, string>, within: string | null = null): string {
  const known = cache.get(cwd);
  if (known !== undefined) return known;
  let project = cwd;
  const inside = (dir: string): boolean => within === null || isWithin(within, dir);
  if (cwd !== '' && path.isAbsolute(cwd) && inside(cwd) && existsSync(cwd)) {
    for (let dir = cwd; inside(dir); dir = path.dirname(dir)) {
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

/** The ordered stage: follows each session's permission mode and project through the transcripts. */
export class TranscriptIngest {
  private readonly modes = new Map<string, ModeInForce>();
  private readonly projects = new Map<string, string>();
  private sessions = new Map<string, SessionAcc>();

  constructor(
    private readonly sink: IngestSink,
    /** With --home: the home; project roots are looked for only inside it. */
    private readonly within: string | null = null,
  ) {}

  private modeOf(sessionId: string): ModeInForce {
    let mode = this.modes.get(sessionId);
    if (mode === undefined) {
      mode = this.sink.sessionMode(sessionId);
      this.modes.set(sessionId, mode);
    }
    return mode;
  }

  private session(sessionId: string, file: string): SessionAcc {
    let acc = this.sessions.get(sessionId);
    if (!acc) {
      acc = { project: null, cwd: null, version: null, mode: null, first: null, last: null, file };
      this.sessions.set(sessionId, acc);
    }
    return acc;
  }

  apply(events: TranscriptEvent[], file: string): void {
    // results whose call is in the same events are stored with the call (one row write)
    const uses = new Set<string>();
    for (const event of events) if (event.kind === 'use') uses.add(event.id);
    const results = new Map<string, ToolResultEvent>();
    for (const event of events)
      if (event.kind === 'result' && uses.has(event.id)) results.set(event.id, event);
    for (const event of events) {
      if (event.kind === 'mode') {
        this.modes.set(event.sessionId, event.mode);
        this.sink.mode(event.sessionId, event.mode);
        this.session(event.sessionId, file).mode = event.mode;
      } else if (event.kind === 'use') {
        const project = projectOf(event.cwd, this.projects, this.within);
        const mode = this.modeOf(event.sessionId);
        this.sink.call({
          call: {
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
            ...bashSplit(event.tool, event.input),
            inputHash: event.inputHash,
            messageId: event.messageId,
            entrypoint: event.entrypoint,
          },
          input: event.input,
          result: results.get(event.id) ?? null,
        });
        const acc = this.session(event.sessionId, file);
        acc.project ??= project;
        acc.cwd ??= event.cwd;
        acc.version = event.version ?? acc.version;
        if (event.ts > 0) {
          acc.first = acc.first === null ? event.ts : Math.min(acc.first, event.ts);
          acc.last = acc.last === null ? event.ts : Math.max(acc.last, event.ts);
        }
      } else {
        if (!results.has(event.id)) this.sink.result(event);
      }
    }
    if (this.sessions.size > 256) this.flushSessions();
  }

  flushSessions(): void {
    for (const [id, s] of this.sessions) {
      if (!id) continue;
      this.sink.upsertSession({
        id,
        project: s.project,
        cwd: s.cwd,
        version: s.version,
        mode: s.mode,
        ts: s.first,
        file: s.file,
      });
      if (s.last !== null && s.last !== s.first) {
        this.sink.upsertSession({
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

/** A call record as one flat tuple: no property names to copy between threads. */
type CallTuple = [
  id: string,
  sessionId: string,
  agentId: string | null,
  sidechain: boolean,
  ts: number,
  cwd: string,
  project: string,
  version: string | null,
  permissionMode: ModeInForce,
  tool: string,
  inputJson: string,
  inputHash: string,
  command: string | null,
  messageId: string | null,
  outcome: CallOutcome | null,
  reason: string | null,
  denialKind: string | null,
  exact: ExactDecision | null,
  entrypoint: string | null,
];

/** One output of the ordered stage, recorded by {@link OpRecorder}. */
export type IngestOp =
  | [op: 'call', call: CallTuple]
  | [op: 'result', event: ToolResultEvent]
  | [op: 'mode', sessionId: string, mode: PermissionMode]
  | [op: 'session', session: SessionUpdate];

/**
 * An IngestSink that records the ordered stage's output, for a thread without the store. It knows
 * no session's mode before its own files: the replay resolves 'inherit' (StoreSink.sessionMode).
 */
export class OpRecorder implements IngestSink {
  ops: IngestOp[] = [];

  sessionMode(): ModeInForce {
    return 'inherit';
  }

  mode(sessionId: string, mode: PermissionMode): void {
    this.ops.push(['mode', sessionId, mode]);
  }

  call({ call: c, result: r }: CallRecord): void {
    // the input travels as its JSON only
    this.ops.push([
      'call',
      [
        c.id,
        c.sessionId,
        c.agentId,
        c.sidechain,
        c.ts,
        c.cwd,
        c.project,
        c.version,
        c.permissionMode,
        c.tool,
        c.inputJson,
        c.inputHash,
        c.command,
        c.messageId,
        r?.outcome ?? null,
        r?.reason ?? null,
        r?.denialKind ?? null,
        r?.exact ?? null,
        c.entrypoint ?? null,
      ],
    ]);
  }

  result(event: ToolResultEvent): void {
    this.ops.push(['result', event]);
  }

  upsertSession(s: SessionUpdate): void {
    this.ops.push(['session', s]);
  }

  /** The ops recorded so far, handed over and forgotten. */
  take(): IngestOp[] {
    const ops = this.ops;
    this.ops = [];
    return ops;
  }
}

/**
 * A Bash call's command is stored once, in `command`; its input JSON keeps the other fields
 * (a 50 MB heredoc stored twice doubled the store). Other tools keep their whole input.
 */
export function bashSplit(
  tool: string,
  input: Record<string, unknown>,
): { inputJson: string; command: string | null } {
  if (tool !== 'Bash' || typeof input.command !== 'string')
    return { inputJson: JSON.stringify(input), command: null };
  const { command, ...rest } = input;
  return { inputJson: JSON.stringify(rest), command };
}

/** The input with its command put back (the inverse of bashSplit). */
export function withCommand(input: Record<string, unknown>, command: string | null): Record<string, unknown> {
  return command === null || input.command !== undefined ? input : { ...input, command };
}

/** Hand recorded ops to the real sink, in order. */
export function replayOps(sink: IngestSink, ops: IngestOp[]): void {
  for (const op of ops) {
    if (op[0] === 'call') {
      const [id, sessionId, agentId, sidechain, ts, cwd, project, version, permissionMode] = op[1];
      const [, , , , , , , , , tool, inputJson, inputHash, command, messageId, outcome, reason, denialKind] =
        op[1];
      const [exact, entrypoint] = [op[1][17], op[1][18]];
      sink.call({
        call: {
          id,
          sessionId,
          agentId,
          sidechain,
          ts,
          cwd,
          project,
          version,
          permissionMode,
          tool,
          inputJson,
          inputHash,
          command,
          messageId,
          entrypoint,
        },
        result: outcome === null ? null : { outcome, reason, denialKind, ...(exact ? { exact } : {}) },
      });
    } else if (op[0] === 'result') sink.result(op[1]);
    else if (op[0] === 'mode') sink.mode(op[1], op[2]);
    else sink.upsertSession(op[1]);
  }
}
