/** Recompute prompted/answer columns for the given tool-use ids. */
export function deriveAnswers(db, ids) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS touched_calls (id TEXT PRIMARY KEY)');
    db.exec('DELETE FROM touched_calls');
    const add = db.prepare('INSERT OR IGNORE INTO touched_calls (id) VALUES (?)');
    let any = false;
    for (const id of ids) {
        add.run(id);
        any = true;
    }
    if (!any)
        return;
    db.exec(`
    -- 1. transcript: explicit rejections are prompts answered No; rule/mode/classifier denials never prompted
    UPDATE tool_calls SET
      prompted = CASE
        WHEN outcome = 'user-rejected' THEN 1
        WHEN outcome IN ('rule-denied', 'mode-denied', 'classifier-denied') THEN 0
        ELSE inferred_prompted END,
      prompted_basis = CASE
        WHEN outcome IN ('user-rejected', 'rule-denied', 'mode-denied', 'classifier-denied') THEN 'transcript'
        WHEN inferred_prompted IS NULL THEN NULL
        ELSE 'inferred' END,
      answer = CASE
        WHEN outcome = 'user-rejected' THEN 'denied'
        WHEN outcome IN ('rule-denied', 'mode-denied', 'classifier-denied') THEN 'not-prompted'
        WHEN inferred_prompted = 0 THEN 'not-prompted'
        WHEN inferred_prompted = 1 AND outcome IN ('success', 'error') THEN 'approved'
        ELSE 'unknown' END,
      answer_basis = CASE
        WHEN outcome IN ('user-rejected', 'rule-denied', 'mode-denied', 'classifier-denied') THEN 'transcript'
        WHEN inferred_prompted = 0 THEN 'inferred'
        WHEN inferred_prompted = 1 AND outcome IN ('success', 'error') THEN 'inferred'
        ELSE NULL END,
      offered_rules_json = '[]'
    WHERE id IN (SELECT id FROM touched_calls);

    -- 2. hook spool: a PreToolUse without a PermissionRequest means hooks were on and no prompt was shown
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

    -- 3. OTel tool_decision: user_* sources were prompts; config/hook decided without one
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
    db.exec('DELETE FROM touched_calls');
}
//# sourceMappingURL=answer-deriver.js.map