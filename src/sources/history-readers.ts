// Shell histories (reference/nix-and-history.md §2): atuin and nushell SQLite (read-only, by max
// rowid), fish, zsh, bash and nushell text files (by byte offset; only complete lines are read, so a
// history being written is picked up next time). Commands are stored redacted, with the programs
// they ran, for the human-vs-Claude usage figures.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Paths } from '../runtime/paths.js';
import type { Problem } from '../core/types.js';
import { redactCommand } from '../core/redact.js';
import type { Db } from '../store/db.js';
import type { EvidenceRepo } from '../store/evidence-repo.js';
import type { IngestDeps } from './ingest-deps.js';
import { readCompleteLines, readNewBytes } from './transcript-reader.js';

/** Shells clearance reads. */
export type Shell = 'atuin' | 'fish' | 'zsh' | 'bash' | 'nushell';

/** One history entry before storage. */
export interface HistoryEntry {
  /** Epoch ms, or null when the format has none. */
  ts: number | null;
  command: string;
  /** Stable id within its file (row id, byte offset, or content hash for fish). */
  extId: string;
}

/** A history file found under the home. */
export interface HistorySource {
  shell: Shell;
  file: string;
  format: 'sqlite-atuin' | 'sqlite-nushell' | 'fish' | 'zsh' | 'bash' | 'nushell-txt';
}

/** Where each shell keeps its history, under `--home` (reference §2). */
export function historySources(paths: Paths): HistorySource[] {
  const out: HistorySource[] = [];
  const add = (shell: Shell, file: string, format: HistorySource['format']): void => {
    if (existsSync(file)) out.push({ shell, file, format });
  };
  add('atuin', path.join(paths.xdgDataHome, 'atuin', 'history.db'), 'sqlite-atuin');
  const fishDir = path.join(paths.xdgDataHome, 'fish');
  let fishFiles: string[] = [];
  try {
    fishFiles = readdirSync(fishDir).filter((f) => f.endsWith('_history'));
  } catch {
    // no fish
  }
  for (const f of fishFiles.sort()) add('fish', path.join(fishDir, f), 'fish');
  for (const name of ['.zsh_history', '.zhistory', '.histfile'])
    add('zsh', path.join(paths.home, name), 'zsh');
  add('bash', path.join(paths.home, '.bash_history'), 'bash');
  for (const dir of [path.join(paths.xdgConfigHome, 'nushell'), path.join(paths.xdgDataHome, 'nushell')]) {
    add('nushell', path.join(dir, 'history.txt'), 'nushell-txt');
    add('nushell', path.join(dir, 'history.sqlite3'), 'sqlite-nushell');
  }
  return out;
}

/** zsh stores history metafied: 0x83 then the byte XOR 0x20. Undo it before UTF-8 decoding. */
export function unmetafy(bytes: Buffer): Buffer {
  if (bytes.indexOf(0x83) === -1) return bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  let j = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x83 && i + 1 < bytes.length) out[j++] = bytes[++i]! ^ 0x20;
    else out[j++] = b;
  }
  return out.subarray(0, j);
}

/** Parsed entries plus how far the input was consumed (entries that may still grow stay unread). */
export interface TextParse {
  entries: HistoryEntry[];
  /** Bytes consumed from the start of the given lines. */
  consumed: number;
  malformed: number;
}

interface Line {
  bytes: Buffer;
  /** Absolute byte offset of the line's start. */
  at: number;
  /** Absolute offset after its newline. */
  end: number;
}

/** zsh: `: <start>:<elapsed>;<cmd>` or plain; a trailing `\` joins the next line with a newline. */
export function parseZsh(lines: Line[]): TextParse {
  const entries: HistoryEntry[] = [];
  let consumed = lines[0]?.at ?? 0;
  let i = 0;
  while (i < lines.length) {
    const start = lines[i]!;
    let text = unmetafy(start.bytes).toString('utf8');
    let j = i;
    while (text.endsWith('\\') && j + 1 < lines.length) {
      j += 1;
      text = `${text.slice(0, -1)}\n${unmetafy(lines[j]!.bytes).toString('utf8')}`;
    }
    // an entry whose last line still ends in `\` may continue: leave it for the next scan
    if (text.endsWith('\\') && j + 1 >= lines.length) break;
    let ts: number | null = null;
    const m = /^: (\d+):\d+;([\s\S]*)$/.exec(text);
    if (m) {
      ts = Number(m[1]) * 1000;
      text = m[2]!;
    }
    if (text.trim() !== '') entries.push({ ts, command: text, extId: `o${start.at}` });
    consumed = lines[j]!.end;
    i = j + 1;
  }
  return { entries, consumed, malformed: 0 };
}

