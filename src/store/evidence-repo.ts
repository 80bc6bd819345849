// Queries over the evidence tables (migrations/ingest.ts). Ingest writes through here; other
// areas may read through the query helpers at the bottom.
import type { Db } from './db.js';
import type { ExactDecision } from '../sources/transcript-reader.js';
import type {
  CallOutcome,
  CommandSegment,
  EvidenceBasis,
  PermissionMode,
  PromptAnswer,
  ToolCall,
  ToolUseId,
  SessionId,
} from '../core/types.js';

/** Remembered read position of one source file. */
export interface FileState {
  path: string;
  kind: string;
  dev: number;
  ino: number;
  size: number;
  offset: number;
  lines: number;
  malformed: number;
}

/** A tool call ready to insert (input redacted). */
export interface NewToolCall {
  id: string;
  sessionId: string;
  agentId: string | null;
  sidechain: boolean;
  ts: number;
  cwd: string;
  project: string;
  version: string | null;
  permissionMode: PermissionMode | null;
  tool: string;
  inputJson: string;
  inputHash: string;
  command: string | null;
  /** The assistant response (`message.id`) the call came in; calls sharing it are one parallel batch. */
  messageId: string | null;
  /** Transcript-only inference: 1 probably prompted, 0 probably not. */
  inferredPrompted: 0 | 1;
  /** The tool_use line's `entrypoint` (`cli`, `sdk-cli`, …), when it had one. */
  entrypoint?: string | null;
}

/** What a transcript says about a session: widens the stored row (first/last time, known fields). */
export interface SessionUpdate {
  id: string;
  project: string | null;
  cwd: string | null;
  version: string | null;
  mode: PermissionMode | null;
  ts: number | null;
  file: string;
}

/** Totals over the whole store, for `scan` and the dashboard header. */
export interface EvidenceTotals {
  toolCalls: number;
  prompts: number;
  promptsExact: number;
  promptsInferred: number;
  denials: number;
  historyCommands: number;
  /** Calls of headless (-p/SDK) sessions, and those of them refused because nobody could be asked. */
  headlessCalls: number;
  headlessRefusals: number;
  /** Calls of interactive sessions (`entrypoint: "cli"`, or unmarked lines of older versions). */
  interactiveCalls: number;
  /** Calls whose transcript carried a `permissionDecision`; those of them with values never seen before. */
  exactDecisions: number;
  unknownDecisions: number;
  /** "Yes, and don't ask again" answers. */
  dontAskAgain: number;
  /**
   * Auto mode: calls the classifier refused, and those of them the same session then ran anyway
   * (a retry or an approval after the auto-mode pause): evidence that a narrow allow rule is wanted.
   */
  classifierRefusals: number;
  classifierOverrides: number;
}

/**
 * SQL expressions deriving prompted/answer from the transcript alone (explicit rejections and
 * denials) or from the inference; `outcome` and `inferred` are SQL expressions (a column or a
 * parameter). Exact bases (hook spool, OTel) are layered on top by sources/answer-deriver.ts.
 */
function transcriptAnswerExprs(
  outcome: string,
  inferred: string,
  exact: { prompted: string; answer: string },
): { prompted: string; promptedBasis: string; answer: string; answerBasis: string } {
  const denied = `${outcome} IN ('rule-denied', 'mode-denied', 'classifier-denied')`;
  // the transcript's own permissionDecision wins over everything read from texts and inference
  // (the batch attribution sets the exact columns of the calls it re-evaluates)
  const has = `${exact.prompted} IS NOT NULL`;
  return {
    prompted: `CASE WHEN ${has} THEN ${exact.prompted} WHEN ${outcome} = 'user-rejected' THEN 1 WHEN ${denied} THEN 0 ELSE ${inferred} END`,
    promptedBasis: `CASE WHEN ${has} THEN 'transcript-exact'
      WHEN ${outcome} = 'user-rejected' OR ${denied} THEN 'transcript'
      WHEN ${inferred} IS NULL THEN NULL ELSE 'inferred' END`,
    answer: `CASE WHEN ${has} THEN ${exact.answer}
      WHEN ${outcome} = 'user-rejected' THEN 'denied'
      WHEN ${denied} OR ${inferred} = 0 THEN 'not-prompted'
      WHEN ${inferred} = 1 AND ${outcome} IN ('success', 'error') THEN 'approved'
      ELSE 'unknown' END`,
    answerBasis: `CASE WHEN ${has} THEN 'transcript-exact'
      WHEN ${outcome} = 'user-rejected' OR ${denied} THEN 'transcript'
      WHEN ${inferred} = 0 OR (${inferred} = 1 AND ${outcome} IN ('success', 'error')) THEN 'inferred'
      ELSE NULL END`,
  };
}

