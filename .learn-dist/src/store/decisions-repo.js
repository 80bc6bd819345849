function toRecord(row) {
    return {
        seq: row.seq,
        suggestionId: row.suggestion_id,
        kind: row.kind,
        rule: row.rule,
        replaces: JSON.parse(row.replaces),
        target: row.target,
        state: row.state,
        reason: row.reason,
        editedRule: row.edited_rule,
        applyId: row.apply_id,
        actor: row.actor,
        approvals: row.approvals,
        projects: row.projects,
        ts: row.ts,
    };
}
/** Remember a decision on a proposal (with the evidence it had then). */
export function recordDecision(db, input) {
    const s = input.suggestion;
    db.prepare(`INSERT INTO decisions (suggestion_id, kind, rule, replaces, target, state, reason, edited_rule, apply_id,
       actor, approvals, projects, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(s.id, s.kind, s.rule, JSON.stringify(s.replaces), s.target, input.state, input.reason ?? null, input.editedRule ?? null, input.applyId ?? null, input.actor, s.evidence.approvals, s.evidence.projects, input.now.getTime());
}
/** The newest decision per suggestion id. */
export function latestDecisions(db) {
    const rows = db
        .prepare(`SELECT d.* FROM decisions d
       JOIN (SELECT suggestion_id, MAX(seq) AS seq FROM decisions GROUP BY suggestion_id) m ON m.seq = d.seq`)
        .all();
    return new Map(rows.map((row) => [row.suggestion_id, toRecord(row)]));
}
/** Every decision on one suggestion, oldest first. */
export function decisionHistory(db, suggestionId) {
    return db
        .prepare('SELECT * FROM decisions WHERE suggestion_id = ? ORDER BY seq')
        .all(suggestionId)
        .map(toRecord);
}
/**
 * The rule the user chose with `e` (edit breadth) for a suggestion, when an edit is still in force:
 * the newest 'edited' decision not followed by a reject, apply or undo.
 */
export function editedRuleFor(db, suggestionId) {
    const history = decisionHistory(db, suggestionId);
    for (let i = history.length - 1; i >= 0; i--) {
        const d = history[i];
        if (!d)
            break;
        if (d.state === 'edited')
            return d.editedRule;
        if (d.state !== 'approved')
            return null;
    }
    return null;
}
/**
 * Drop proposals the user already settled: an applied one never comes back; a rejected one comes
 * back only when its approvals at least doubled or more projects adopted it since the rejection.
 * An undone apply makes the proposal pending again.
 */
export function filterRemembered(db, suggestions) {
    const latest = latestDecisions(db);
    // an applied rule (as edited) stays settled even when learning later proposes it under another id
    const applied = new Set([...latest.values()]
        .filter((d) => d.state === 'applied')
        .map((d) => `${d.target}\u0000${d.kind}\u0000${d.editedRule ?? d.rule}`));
    return suggestions.filter((s) => {
        const decision = latest.get(s.id);
        if (decision?.state === 'applied')
            return false;
        if (applied.has(`${s.target}\u0000${s.kind}\u0000${s.rule}`))
            return false;
        if (decision?.state === 'rejected') {
            const doubled = s.evidence.approvals >= 2 * Math.max(1, decision.approvals);
            const spread = s.evidence.projects > decision.projects;
            return doubled || spread;
        }
        return true;
    });
}
/** Record an apply and the files it wrote. */
export function recordApply(db, apply) {
    db.transaction(() => {
        db.prepare('INSERT INTO applies (id, ts, actor) VALUES (?, ?, ?)').run(apply.id, apply.ts, apply.actor);
        const insert = db.prepare(`INSERT INTO apply_files (apply_id, path, before_hash, after_hash, backup_path, added, removed)
       VALUES (?, ?, ?, ?, ?, ?, ?)`);
        for (const f of apply.files) {
            insert.run(apply.id, f.path, f.beforeHash, f.afterHash, f.backupPath, JSON.stringify(f.added), JSON.stringify(f.removed));
        }
    })();
}
function loadFiles(db, id) {
    return db
        .prepare('SELECT * FROM apply_files WHERE apply_id = ? ORDER BY path')
        .all(id)
        .map((r) => ({
        path: r.path,
        beforeHash: r.before_hash,
        afterHash: r.after_hash,
        backupPath: r.backup_path,
        added: JSON.parse(r.added),
        removed: JSON.parse(r.removed),
    }));
}
/** One apply by id, or the newest one not yet undone when id is omitted. */
export function findApply(db, id) {
    const row = id
        ? db.prepare('SELECT * FROM applies WHERE id = ?').get(id)
        : db
            .prepare('SELECT * FROM applies WHERE undone_ts IS NULL ORDER BY ts DESC, rowid DESC LIMIT 1')
            .get();
    if (!row)
        return null;
    return { id: row.id, ts: row.ts, actor: row.actor, undoneTs: row.undone_ts, files: loadFiles(db, row.id) };
}
/** Mark an apply as undone. */
export function markUndone(db, id, now) {
    db.prepare('UPDATE applies SET undone_ts = ? WHERE id = ?').run(now.getTime(), id);
}
/** The decisions recorded as 'applied' by one apply (what undo reverts). */
export function decisionsOfApply(db, applyId) {
    return db
        .prepare("SELECT * FROM decisions WHERE apply_id = ? AND state = 'applied' ORDER BY seq")
        .all(applyId)
        .map(toRecord);
}
//# sourceMappingURL=decisions-repo.js.map