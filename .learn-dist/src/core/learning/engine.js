// The learning engine: evidence in, the fewest safe proposals out. Pure: the store, the settings
// files and Claude Code's matcher are all handed in.
import { bashItems, learnBash } from './bash.js';
import { learnDenyAsk } from './deny.js';
import { learnHygiene } from './hygiene.js';
import { learnOtherTools } from './other-tools.js';
/** Calls the user approved at a prompt (any basis). */
export function isApprovedPrompt(call) {
    return call.answer === 'approved' && call.prompted !== false;
}
/** Calls the user refused. */
export function isDenied(call) {
    return call.answer === 'denied';
}
/** Memoized "what do the settings in force decide for this item" (per project and text). */
export function coverageOracle(ops, options) {
    const memo = new Map();
    return (item) => {
        const key = `${item.call.project}\u0000${item.call.cwd}\u0000${item.call.tool}\u0000${item.segment?.text ?? item.call.target ?? ''}`;
        let decision = memo.get(key);
        if (decision === undefined) {
            decision = ops.decide(item, options.sourcesFor(item.call.project));
            memo.set(key, decision);
        }
        return decision;
    };
}
/** Learn proposals from evidence. Hygiene runs only when its inputs are given. */
export function learn(calls, ops, options, hygiene) {
    const decide = coverageOracle(ops, options);
    const approvedCalls = calls.filter(isApprovedPrompt);
    const deniedCalls = calls.filter(isDenied);
    const allApproved = bashItems(approvedCalls, ops);
    const approvedBash = allApproved.filter((item) => decide(item) === 'none');
    const deniedBash = bashItems(deniedCalls, ops);
    const approvedOther = approvedCalls.filter((call) => call.tool !== 'Bash' && decide({ call, segment: null }) === 'none');
    const deniedOther = deniedCalls.filter((call) => call.tool !== 'Bash');
    // A refused compound call is blamed on a segment only when it was the one segment that prompted.
    const culprits = [];
    for (const [, items] of groupByCall(deniedBash)) {
        const prompting = items.filter((item) => decide(item) === 'none');
        if (prompting.length === 1 && prompting[0])
            culprits.push(prompting[0]);
    }
    const allow = [...learnBash(approvedBash, deniedBash, ops, options), ...learnOtherTools(approvedOther, deniedOther, ops, options)];
    // refusing is the safe direction: deny/ask need half the confidence an allow needs
    const denyAsk = learnDenyAsk(culprits, allApproved, ops, options).filter((s) => s.confidence >= options.minConfidence / 2);
    const cleanup = hygiene ? learnHygiene({ ...hygiene, denied: deniedBash }, ops, options) : [];
    const suggestions = [...allow, ...denyAsk, ...cleanup].sort((a, b) => b.promptsSaved - a.promptsSaved || b.confidence - a.confidence || a.rule.localeCompare(b.rule));
    return { suggestions, candidates: approvedBash.length + approvedOther.length };
}
function groupByCall(items) {
    const map = new Map();
    for (const item of items)
        map.set(item.call.id, [...(map.get(item.call.id) ?? []), item]);
    return map;
}
//# sourceMappingURL=engine.js.map