const DENIED_OUTCOMES: ReadonlySet<CallOutcome> = new Set([
  'rule-denied',
  'mode-denied',
  'classifier-denied',
]);

/** What {@link transcriptAnswerExprs} derives, for one call. */
export interface TranscriptAnswer {
  prompted: 0 | 1 | null;
  promptedBasis: EvidenceBasis | null;
  answer: PromptAnswer;
  answerBasis: EvidenceBasis | null;
}

/**
 * {@link transcriptAnswerExprs} evaluated in JS, for the rows ingest inserts: computing it in SQL
 * (INSERT … SELECT over a one-row subquery) cost twice the row write itself. A test checks
 * both agree on every outcome and inference.
 */
export function transcriptAnswer(
  outcome: CallOutcome,
  inferred: 0 | 1 | null,
  exact: { prompted: 0 | 1 | null; answer: PromptAnswer | null } | null = null,
): TranscriptAnswer {
  if (exact && exact.prompted !== null && exact.answer !== null)
    return {
      prompted: exact.prompted,
      promptedBasis: 'transcript-exact',
      answer: exact.answer,
      answerBasis: 'transcript-exact',
    };
  if (outcome === 'user-rejected')
    return { prompted: 1, promptedBasis: 'transcript', answer: 'denied', answerBasis: 'transcript' };
  if (DENIED_OUTCOMES.has(outcome))
    return { prompted: 0, promptedBasis: 'transcript', answer: 'not-prompted', answerBasis: 'transcript' };
  const promptedBasis = inferred === null ? null : 'inferred';
  if (inferred === 0) return { prompted: 0, promptedBasis, answer: 'not-prompted', answerBasis: 'inferred' };
  if (inferred === 1 && (outcome === 'success' || outcome === 'error'))
    return { prompted: 1, promptedBasis, answer: 'approved', answerBasis: 'inferred' };
  return { prompted: inferred, promptedBasis, answer: 'unknown', answerBasis: null };
}

/** SET clause of {@link transcriptAnswerExprs} (and no offered rules: those come from hooks). */
export function transcriptAnswerSet(
  outcome: string,
  inferred: string,
  exact: { prompted: string; answer: string } = { prompted: 'exact_prompted', answer: 'exact_answer' },
): string {
  const e = transcriptAnswerExprs(outcome, inferred, exact);
  return `prompted = ${e.prompted}, prompted_basis = ${e.promptedBasis}, answer = ${e.answer},
    answer_basis = ${e.answerBasis}, offered_rules_json = '[]'`;
}

/** A call's result as the transcript reported it. */
export interface CallResult {
  outcome: CallOutcome;
  reason: string | null;
  denialKind: string | null;
  /** What the line's `permissionDecision` said exactly (sources/transcript-reader.ts). */
  exact?: ExactDecision;
}

/** The exact-decision columns of a result, as statement parameters. */
function exactParams(exact: ExactDecision | undefined): {
  decisionJson: string | null;
  decisionKind: string | null;
  exactPrompted: number | null;
  exactAnswer: string | null;
  entrypoint: string | null;
} {
  return {
    decisionJson: exact?.json ?? null,
    decisionKind: exact?.json == null && exact?.kind === 'unknown' ? null : (exact?.kind ?? null),
    exactPrompted: exact?.prompted ?? null,
    exactAnswer: exact?.answer ?? null,
    entrypoint: exact?.entrypoint ?? null,
  };
}

/** Prepared statements for ingest, created once per scan. */
export class EvidenceRepo {
  private readonly stmts;
  private readonly segmentRows = new WeakMap<CommandSegment[], (string | number | null)[][]>();

