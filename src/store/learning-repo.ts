// Evidence queries for the learning engine. Only the columns learning needs are read, and only
// for calls the user answered (approved/denied): that keeps `suggest` fast on large stores.

import type { EvidenceCall } from '../core/learning/types.js';
import type { CommandSegment, PromptAnswer } from '../core/types.js';
import type { Db } from './db.js';
import { segmentFromRow } from './evidence-repo.js';
import type { SegmentRow } from './evidence-repo.js';

interface CallRow {
  id: string;
  ts: number;
  session_id: string;
  project: string;
  cwd: string;
  version: string | null;
  tool: string;
  answer: string;
  prompted: number | null;
  command: string | null;
  input_json: string | null;
}

/** Which answered calls to load. */
export interface EvidenceFilter {
  /** Only calls at or before this time (epoch ms). */
  until?: number;
  /** Only calls after this time (epoch ms). */
  after?: number;
}

/** The primary target of a non-Bash call: file path, search path, notebook or URL. */
function targetOf(inputJson: string | null): string | null {
  if (!inputJson) return null;
  try {
    const input = JSON.parse(inputJson) as Record<string, unknown>;
    for (const key of ['file_path', 'notebook_path', 'path', 'url']) {
      const value = input[key];
      if (typeof value === 'string' && value !== '') return value;
    }
  } catch {
    // a malformed stored input has no target; the call still counts for its tool
  }
  return null;
}

// Everything a stored segment row carries that the matcher reads (constructs and env verdicts too).
const SEGMENTS_OF_CALL = `SELECT call_id, program, subcommand, text, argv_json, nested, wrappers_json, env_names_json,
            redirects_json, construct, env_safe
       FROM segments WHERE call_id = ? ORDER BY idx`;

/**
 * The segments of a Bash call, read once per distinct command (they depend only on its text);
 * other tools have none.
 */
function segmentReader(db: Db): (row: CallRow) => CommandSegment[] {
  const segmentsOf = db.prepare<[string], SegmentRow>(SEGMENTS_OF_CALL);
  const byCommand = new Map<string, CommandSegment[]>();
  return (row) => {
    if (row.tool !== 'Bash') return [];
    const key = row.command ?? '';
    let segments = byCommand.get(key);
    if (!segments) {
      segments = segmentsOf.all(row.id).map(segmentFromRow);
      byCommand.set(key, segments);
    }
    return segments;
  };
}

// One folded row as the learner reads it.
function evidenceCallOf(row: CallRow & { n: number }, segments: CommandSegment[]): EvidenceCall {
  return {
    id: row.id,
    ts: row.ts,
    session: row.session_id,
    project: row.project,
    cwd: row.cwd,
    version: row.version,
    tool: row.tool,
    answer: row.answer as PromptAnswer,
    prompted: row.prompted === null ? null : row.prompted === 1,
    segments,
    target: row.tool === 'Bash' ? row.command : targetOf(row.input_json),
    count: row.n,
  };
}

/**
 * Every approved or denied call with its segments (Bash) or target (other tools). Identical calls
 * (same input, session, project, version, answer and UTC day) are folded into one with a `count`:
 * confidence and counts stay exact while a 100,000-call store shrinks to a few thousand rows.
 */
export function loadAnsweredCalls(db: Db, filter: EvidenceFilter = {}): EvidenceCall[] {
  const after = filter.after ?? -1;
  const until = filter.until ?? Number.MAX_SAFE_INTEGER;
  const rows = db
    .prepare<[number, number], CallRow & { n: number }>(
      `SELECT MIN(id) AS id, MAX(ts) AS ts, session_id, project, cwd, version, tool, prompted,
              command, CASE WHEN tool = 'Bash' THEN NULL ELSE input_json END AS input_json, COUNT(*) AS n,
              CASE WHEN answer = 'denied' AND prompted_basis = 'transcript' AND EXISTS (
                     SELECT 1 FROM hook_events h WHERE h.tool_use_id = tool_calls.id AND h.event = 'PreToolUse')
                   THEN 'unknown' ELSE answer END AS answer
         FROM tool_calls
        WHERE answer IN ('approved', 'denied') AND ts > ? AND ts <= ?
        GROUP BY tool, CASE WHEN tool = 'Bash' THEN command ELSE input_json END, session_id, project, cwd,
                 version, 12, prompted, ts / 86400000`,
    )
    .all(after, until);
  const segmentsOf = segmentReader(db);
  const calls: EvidenceCall[] = [];
  for (const row of rows) {
    // Claude Code writes the same rejection to every tool_use of a batch (reference §2.4): a
    // rejection the hook saw start (PreToolUse) but never prompt for is a sibling of the refused
    // call, not a decision about this one
    if (row.answer === 'unknown') continue;
    calls.push(evidenceCallOf(row, segmentsOf(row)));
  }
  return calls.sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id));
}

/**
 * Distinct commands of a program seen in the store (for "also matches"; the engine drops the ones
 * that were part of the evidence). Served from the (program, text, subcommand) index alone.
 */
