// Layer the exact bases over `prompted`/`answer`: the transcript-only facts (explicit rejections,
// denials, inference) are set as calls and results are stored (store/evidence-repo.ts
// transcriptAnswerSet); here the hook spool and then OTel override them, best last so it wins.
// Set-based SQL over the calls whose evidence changed in this scan, so warm scans cost nothing.
import path from 'node:path';
import type { Db } from '../store/db.js';
import type { LocalRuleUse } from './transcript-ingest.js';
import { transcriptAnswerSet } from '../store/evidence-repo.js';

interface BatchMember {
  id: string;
  /** The session writes `permissionDecision`: the client's own order of asking is known. */
  era: number;
  outcome: string;
  reason: string | null;
  inferred: number | null;
  hookPrompted: number;
  otelRejected: number;
}

/**
 * Attribute the denial of a parallel batch to the call the user actually refused (reference §2.4:
 * when the user says No to one call of an assistant response, Claude Code writes the same
 * rejection to every other call of that response). Among the user-rejected calls of one batch
 * (same session and `message.id`), in line order:
 *
 * 1. exact evidence wins: the calls OTel reports as `user_reject`, else the first call the hook
 *    spool saw a PermissionRequest for;
 * 2. else the first call that needed a prompt (`inferred_prompted` = 1: not built-in read-only,
 *    not a tool that never prompts, not covered by an allow rule in force, mode allows prompts).
 *    Claude Code asks for a batch's calls one at a time, in order; a call that needs no prompt
 *    cannot have been refused, and calls after the refused one were never asked. So for
 *    `git status`, `rm -rf build`, `cargo test` the denial is `rm -rf build`;
 * 3. else (the inference thinks none needed a prompt, e.g. a rule added since) the first call.
 *
 * Rejections with different comments ("No, and tell Claude …") are separate answers and are
 * attributed separately. The others become 'cancelled' (answer 'unknown', or 'not-prompted' when they needed no
 * prompt). `result_outcome` keeps what the transcript said, so a batch is re-evaluated from
 * scratch whenever one of its calls gets a result or exact evidence (incremental scans).
 * `candidates`: ids whose result or exact evidence changed. Returns every id of the re-evaluated
 * batches (their exact layers must be derived again).
 */