  constructor(readonly db: Db) {
    this.stmts = {
      getFile: db.prepare<[string], FileState>(
        'SELECT path, kind, dev, ino, size, offset, lines, malformed FROM files WHERE path = ?',
      ),
      saveFile: db.prepare(
        `INSERT INTO files (path, kind, dev, ino, size, mtime_ms, offset, lines, malformed, scanned_at)
         VALUES (@path, @kind, @dev, @ino, @size, @mtimeMs, @offset, @lines, @malformed, @scannedAt)
         ON CONFLICT(path) DO UPDATE SET kind=excluded.kind, dev=excluded.dev, ino=excluded.ino,
           size=excluded.size, mtime_ms=excluded.mtime_ms, offset=excluded.offset, lines=excluded.lines,
           malformed=excluded.malformed, scanned_at=excluded.scanned_at`,
      ),
      // a call and (when it arrived in the same batch of lines, the common case) its result in one
      // row write: an UPDATE per result cost as much as the insert itself
      // positional parameters: binding two dozen named ones cost as much as the row write
      insertCall: db.prepare(
        `INSERT OR IGNORE INTO tool_calls (id, session_id, agent_id, sidechain, ts, cwd, project, version,
           permission_mode, tool, input_json, input_hash, command, message_id,
           rejection_reason, denial_kind, inferred_prompted, outcome, result_outcome,
           prompted, prompted_basis, answer, answer_basis,
           entrypoint, decision_json, decision_kind, exact_prompted, exact_answer)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      backfillMessage: db.prepare(
        'UPDATE tool_calls SET message_id = @messageId WHERE id = @id AND message_id IS NULL',
      ),
      applyResult: db.prepare(
        `UPDATE tool_calls SET outcome = @outcome, result_outcome = @outcome, rejection_reason = @reason, denial_kind = @denialKind,
           entrypoint = COALESCE(@entrypoint, entrypoint), decision_json = @decisionJson,
           decision_kind = @decisionKind, exact_prompted = @exactPrompted, exact_answer = @exactAnswer,
           ${transcriptAnswerSet('@outcome', 'inferred_prompted', { prompted: '@exactPrompted', answer: '@exactAnswer' })}
         WHERE id = @id`,
      ),
      pending: db.prepare(
        `INSERT OR REPLACE INTO pending_results (id, outcome, rejection_reason, denial_kind,
           entrypoint, decision_json, decision_kind, exact_prompted, exact_answer)
         VALUES (@id, @outcome, @reason, @denialKind, @entrypoint, @decisionJson, @decisionKind,
           @exactPrompted, @exactAnswer)`,
      ),
      insertSegment: db.prepare(
        `INSERT OR REPLACE INTO segments (call_id, idx, program, subcommand, text, argv_json, nested,
           wrappers_json, env_names_json, ephemeral_json, redirects_json, construct, env_safe)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      getSessionMode: db.prepare<[string], { permission_mode: string | null }>(
        'SELECT permission_mode FROM sessions WHERE id = ?',
      ),
      upsertSession: db.prepare(
        `INSERT INTO sessions (id, project, cwd, version, permission_mode, first_ts, last_ts, file)
         VALUES (@id, @project, @cwd, @version, @mode, @ts, @ts, @file)
         ON CONFLICT(id) DO UPDATE SET
           project = COALESCE(excluded.project, sessions.project),
           cwd = COALESCE(excluded.cwd, sessions.cwd),
           version = COALESCE(excluded.version, sessions.version),
           permission_mode = COALESCE(excluded.permission_mode, sessions.permission_mode),
           first_ts = MIN(COALESCE(sessions.first_ts, excluded.first_ts), COALESCE(excluded.first_ts, sessions.first_ts)),
           last_ts = MAX(COALESCE(sessions.last_ts, excluded.last_ts), COALESCE(excluded.last_ts, sessions.last_ts))`,
      ),
    };
  }

  /** True when no tool call is stored yet (a cold scan). */
  isEmpty(): boolean {
    return this.db.prepare('SELECT NOT EXISTS (SELECT 1 FROM tool_calls)').pluck().get() === 1;
  }

  /** The remembered state of a file, or null when never read. */
  fileState(file: string): FileState | null {
    return this.stmts.getFile.get(file) ?? null;
  }

  /** Remember how far a file was read. */
  saveFileState(state: FileState & { mtimeMs: number; scannedAt: number }): void {
    this.stmts.saveFile.run(state);
  }

  /** Insert a call once (dedupe by id); true when it was new. */
  insertCall(call: NewToolCall, result: CallResult | null = null): boolean {
    const outcome = result?.outcome ?? 'no-result';
    const exact = exactParams(result?.exact);
    const answer = transcriptAnswer(outcome, call.inferredPrompted, {
      prompted: exact.exactPrompted as 0 | 1 | null,
      answer: exact.exactAnswer as PromptAnswer | null,
    });
    const inserted = this.stmts.insertCall.run(
      call.id,
      call.sessionId,
      call.agentId,
      call.sidechain ? 1 : 0,
      call.ts,
      call.cwd,
      call.project,
      call.version,
      call.permissionMode,
      call.tool,
      call.inputJson,
      call.inputHash,
      call.command,
      call.messageId,
      result?.reason ?? null,
      result?.denialKind ?? null,
      call.inferredPrompted,
      outcome,
      outcome === 'no-result' ? null : outcome,
      answer.prompted,
      answer.promptedBasis,
      answer.answer,
      answer.answerBasis,
      exact.entrypoint ?? call.entrypoint ?? null,
      exact.decisionJson,
      exact.decisionKind,
      exact.exactPrompted,
      exact.exactAnswer,
    );
    if (inserted.changes > 0) return true;
    // stored before migration 0103 (or from another copy of the line): remember its batch
    if (call.messageId !== null) this.stmts.backfillMessage.run({ id: call.id, messageId: call.messageId });
    if (result) this.applyResult(call.id, result.outcome, result.reason, result.denialKind, result.exact);
    return false;
  }

  /** Record a call's result; kept pending when the call is not stored yet. */
  applyResult(
    id: string,
    outcome: CallOutcome,
    reason: string | null,
    denialKind: string | null,
    exact?: ExactDecision,
  ): void {
    const row = { id, outcome, reason, denialKind, ...exactParams(exact) };
    if (this.stmts.applyResult.run(row).changes === 0) this.stmts.pending.run(row);
  }

  /** Apply pending results whose calls have arrived since; returns the ids of the user rejections among them. */
  resolvePending(): string[] {
    if (this.db.prepare('SELECT EXISTS (SELECT 1 FROM pending_results)').pluck().get() !== 1) return [];
    const rejected = this.db
      .prepare<[], string>(
        `SELECT p.id FROM pending_results p JOIN tool_calls t ON t.id = p.id WHERE p.outcome = 'user-rejected'`,
      )
      .pluck()
      .all();
    this.db.exec(`
      UPDATE tool_calls SET outcome = p.outcome, result_outcome = p.outcome, rejection_reason = p.rejection_reason, denial_kind = p.denial_kind,
        entrypoint = COALESCE(p.entrypoint, tool_calls.entrypoint), decision_json = p.decision_json,
        decision_kind = p.decision_kind, exact_prompted = p.exact_prompted, exact_answer = p.exact_answer,
        ${transcriptAnswerSet('p.outcome', 'tool_calls.inferred_prompted', { prompted: 'p.exact_prompted', answer: 'p.exact_answer' })}
      FROM pending_results p WHERE p.id = tool_calls.id;
      DELETE FROM pending_results WHERE EXISTS (SELECT 1 FROM tool_calls t WHERE t.id = pending_results.id);
    `);
    return rejected;
  }

  /** Store the parsed segments of a Bash call (texts already redacted). */
  insertSegments(callId: string, segments: CommandSegment[]): void {
    // the same parse result recurs for every `git status`: serialize its rows once
    let rows = this.segmentRows.get(segments);
    if (!rows) {
      rows = segments.map((s, idx) => [
        idx,
        s.program,
        s.subcommand.join(' '),
        s.text,
        JSON.stringify(s.argv),
        s.nested ? 1 : 0,
        JSON.stringify(s.wrappers),
        JSON.stringify(s.envNames),
        JSON.stringify(s.ephemeralPackages),
        JSON.stringify(s.redirects),
        s.construct ?? null,
        s.envSafe === undefined ? null : s.envSafe ? 1 : 0,
      ]);
      this.segmentRows.set(segments, rows);
    }
    for (const row of rows) this.stmts.insertSegment.run(callId, ...row);
  }

  /** The permission mode last seen for a session in earlier scans/files. */
  sessionMode(sessionId: string): PermissionMode | null {
    return (
      (this.stmts.getSessionMode.get(sessionId)?.permission_mode as PermissionMode | null | undefined) ?? null
    );
  }

  /** Create or widen a session row. */
  upsertSession(s: SessionUpdate): void {
    this.stmts.upsertSession.run(s);
  }
}

/** Totals over the store. */
export function evidenceTotals(db: Db): EvidenceTotals {
  const row = db
    .prepare<
      [],
      {
        toolCalls: number;
        prompts: number;
        exact: number;
        inferred: number;
        denials: number;
        headless: number;
        headlessRefusals: number;
        decisions: number;
        unknownDecisions: number;
        dontAskAgain: number;
      }
    >(
      `SELECT COUNT(*) AS toolCalls,
         COALESCE(SUM(prompted = 1), 0) AS prompts,
         COALESCE(SUM(prompted = 1 AND prompted_basis != 'inferred'), 0) AS exact,
         COALESCE(SUM(prompted = 1 AND prompted_basis = 'inferred'), 0) AS inferred,
         COALESCE(SUM(outcome = 'user-rejected' OR answer = 'denied'), 0) AS denials,
         COALESCE(SUM(entrypoint IS NOT NULL AND entrypoint != 'cli'), 0) AS headless,
         COALESCE(SUM(entrypoint IS NOT NULL AND entrypoint != 'cli' AND outcome = 'mode-denied'), 0)
           AS headlessRefusals,
         COALESCE(SUM(decision_json IS NOT NULL), 0) AS decisions,
         COALESCE(SUM(decision_json IS NOT NULL AND decision_kind = 'unknown'), 0) AS unknownDecisions,
         COALESCE(SUM(decision_kind = 'user-always'), 0) AS dontAskAgain
       FROM tool_calls`,
    )
    .get();
  const history = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM shell_history').get();
  const classifier = db
    .prepare<[], { refusals: number; overrides: number }>(
      `SELECT COUNT(*) AS refusals, COALESCE(SUM(EXISTS (SELECT 1 FROM tool_calls d
         WHERE d.session_id = c.session_id AND d.input_hash = c.input_hash AND d.id != c.id
           AND d.ts >= c.ts AND d.outcome IN ('success', 'error'))), 0) AS overrides
       FROM tool_calls c WHERE c.outcome = 'classifier-denied'`,
    )
    .get();
  return {
    toolCalls: row?.toolCalls ?? 0,
    prompts: row?.prompts ?? 0,
    promptsExact: row?.exact ?? 0,
    promptsInferred: row?.inferred ?? 0,
    denials: row?.denials ?? 0,
    historyCommands: history?.n ?? 0,
    headlessCalls: row?.headless ?? 0,
    headlessRefusals: row?.headlessRefusals ?? 0,
    interactiveCalls: (row?.toolCalls ?? 0) - (row?.headless ?? 0),
    exactDecisions: row?.decisions ?? 0,
    unknownDecisions: row?.unknownDecisions ?? 0,
    dontAskAgain: row?.dontAskAgain ?? 0,
    classifierRefusals: classifier?.refusals ?? 0,
    classifierOverrides: classifier?.overrides ?? 0,
  };
}

interface ToolCallRow {
  id: string;
  session_id: string;
  agent_id: string | null;
  sidechain: number;
  ts: number;
  cwd: string;
  project: string;
  version: string | null;
  permission_mode: string | null;
  tool: string;
  input_json: string;
  command: string | null;
  outcome: string;
  rejection_reason: string | null;
  prompted: number | null;
  prompted_basis: string | null;
  answer: string;
  answer_basis: string | null;
  offered_rules_json: string;
}

function withCommandOf(input: Record<string, unknown>, command: string | null): Record<string, unknown> {
  return command === null || input.command !== undefined ? input : { ...input, command };
}

function toToolCall(row: ToolCallRow): ToolCall {
  return {
    id: row.id as ToolUseId,
    sessionId: row.session_id as SessionId,
    agentId: row.agent_id,
    sidechain: row.sidechain === 1,
    ts: row.ts,
    cwd: row.cwd,
    project: row.project,
    version: row.version,
    permissionMode: row.permission_mode as PermissionMode | null,
    tool: row.tool,
    // a Bash call's command is stored once, in its own column (transcript-ingest bashSplit)
    input: withCommandOf(JSON.parse(row.input_json) as Record<string, unknown>, row.command),
    command: row.command,
    outcome: row.outcome as CallOutcome,
    rejectionReason: row.rejection_reason,
    prompted: row.prompted === null ? null : row.prompted === 1,
    promptedBasis: row.prompted_basis as EvidenceBasis | null,
    answer: row.answer as PromptAnswer,
    answerBasis: row.answer_basis as EvidenceBasis | null,
    offeredRules: JSON.parse(row.offered_rules_json) as string[],
  };
}

/** Tool calls, optionally in a time window [from, to) (epoch ms), oldest first. */
export function listToolCalls(db: Db, window: { from?: number; to?: number } = {}): ToolCall[] {
  const rows = db
    .prepare<[number, number], ToolCallRow>(
      'SELECT * FROM tool_calls WHERE ts >= ? AND ts < ? ORDER BY ts, id',
    )
    .all(window.from ?? 0, window.to ?? Number.MAX_SAFE_INTEGER);
  return rows.map(toToolCall);
}

/** One tool call by id, or null. */
export function getToolCall(db: Db, id: string): ToolCall | null {
  const row = db.prepare<[string], ToolCallRow>('SELECT * FROM tool_calls WHERE id = ?').get(id);
  return row ? toToolCall(row) : null;
}

/** Stored segments of a Bash call, in order. */
export function segmentsOf(db: Db, callId: string): CommandSegment[] {
  return db
    .prepare<[string], SegmentRow>('SELECT * FROM segments WHERE call_id = ? ORDER BY idx')
    .all(callId)
    .map(segmentFromRow);
}

/** The columns of a `segments` row; `ephemeral_json` may be left out of a SELECT that does not need it. */
export interface SegmentRow {
  program: string;
  subcommand: string;
  text: string;
  argv_json: string;
  nested: number;
  wrappers_json: string;
  env_names_json: string;
  ephemeral_json?: string;
  redirects_json: string;
  /** Absent from SELECTs that do not need them (and NULL in rows stored before 0110). */
  construct?: string | null;
  env_safe?: number | null;
}

const EMPTY_LIST: readonly string[] = Object.freeze([]);

/** A JSON list of strings from the store; a damaged value reads as empty rather than throwing. */
export function parseStringList(json: string | undefined): string[] {
  if (json === undefined || json === '[]') return EMPTY_LIST as string[];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** One stored segment row as the CommandSegment it was written from. */
export function segmentFromRow(row: SegmentRow): CommandSegment {
  return {
    program: row.program,
    subcommand: row.subcommand === '' ? [] : row.subcommand.split(' '),
    argv: parseStringList(row.argv_json),
    text: row.text,
    wrappers: parseStringList(row.wrappers_json),
    envNames: parseStringList(row.env_names_json),
    nested: row.nested === 1,
    ephemeralPackages: parseStringList(row.ephemeral_json),
    redirects: parseStringList(row.redirects_json),
    ...(row.construct ? { construct: row.construct } : {}),
    ...(row.env_safe === 0 || row.env_safe === 1 ? { envSafe: row.env_safe === 1 } : {}),
  };
}

/** Lines skipped as malformed over every file the store has read, and how many files had some. */
export function malformedLineTotals(db: Db): { lines: number; files: number } {
  const row = db
    .prepare<[], { lines: number; files: number }>(
      'SELECT COALESCE(SUM(malformed), 0) AS lines, COALESCE(SUM(malformed > 0), 0) AS files FROM files',
    )
    .get();
  return { lines: row?.lines ?? 0, files: row?.files ?? 0 };
}
