// Usage queries over the evidence tables the ingest fills (migrations/ingest.ts): shell_history
// rows (programs already parsed at ingest) and Claude's Bash segments joined to their call's time.
import type { ClaudeSegmentRow, HumanCommandRow } from '../core/usage.js';
import type { Db } from './db.js';

function parseList(json: string | null): string[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Human history rows with a time in [from, to], plus every undated row (counted apart). */
export function humanCommands(db: Db, from: number, to: number): HumanCommandRow[] {
  return db
    .prepare<[number, number], { ts: number | null; programs_json: string; ephemeral_json: string }>(
      `SELECT ts, programs_json, ephemeral_json FROM shell_history
       WHERE (ts BETWEEN ? AND ?) OR ts IS NULL`,
    )
    .all(from, to)
    .map((r) => ({ ts: r.ts, programs: parseList(r.programs_json), ephemeral: parseList(r.ephemeral_json) }));
}

/** Claude's Bash segments whose call falls in [from, to]. */
export function claudeSegments(db: Db, from: number, to: number): ClaudeSegmentRow[] {
  return db
    .prepare<[number, number], { ts: number; program: string; ephemeral_json: string }>(
      `SELECT c.ts AS ts, s.program AS program, s.ephemeral_json AS ephemeral_json
       FROM segments s JOIN tool_calls c ON c.id = s.call_id
       WHERE c.ts BETWEEN ? AND ?`,
    )
    .all(from, to)
    .map((r) => ({ ts: r.ts, program: r.program, ephemeral: parseList(r.ephemeral_json) }));
}

/** Last use of each program over all history (human and Claude), by program basename. */
export function lastSeenPrograms(db: Db): Record<string, number> {
  const last: Record<string, number> = {};
  const note = (program: string, ts: number) => {
    const name = program.slice(program.lastIndexOf('/') + 1);
    if (name && ts > (last[name] ?? 0)) last[name] = ts;
  };
  for (const r of db
    .prepare<[], { program: string; ts: number }>(
      `SELECT s.program AS program, MAX(c.ts) AS ts FROM segments s JOIN tool_calls c ON c.id = s.call_id
       GROUP BY s.program`,
    )
    .all())
    note(r.program, r.ts);
  for (const r of db
    .prepare<[], { program: string; ts: number }>(
      `SELECT j.value AS program, MAX(h.ts) AS ts FROM shell_history h,
         json_each(CASE WHEN json_valid(h.programs_json) THEN h.programs_json ELSE '[]' END) j
       WHERE h.ts IS NOT NULL GROUP BY j.value`,
    )
    .all())
    note(String(r.program), r.ts);
  return last;
}