/** bash: `#<epoch>` lines delimit (possibly multi-line) entries; without them, one line = one entry. */
export function parseBash(lines: Line[]): TextParse {
  const entries: HistoryEntry[] = [];
  let ts: number | null = null;
  let current: { text: string[]; at: number; ts: number | null } | null = null;
  const flush = (): void => {
    if (current && current.text.join('\n').trim() !== '') {
      entries.push({ ts: current.ts, command: current.text.join('\n'), extId: `o${current.at}` });
    }
    current = null;
  };
  for (const line of lines) {
    const text = line.bytes.toString('utf8');
    const stamp = /^#(\d{9,11})$/.exec(text);
    if (stamp) {
      flush();
      ts = Number(stamp[1]) * 1000;
      current = { text: [], at: line.at, ts };
      continue;
    }
    if (current && ts !== null) current.text.push(text);
    else {
      flush();
      current = { text: [text], at: line.at, ts: null };
      flush();
    }
  }
  flush();
  return { entries, consumed: lines.at(-1)?.end ?? lines[0]?.at ?? 0, malformed: 0 };
}

/** nushell history.txt: one entry per line, embedded newlines written as `<\n>`. */
export function parseNuText(lines: Line[]): TextParse {
  const entries = lines
    .map((l) => ({
      ts: null,
      command: l.bytes.toString('utf8').replaceAll('<\\n>', '\n'),
      extId: `o${l.at}`,
    }))
    .filter((e) => e.command.trim() !== '');
  return { entries, consumed: lines.at(-1)?.end ?? lines[0]?.at ?? 0, malformed: 0 };
}

function unescapeFish(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = value[i + 1];
    if (n === '\\') out += '\\';
    else if (n === 'n') out += '\n';
    else break; // fish's unescaper stops at any other escape
    i += 1;
  }
  return out;
}

