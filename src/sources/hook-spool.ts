// Ingest of the hook spool written by `clearance hook` (one JSON line per hook event), incremental by
// byte offset like transcripts, then correlation: a PermissionRequest carries no tool_use_id, so it
// is tied to the preceding PreToolUse of the same session with an identical input (hash).
import type { Db } from '../store/db.js';
import type { Problem } from '../core/types.js';
import type { EvidenceRepo } from '../store/evidence-repo.js';
import { inputHash, readCompleteLines, readNewBytes } from './transcript-reader.js';
import { dialogRules } from '../core/permission-decision.js';
import { redactCommand, redactInput } from '../core/redact.js';

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
      if (rec === null || typeof rec !== 'object') {
        malformed += 1;
        return;
      }
      // a raw hook stdin line: take what `clearance hook` would have kept (redacted), stamped now
      const raw = rec.event === undefined && typeof rec.hook_event_name === 'string';
      const rawInput =
        raw && rec.tool_input !== null && typeof rec.tool_input === 'object' && !Array.isArray(rec.tool_input)
          ? (rec.tool_input as Record<string, unknown>)
          : null;
      if (raw) {
        rec.event = rec.hook_event_name;
        if (typeof rec.ts !== 'number') rec.ts = now;
        rec.input_hash = rawInput ? inputHash(rawInput) : undefined;
        rec.tool_input = rawInput ? redactInput(rawInput) : undefined;
        rec.suggestions = rec.permission_suggestions;
      }
      const event = str(rec.event);
      if (!event || event === 'invalid' || typeof rec.ts !== 'number') {
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
        event === 'PermissionRequest' || Array.isArray(rec.suggestions)
          ? JSON.stringify(promptRules(str(rec.tool_name), rec.tool_input, rec.suggestions))
          : null,
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