export function attributeBatchDenials(db: Db, candidates: Iterable<string>): string[] {
  const batchOf = db.prepare<[string], { session_id: string; message_id: string }>(
    `SELECT session_id, message_id FROM tool_calls
     WHERE id = ? AND result_outcome = 'user-rejected' AND message_id IS NOT NULL`,
  );
  const seen = new Set<string>();
  const batches: { session: string; message: string }[] = [];
  for (const id of candidates) {
    const row = batchOf.get(id);
    if (!row) continue;
    const key = `${row.session_id}\u0000${row.message_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    batches.push({ session: row.session_id, message: row.message_id });
  }
  if (batches.length === 0) return [];
  const members = db.prepare<[string, string], BatchMember>(
    `SELECT t.id, t.outcome, t.rejection_reason AS reason, t.inferred_prompted AS inferred,
       EXISTS (SELECT 1 FROM tool_calls s WHERE s.session_id = t.session_id AND s.decision_json IS NOT NULL)
         AS era,
       EXISTS (SELECT 1 FROM hook_events h WHERE h.tool_use_id = t.id AND h.event = 'PermissionRequest')
         AS hookPrompted,
       EXISTS (SELECT 1 FROM otel_decisions o WHERE o.tool_use_id = t.id AND o.source LIKE 'user%'
         AND o.decision = 'reject') AS otelRejected
     FROM tool_calls t
     WHERE t.message_id = ? AND t.session_id = ? AND t.result_outcome = 'user-rejected'
     ORDER BY t.rowid`,
  );
  const setOutcome = db.prepare(
    `UPDATE tool_calls SET outcome = @outcome, exact_prompted = @prompted, exact_answer = @answer,
       decision_kind = @kind, ${transcriptAnswerSet('@outcome', 'inferred_prompted', { prompted: '@prompted', answer: '@answer' })}
     WHERE id = @id`,
  );
  const affected: string[] = [];
  for (const batch of batches) {
    // one refusal's copies carry the same text; a refusal with its own comment is another answer
    const groups = new Map<string | null, BatchMember[]>();
    for (const call of members.all(batch.message, batch.session)) {
      const group = groups.get(call.reason);
      if (group) group.push(call);
      else groups.set(call.reason, [call]);
    }
    for (const calls of groups.values()) {
      const otel = calls.filter((c) => c.otelRejected === 1);
      // A client that writes permissionDecision decides a batch's calls in order and writes one
      // for each call it settled before the No: the first call without one was the call asked.
      const era = calls.some((c) => c.era === 1);
      const denied = new Set<string>(
        otel.length > 0
          ? otel.map((c) => c.id)
          : [
              (
                calls.find((c) => c.hookPrompted === 1) ??
                (era ? calls[0] : undefined) ??
                calls.find((c) => c.inferred === 1) ??
                calls[0]!
              ).id,
            ],
      );
      for (const call of calls) {
        const outcome = denied.has(call.id) ? 'user-rejected' : 'cancelled';
        // in that era the siblings were never asked: neither prompted nor denied
        const exact = !era
          ? { prompted: null, answer: null, kind: null }
          : outcome === 'user-rejected'
            ? { prompted: 1, answer: 'denied', kind: 'user-no' }
            : { prompted: 0, answer: 'not-prompted', kind: 'batch-sibling' };
        // a lone rejection keeps the answer the transcript gave it (and any exact layer on top)
        if (calls.length > 1 || call.outcome !== outcome || era)
          setOutcome.run({ id: call.id, outcome, ...exact });
        affected.push(call.id);
      }
    }
  }
  return affected;
}

/** Apply hook-spool and OTel evidence to the given tool-use ids (transcript facts are already set). */
export function deriveAnswers(db: Db, ids: Iterable<string>): void {
  // most users have neither a hook spool nor OTel: then there is nothing to layer
  const has = (table: string): boolean =>
    db.prepare(`SELECT EXISTS (SELECT 1 FROM ${table}) AS x`).pluck().get() === 1;
  const hooks = has('hook_events');
  const otel = has('otel_decisions');
  if (!hooks && !otel) return;
  db.exec('CREATE TEMP TABLE IF NOT EXISTS touched_calls (id TEXT PRIMARY KEY)');
  db.exec('DELETE FROM touched_calls');
  const add = db.prepare('INSERT OR IGNORE INTO touched_calls (id) VALUES (?)');
  let any = false;
  for (const id of ids) {
    add.run(id);
    any = true;
  }
  if (!any) return;
  if (hooks) {
    db.exec(`
    -- hook spool: a PreToolUse without a PermissionRequest means hooks were on and no prompt was shown
    UPDATE tool_calls SET prompted = 0, prompted_basis = 'hook', answer = 'not-prompted', answer_basis = 'hook'
    WHERE id IN (SELECT id FROM touched_calls)
      AND prompted_basis IS NOT 'transcript-exact'
      AND outcome NOT IN ('user-rejected')
      AND EXISTS (SELECT 1 FROM hook_events h WHERE h.tool_use_id = tool_calls.id AND h.event = 'PreToolUse')
      AND (entrypoint IS NOT NULL AND entrypoint != 'cli'
        OR NOT EXISTS (SELECT 1 FROM hook_events h WHERE h.tool_use_id = tool_calls.id AND h.event = 'PermissionRequest'));

    UPDATE tool_calls SET
      prompted = 1,
      prompted_basis = 'hook',
      offered_rules_json = COALESCE((SELECT h.suggestions_json FROM hook_events h
        WHERE h.tool_use_id = tool_calls.id AND h.event = 'PermissionRequest' ORDER BY h.ts DESC LIMIT 1), '[]'),
      answer = CASE
        WHEN outcome = 'user-rejected' THEN 'denied'
        WHEN EXISTS (SELECT 1 FROM hook_events h WHERE h.tool_use_id = tool_calls.id
          AND h.event IN ('PostToolUse', 'PostToolUseFailure')) THEN 'approved'
        WHEN outcome IN ('success', 'error') THEN 'approved'
        ELSE 'unknown' END,
      answer_basis = CASE
        WHEN outcome = 'user-rejected' THEN 'hook'
        WHEN EXISTS (SELECT 1 FROM hook_events h WHERE h.tool_use_id = tool_calls.id
          AND h.event IN ('PostToolUse', 'PostToolUseFailure')) THEN 'hook'
        WHEN outcome IN ('success', 'error') THEN 'hook'
        ELSE NULL END
    WHERE id IN (SELECT id FROM touched_calls)
      AND prompted_basis IS NOT 'transcript-exact'
      -- in -p/SDK runs a PermissionRequest fires for calls then refused unasked: not a prompt
      AND (entrypoint IS NULL OR entrypoint = 'cli')
      AND EXISTS (SELECT 1 FROM hook_events h WHERE h.tool_use_id = tool_calls.id AND h.event = 'PermissionRequest');

    -- the transcript's own decision already said whether a prompt was shown (a PermissionRequest
    -- also fires in -p for calls then refused unasked): only the rules the prompt offered are added
    UPDATE tool_calls SET offered_rules_json = COALESCE((SELECT h.suggestions_json FROM hook_events h
        WHERE h.tool_use_id = tool_calls.id AND h.event = 'PermissionRequest' ORDER BY h.ts DESC LIMIT 1), '[]')
    WHERE id IN (SELECT id FROM touched_calls)
      AND prompted_basis = 'transcript-exact' AND prompted = 1
      AND EXISTS (SELECT 1 FROM hook_events h WHERE h.tool_use_id = tool_calls.id AND h.event = 'PermissionRequest');

  `);
  }
  if (otel) {
    db.exec(`
    -- OTel tool_decision: user_* sources were prompts; config/hook decided without one. In a
    -- headless (-p/SDK) session nobody is asked: there a whole-command rule reports itself as
    -- user_permanent (reference real-client.md §2)
    UPDATE tool_calls SET
      prompted = CASE WHEN entrypoint IS NULL OR entrypoint = 'cli' THEN CASE WHEN EXISTS (SELECT 1 FROM otel_decisions o WHERE o.tool_use_id = tool_calls.id
          AND o.source LIKE 'user%') THEN 1 ELSE 0 END ELSE 0 END,
      prompted_basis = 'otel',
      answer = CASE
        WHEN entrypoint IS NOT NULL AND entrypoint != 'cli' THEN 'not-prompted'
        WHEN NOT EXISTS (SELECT 1 FROM otel_decisions o WHERE o.tool_use_id = tool_calls.id AND o.source LIKE 'user%')
          THEN 'not-prompted'
        WHEN EXISTS (SELECT 1 FROM otel_decisions o WHERE o.tool_use_id = tool_calls.id AND o.source LIKE 'user%'
          AND o.decision = 'reject') THEN 'denied'
        ELSE 'approved' END,
      answer_basis = 'otel'
    WHERE id IN (SELECT id FROM touched_calls)
      AND prompted_basis IS NOT 'transcript-exact'
      AND EXISTS (SELECT 1 FROM otel_decisions o WHERE o.tool_use_id = tool_calls.id);
  `);
  }
  db.exec('DELETE FROM touched_calls');
}

/**
 * Older transcripts (no `permissionDecision`): judge each call against the `settings.local.json`
 * rules in force when it ran. "Yes, and don't ask again" adds its rule only after the answer, so
 * judged against today's rules that answer (and every call before it) looks covered. Per rule: a
 * call the user refused at a prompt shows the rule was not there yet; the first call it covers
 * after the last such refusal that ran is the answer that saved it (prompted, approved, "don't
 * ask again"); the calls before it needed a prompt; the calls after it were covered. Rules
 * clearance itself applied (its apply log) are not answers: they are left as they are.
 * Returns the ids whose facts changed.
 */
export function judgeLocalRules(db: Db, uses: readonly LocalRuleUse[]): string[] {
  if (uses.length === 0) return [];
  const insert = db.prepare(
    'INSERT OR IGNORE INTO call_local_rules (call_id, project, rule) VALUES (?, ?, ?)',
  );
  const rules = new Map<string, { project: string; rule: string }>();
  for (const u of uses) {
    insert.run(u.id, u.project, u.rule);
    rules.set(`${u.project}\u0000${u.rule}`, { project: u.project, rule: u.rule });
  }
  const covered = db.prepare<
    [string, string],
    { id: string; ts: number; outcome: string; inferred: number | null; kind: string | null; exact: number }
  >(
    `SELECT t.id, t.ts, t.outcome, t.inferred_prompted AS inferred, t.decision_kind AS kind,
       t.exact_prompted IS NOT NULL AS exact
     FROM call_local_rules r JOIN tool_calls t ON t.id = r.call_id
     WHERE r.project = ? AND r.rule = ? ORDER BY t.ts, t.rowid`,
  );
  const applied = db.prepare<[string], string>('SELECT added FROM apply_files WHERE path = ?').pluck();
  const set = db.prepare(
    `UPDATE tool_calls SET inferred_prompted = @inferred, decision_kind = @kind,
       ${transcriptAnswerSet('outcome', '@inferred')}
     WHERE id = @id AND exact_prompted IS NULL`,
  );
  const changed: string[] = [];
  const appliedRules = new Map<string, Set<string>>();
  for (const { project, rule } of rules.values()) {
    const file = path.join(project, '.claude', 'settings.local.json');
    let ours = appliedRules.get(file);
    if (!ours) {
      ours = new Set(applied.all(file).flatMap((json) => JSON.parse(json) as string[]));
      appliedRules.set(file, ours);
    }
    if (ours.has(rule)) continue;
    const calls = covered.all(project, rule);
    let lastRefusal = -1;
    calls.forEach((c, i) => {
      if (c.outcome === 'user-rejected') lastRefusal = i;
    });
    const saved = calls.findIndex(
      (c, i) => i > lastRefusal && (c.outcome === 'success' || c.outcome === 'error'),
    );
    // an exact "don't ask again" (or any exact decision) is its own evidence: leave those calls be
    if (saved !== -1 && calls[saved]!.exact === 1) continue;
    calls.forEach((c, i) => {
      if (c.exact === 1) return;
      const before = saved === -1 || i < saved;
      const next = { inferred: before || i === saved ? 1 : 0, kind: i === saved ? 'user-always' : null };
      if (c.inferred === next.inferred && c.kind === next.kind) return;
      set.run({ id: c.id, ...next });
      changed.push(c.id);
    });
  }
  return changed;
}
