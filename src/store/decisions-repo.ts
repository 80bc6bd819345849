import { redactCommand } from '../core/redact.js';
import type { DecisionState, Suggestion } from '../core/types.js';
import type { Db } from './db.js';

/** Who took a decision or ran an apply. */
export type Actor = 'interactive' | 'yes' | 'dashboard' | 'undo';

/** One remembered decision. */
export interface DecisionRecord {
  seq: number;
  suggestionId: string;
  kind: string;
  rule: string;
  replaces: string[];
  target: string;
  state: DecisionState;
  reason: string | null;
  editedRule: string | null;
  applyId: string | null;
  actor: string;
  /** Evidence when the decision was taken: what "evidence doubled" is measured against. */
  approvals: number;
  projects: number;
  /** Epoch milliseconds. */
  ts: number;
}

/** One file written by an apply. */
export interface ApplyFileRecord {
  path: string;
  /** Hash before the apply; null when the apply created the file. */
  beforeHash: string | null;
  afterHash: string;
  /** Copy of the previous content; null when there was none. */
  backupPath: string | null;
  added: string[];
  removed: string[];
}

/** One apply (`clearance apply`, the dashboard's `A`). */
export interface ApplyRecord {
  id: string;
  ts: number;
  actor: string;
  undoneTs: number | null;
  files: ApplyFileRecord[];
}

interface DecisionRow {
  seq: number;
  suggestion_id: string;
  kind: string;
  rule: string;
  replaces: string;
  target: string;
  state: DecisionState;
  reason: string | null;
  edited_rule: string | null;
  apply_id: string | null;
  actor: string;
  approvals: number;
  projects: number;
  ts: number;
}

function toRecord(row: DecisionRow): DecisionRecord {
  return {
    seq: row.seq,
    suggestionId: row.suggestion_id,
    kind: row.kind,
    rule: row.rule,
    replaces: JSON.parse(row.replaces) as string[],
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
export function recordDecision(
  db: Db,
  input: {
    suggestion: Suggestion;
    state: DecisionState;
    reason?: string | null;
    editedRule?: string | null;
    applyId?: string | null;
    actor: Actor | string;
    now: Date;
  },
): void {
  const s = input.suggestion;
  db.prepare(
    `INSERT INTO decisions (suggestion_id, kind, rule, replaces, target, state, reason, edited_rule, apply_id,
       actor, approvals, projects, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.id,
    s.kind,
    // a hygiene proposal names a rule the user wrote, which may carry a password
    redactCommand(s.rule),
    JSON.stringify(s.replaces.map((r) => redactCommand(r))),
    s.target,
    input.state,
    input.reason ?? null,
    input.editedRule ? redactCommand(input.editedRule) : null,
    input.applyId ?? null,
    input.actor,
    s.evidence.approvals,
    s.evidence.projects,
    input.now.getTime(),
  );
}

/** The newest decision per suggestion id. */
export function latestDecisions(db: Db): Map<string, DecisionRecord> {
  const rows = db
    .prepare<[], DecisionRow>(
      `SELECT d.* FROM decisions d
       JOIN (SELECT suggestion_id, MAX(seq) AS seq FROM decisions GROUP BY suggestion_id) m ON m.seq = d.seq`,
    )
    .all();
  return new Map(rows.map((row) => [row.suggestion_id, toRecord(row)]));
}

/** Every decision on one suggestion, oldest first. */
export function decisionHistory(db: Db, suggestionId: string): DecisionRecord[] {
  return db
    .prepare<[string], DecisionRow>('SELECT * FROM decisions WHERE suggestion_id = ? ORDER BY seq')
    .all(suggestionId)
    .map(toRecord);
}

/**
 * The rule the user chose with `e` (edit breadth) for a suggestion, when an edit is still in force:
 * the newest 'edited' decision not followed by a reject, apply or undo.
 */
export function editedRuleFor(db: Db, suggestionId: string): string | null {
  const history = decisionHistory(db, suggestionId);
  for (let i = history.length - 1; i >= 0; i--) {
    const d = history[i];
    if (!d) break;
    if (d.state === 'edited') return d.editedRule;
    if (d.state !== 'approved') return null;
  }
  return null;
}

/**
 * Drop proposals the user already settled: an applied one never comes back; a rejected one comes
 * back only when its approvals at least doubled or more projects adopted it since the rejection.
 * An undone apply makes the proposal pending again.
 */
export function filterRemembered(db: Db, suggestions: Suggestion[]): Suggestion[] {
  const latest = latestDecisions(db);
  // an applied rule (as edited) stays settled even when learning later proposes it under another id
  const applied = new Set(
    [...latest.values()]
      .filter((d) => d.state === 'applied')
      .map((d) => `${d.target}\u0000${d.kind}\u0000${d.editedRule ?? d.rule}`),
  );
  return suggestions.filter((s) => {
    const decision = latest.get(s.id);
    if (decision?.state === 'applied') return false;
    if (applied.has(`${s.target}\u0000${s.kind}\u0000${s.rule}`)) return false;
    if (decision?.state === 'rejected') {
      const doubled = s.evidence.approvals >= 2 * Math.max(1, decision.approvals);
      const spread = s.evidence.projects > decision.projects;
      return doubled || spread;
    }
    return true;
  });
}

/** Record an apply and the files it wrote. */
export function recordApply(db: Db, apply: Omit<ApplyRecord, 'undoneTs'>): void {
  db.transaction(() => {
    db.prepare('INSERT INTO applies (id, ts, actor) VALUES (?, ?, ?)').run(apply.id, apply.ts, apply.actor);
    const insert = db.prepare(
      `INSERT INTO apply_files (apply_id, path, before_hash, after_hash, backup_path, added, removed)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const f of apply.files) {
      insert.run(
        apply.id,
        f.path,
        f.beforeHash,
        f.afterHash,
        f.backupPath,
        JSON.stringify(f.added.map((r) => redactCommand(r))),
        JSON.stringify(f.removed.map((r) => redactCommand(r))),
      );
    }
  })();
}

