// Layer the exact bases over `prompted`/`answer`: the transcript-only facts (explicit rejections,
// denials, inference) are set as calls and results are stored (store/evidence-repo.ts
// transcriptAnswerSet); here the hook spool and then OTel override them, best last so it wins.
// Set-based SQL over the calls whose evidence changed in this scan, so warm scans cost nothing.
import type { Db } from '../store/db.js';

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
      AND outcome NOT IN ('user-rejected')
      AND EXISTS (SELECT 1 FROM hook_events h WHERE h.tool_use_id = tool_calls.id AND h.event = 'PreToolUse')
      AND NOT EXISTS (SELECT 1 FROM hook_events h WHERE h.tool_use_id = tool_calls.id AND h.event = 'PermissionRequest');

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
      AND EXISTS (SELECT 1 FROM hook_events h WHERE h.tool_use_id = tool_calls.id AND h.event = 'PermissionRequest');

  `);
  }
  if (otel) {
    db.exec(`
    -- OTel tool_decision: user_* sources were prompts; config/hook decided without one
    UPDATE tool_calls SET
      prompted = CASE WHEN EXISTS (SELECT 1 FROM otel_decisions o WHERE o.tool_use_id = tool_calls.id
          AND o.source LIKE 'user%') THEN 1 ELSE 0 END,
      prompted_basis = 'otel',
      answer = CASE
        WHEN NOT EXISTS (SELECT 1 FROM otel_decisions o WHERE o.tool_use_id = tool_calls.id AND o.source LIKE 'user%')
          THEN 'not-prompted'
        WHEN EXISTS (SELECT 1 FROM otel_decisions o WHERE o.tool_use_id = tool_calls.id AND o.source LIKE 'user%'
          AND o.decision = 'reject') THEN 'denied'
        ELSE 'approved' END,
      answer_basis = 'otel'
    WHERE id IN (SELECT id FROM touched_calls)
      AND EXISTS (SELECT 1 FROM otel_decisions o WHERE o.tool_use_id = tool_calls.id);
  `);
  }
  db.exec('DELETE FROM touched_calls');
}