export function seenUnpromptedCommands(
  db: Db,
  program: string,
  limit = 40,
): { text: string; subcommand: string[] }[] {
  return db
    .prepare<[string, number], { text: string; subcommand: string }>(
      'SELECT DISTINCT text, subcommand FROM segments WHERE program = ? LIMIT ?',
    )
    .all(program, limit)
    .map((r) => ({ text: r.text, subcommand: r.subcommand === '' ? [] : r.subcommand.split(' ') }));
}

/** Whether any call happened in the window, for one project or (null) for any. */
export function hasEvidenceSince(db: Db, since: number, project: string | null): boolean {
  const row =
    project === null
      ? db
          .prepare<[number], { one: number }>('SELECT 1 AS one FROM tool_calls WHERE ts >= ? LIMIT 1')
          .get(since)
      : db
          .prepare<[string, number], { one: number }>(
            'SELECT 1 AS one FROM tool_calls WHERE project = ? AND ts >= ? LIMIT 1',
          )
          .get(project, since);
  return row !== undefined;
}

/** A distinct thing seen in the window that a rule may have matched. */
export interface WindowProbe {
  tool: string;
  project: string;
  cwd: string;
  segment: CommandSegment | null;
  target: string | null;
}

/** Distinct Bash segments of a program seen since `since` (optionally in one project). */
export function windowSegments(
  db: Db,
  program: string,
  since: number,
  project: string | null,
  limit = 5000,
): WindowProbe[] {
  const rows = db
    .prepare<
      [string, number, string | null, string | null, number],
      SegmentRow & { project: string; cwd: string }
    >(
      `SELECT DISTINCT s.program, s.subcommand, s.text, s.argv_json, c.project, c.cwd,
              '' AS call_id, 0 AS nested, '[]' AS wrappers_json, '[]' AS env_names_json, '[]' AS redirects_json
         FROM segments s JOIN tool_calls c ON c.id = s.call_id
        WHERE s.program = ? AND c.ts >= ? AND (? IS NULL OR c.project = ?) LIMIT ?`,
    )
    .all(program, since, project, project, limit);
  return rows.map((r) => ({
    tool: 'Bash',
    project: r.project,
    cwd: r.cwd,
    target: r.text,
    segment: segmentFromRow(r),
  }));
}

/** Distinct non-Bash calls of the given tools (or a tool-name prefix) since `since`. */
export function windowToolCalls(
  db: Db,
  tools: { names?: string[]; prefix?: string },
  since: number,
  project: string | null,
  limit = 5000,
): WindowProbe[] {
  const names = tools.names ?? [];
  const where =
    tools.prefix !== undefined
      ? `substr(tool, 1, ${tools.prefix.length}) = ?`
      : `tool IN (${names.map(() => '?').join(',') || "''"})`;
  const params: (string | number | null)[] = tools.prefix !== undefined ? [tools.prefix] : [...names];
  const rows = db
    .prepare<(string | number | null)[], { tool: string; project: string; cwd: string; input_json: string }>(
      `SELECT DISTINCT tool, project, cwd, input_json FROM tool_calls
        WHERE ${where} AND ts >= ? AND (? IS NULL OR project = ?) LIMIT ?`,
    )
    .all(...params, since, project, project, limit);
  return rows.map((r) => ({
    tool: r.tool,
    project: r.project,
    cwd: r.cwd,
    segment: null,
    target: targetOf(r.input_json),
  }));
}

/** Every project with any evidence (hygiene reads their settings files); served from an index. */
export function knownProjects(db: Db): string[] {
  return db
    .prepare<[], { project: string }>('SELECT DISTINCT project FROM tool_calls')
    .all()
    .map((r) => r.project);
}

/** The Claude Code version of the latest call (the syntax hygiene replacements are written in). */
export function latestVersion(db: Db): string | null {
  const row = db
    .prepare<[], { version: string | null }>(
      'SELECT version FROM tool_calls WHERE version IS NOT NULL ORDER BY ts DESC LIMIT 1',
    )
    .get();
  return row?.version ?? null;
}

/**
 * Calls of auto-mode sessions and classifier refusals in a window, for the auto-mode replay: in auto
 * mode nearly nothing is prompted, so these never reach {@link loadAnsweredCalls}. Folded like it.
 */
export function loadAutoModeCalls(db: Db, filter: EvidenceFilter = {}): EvidenceCall[] {
  const rows = db
    .prepare<[number, number], CallRow & { n: number; permission_mode: string | null; outcome: string }>(
      `SELECT MIN(id) AS id, MAX(ts) AS ts, session_id, project, cwd, version, tool, prompted, answer,
              permission_mode, outcome, command,
              CASE WHEN tool = 'Bash' THEN NULL ELSE input_json END AS input_json, COUNT(*) AS n
         FROM tool_calls
        WHERE (permission_mode = 'auto' OR outcome = 'classifier-denied') AND ts > ? AND ts <= ?
        GROUP BY tool, CASE WHEN tool = 'Bash' THEN command ELSE input_json END, session_id, project, cwd,
                 permission_mode, outcome, ts / 86400000`,
    )
    .all(filter.after ?? -1, filter.until ?? Number.MAX_SAFE_INTEGER);
  const segmentsOf = segmentReader(db);
  return rows
    .map((row) => ({
      ...evidenceCallOf(row, segmentsOf(row)),
      mode: row.permission_mode,
      outcome: row.outcome,
    }))
    .sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id));
}