/** fish: `- cmd: …` / `  when: …` (not YAML; split at the first colon); junk lines are skipped and counted. */
export function parseFish(lines: Line[]): TextParse {
  const entries: HistoryEntry[] = [];
  let malformed = 0;
  let current: { command: string; ts: number | null } | null = null;
  const seen = new Map<string, number>();
  const flush = (): void => {
    if (current && current.command.trim() !== '') {
      const key = `${current.ts ?? ''}:${createHash('sha1').update(current.command).digest('hex').slice(0, 16)}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      entries.push({ ts: current.ts, command: current.command, extId: n === 0 ? key : `${key}:${n}` });
    }
    current = null;
  };
  for (const line of lines) {
    const text = line.bytes.toString('utf8');
    if (
      text === '' ||
      text.startsWith('%') ||
      text.startsWith('---') ||
      text.startsWith('...') ||
      text[0] === '\0'
    ) {
      continue;
    }
    if (text.startsWith('- cmd:')) {
      flush();
      current = { command: unescapeFish(text.slice(6).replace(/^\s+/, '')), ts: null };
    } else if (text.startsWith(' ') && current) {
      const colon = text.indexOf(':');
      if (colon === -1) continue; // `- path` items
      const key = text.slice(0, colon).trim();
      const value = text.slice(colon + 1).trim();
      if (key === 'when' && /^\d+$/.test(value)) current.ts = Number(value) * 1000;
    } else if (!text.startsWith(' ')) {
      malformed += 1;
    }
  }
  flush();
  return { entries, consumed: lines.at(-1)?.end ?? lines[0]?.at ?? 0, malformed };
}

/** What a history ingest did. */
export interface HistoryIngest {
  files: number;
  lines: number;
  commands: number;
  malformed: number;
  problems: Problem[];
}

/** The size and mtime that tell whether a history changed (SQLite: the db plus its WAL). */
function fingerprint(
  source: HistorySource,
): { size: number; mtimeMs: number; dev: number; ino: number } | null {
  try {
    const st = statSync(source.file);
    let size = st.size;
    let mtimeMs = Math.trunc(st.mtimeMs);
    if (source.format.startsWith('sqlite')) {
      try {
        const wal = statSync(`${source.file}-wal`);
        size += wal.size;
        mtimeMs = Math.max(mtimeMs, Math.trunc(wal.mtimeMs));
      } catch {
        // no WAL file
      }
    }
    return { size, mtimeMs, dev: st.dev, ino: st.ino };
  } catch {
    return null;
  }
}

/** True when a history source may hold entries not stored yet (cheap: stat only). */
export function historyChanged(repo: EvidenceRepo, source: HistorySource): boolean {
  const state = repo.fileState(source.file);
  const fp = fingerprint(source);
  if (!state || !fp) return true;
  // SQLite sources keep the db+WAL mtime in `dev` (see ingestSqlite)
  if (source.format.startsWith('sqlite')) return state.size !== fp.size || state.dev !== fp.mtimeMs;
  return state.ino !== fp.ino || state.dev !== fp.dev || state.size !== fp.size;
}

/** Read the given history sources' new entries into `shell_history`. */
export function ingestHistories(
  db: Db,
  repo: EvidenceRepo,
  sources: HistorySource[],
  deps: IngestDeps,
  now: number,
): HistoryIngest {
  const out: HistoryIngest = { files: 0, lines: 0, commands: 0, malformed: 0, problems: [] };
  const insert = db.prepare(
    `INSERT OR IGNORE INTO shell_history (shell, source_file, ts, command, programs_json, ephemeral_json, ext_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const store = (source: HistorySource, entries: HistoryEntry[]): void => {
    for (const e of entries) {
      const command = redactCommand(e.command);
      const parsed = deps.segment(command);
      const programs = parsed.programs;
      const ephemeral = [...new Set(parsed.segments.flatMap((s) => s.ephemeralPackages))];
      const r = insert.run(
        source.shell,
        source.file,
        e.ts,
        command,
        JSON.stringify(programs),
        JSON.stringify(ephemeral),
        e.extId,
      );
      out.commands += r.changes;
    }
  };
  for (const source of sources) {
    try {
      db.transaction(() => {
        if (source.format === 'sqlite-atuin' || source.format === 'sqlite-nushell')
          ingestSqlite(db, repo, source, store, now, out);
        else ingestText(db, repo, source, store, now, out);
      })();
    } catch (error) {
      out.problems.push({
        source: source.file,
        message: `cannot read history: ${(error as Error).message.split('\n')[0]}`,
      });
    }
  }
  return out;
}

function ingestSqlite(
  _db: Db,
  repo: EvidenceRepo,
  source: HistorySource,
  store: (s: HistorySource, e: HistoryEntry[]) => void,
  now: number,
  out: HistoryIngest,
): void {
  const seen = repo.fileState(source.file)?.offset ?? 0;
  const hist = new Database(source.file, { readonly: true, fileMustExist: true });
  try {
    const columns = new Set(
      hist
        .prepare<[], { name: string }>('PRAGMA table_info(history)')
        .all()
        .map((c) => c.name),
    );
    let sql: string;
    if (source.format === 'sqlite-atuin') {
      // nanosecond timestamps exceed Number.MAX_SAFE_INTEGER: divide in SQL
      sql = `SELECT rowid AS rid, timestamp / 1000000 AS ts, command FROM history WHERE rowid > ?
             ${columns.has('deleted_at') ? 'AND deleted_at IS NULL' : ''} ORDER BY rowid`;
    } else {
      sql =
        'SELECT rowid AS rid, start_timestamp AS ts, command_line AS command FROM history WHERE rowid > ? ORDER BY rowid';
    }
    const rows = hist.prepare<[number], { rid: number; ts: number | null; command: string }>(sql).all(seen);
    out.files += 1;
    out.lines += rows.length;
    store(
      source,
      rows
        .filter((r) => typeof r.command === 'string')
        .map((r) => ({ ts: r.ts, command: r.command, extId: `r${r.rid}` })),
    );
    const last = rows.at(-1)?.rid ?? seen;
    // dev holds the db+WAL mtime for SQLite sources: FileState has no mtime, and ino means nothing here
    const fp = fingerprint(source);
    repo.saveFileState({
      path: source.file,
      kind: `history-${source.shell}`,
      dev: fp?.mtimeMs ?? 0,
      ino: 0,
      size: fp?.size ?? 0,
      mtimeMs: fp?.mtimeMs ?? 0,
      offset: last,
      lines: 0,
      malformed: 0,
      scannedAt: now,
    });
  } finally {
    hist.close();
  }
}

function ingestText(
  db: Db,
  repo: EvidenceRepo,
  source: HistorySource,
  store: (s: HistorySource, e: HistoryEntry[]) => void,
  now: number,
  out: HistoryIngest,
): void {
  const previous = repo.fileState(source.file);
  try {
    const st = statSync(source.file);
    if (previous && previous.ino === st.ino && previous.dev === st.dev && previous.size === st.size) return;
  } catch {
    // reported by the read below
  }
  // fish rewrites its whole file on every save: always re-read it (entries dedupe by content)
  const from = source.format === 'fish' ? null : previous;
  const result = readNewBytes(source.file, from, (fd, start, size) => {
    const lines: Line[] = [];
    let at = start;
    readCompleteLines(fd, start, size, (bytes) => {
      const copy = Buffer.from(bytes);
      lines.push({
        bytes: copy.at(-1) === 0x0d ? copy.subarray(0, -1) : copy,
        at,
        end: at + bytes.length + 1,
      });
      at += bytes.length + 1;
    });
    const parse =
      source.format === 'zsh'
        ? parseZsh
        : source.format === 'bash'
          ? parseBash
          : source.format === 'fish'
            ? parseFish
            : parseNuText;
    return {
      parse: lines.length === 0 ? { entries: [], consumed: start, malformed: 0 } : parse(lines),
      lines: lines.length,
    };
  });
  if ('message' in result) {
    out.problems.push(result);
    return;
  }
  if (result.reset && source.format !== 'fish') {
    // truncated or replaced: offsets restart, so the old offset-keyed rows would collide
    db.prepare('DELETE FROM shell_history WHERE source_file = ?').run(source.file);
  }
  const parsed = result.value;
  if (parsed) {
    store(source, parsed.parse.entries);
    out.lines += parsed.lines;
    out.malformed += parsed.parse.malformed;
  }
  out.files += 1;
  repo.saveFileState({
    path: source.file,
    kind: `history-${source.shell}`,
    dev: result.stat.dev,
    ino: result.stat.ino,
    size: result.stat.size,
    mtimeMs: result.stat.mtimeMs,
    offset: parsed ? parsed.parse.consumed : result.from,
    lines: 0,
    malformed: 0,
    scannedAt: now,
  });
}
