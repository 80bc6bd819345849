// Claude Code transcript reading (reference/claude-code.md §2): discovery, incremental byte-range
// reads, a byte prefilter so most lines are never JSON-parsed, and extraction of the few fields the
// learning needs. Bulky tool_result lines (multi-MB command output) are scanned as bytes, not parsed.
import { hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { CallOutcome, PermissionMode, Problem } from '../core/types.js';
import { COMMAND_CAP, capCommand, cutMark, redactInput, redactText } from '../core/redact.js';
import type { DecisionKind, PermissionDecision } from '../core/permission-decision.js';
import { decisionJson, mapDecision } from '../core/permission-decision.js';

/** A tool_use seen in a transcript (input already redacted). */
export interface ToolUseEvent {
  kind: 'use';
  id: string;
  tool: string;
  input: Record<string, unknown>;
  /** Hash of the raw input, to correlate with hook events (which carry the same input). */
  inputHash: string;
  sessionId: string;
  cwd: string;
  version: string | null;
  ts: number;
  sidechain: boolean;
  agentId: string | null;
  /** The assistant API response (`message.id`) the call belongs to: calls sharing it are one batch. */
  messageId: string | null;
  /** The line's `entrypoint`: `cli` interactive, `sdk-cli`/`sdk-ts`/… headless; null before the field. */
  entrypoint: string | null;
}

/** What the line's `permissionDecision` (or its absence) says exactly, when it says anything. */
export interface ExactDecision {
  /** The decision's fields as compact JSON, or null when the line had none. */
  json: string | null;
  kind: DecisionKind;
  prompted: 0 | 1 | null;
  answer: 'approved' | 'denied' | 'not-prompted' | 'unknown' | null;
  entrypoint: string | null;
}

/** A tool_result, already classified. */
export interface ToolResultEvent {
  kind: 'result';
  id: string;
  outcome: CallOutcome;
  /** The user's rejection comment (redacted), when there was one. */
  reason: string | null;
  denialKind: string | null;
  /** Exact facts from `permissionDecision`/`entrypoint` (absent: the line had neither). */
  exact?: ExactDecision;
}

/** The permission mode a session switched to (user line `permissionMode` or a `permission-mode` record). */
export interface ModeEvent {
  kind: 'mode';
  sessionId: string;
  mode: PermissionMode;
}

/** Everything the store cares about from one transcript line. */
export type TranscriptEvent = ToolUseEvent | ToolResultEvent | ModeEvent;

/** What reading a byte range of one file produced. */
export interface ChunkResult {
  events: TranscriptEvent[];
  /** Offset after the last complete line consumed. */
  offset: number;
  lines: number;
  malformed: number;
  bytes: number;
}

const MODES = new Set<string>(['default', 'acceptEdits', 'plan', 'auto', 'dontAsk', 'bypassPermissions']);
// Lines larger than this are tool outputs in practice: scan their bytes instead of JSON.parse.
const PARSE_LIMIT = 2 * 1024;
const HEAD = 4096;
const CHUNK = 1024 * 1024;
// read at least this much at a time (a partial line is moved to the front to make the room)
const MIN_READ = 256 * 1024;
const MAX_SPARE = 16 * 1024 * 1024;
// a content block's type, as Claude Code writes it (compact JSON): one search finds both kinds
const MARK_TOOL = Buffer.from('"type":"tool_');
const USE_REST = Buffer.from('use"');
const RESULT_REST = Buffer.from('result"');
const MARK_MODE = Buffer.from('"permissionMode"');
const MARK_MODE_RECORD = Buffer.from('"permission-mode"');
const MARK_PERMISSION = Buffer.from('"permission');
const NEWLINE = 0x0a;
const MARK_USER = Buffer.from('"type":"user"');

/** Stable short hash of a tool input (keys sorted), shared by transcripts and the hook spool. */
export function inputHash(input: unknown): string {
  // over the command as stored (capCommand): a 50 MB command is not serialised again to hash it
  const obj = input as { command?: unknown } | null;
  const capped =
    obj !== null &&
    typeof obj === 'object' &&
    typeof obj.command === 'string' &&
    obj.command.length > COMMAND_CAP
      ? { ...obj, command: capCommand(obj.command) }
      : input;
  return hash('sha1', stableJson(capped), 'hex').slice(0, 20);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Find transcript files under each `<claudeDir>/projects/`: session files and
 * `<session>/subagents/*.jsonl`. Sorted so a session file precedes its subagents.
 */
export function discoverTranscripts(claudeDirs: string[]): { value: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  const walk = (dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        problems.push({ source: dir, message: `cannot list: ${code ?? 'error'}` });
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // tool-results/ holds spilled outputs, memory/ notes: neither is a transcript.
      if (entry.isDirectory() && depth < 4 && entry.name !== 'tool-results' && entry.name !== 'memory')
        walk(full, depth + 1);
      else if (entry.name.endsWith('.jsonl') && !entry.isDirectory()) files.push(full);
    }
  };
  for (const claudeDir of [...new Set(claudeDirs)]) walk(path.join(claudeDir, 'projects'), 0);
  files.sort();
  return { value: files, problems };
}

// One read buffer reused across files: a cold scan of hundreds of files would otherwise allocate
// (and collect) a fresh buffer per file. Lines are handed out as views and used synchronously.
let spare: Buffer | null = null;

function acquireBuffer(): Buffer {
  const buffer = spare ?? Buffer.allocUnsafe(CHUNK);
  spare = null;
  return buffer;
}

/**
 * Call `onLine` for each complete line of `fd` between `offset` and `size`, reading in bounded
 * chunks; returns the offset after the last complete line. A trailing line without its newline is
 * left for the next scan (Claude Code may still be writing it).
 */
export function readCompleteLines(
  fd: number,
  offset: number,
  size: number,
  onLine: (line: Buffer) => void,
): number {
  const reading = { buffer: acquireBuffer() };
  try {
    return readLinesInto(fd, offset, size, onLine, reading);
  } finally {
    // keep a grown buffer (up to a bound) too: files with one long line tend to have more
    spare = reading.buffer.length <= MAX_SPARE ? reading.buffer : null;
  }
}

function readLinesInto(
  fd: number,
  offset: number,
  size: number,
  onLine: (line: Buffer) => void,
  reading: { buffer: Buffer },
): number {
  let buffer = reading.buffer;
  // buffer[begin, filled) holds the unconsumed bytes (the start of a line) read from the file
  let begin = 0;
  let filled = 0;
  let position = offset;
  while (position < size) {
    if (buffer.length - filled < MIN_READ) {
      // move the partial line to the front only when the free room runs out (not after every read),
      // and grow the buffer when a single line fills it (bounded by the line's size)
      const keep = filled - begin;
      const target = keep + MIN_READ > buffer.length ? Buffer.allocUnsafe(buffer.length * 2) : buffer;
      buffer.copy(target, 0, begin, filled);
      buffer = target;
      reading.buffer = target;
      begin = 0;
      filled = keep;
    }
    const want = Math.min(buffer.length - filled, size - position);
    const got = readSync(fd, buffer, filled, want, position);
    if (got <= 0) break;
    // search only the new bytes: the unconsumed ones before them hold no newline
    let from = filled;
    position += got;
    filled += got;
    const view = filled === buffer.length ? buffer : buffer.subarray(0, filled);
    for (;;) {
      const nl = view.indexOf(NEWLINE, from);
      if (nl === -1) break;
      onLine(buffer.subarray(begin, nl));
      begin = nl + 1;
      from = begin;
    }
    if (begin === filled) {
      begin = 0;
      filled = 0;
    }
  }
  return position - (filled - begin);
}

/** Read and extract the complete transcript lines of `fd` between `offset` and `size`. */
export function readTranscriptRange(fd: number, offset: number, size: number): ChunkResult {
  const result: ChunkResult = { events: [], offset, lines: 0, malformed: 0, bytes: 0 };
  result.offset = readCompleteLines(fd, offset, size, (line) => handleLine(line, result));
  result.bytes = result.offset - offset;
  return result;
}

/** Open a file and read its new bytes given the remembered state (re-reading from 0 when it shrank or was replaced). */
export function readNewBytes<T>(
  file: string,
  previous: { dev: number; ino: number; offset: number } | null,
  read: (fd: number, from: number, size: number) => T,
):
  | {
      stat: { dev: number; ino: number; size: number; mtimeMs: number };
      from: number;
      value: T | null;
      reset: boolean;
    }
  | Problem {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return { source: file, message: `cannot open: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { source: file, message: 'not a regular file' };
    const stat = { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: Math.trunc(st.mtimeMs) };
    const reset =
      previous !== null && (previous.ino !== st.ino || previous.dev !== st.dev || st.size < previous.offset);
    const from = previous === null || reset ? 0 : previous.offset;
    if (from >= st.size) return { stat, from, value: null, reset };
    return { stat, from, value: read(fd, from, st.size), reset };
  } catch (error) {
    return {
      source: file,
      message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    };
  } finally {
    closeSync(fd);
  }
}

/** Extract events from one line (without its newline). Counts the line; malformed lines are counted, not thrown. */
export function handleLine(line: Buffer, into: ChunkResult): void {
  into.lines += 1;
  let end = line.length;
  if (end > 0 && line[end - 1] === 0x0d) end -= 1;
  if (end === 0) return;
  const first = line[0];
  if (first !== 0x7b || line[end - 1] !== 0x7d) {
    into.malformed += 1;
    return;
  }
  // Claude Code writes one content block per line, with the block near the start: look at the head
  // of big lines only, so a multi-MB output is not searched byte by byte for each marker.
  const big = end > PARSE_LIMIT;
  const head = big ? line.subarray(0, HEAD) : line.subarray(0, end);
  let toolAt = head.indexOf(MARK_TOOL);
  let hasResult = false;
  let hasUse = false;
  while (toolAt !== -1) {
    const rest = toolAt + MARK_TOOL.length;
    hasResult = bytesAt(head, rest, RESULT_REST);
    hasUse = !hasResult && bytesAt(head, rest, USE_REST);
    if (hasResult || hasUse) break;
    toolAt = head.indexOf(MARK_TOOL, rest);
  }
  if (!hasUse && !hasResult) {
    // permissionMode sits at the end of user prompt lines; permission-mode records are small
    if (!big) {
      if (head.indexOf(MARK_PERMISSION) === -1) return;
    } else if (
      line.subarray(Math.max(0, end - HEAD), end).indexOf(MARK_MODE) === -1 &&
      head.indexOf(MARK_MODE_RECORD) === -1
    ) {
      return;
    }
  }
  if (hasResult && big) {
    // only a user record's tool_result is a result: newer clients also copy whole requests, results
    // included, into `api-request-blob` records (without the result's permissionDecision)
    const userAt = head.indexOf(MARK_USER);
    if (userAt === -1 || userAt > toolAt) return;
    scanBulkyResult(line.subarray(0, end), toolAt, into.events);
    return;
  }
  let record: unknown;
  try {
    // a multi-MB command is cut in the bytes, before it becomes a string and an object
    const text = hasUse && end > HUGE_USE ? shrinkCommand(line, end) : line;
    record = JSON.parse(text.toString('utf8', 0, text === line ? end : text.length));
  } catch {
    into.malformed += 1;
    return;
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    into.malformed += 1;
    return;
  }
  extractEvents(record as Record<string, unknown>, into.events);
}

// a tool_use line this long most likely carries a huge command: cut it before parsing
const HUGE_USE = 1024 * 1024;
const MARK_COMMAND = Buffer.from('"command":"');

/**
 * The line with its `"command":"…"` string cut to its first COMMAND_CAP - 4 KiB bytes plus the
 * cut mark (core/redact capCommand's), or the line itself when there is nothing to cut. The cut
 * never splits an escape sequence or a UTF-8 character, so the result still parses.
 */
export function shrinkCommand(line: Buffer, end: number): Buffer {
  const at = line.indexOf(MARK_COMMAND);
  if (at === -1 || at > end) return line;
  const start = at + MARK_COMMAND.length;
  // the closing quote: the first one not escaped (an even run of backslashes before it)
  let close = start;
  for (;;) {
    close = line.indexOf(0x22, close);
    if (close === -1 || close >= end) return line;
    let slashes = 0;
    while (line[close - 1 - slashes] === 0x5c) slashes += 1;
    if (slashes % 2 === 0) break;
    close += 1;
  }
  const keep = COMMAND_CAP - 4096;
  if (close - start <= keep) return line;
  let cut = start + keep;
  // not inside a UTF-8 sequence, and not inside an escape (\x or \uXXXX)
  while (cut > start && ((line[cut] ?? 0) & 0xc0) === 0x80) cut -= 1;
  for (let back = 1; back <= 6 && cut - back >= start; back++) {
    if (line[cut - back] !== 0x5c) continue;
    let run = 1;
    while (line[cut - back - run] === 0x5c) run += 1;
    if (run % 2 === 1 && back <= (line[cut - back + 1] === 0x75 ? 5 : 1)) {
      cut -= back;
      break;
    }
  }
  const mark = JSON.stringify(cutMark(close - cut)).slice(1, -1);
  return Buffer.concat([line.subarray(0, cut), Buffer.from(mark), line.subarray(close, end)]);
}

/** True when `bytes` occur in `buffer` at `at`. */
function bytesAt(buffer: Buffer, at: number, bytes: Buffer): boolean {
  if (at + bytes.length > buffer.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buffer[at + i] !== bytes[i]) return false;
  return true;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Events of one parsed transcript record; unknown record types yield nothing. */
export function extractEvents(record: Record<string, unknown>, events: TranscriptEvent[]): void {
  const type = record.type;
  const sessionId = str(record.sessionId) ?? '';
  if (type === 'permission-mode') {
    const mode = str(record.permissionMode) ?? str(record.mode);
    if (mode !== null && MODES.has(mode) && sessionId)
      events.push({ kind: 'mode', sessionId, mode: mode as PermissionMode });
    return;
  }
  if (type !== 'user' && type !== 'assistant') return;
  const mode = str(record.permissionMode);
  if (type === 'user' && mode !== null && MODES.has(mode) && sessionId) {
    events.push({ kind: 'mode', sessionId, mode: mode as PermissionMode });
  }
  const message = record.message as { content?: unknown; id?: unknown } | undefined;
  const content = message?.content;
  if (!Array.isArray(content)) return;
  for (const block of content as unknown[]) {
    if (block === null || typeof block !== 'object') continue;
    const b = block as Record<string, unknown>;
    if (type === 'assistant' && b.type === 'tool_use') {
      const id = str(b.id);
      const tool = str(b.name);
      if (!id || !tool) continue;
      const input = b.input !== null && typeof b.input === 'object' && !Array.isArray(b.input) ? b.input : {};
      const ts = Date.parse(str(record.timestamp) ?? '');
      events.push({
        kind: 'use',
        id,
        tool,
        input: redactInput(input as Record<string, unknown>),
        inputHash: inputHash(input),
        sessionId,
        cwd: str(record.cwd) ?? '',
        version: str(record.version),
        ts: Number.isFinite(ts) ? ts : 0,
        sidechain: record.isSidechain === true,
        agentId: str(record.agentId),
        messageId: str(message?.id),
        entrypoint: str(record.entrypoint),
      });
    } else if (type === 'user' && b.type === 'tool_result') {
      const id = str(b.tool_use_id);
      if (!id) continue;
      const text = resultText(b.content);
      const tur = record.toolUseResult;
      const interrupted =
        tur !== null && typeof tur === 'object' && (tur as Record<string, unknown>).interrupted === true;
      const denialKind = str(b.toolDenialKind) ?? str(record.toolDenialKind);
      const classified = classifyResult({
        text,
        isError: b.is_error === true,
        toolUseResult: typeof tur === 'string' ? tur.slice(0, 2000) : null,
        denialKind,
        interrupted,
      });
      const pd = record.permissionDecision;
      const decision =
        pd !== null && typeof pd === 'object' && !Array.isArray(pd) ? (pd as PermissionDecision) : null;
      events.push(
        withExact({ kind: 'result', id, ...classified, denialKind }, decision, str(record.entrypoint)),
      );
    }
  }
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content.slice(0, 2000);
  if (Array.isArray(content)) {
    for (const part of content as unknown[]) {
      const text = part !== null && typeof part === 'object' ? (part as { text?: unknown }).text : undefined;
      if (typeof text === 'string') return text.slice(0, 2000);
    }
  }
  return '';
}

const REJECT = "The user doesn't want to proceed with this tool use.";
const CLASSIFIER_REASON = 'Permission for this action has been denied. Reason:';
const REJECT_SAID = 'the user said:\n';
const REJECT_REASON = 'The user provided the following reason for the rejection:';
const SUBAGENT_DENIED = 'Permission for this tool use was denied.';
const CANCEL = "The user doesn't want to take this action right now.";
const INTERRUPTED = '[Request interrupted by user';
const MEMORY_NOTE = "\n\nNote: The user's next message may contain";

/** The inputs of result classification: the first part of the result text and its metadata. */
export interface ResultFacts {
  text: string;
  isError: boolean;
  toolUseResult: string | null;
  denialKind: string | null;
  /** toolUseResult.interrupted: the tool was running when the user pressed Esc. */
  interrupted: boolean;
}

/**
 * Add the exact facts of a `permissionDecision` (reference real-client.md §2) to a classified
 * result: the decision may correct the text's reading (a headless refusal is not a user No; a
 * background subagent refused for lack of permission is not a deny rule).
 */
export function withExact(
  event: ToolResultEvent,
  decision: PermissionDecision | null,
  entrypoint: string | null,
): ToolResultEvent {
  if (decision === null && entrypoint === null) return event;
  const facts = mapDecision(decision, { entrypoint, denialKind: event.denialKind, decisionEra: false });
  // an Esc on a running tool, an interrupt: the text knows better than a missing decision
  const outcome =
    facts.outcome !== null && !(event.outcome === 'cancelled' && decision === null)
      ? facts.outcome
      : event.outcome;
  // completed in place: one result event per tool_result line of every scan
  event.outcome = outcome;
  if (outcome !== 'user-rejected' && outcome !== 'classifier-denied') event.reason = null;
  event.exact = {
    json: decision === null ? null : decisionJson(decision),
    kind: facts.kind,
    prompted: facts.prompted,
    answer: facts.answer,
    entrypoint,
  };
  return event;
}

/** Classify a tool_result per every denial text of reference/claude-code.md §2.4. */
export function classifyResult(facts: ResultFacts): { outcome: CallOutcome; reason: string | null } {
  const { text } = facts;
  const tur = facts.toolUseResult ?? '';
  switch (facts.denialKind) {
    case 'permission-rule':
      return { outcome: 'rule-denied', reason: null };
    case 'automode-blocked':
      return { outcome: 'classifier-denied', reason: null };
    case 'automode-unavailable':
      // auto mode could not reach its classifier: refused unjudged, nobody asked
      return { outcome: 'mode-denied', reason: null };
    default:
      break;
  }
  if (text.startsWith(CANCEL)) return { outcome: 'cancelled', reason: null };
  if (text.startsWith(REJECT) || text.startsWith(SUBAGENT_DENIED) || facts.denialKind === 'user-rejected') {
    if (facts.interrupted) return { outcome: 'cancelled', reason: null };
    return { outcome: 'user-rejected', reason: rejectionReason(text, tur) };
  }
  if (text.startsWith(INTERRUPTED) && facts.isError) return { outcome: 'cancelled', reason: null };
  if (/^Permission to use \S+ has been denied because Claude Code is running in don't ask mode/.test(text)) {
    return { outcome: 'mode-denied', reason: null };
  }
  if (
    /^Claude requested permissions? to use [^,]+, but you haven't granted it yet/.test(text) ||
    text.startsWith('This Bash command contains multiple operations. The following part requires approval') ||
    text.startsWith('This command uses shell operators that require approval for safety')
  ) {
    return { outcome: 'mode-denied', reason: null };
  }
  if (text.startsWith(CLASSIFIER_REASON)) {
    // auto mode's classifier says why (since 2.1.193): its own kind of evidence, kept with the call
    const why = text.slice(CLASSIFIER_REASON.length).trim();
    return { outcome: 'classifier-denied', reason: why === '' ? null : redactText(why.slice(0, 500)) };
  }
  if (
    /^Permission to use \S+ (?:with command [\s\S]* )?has been denied\./.test(text) ||
    text.startsWith('File is in a directory that is denied by your permission settings')
  ) {
    return { outcome: 'rule-denied', reason: null };
  }
  return { outcome: facts.isError ? 'error' : 'success', reason: null };
}

function rejectionReason(text: string, tur: string): string | null {
  let reason: string | null = null;
  const said = text.indexOf(REJECT_SAID);
  if (said !== -1) reason = text.slice(said + REJECT_SAID.length);
  else {
    const provided = tur.indexOf(REJECT_REASON);
    if (provided !== -1) reason = tur.slice(provided + REJECT_REASON.length);
  }
  if (reason === null) return null;
  const note = reason.indexOf(MEMORY_NOTE);
  if (note !== -1) reason = reason.slice(0, note);
  reason = reason.trim();
  return reason === '' ? null : redactText(reason.slice(0, 500));
}

const ID_KEY = Buffer.from('"tool_use_id":"');
const CONTENT_KEY = Buffer.from('"content":');
const TEXT_KEY = Buffer.from('"text":"');
const IS_ERROR_KEY = Buffer.from('"is_error":');
const TUR_KEY = Buffer.from('"toolUseResult":');
const DENIAL_KEY = Buffer.from('"toolDenialKind":"');
const INTERRUPTED_TRUE = Buffer.from('"interrupted":true');
const DECISION_KEY = Buffer.from('"permissionDecision":{');
const ENTRYPOINT_KEY = Buffer.from('"entrypoint":"');

/** The `permissionDecision` object in the tail of a bulky line (a flat object of strings). */
function decisionIn(tail: Buffer): PermissionDecision | null {
  const at = tail.indexOf(DECISION_KEY);
  if (at === -1) return null;
  const start = at + DECISION_KEY.length - 1;
  const end = tail.indexOf(0x7d, start);
  if (end === -1) return null;
  try {
    const value = JSON.parse(tail.toString('utf8', start, end + 1)) as unknown;
    return value !== null && typeof value === 'object' ? (value as PermissionDecision) : null;
  } catch {
    return null;
  }
}

/**
 * Results of a bulky tool_result line without parsing it: JSON string escaping guarantees that
 * structural keys such as `"tool_use_id":"` never occur unescaped inside the output text.
 */
function scanBulkyResult(line: Buffer, resultAt: number, events: TranscriptEvent[]): void {
  const head = line.subarray(0, HEAD);
  const tail = line.subarray(Math.max(0, line.length - HEAD));
  // the block's own "content" key follows its opening brace (message.content comes before it)
  const blockAt = head.lastIndexOf(0x7b, resultAt);
  let text = '';
  const contentAt = line.indexOf(CONTENT_KEY, blockAt);
  if (contentAt !== -1 && contentAt < HEAD) {
    const valueAt = contentAt + CONTENT_KEY.length;
    if (line[valueAt] === 0x22) text = jsonStringHead(line, valueAt + 1);
    else {
      const textAt = line.indexOf(TEXT_KEY, valueAt);
      if (textAt !== -1 && textAt < valueAt + HEAD) text = jsonStringHead(line, textAt + TEXT_KEY.length);
    }
  }
  // is_error follows the content string: one search from the content on, which also finds an id
  // written after the content ({type, content, is_error, tool_use_id} order)
  const errorKeyAt = line.indexOf(IS_ERROR_KEY, contentAt === -1 ? 0 : contentAt);
  const isError = errorKeyAt !== -1 && line[errorKeyAt + IS_ERROR_KEY.length] === 0x74; // 't'rue
  let idAt = head.indexOf(ID_KEY);
  if (idAt === -1 && errorKeyAt !== -1) {
    const near = line.indexOf(ID_KEY, errorKeyAt);
    idAt = near !== -1 && near - errorKeyAt < 256 ? near : -1;
  }
  if (idAt === -1) return;
  const idEnd = line.indexOf(0x22, idAt + ID_KEY.length);
  if (idEnd === -1 || idEnd - idAt > 256) return;
  const id = line.toString('latin1', idAt + ID_KEY.length, idEnd);
  let toolUseResult: string | null = null;
  const turAt = errorKeyAt === -1 ? -1 : line.indexOf(TUR_KEY, errorKeyAt);
  if (turAt !== -1 && line[turAt + TUR_KEY.length] === 0x22)
    toolUseResult = jsonStringHead(line, turAt + TUR_KEY.length + 1);
  const denialAt = Math.max(head.indexOf(DENIAL_KEY), -1);
  const tailDenialAt = tail.indexOf(DENIAL_KEY);
  const denialKind =
    denialAt !== -1
      ? jsonStringHead(head, denialAt + DENIAL_KEY.length, 64)
      : tailDenialAt !== -1
        ? jsonStringHead(tail, tailDenialAt + DENIAL_KEY.length, 64)
        : null;
  const interrupted = tail.indexOf(INTERRUPTED_TRUE) !== -1;
  const classified = classifyResult({ text, isError, toolUseResult, denialKind, interrupted });
  // both follow toolUseResult, near the end of the line
  const entryAt = tail.indexOf(ENTRYPOINT_KEY);
  const entrypoint = entryAt === -1 ? null : jsonStringHead(tail, entryAt + ENTRYPOINT_KEY.length, 64);
  events.push(withExact({ kind: 'result', id, ...classified, denialKind }, decisionIn(tail), entrypoint));
}

/** Decode the first `max` bytes of a JSON string value starting at `start` (just after its quote). */
function jsonStringHead(line: Buffer, start: number, max = 1000): string {
  const limit = Math.min(line.length, start + max);
  // the closing quote is the first one not escaped (preceded by an even run of backslashes);
  // searched natively, quote to quote, rather than byte by byte
  const window = line.subarray(0, limit);
  let end = limit;
  for (let from = start; ;) {
    const quote = window.indexOf(0x22, from);
    if (quote === -1) break;
    let slashes = 0;
    while (quote - slashes - 1 >= start && line[quote - slashes - 1] === 0x5c) slashes += 1;
    if (slashes % 2 === 0) {
      end = quote;
      break;
    }
    from = quote + 1;
  }
  let raw = line.toString('utf8', start, end);
  // a cut in the middle of an escape sequence would make JSON.parse fail: drop it
  raw = raw.replace(/\\(?:u[0-9a-fA-F]{0,3})?$/, '');
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
}
