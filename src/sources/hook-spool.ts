// Ingest of the hook spool written by `clearance hook` (one JSON line per hook event), incremental by
// byte offset like transcripts, then correlation: a PermissionRequest carries no tool_use_id, so it
// is tied to the preceding PreToolUse of the same session with an identical input (hash).
import { closeSync, openSync, readSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/db.js';
import type { Problem } from '../core/types.js';
import { dialogRules } from '../core/permission-decision.js';
import { redactCommand, redactInput, redactText } from '../core/redact.js';
import type { EvidenceRepo } from '../store/evidence-repo.js';
import { inputHash, readCompleteLines, readNewBytes } from './transcript-reader.js';

const MAX_FIELD = 8 * 1024;
/** Bytes of one spool file read (the shell hook keeps at most 1 MiB). */
const EVENT_CAP = 1024 * 1024;
/** A temp file of the shell hook older than this was left by a killed hook: removed. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** What one spool ingest did. */
export interface SpoolIngest {
  lines: number;
  events: number;
  malformed: number;
  /** tool_use ids whose hook evidence changed (their answers need deriving again). */
  touched: string[];
  problems: Problem[];
}

interface SpoolLine {
  /** A raw hook stdin line (a spool written by a plain shell command) names its event so. */
  hook_event_name?: unknown;
  permission_suggestions?: unknown;
  ts?: unknown;
  event?: unknown;
  session_id?: unknown;
  tool_name?: unknown;
  tool_use_id?: unknown;
  input_hash?: unknown;
  tool_input?: unknown;
  suggestions?: unknown;
  permission_mode?: unknown;
  cwd?: unknown;
  agent_id?: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Allow rules a PermissionRequest's `permission_suggestions` offer to keep. Suggestions with
 * `destination: "session"` are grants for this session only (never written to a file): they are
 * not offered rules.
 */
export function offeredRules(suggestions: unknown): string[] {
  if (!Array.isArray(suggestions)) return [];
  const rules: string[] = [];
  for (const s of suggestions as unknown[]) {
    // an older spool line already holds rule strings (its writer kept no destination)
    if (typeof s === 'string') {
      rules.push(s);
      continue;
    }
    if (s === null || typeof s !== 'object') continue;
    const entry = s as { type?: unknown; behavior?: unknown; rules?: unknown; destination?: unknown };
    if (entry.type !== 'addRules' || (entry.behavior !== undefined && entry.behavior !== 'allow')) continue;
    if (entry.destination === 'session' || !Array.isArray(entry.rules)) continue;
    for (const r of entry.rules as unknown[]) {
      if (r === null || typeof r !== 'object') continue;
      const { toolName, ruleContent } = r as { toolName?: unknown; ruleContent?: unknown };
      if (typeof toolName !== 'string') continue;
      rules.push(
        typeof ruleContent === 'string' && ruleContent !== ''
          ? `${toolName}(${redactCommand(ruleContent)})`
          : toolName,
      );
    }
  }
  return rules;
}

/**
 * The rules a prompt for this call offers: the hook's suggestions (session-only ones dropped) and,
 * when there are any and it differs, the rule the dialog's "don't ask again" would save (they can differ:
 * `make -C sub` is suggested as `Bash(make -C sub)`, saved as `Bash(make *)`).
 */
export function promptRules(toolName: string | null, toolInput: unknown, suggestions: unknown): string[] {
  const rules = offeredRules(suggestions);
  // no rule to keep suggested (too complex, a `cd` into git, a session-only grant): the dialog
  // offers no "don't ask again" either
  if (rules.length === 0) return rules;
  const command =
    toolName === 'Bash' && toolInput !== null && typeof toolInput === 'object'
      ? (toolInput as { command?: unknown }).command
      : undefined;
  if (typeof command === 'string') {
    for (const rule of dialogRules(command)) {
      const redacted = redactCommand(rule);
      if (!rules.includes(redacted)) rules.push(redacted);
    }
  }
  return rules;
}

/** The name older callers use for {@link offeredRules}. */
export const suggestedRules = offeredRules;

function short(value: unknown, max = 256): string | null {
  return typeof value === 'string' ? redactText(value.slice(0, max)) : null;
}

function bounded(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(redactInput(input))) {
    out[k] = typeof v === 'string' && v.length > MAX_FIELD ? `${v.slice(0, MAX_FIELD)}…` : v;
  }
  const json = JSON.stringify(out);
  return json.length > 4 * MAX_FIELD ? { truncated: true } : out;
}

/** The spool line for one hook stdin payload (redacted; tool outputs dropped). */
export function spoolRecord(raw: Buffer, now: number): Record<string, unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ts: now, event: 'invalid', bytes: raw.length };
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { ts: now, event: 'invalid', bytes: raw.length };
  }
  const p = payload as Record<string, unknown>;
  const input =
    p.tool_input !== null && typeof p.tool_input === 'object' && !Array.isArray(p.tool_input)
      ? (p.tool_input as Record<string, unknown>)
      : null;
  const record: Record<string, unknown> = {
    ts: now,
    event: short(p.hook_event_name, 64) ?? 'unknown',
    session_id: short(p.session_id, 128),
    tool_name: short(p.tool_name, 256),
    tool_use_id: short(p.tool_use_id, 128),
    permission_mode: short(p.permission_mode, 32),
    cwd: short(p.cwd, 4096),
    agent_id: short(p.agent_id, 128),
  };
  if (input) {
    record.input_hash = inputHash(input);
    record.tool_input = bounded(input);
  }
  if (p.permission_suggestions !== undefined) record.suggestions = offeredRules(p.permission_suggestions);
  // an error line often echoes the command: redacted as one
  if (typeof p.error === 'string') record.error = redactCommand(p.error.split('\n', 1)[0]!.slice(0, 256));
  if (typeof p.is_interrupt === 'boolean') record.is_interrupt = p.is_interrupt;
  return record;
}

