// Replay: learn from the evidence up to a date, then measure on what happened after it — prompts
// the proposed rules would have removed, and calls the user refused that they would have
// auto-approved (must be 0). Matching uses Claude Code's own semantics (core/rules via RuleOps).
import { bashItems, isApprovedPrompt, isDenied, learn, coverageOracle } from './learning/index.js';
import { isRiskyAllow } from './risk-policy.js';
function applies(s, call) {
    return s.scope === 'user' || s.project === call.project;
}
/** Which proposed allow rules would have let this call through without a prompt (none → []). */
export function rulesLettingThrough(call, allow, ops, decide) {
    const items = call.tool === 'Bash' ? bashItems([call], ops) : [{ call, segment: null }];
    if (items.length === 0)
        return [];
    const used = new Set();
    for (const item of items) {
        const inForce = decide(item);
        if (inForce === 'deny' || inForce === 'ask')
            return [];
        if (inForce === 'allow')
            continue;
        const rule = allow.find((s) => applies(s, call) && ops.matches(s.rule, item, 'allow', call.project));
        if (!rule)
            return [];
        used.add(rule);
    }
    return [...used];
}
/** Train on calls with ts ≤ trainUntil, evaluate on the later ones. */
export function replay(calls, trainUntil, ops, options) {
    const train = calls.filter((c) => c.ts <= trainUntil);
    const test = calls.filter((c) => c.ts > trainUntil && c.ts <= options.now);
    const trainOptions = { ...options, now: trainUntil };
    const allow = learn(train, ops, trainOptions).suggestions.filter((s) => s.kind === 'allow');
    const decide = coverageOracle(ops, options);
    const figures = new Map(allow.map((s) => [
        s,
        {
            rule: s.rule,
            scope: s.scope,
            project: s.project,
            risk: s.risk,
            level: s.level,
            promptsRemoved: 0,
            deniedAutoApproved: 0,
            risky: isRiskyAllow(s.risk, s.level),
        },
    ]));
    let laterPrompts = 0;
    let removed = 0;
    let deniedCalls = 0;
    let deniedAuto = 0;
    for (const call of test) {
        const approved = isApprovedPrompt(call);
        const denied = isDenied(call);
        if (!approved && !denied)
            continue;
        if (approved)
            laterPrompts += 1;
        else
            deniedCalls += 1;
        const through = rulesLettingThrough(call, allow, ops, decide);
        if (through.length === 0)
            continue;
        if (approved)
            removed += 1;
        else
            deniedAuto += 1;
        for (const s of through) {
            const figure = figures.get(s);
            if (!figure)
                continue;
            if (approved)
                figure.promptsRemoved += 1;
            else
                figure.deniedAutoApproved += 1;
        }
    }
    const perRule = [...figures.values()].sort((a, b) => b.promptsRemoved - a.promptsRemoved || a.rule.localeCompare(b.rule));
    return {
        trainUntil: new Date(trainUntil).toISOString(),
        trainCalls: train.length,
        testCalls: test.length,
        laterPrompts,
        promptsRemoved: removed,
        fractionRemoved: laterPrompts === 0 ? 0 : Math.round((removed / laterPrompts) * 1000) / 1000,
        deniedCalls,
        deniedAutoApproved: deniedAuto,
        riskyRules: perRule.filter((f) => f.risky).length,
        rules: perRule.length,
        perRule,
    };
}
//# sourceMappingURL=replay.js.map