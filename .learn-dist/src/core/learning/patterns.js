// Shared machinery for every tool: a candidate pattern, its statistics over the evidence, why it
// is blocked, and the Suggestion it becomes. Tool-specific files only say how to form candidates.
import { confidence } from '../confidence.js';
import { redactCommand, redactText } from '../redact.js';
import { combineVerdicts, isRiskyAllow } from '../risk-policy.js';
import { suggestionId } from './hash.js';
const DAY_MS = 86_400_000;
/** Measure a pattern: covered approvals and denials, risk, confidence, and what blocks it. */
export function measure(pattern, approved, denied, ops, options) {
    const coveredApproved = approved.filter((item) => pattern.covers(item));
    const coveredDenied = denied.filter((item) => pattern.covers(item) || ops.matches(pattern.rule, item, 'allow', item.call.project));
    const verdict = combineVerdicts([pattern.verdict, ...coveredApproved.map((item) => item.verdict)]);
    const calls = uniqueCalls(coveredApproved);
    const { value, inputs } = confidence([
        ...calls.map((c) => ({ ts: c.ts, approved: true, session: c.session, project: c.project })),
        ...uniqueCalls(coveredDenied).map((c) => ({ ts: c.ts, approved: false, session: c.session, project: c.project })),
    ], options.now, options.halfLifeDays);
    const sessions = new Set(calls.map((c) => c.session)).size;
    const projects = [...new Set(calls.map((c) => c.project))].sort();
    const days = new Set(calls.map((c) => dayOf(c.ts))).size;
    const since = options.now - options.windowDays * DAY_MS;
    const promptsSaved = calls.filter((c) => c.ts >= since && c.ts <= options.now).length;
    const stats = {
        pattern,
        approved: coveredApproved,
        denied: coveredDenied,
        verdict,
        confidence: value,
        inputs,
        sessions,
        projects,
        days,
        promptsSaved,
        blockedBy: null,
    };
    stats.blockedBy = blockedBy(stats, options);
    return stats;
}
function blockedBy(stats, options) {
    const { pattern, verdict } = stats;
    const approvals = uniqueCalls(stats.approved).length;
    if (stats.denied.length > 0)
        return `covers ${stats.denied.length} call(s) you denied`;
    if (verdict.maxLevel === null || verdict.autoAllow === 'never') {
        return `risk policy: ${verdict.risk} (${verdict.why[verdict.why.length - 1] ?? 'never allowed'}) is never auto-allowed`;
    }
    if (levelRank(pattern.level) > levelRank(verdict.maxLevel)) {
        return `risk policy: ${verdict.risk} generalizes to ${verdict.maxLevel} level at most`;
    }
    if (isRiskyAllow(verdict.risk, pattern.level))
        return `risk policy: ${verdict.risk} needs an exact rule`;
    if (verdict.autoAllow === 'overwhelming' && (approvals < 20 || stats.sessions < 3 || stats.days < 3)) {
        return `risk policy: ${verdict.risk} needs overwhelming evidence (20 approvals over 3 days)`;
    }
    const needed = pattern.minApprovals + (verdict.autoAllow === 'more-evidence' ? 2 : 0);
    if (approvals < needed)
        return `needs ${needed} approvals, has ${approvals}`;
    if (stats.confidence < options.minConfidence) {
        return `confidence ${stats.confidence.toFixed(2)} is below ${options.minConfidence.toFixed(2)}`;
    }
    return null;
}
const LEVEL_RANKS = { exact: 0, subcommand: 1, program: 2 };
function levelRank(level) {
    return LEVEL_RANKS[level] ?? 0;
}
/** Distinct calls of a list of items (a compound call counts once). */
export function uniqueCalls(items) {
    const seen = new Map();
    for (const item of items)
        seen.set(item.call.id, item.call);
    return [...seen.values()];
}
/** UTC day of an epoch-ms time. */
export function dayOf(ts) {
    return new Date(ts).toISOString().slice(0, 10);
}
/** Per-day approvals and denials for the dashboard chart. */
export function history(approved, denied) {
    const byDay = new Map();
    const bump = (call, field) => {
        const day = dayOf(call.ts);
        const entry = byDay.get(day) ?? { day, approvals: 0, denials: 0 };
        entry[field] += 1;
        byDay.set(day, entry);
    };
    for (const call of uniqueCalls(approved))
        bump(call, 'approvals');
    for (const call of uniqueCalls(denied))
        bump(call, 'denials');
    return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}
/** Up to `n` distinct redacted examples, most frequent first. */
export function examples(items, n = 3) {
    const counts = new Map();
    for (const item of items)
        counts.set(item.display, (counts.get(item.display) ?? 0) + 1);
    return [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, n)
        .map(([text]) => redactCommand(redactText(text)));
}
/** The alternative breadths of a proposal, for the dashboard's edit key. */
export function alternative(stats) {
    return {
        rule: stats.pattern.rule,
        level: stats.pattern.level,
        promptsSaved: stats.promptsSaved,
        deniedCovered: uniqueCalls(stats.denied).length,
        blockedBy: stats.blockedBy,
    };
}
/** Scope and target: approved in two or more projects → the user file, else the project's local file. */
export function scopeFor(projects, options) {
    const [only] = projects;
    if (projects.length !== 1 || only === undefined) {
        return { scope: 'user', project: null, target: options.userSettings };
    }
    return { scope: 'project', project: only, target: options.localSettingsFor(only) };
}
/** Build the Suggestion for a measured pattern. */
export function toSuggestion(kind, stats, options, extra) {
    const projects = extra.projects ?? stats.projects;
    const where = scopeFor(projects, options);
    const approvedCalls = uniqueCalls(stats.approved);
    const deniedCalls = uniqueCalls(stats.denied);
    const all = [...approvedCalls, ...deniedCalls].map((c) => c.ts);
    const evidenceItems = kind === 'allow' ? stats.approved : stats.denied;
    return {
        id: suggestionId(kind, stats.pattern.rule, [], where.target),
        kind,
        rule: stats.pattern.rule,
        replaces: [],
        target: where.target,
        scope: where.scope,
        project: where.project,
        level: stats.pattern.level,
        confidence: stats.confidence,
        confidenceInputs: stats.inputs,
        evidence: {
            approvals: approvedCalls.length,
            denials: deniedCalls.length,
            sessions: new Set([...approvedCalls, ...deniedCalls].map((c) => c.session)).size,
            projects: new Set([...approvedCalls, ...deniedCalls].map((c) => c.project)).size,
            firstSeen: all.length ? new Date(Math.min(...all)).toISOString() : null,
            lastSeen: all.length ? new Date(Math.max(...all)).toISOString() : null,
        },
        risk: stats.verdict.risk,
        promptsSaved: kind === 'allow' ? stats.promptsSaved : 0,
        deniedCovered: kind === 'allow' ? deniedCalls.length : 0,
        examples: examples(evidenceItems),
        alsoMatches: (extra.alsoMatches ?? []).map((text) => redactCommand(redactText(text))),
        reason: extra.reason,
        history: history(stats.approved, stats.denied),
        alternatives: extra.alternatives,
    };
}
//# sourceMappingURL=patterns.js.map