interface ApplyRow {
  id: string;
  ts: number;
  actor: string;
  undone_ts: number | null;
}

interface ApplyFileRow {
  path: string;
  before_hash: string | null;
  after_hash: string;
  backup_path: string | null;
  added: string;
  removed: string;
}

function loadFiles(db: Db, id: string): ApplyFileRecord[] {
  return db
    .prepare<[string], ApplyFileRow>('SELECT * FROM apply_files WHERE apply_id = ? ORDER BY path')
    .all(id)
    .map((r) => ({
      path: r.path,
      beforeHash: r.before_hash,
      afterHash: r.after_hash,
      backupPath: r.backup_path,
      added: JSON.parse(r.added) as string[],
      removed: JSON.parse(r.removed) as string[],
    }));
}

/** One apply by id, or the newest one not yet undone when id is omitted. */
export function findApply(db: Db, id?: string): ApplyRecord | null {
  const row = id
    ? db.prepare<[string], ApplyRow>('SELECT * FROM applies WHERE id = ?').get(id)
    : db
        .prepare<[], ApplyRow>(
          // ids start with the real write time, so they order applies even under a fixed --now
          'SELECT * FROM applies WHERE undone_ts IS NULL AND complete = 1 ORDER BY id DESC LIMIT 1',
        )
        .get();
  if (!row) return null;
  return { id: row.id, ts: row.ts, actor: row.actor, undoneTs: row.undone_ts, files: loadFiles(db, row.id) };
}

/** Mark an apply as undone. */
export function markUndone(db: Db, id: string, now: Date): void {
  db.prepare('UPDATE applies SET undone_ts = ? WHERE id = ?').run(now.getTime(), id);
}

/** The decisions recorded as 'applied' by one apply (what undo reverts). */
export function decisionsOfApply(db: Db, applyId: string): DecisionRecord[] {
  return db
    .prepare<[string], DecisionRow>(
      "SELECT * FROM decisions WHERE apply_id = ? AND state = 'applied' ORDER BY seq",
    )
    .all(applyId)
    .map(toRecord);
}

/**
 * Start an apply before its first write (complete = 0): a kill midway leaves this record, which
 * `recoverInterruptedApplies` finishes from what is on disk.
 */
export function beginApply(db: Db, apply: { id: string; ts: number; actor: string; pid: number }): void {
  db.prepare('INSERT INTO applies (id, ts, actor, complete, pid) VALUES (?, ?, ?, 0, ?)').run(
    apply.id,
    apply.ts,
    apply.actor,
    apply.pid,
  );
}

/** Record (or re-record, after a re-plan) one file an unfinished apply is about to write. */
export function putApplyFile(db: Db, applyId: string, f: ApplyFileRecord): void {
  db.prepare(
    `INSERT OR REPLACE INTO apply_files (apply_id, path, before_hash, after_hash, backup_path, added, removed)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    applyId,
    f.path,
    f.beforeHash,
    f.afterHash,
    f.backupPath,
    // a removed hand-written rule may carry a password: stored redacted like every rule
    JSON.stringify(f.added.map((r) => redactCommand(r))),
    JSON.stringify(f.removed.map((r) => redactCommand(r))),
  );
}

/**
 * Close an apply: keep only the files in `written` (an apply that wrote nothing disappears) and
 * mark it complete. Run inside the caller's transaction when decisions go with it.
 */
export function finishApply(db: Db, applyId: string, written: string[]): void {
  const keep = new Set(written);
  const files = loadFiles(db, applyId);
  const drop = db.prepare('DELETE FROM apply_files WHERE apply_id = ? AND path = ?');
  for (const f of files) if (!keep.has(f.path)) drop.run(applyId, f.path);
  if (files.every((f) => !keep.has(f.path))) {
    db.prepare('DELETE FROM applies WHERE id = ?').run(applyId);
    return;
  }
  db.prepare('UPDATE applies SET complete = 1 WHERE id = ?').run(applyId);
}

/** Applies started but never finished (their process was killed, or is still running). */
export function unfinishedApplies(db: Db): (ApplyRecord & { pid: number | null })[] {
  return db
    .prepare<[], ApplyRow & { pid: number | null }>('SELECT * FROM applies WHERE complete = 0 ORDER BY id')
    .all()
    .map((row) => ({
      id: row.id,
      ts: row.ts,
      actor: row.actor,
      undoneTs: row.undone_ts,
      pid: row.pid,
      files: loadFiles(db, row.id),
    }));
}
