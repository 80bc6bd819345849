// Ingest of the hook spool written by `clearance hook` (one JSON line per hook event), incremental by
// byte offset like transcripts, then correlation: a PermissionRequest carries no tool_use_id, so it
// is tied to the preceding PreToolUse of the same session with an identical input (hash).
import type { Db } from '../store/db.js';
import type { Problem } from '../core/types.js';
import type { EvidenceRepo } from '../store/evidence-repo.js';
import { readCompleteLines, readNewBytes } from './transcript-reader.js';

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

/** Read new spool lines into `hook_events` and correlate PermissionRequests with their calls. */
export function ingestSpool(db: Db, repo: EvidenceRepo, spoolPath: string, now: number): SpoolIngest {
  const out: SpoolIngest = { lines: 0, events: 0, malformed: 0, touched: [], problems: [] };
  const previous = repo.fileState(spoolPath);
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
      const event = str(rec.event);
      if (
        rec === null ||
        typeof rec !== 'object' ||
        !event ||
        event === 'invalid' ||
        typeof rec.ts !== 'number'
      ) {
        malformed += 1;
        return;
      }
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
        Array.isArray(rec.suggestions) ? JSON.stringify(rec.suggestions) : null,
        str(rec.permission_mode),
        str(rec.cwd),
        str(rec.agent_id),
      );
      out.events += 1;
      if (id) touched.add(id);
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
