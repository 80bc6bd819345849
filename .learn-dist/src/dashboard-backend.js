import { executeApply, planApply } from './apply.js';
import { runScan } from './sources/scan.js';
import { latestDecisions, recordDecision } from './store/decisions-repo.js';
/** Load an optional sibling module and pick the first export of these names that is a function. */
async function optionalFunction(modules, names) {
    for (const specifier of modules) {
        let mod;
        try {
            mod = (await import(specifier));
        }
        catch {
            continue; // this build does not have that service (yet)
        }
        for (const name of names)
            if (typeof mod[name] === 'function')
                return mod[name];
    }
    return null;
}
/** Build the backend for one command context. */
export function createDashboardBackend(ctx) {
    const db = () => ctx.openStore();
    const now = () => new Date(Math.max(ctx.now.getTime(), Date.now()));
    return {
        async scan(onProgress) {
            const summary = await runScan(ctx, (p) => onProgress({
                phase: p.phase,
                done: p.totalBytes > 0 ? Math.round((p.bytes / p.totalBytes) * 100) : p.files,
                total: p.totalBytes > 0 ? 100 : null,
            }));
            return { newCalls: summary.toolCalls, problems: summary.malformed };
        },
        async loadSuggestions() {
            const load = await optionalFunction(['./proposals.js'], ['loadProposals']);
            if (!load)
                throw new Error('proposals are not available in this build (src/proposals.ts missing)');
            return (await load(ctx, {
                includeHygiene: true,
                project: ctx.flags.project,
                minConfidence: ctx.flags.minConfidence,
            }));
        },
        async decide(suggestion, state, detail = {}) {
            recordDecision(db(), {
                suggestion,
                state,
                reason: detail.reason ?? null,
                editedRule: detail.editedRule ?? null,
                actor: 'dashboard',
                now: now(),
            });
        },
        async undoDecision(list) {
            for (const suggestion of list)
                recordDecision(db(), { suggestion, state: 'undone', actor: 'dashboard', now: now() });
        },
        async planApply(list) {
            return planApply(ctx, list);
        },
        async apply(list, plans) {
            const result = await executeApply(ctx, plans, 'dashboard');
            const written = new Set(result.written);
            const applied = plans
                .filter((plan) => written.has(plan.path))
                .flatMap((plan) => (plan.suggestions ?? []).map((s) => s.id));
            if (result.refused.length > 0 && written.size === 0) {
                throw new Error(result.refused.map((r) => r.reason).join('; '));
            }
            return { applyId: result.applyId, files: written.size, applied: applied.length > 0 ? applied : [] };
        },
        async usage(days) {
            const usage = await optionalFunction(['./usage-report.js', './usage-service.js', './usage.js'], ['usageReport', 'computeUsageReport', 'loadUsageReport', 'buildUsage']);
            if (!usage)
                return null;
            const result = (await usage(ctx, days));
            return result && 'value' in result ? result.value : result;
        },
        async postRebuild() {
            const diff = await optionalFunction(['./store/nix-repo.js'], ['packageDiffSinceLastReview']);
            const docs = await optionalFunction(['./docs-service.js', './docs-status.js'], ['docsStale', 'isDocsStale', 'checkDocs']);
            const orphans = await optionalFunction(['./usage-report.js', './usage-service.js', './rule-drift.js'], ['orphanRules', 'rulesNamingMissingPrograms']);
            const packages = diff ? (await diff(db(), ctx)) : null;
            const stale = docs ? (await docs(ctx)) : null;
            return {
                packages,
                docsStale: stale === null ? null : typeof stale === 'boolean' ? stale : stale.stale,
                orphanRules: orphans ? (await orphans(ctx)) : [],
            };
        },
        async pendingDecisions(ids) {
            const wanted = new Set(ids);
            const out = {};
            for (const [id, d] of latestDecisions(db())) {
                if (!wanted.has(id) || (d.state !== 'approved' && d.state !== 'edited'))
                    continue;
                out[id] = { state: d.state, reason: d.reason ?? undefined, editedRule: d.editedRule ?? undefined };
            }
            return out;
        },
    };
}
//# sourceMappingURL=dashboard-backend.js.map