/** Insert one parsed spool record; a PermissionRequest is tied to its PreToolUse (same input). */
function eventWriter(db: Db): (rec: SpoolLine) => { id: string | null } | 'malformed' {
  const insert = db.prepare(
    `INSERT INTO hook_events (ts, event, session_id, tool_name, tool_use_id, input_hash, input_json,
       suggestions_json, permission_mode, cwd, agent_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const precedingPre = db.prepare<[string, string, number], { tool_use_id: string }>(
    `SELECT tool_use_id FROM hook_events
     WHERE event = 'PreToolUse' AND session_id = ? AND input_hash = ? AND ts <= ? AND tool_use_id IS NOT NULL
     ORDER BY ts DESC, id DESC LIMIT 1`,
  );
  return (rec) => {
    if (rec === null || typeof rec !== 'object') return 'malformed';
    const event = str(rec.event);
    if (!event || event === 'invalid' || typeof rec.ts !== 'number') return 'malformed';
    const session = str(rec.session_id);
    const hash = str(rec.input_hash);
    let id = str(rec.tool_use_id);
    if (event === 'PermissionRequest' && !id && session && hash) {
      id = precedingPre.get(session, hash, rec.ts)?.tool_use_id ?? null;
    }
    insert.run(
      rec.ts,
      event,
      session,
      str(rec.tool_name),
      id,
      hash,
      rec.tool_input === undefined ? null : JSON.stringify(rec.tool_input),
      event === 'PermissionRequest' || Array.isArray(rec.suggestions)
        ? JSON.stringify(promptRules(str(rec.tool_name), rec.tool_input, rec.suggestions))
        : null,
      str(rec.permission_mode),
      str(rec.cwd),
      str(rec.agent_id),
    );
    return { id };
  };
}

/** What one spool-dir ingest did, plus the files to delete once its transaction committed. */
export interface SpoolDirIngest extends SpoolIngest {
  consumed: string[];
}

function readCapped(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(EVENT_CAP);
    const n = readSync(fd, buf, 0, EVENT_CAP, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Read the shell hook's spool dir (one file per event; its mtime is the event time) into
 * `hook_events`, redacted on the way in. Call inside a transaction; delete `consumed` after commit
 * (a crash in between stores an event twice, which the evidence queries tolerate; never loses one).
 */
export function ingestSpoolDir(db: Db, spoolDir: string, now: number): SpoolDirIngest {
  const out: SpoolDirIngest = { lines: 0, events: 0, malformed: 0, touched: [], problems: [], consumed: [] };
  let names: string[];
  try {
    names = readdirSync(spoolDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      out.problems.push({ source: spoolDir, message: `cannot list the hook spool: ${code}` });
    return out;
  }
  const events: { file: string; ts: number }[] = [];
  for (const name of names) {
    const file = path.join(spoolDir, name);
    try {
      const mtime = statSync(file).mtimeMs;
      if (name.startsWith('.')) {
        if (name.endsWith('.tmp') && now - mtime > STALE_TEMP_MS) unlinkSync(file);
        continue;
      }
      if (name.endsWith('.json')) events.push({ file, ts: Math.floor(mtime) });
    } catch {
      // gone in between (another scan took it): nothing to do
    }
  }
  // in event order: a PermissionRequest finds the PreToolUse written before it
  events.sort((a, b) => a.ts - b.ts || a.file.localeCompare(b.file));
  const write = eventWriter(db);
  const touched = new Set<string>();
  for (const { file, ts } of events) {
    let raw: Buffer;
    try {
      raw = readCapped(file);
    } catch (error) {
      out.problems.push({ source: file, message: `cannot read: ${(error as NodeJS.ErrnoException).code}` });
      continue;
    }
    out.lines += 1;
    const written = write(spoolRecord(raw, ts) as SpoolLine);
    out.consumed.push(file);
    if (written === 'malformed') {
      out.malformed += 1;
      continue;
    }
    out.events += 1;
    if (written.id) touched.add(written.id);
  }
  out.touched = [...touched];
  return out;
}

/** Delete spool files whose events are stored. */
export function removeConsumed(files: string[]): void {
  for (const file of files) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
}

/** Read new spool lines into `hook_events` and correlate PermissionRequests with their calls. */
export function ingestSpool(db: Db, repo: EvidenceRepo, spoolPath: string, now: number): SpoolIngest {
  const out: SpoolIngest = { lines: 0, events: 0, malformed: 0, touched: [], problems: [] };
  const previous = repo.fileState(spoolPath);
  const write = eventWriter(db);
  const touched = new Set<string>();
  const result = readNewBytes(spoolPath, previous, (fd, from, size) => {
    let lines = 0;
    let malformed = 0;
    const offset = readCompleteLines(fd, from, size, (buf) => {
      lines += 1;
      if (buf.length === 0) return;
      let rec: SpoolLine;
      try {
        rec = JSON.parse(buf.toString('utf8')) as SpoolLine;
      } catch {
        malformed += 1;
        return;
      }
      // a raw hook stdin line (a spool a plain shell command appended to): kept as `clearance hook`
      // would have kept it, redacted, stamped now
      if (
        rec !== null &&
        typeof rec === 'object' &&
        rec.event === undefined &&
        typeof rec.hook_event_name === 'string'
      )
        rec = spoolRecord(buf, now) as SpoolLine;
      const written = write(rec);
      if (written === 'malformed') {
        malformed += 1;
        return;
      }
      out.events += 1;
      if (written.id) touched.add(written.id);
    });
    return { offset, lines, malformed };
  });
  if ('message' in result) {
    if (!result.message.includes('ENOENT')) out.problems.push(result);
    return out;
  }
  const read = result.value;
  out.lines = read?.lines ?? 0;
  out.malformed = read?.malformed ?? 0;
  repo.saveFileState({
    path: spoolPath,
    kind: 'hook-spool',
    dev: result.stat.dev,
    ino: result.stat.ino,
    size: result.stat.size,
    mtimeMs: result.stat.mtimeMs,
    offset: read?.offset ?? result.from,
    lines: (result.reset ? 0 : (previous?.lines ?? 0)) + out.lines,
    malformed: (result.reset ? 0 : (previous?.malformed ?? 0)) + out.malformed,
    scannedAt: now,
  });
  out.touched = [...touched];
  return out;
}
