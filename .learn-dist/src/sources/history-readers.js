// Shell histories (reference/nix-and-history.md §2): atuin and nushell SQLite (read-only, by max
// rowid), fish, zsh, bash and nushell text files (by byte offset; only complete lines are read, so a
// history being written is picked up next time). Commands are stored redacted, with the programs
// they ran, for the human-vs-Claude usage figures.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { redactCommand } from '../core/redact.js';
import { readCompleteLines, readNewBytes } from './transcript-reader.js';
/** Where each shell keeps its history, under `--home` (reference §2). */
export function historySources(paths) {
    const out = [];
    const add = (shell, file, format) => {
        if (existsSync(file))
            out.push({ shell, file, format });
    };
    add('atuin', path.join(paths.xdgDataHome, 'atuin', 'history.db'), 'sqlite-atuin');
    const fishDir = path.join(paths.xdgDataHome, 'fish');
    let fishFiles = [];
    try {
        fishFiles = readdirSync(fishDir).filter((f) => f.endsWith('_history'));
    }
    catch {
        // no fish
    }
    for (const f of fishFiles.sort())
        add('fish', path.join(fishDir, f), 'fish');
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
export function unmetafy(bytes) {
    if (bytes.indexOf(0x83) === -1)
        return bytes;
    const out = Buffer.allocUnsafe(bytes.length);
    let j = 0;
    for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (b === 0x83 && i + 1 < bytes.length)
            out[j++] = bytes[++i] ^ 0x20;
        else
            out[j++] = b;
    }
    return out.subarray(0, j);
}
/** zsh: `: <start>:<elapsed>;<cmd>` or plain; a trailing `\` joins the next line with a newline. */
export function parseZsh(lines) {
    const entries = [];
    let consumed = lines[0]?.at ?? 0;
    let i = 0;
    while (i < lines.length) {
        const start = lines[i];
        let text = unmetafy(start.bytes).toString('utf8');
        let j = i;
        while (text.endsWith('\\') && j + 1 < lines.length) {
            j += 1;
            text = `${text.slice(0, -1)}\n${unmetafy(lines[j].bytes).toString('utf8')}`;
        }
        // an entry whose last line still ends in `\` may continue: leave it for the next scan
        if (text.endsWith('\\') && j + 1 >= lines.length)
            break;
        let ts = null;
        const m = /^: (\d+):\d+;([\s\S]*)$/.exec(text);
        if (m) {
            ts = Number(m[1]) * 1000;
            text = m[2];
        }
        if (text.trim() !== '')
            entries.push({ ts, command: text, extId: `o${start.at}` });
        consumed = lines[j].end;
        i = j + 1;
    }
    return { entries, consumed, malformed: 0 };
}
/** bash: `#<epoch>` lines delimit (possibly multi-line) entries; without them, one line = one entry. */
export function parseBash(lines) {
    const entries = [];
    let ts = null;
    let current = null;
    const flush = () => {
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
        if (current && ts !== null)
            current.text.push(text);
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
export function parseNuText(lines) {
    const entries = lines
        .map((l) => ({
        ts: null,
        command: l.bytes.toString('utf8').replaceAll('<\\n>', '\n'),
        extId: `o${l.at}`,
    }))
        .filter((e) => e.command.trim() !== '');
    return { entries, consumed: lines.at(-1)?.end ?? lines[0]?.at ?? 0, malformed: 0 };
}
function unescapeFish(value) {
    let out = '';
    for (let i = 0; i < value.length; i++) {
        const c = value[i];
        if (c !== '\\') {
            out += c;
            continue;
        }
        const n = value[i + 1];
        if (n === '\\')
            out += '\\';
        else if (n === 'n')
            out += '\n';
        else
            break; // fish's unescaper stops at any other escape
        i += 1;
    }
    return out;
}
/** fish: `- cmd: …` / `  when: …` (not YAML; split at the first colon); junk lines are skipped and counted. */
export function parseFish(lines) {
    const entries = [];
    let malformed = 0;
    let current = null;
    const seen = new Map();
    const flush = () => {
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
        if (text === '' ||
            text.startsWith('%') ||
            text.startsWith('---') ||
            text.startsWith('...') ||
            text[0] === '\0') {
            continue;
        }
        if (text.startsWith('- cmd:')) {
            flush();
            current = { command: unescapeFish(text.slice(6).replace(/^\s+/, '')), ts: null };
        }
        else if (text.startsWith(' ') && current) {
            const colon = text.indexOf(':');
            if (colon === -1)
                continue; // `- path` items
            const key = text.slice(0, colon).trim();
            const value = text.slice(colon + 1).trim();
            if (key === 'when' && /^\d+$/.test(value))
                current.ts = Number(value) * 1000;
        }
        else if (!text.startsWith(' ')) {
            malformed += 1;
        }
    }
    flush();
    return { entries, consumed: lines.at(-1)?.end ?? lines[0]?.at ?? 0, malformed };
}
/** Read every history source's new entries into `shell_history`. */
export function ingestHistories(db, repo, paths, deps, now) {
    const out = { files: 0, lines: 0, commands: 0, malformed: 0, problems: [] };
    const insert = db.prepare(`INSERT OR IGNORE INTO shell_history (shell, source_file, ts, command, programs_json, ephemeral_json, ext_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const store = (source, entries) => {
        for (const e of entries) {
            const command = redactCommand(e.command);
            const parsed = deps.segment(command);
            const programs = parsed.programs;
            const ephemeral = [...new Set(parsed.segments.flatMap((s) => s.ephemeralPackages))];
            const r = insert.run(source.shell, source.file, e.ts, command, JSON.stringify(programs), JSON.stringify(ephemeral), e.extId);
            out.commands += r.changes;
        }
    };
    for (const source of historySources(paths)) {
        try {
            db.transaction(() => {
                if (source.format === 'sqlite-atuin' || source.format === 'sqlite-nushell')
                    ingestSqlite(db, repo, source, store, now, out);
                else
                    ingestText(db, repo, source, store, now, out);
            })();
        }
        catch (error) {
            out.problems.push({
                source: source.file,
                message: `cannot read history: ${error.message.split('\n')[0]}`,
            });
        }
    }
    return out;
}
function ingestSqlite(_db, repo, source, store, now, out) {
    const seen = repo.fileState(source.file)?.offset ?? 0;
    const hist = new Database(source.file, { readonly: true, fileMustExist: true });
    try {
        const columns = new Set(hist
            .prepare('PRAGMA table_info(history)')
            .all()
            .map((c) => c.name));
        let sql;
        if (source.format === 'sqlite-atuin') {
            // nanosecond timestamps exceed Number.MAX_SAFE_INTEGER: divide in SQL
            sql = `SELECT rowid AS rid, timestamp / 1000000 AS ts, command FROM history WHERE rowid > ?
             ${columns.has('deleted_at') ? 'AND deleted_at IS NULL' : ''} ORDER BY rowid`;
        }
        else {
            sql =
                'SELECT rowid AS rid, start_timestamp AS ts, command_line AS command FROM history WHERE rowid > ? ORDER BY rowid';
        }
        const rows = hist.prepare(sql).all(seen);
        out.files += 1;
        out.lines += rows.length;
        store(source, rows
            .filter((r) => typeof r.command === 'string')
            .map((r) => ({ ts: r.ts, command: r.command, extId: `r${r.rid}` })));
        const last = rows.at(-1)?.rid ?? seen;
        repo.saveFileState({
            path: source.file,
            kind: `history-${source.shell}`,
            dev: 0,
            ino: 0,
            size: 0,
            mtimeMs: 0,
            offset: last,
            lines: 0,
            malformed: 0,
            scannedAt: now,
        });
    }
    finally {
        hist.close();
    }
}
function ingestText(db, repo, source, store, now, out) {
    const previous = repo.fileState(source.file);
    try {
        const st = statSync(source.file);
        if (previous && previous.ino === st.ino && previous.dev === st.dev && previous.size === st.size)
            return;
    }
    catch {
        // reported by the read below
    }
    // fish rewrites its whole file on every save: always re-read it (entries dedupe by content)
    const from = source.format === 'fish' ? null : previous;
    const result = readNewBytes(source.file, from, (fd, start, size) => {
        const lines = [];
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
        const parse = source.format === 'zsh'
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
//# sourceMappingURL=history-readers.js.map