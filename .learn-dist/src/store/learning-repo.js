// Evidence queries for the learning engine. Only the columns learning needs are read, and only
// for calls the user answered (approved/denied): that keeps `suggest` fast on large stores.
const EMPTY = Object.freeze([]);
function parseList(json) {
    if (json === '[]')
        return EMPTY;
    try {
        const value = JSON.parse(json);
        return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
    }
    catch {
        return [];
    }
}
/** The primary target of a non-Bash call: file path, search path, notebook or URL. */
function targetOf(inputJson) {
    if (!inputJson)
        return null;
    try {
        const input = JSON.parse(inputJson);
        for (const key of ['file_path', 'notebook_path', 'path', 'url']) {
            const value = input[key];
            if (typeof value === 'string' && value !== '')
                return value;
        }
    }
    catch {
        // a malformed stored input has no target; the call still counts for its tool
    }
    return null;
}
/** Every approved or denied call with its segments (Bash) or target (other tools). */
export function loadAnsweredCalls(db, filter = {}) {
    const after = filter.after ?? -1;
    const until = filter.until ?? Number.MAX_SAFE_INTEGER;
    const rows = db
        .prepare(`SELECT id, ts, session_id, project, cwd, version, tool, answer, prompted, command,
              CASE WHEN tool = 'Bash' THEN NULL ELSE input_json END AS input_json
         FROM tool_calls
        WHERE answer IN ('approved', 'denied') AND ts > ? AND ts <= ?`)
        .all(after, until);
    const byId = new Map();
    for (const row of rows) {
        byId.set(row.id, {
            id: row.id,
            ts: row.ts,
            session: row.session_id,
            project: row.project,
            cwd: row.cwd,
            version: row.version,
            tool: row.tool,
            answer: row.answer,
            prompted: row.prompted === null ? null : row.prompted === 1,
            segments: [],
            target: row.tool === 'Bash' ? row.command : targetOf(row.input_json),
        });
    }
    const segments = db
        .prepare(`SELECT s.call_id, s.program, s.subcommand, s.text, s.argv_json, s.nested, s.wrappers_json,
              s.env_names_json, s.redirects_json
         FROM segments s JOIN tool_calls c ON c.id = s.call_id
        WHERE c.answer IN ('approved', 'denied') AND c.ts > ? AND c.ts <= ?
        ORDER BY s.call_id, s.idx`)
        .all(after, until);
    // the same text recurs thousands of times: parse its argv once
    const argvCache = new Map();
    for (const row of segments) {
        const call = byId.get(row.call_id);
        if (!call)
            continue;
        let argv = argvCache.get(row.argv_json);
        if (!argv) {
            argv = parseList(row.argv_json);
            argvCache.set(row.argv_json, argv);
        }
        const segment = {
            program: row.program,
            subcommand: row.subcommand === '' ? [] : row.subcommand.split(' '),
            argv,
            text: row.text,
            wrappers: parseList(row.wrappers_json),
            envNames: parseList(row.env_names_json),
            nested: row.nested === 1,
            ephemeralPackages: [],
            redirects: parseList(row.redirects_json),
        };
        call.segments.push(segment);
    }
    return [...byId.values()].sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id));
}
/** Distinct commands of a program that ran without a prompt (for "also matches"). */
export function seenUnpromptedCommands(db, program, limit = 40) {
    return db
        .prepare(`SELECT DISTINCT s.text, s.subcommand FROM segments s JOIN tool_calls c ON c.id = s.call_id
        WHERE s.program = ? AND c.answer NOT IN ('approved', 'denied') LIMIT ?`)
        .all(program, limit)
        .map((r) => ({ text: r.text, subcommand: r.subcommand === '' ? [] : r.subcommand.split(' ') }));
}
/** Whether any call happened in the window, for one project or (null) for any. */
export function hasEvidenceSince(db, since, project) {
    const row = project === null
        ? db.prepare('SELECT 1 AS one FROM tool_calls WHERE ts >= ? LIMIT 1').get(since)
        : db
            .prepare('SELECT 1 AS one FROM tool_calls WHERE project = ? AND ts >= ? LIMIT 1')
            .get(project, since);
    return row !== undefined;
}
/** Distinct Bash segments of a program seen since `since` (optionally in one project). */
export function windowSegments(db, program, since, project, limit = 5000) {
    const rows = db
        .prepare(`SELECT DISTINCT s.program, s.subcommand, s.text, s.argv_json, c.project, c.cwd,
              '' AS call_id, 0 AS nested, '[]' AS wrappers_json, '[]' AS env_names_json, '[]' AS redirects_json
         FROM segments s JOIN tool_calls c ON c.id = s.call_id
        WHERE s.program = ? AND c.ts >= ? AND (? IS NULL OR c.project = ?) LIMIT ?`)
        .all(program, since, project, project, limit);
    return rows.map((r) => ({
        tool: 'Bash',
        project: r.project,
        cwd: r.cwd,
        target: r.text,
        segment: {
            program: r.program,
            subcommand: r.subcommand === '' ? [] : r.subcommand.split(' '),
            argv: parseList(r.argv_json),
            text: r.text,
            wrappers: [],
            envNames: [],
            nested: false,
            ephemeralPackages: [],
            redirects: [],
        },
    }));
}
/** Distinct non-Bash calls of the given tools (or a tool-name prefix) since `since`. */
export function windowToolCalls(db, tools, since, project, limit = 5000) {
    const names = tools.names ?? [];
    const where = tools.prefix !== undefined ? `substr(tool, 1, ${tools.prefix.length}) = ?` : `tool IN (${names.map(() => '?').join(',') || "''"})`;
    const params = tools.prefix !== undefined ? [tools.prefix] : [...names];
    const rows = db
        .prepare(`SELECT DISTINCT tool, project, cwd, input_json FROM tool_calls
        WHERE ${where} AND ts >= ? AND (? IS NULL OR project = ?) LIMIT ?`)
        .all(...params, since, project, project, limit);
    return rows.map((r) => ({ tool: r.tool, project: r.project, cwd: r.cwd, segment: null, target: targetOf(r.input_json) }));
}
/** The newest Claude Code version seen in the store (rule syntax for hygiene replacements). */
export function newestStoredVersion(db) {
    const rows = db.prepare('SELECT DISTINCT version FROM tool_calls WHERE version IS NOT NULL').all();
    let best = null;
    const num = (v) => v.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
    for (const { version } of rows) {
        if (best === null)
            best = version;
        else {
            const a = num(version);
            const b = num(best);
            for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
                if ((a[i] ?? 0) !== (b[i] ?? 0)) {
                    if ((a[i] ?? 0) > (b[i] ?? 0))
                        best = version;
                    break;
                }
            }
        }
    }
    return best;
}
/** Projects that have answered evidence (for settings in force). */
export function projectsWithEvidence(db) {
    return db
        .prepare("SELECT DISTINCT project FROM tool_calls WHERE answer IN ('approved','denied')")
        .all()
        .map((r) => r.project);
}
//# sourceMappingURL=learning-repo.js.map