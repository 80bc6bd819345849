/** Prepared statements for ingest, created once per scan. */
export class EvidenceRepo {
    db;
    stmts;
    constructor(db) {
        this.db = db;
        this.stmts = {
            getFile: db.prepare('SELECT path, kind, dev, ino, size, offset, lines, malformed FROM files WHERE path = ?'),
            saveFile: db.prepare(`INSERT INTO files (path, kind, dev, ino, size, mtime_ms, offset, lines, malformed, scanned_at)
         VALUES (@path, @kind, @dev, @ino, @size, @mtimeMs, @offset, @lines, @malformed, @scannedAt)
         ON CONFLICT(path) DO UPDATE SET kind=excluded.kind, dev=excluded.dev, ino=excluded.ino,
           size=excluded.size, mtime_ms=excluded.mtime_ms, offset=excluded.offset, lines=excluded.lines,
           malformed=excluded.malformed, scanned_at=excluded.scanned_at`),
            insertCall: db.prepare(`INSERT OR IGNORE INTO tool_calls (id, session_id, agent_id, sidechain, ts, cwd, project, version,
           permission_mode, tool, input_json, input_hash, command, source_file, inferred_prompted)
         VALUES (@id, @sessionId, @agentId, @sidechain, @ts, @cwd, @project, @version, @permissionMode,
           @tool, @inputJson, @inputHash, @command, @sourceFile, @inferredPrompted)`),
            applyResult: db.prepare(`UPDATE tool_calls SET outcome = @outcome, rejection_reason = @reason, denial_kind = @denialKind
         WHERE id = @id`),
            pending: db.prepare(`INSERT OR REPLACE INTO pending_results (id, outcome, rejection_reason, denial_kind)
         VALUES (@id, @outcome, @reason, @denialKind)`),
            insertSegment: db.prepare(`INSERT OR REPLACE INTO segments (call_id, idx, program, subcommand, text, argv_json, nested,
           wrappers_json, env_names_json, ephemeral_json, redirects_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
            getSessionMode: db.prepare('SELECT permission_mode FROM sessions WHERE id = ?'),
            upsertSession: db.prepare(`INSERT INTO sessions (id, project, cwd, version, permission_mode, first_ts, last_ts, file)
         VALUES (@id, @project, @cwd, @version, @mode, @ts, @ts, @file)
         ON CONFLICT(id) DO UPDATE SET
           project = COALESCE(excluded.project, sessions.project),
           cwd = COALESCE(excluded.cwd, sessions.cwd),
           version = COALESCE(excluded.version, sessions.version),
           permission_mode = COALESCE(excluded.permission_mode, sessions.permission_mode),
           first_ts = MIN(COALESCE(sessions.first_ts, excluded.first_ts), COALESCE(excluded.first_ts, sessions.first_ts)),
           last_ts = MAX(COALESCE(sessions.last_ts, excluded.last_ts), COALESCE(excluded.last_ts, sessions.last_ts))`),
        };
    }
    /** The remembered state of a file, or null when never read. */
    fileState(file) {
        return this.stmts.getFile.get(file) ?? null;
    }
    /** Remember how far a file was read. */
    saveFileState(state) {
        this.stmts.saveFile.run(state);
    }
    /** Insert a call once (dedupe by id); true when it was new. */
    insertCall(call) {
        return this.stmts.insertCall.run({ ...call, sidechain: call.sidechain ? 1 : 0 }).changes > 0;
    }
    /** Record a call's result; kept pending when the call is not stored yet. */
    applyResult(id, outcome, reason, denialKind) {
        const row = { id, outcome, reason, denialKind };
        if (this.stmts.applyResult.run(row).changes === 0)
            this.stmts.pending.run(row);
    }
    /** Apply pending results whose calls have arrived since. */
    resolvePending() {
        this.db.exec(`
      UPDATE tool_calls SET outcome = p.outcome, rejection_reason = p.rejection_reason, denial_kind = p.denial_kind
      FROM pending_results p WHERE p.id = tool_calls.id;
      DELETE FROM pending_results WHERE id IN (SELECT id FROM tool_calls);
    `);
    }
    /** Store the parsed segments of a Bash call (texts already redacted). */
    insertSegments(callId, segments) {
        segments.forEach((s, idx) => {
            this.stmts.insertSegment.run(callId, idx, s.program, s.subcommand.join(' '), s.text, JSON.stringify(s.argv), s.nested ? 1 : 0, JSON.stringify(s.wrappers), JSON.stringify(s.envNames), JSON.stringify(s.ephemeralPackages), JSON.stringify(s.redirects));
        });
    }
    /** The permission mode last seen for a session in earlier scans/files. */
    sessionMode(sessionId) {
        return (this.stmts.getSessionMode.get(sessionId)?.permission_mode ?? null);
    }
    /** Create or widen a session row. */
    upsertSession(s) {
        this.stmts.upsertSession.run(s);
    }
}
/** Totals over the store. */
export function evidenceTotals(db) {
    const row = db
        .prepare(`SELECT COUNT(*) AS toolCalls,
         COALESCE(SUM(prompted = 1), 0) AS prompts,
         COALESCE(SUM(prompted = 1 AND prompted_basis != 'inferred'), 0) AS exact,
         COALESCE(SUM(prompted = 1 AND prompted_basis = 'inferred'), 0) AS inferred,
         COALESCE(SUM(outcome = 'user-rejected' OR answer = 'denied'), 0) AS denials
       FROM tool_calls`)
        .get();
    const history = db.prepare('SELECT COUNT(*) AS n FROM shell_history').get();
    return {
        toolCalls: row?.toolCalls ?? 0,
        prompts: row?.prompts ?? 0,
        promptsExact: row?.exact ?? 0,
        promptsInferred: row?.inferred ?? 0,
        denials: row?.denials ?? 0,
        historyCommands: history?.n ?? 0,
    };
}
function toToolCall(row) {
    return {
        id: row.id,
        sessionId: row.session_id,
        agentId: row.agent_id,
        sidechain: row.sidechain === 1,
        ts: row.ts,
        cwd: row.cwd,
        project: row.project,
        version: row.version,
        permissionMode: row.permission_mode,
        tool: row.tool,
        input: JSON.parse(row.input_json),
        command: row.command,
        outcome: row.outcome,
        rejectionReason: row.rejection_reason,
        prompted: row.prompted === null ? null : row.prompted === 1,
        promptedBasis: row.prompted_basis,
        answer: row.answer,
        answerBasis: row.answer_basis,
        offeredRules: JSON.parse(row.offered_rules_json),
    };
}
/** Tool calls, optionally in a time window [from, to) (epoch ms), oldest first. */
export function listToolCalls(db, window = {}) {
    const rows = db
        .prepare('SELECT * FROM tool_calls WHERE ts >= ? AND ts < ? ORDER BY ts, id')
        .all(window.from ?? 0, window.to ?? Number.MAX_SAFE_INTEGER);
    return rows.map(toToolCall);
}
/** One tool call by id, or null. */
export function getToolCall(db, id) {
    const row = db.prepare('SELECT * FROM tool_calls WHERE id = ?').get(id);
    return row ? toToolCall(row) : null;
}
/** Stored segments of a Bash call, in order. */
export function segmentsOf(db, callId) {
    const rows = db
        .prepare('SELECT * FROM segments WHERE call_id = ? ORDER BY idx')
        .all(callId);
    return rows.map((r) => ({
        program: r.program,
        subcommand: r.subcommand === '' ? [] : r.subcommand.split(' '),
        argv: JSON.parse(r.argv_json),
        text: r.text,
        wrappers: JSON.parse(r.wrappers_json),
        envNames: JSON.parse(r.env_names_json),
        nested: r.nested === 1,
        ephemeralPackages: JSON.parse(r.ephemeral_json),
        redirects: JSON.parse(r.redirects_json),
    }));
}
//# sourceMappingURL=evidence-repo.js.map