function parseList(json) {
    try {
        const value = JSON.parse(json ?? '[]');
        return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
    }
    catch {
        return [];
    }
}
/** Human history rows with a time in [from, to], plus every undated row (counted apart). */
export function humanCommands(db, from, to) {
    return db
        .prepare(`SELECT ts, programs_json, ephemeral_json FROM shell_history
       WHERE (ts BETWEEN ? AND ?) OR ts IS NULL`)
        .all(from, to)
        .map((r) => ({ ts: r.ts, programs: parseList(r.programs_json), ephemeral: parseList(r.ephemeral_json) }));
}
/** Claude's Bash segments whose call falls in [from, to]. */
export function claudeSegments(db, from, to) {
    return db
        .prepare(`SELECT c.ts AS ts, s.program AS program, s.ephemeral_json AS ephemeral_json
       FROM segments s JOIN tool_calls c ON c.id = s.call_id
       WHERE c.ts BETWEEN ? AND ?`)
        .all(from, to)
        .map((r) => ({ ts: r.ts, program: r.program, ephemeral: parseList(r.ephemeral_json) }));
}
/** Last use of each program over all history (human and Claude), by program basename. */
export function lastSeenPrograms(db) {
    const last = {};
    const note = (program, ts) => {
        const name = program.slice(program.lastIndexOf('/') + 1);
        if (name && ts > (last[name] ?? 0))
            last[name] = ts;
    };
    for (const r of db
        .prepare(`SELECT s.program AS program, MAX(c.ts) AS ts FROM segments s JOIN tool_calls c ON c.id = s.call_id
       GROUP BY s.program`)
        .all())
        note(r.program, r.ts);
    for (const r of db
        .prepare(`SELECT j.value AS program, MAX(h.ts) AS ts FROM shell_history h,
         json_each(CASE WHEN json_valid(h.programs_json) THEN h.programs_json ELSE '[]' END) j
       WHERE h.ts IS NOT NULL GROUP BY j.value`)
        .all())
        note(String(r.program), r.ts);
    return last;
}
//# sourceMappingURL=usage-repo.js.map