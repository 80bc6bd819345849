// The real DashboardBackend: the one place the dashboard reaches the scan, learning, apply,
// decision memory and usage services. Components never import these; they call this through
// the store. Services owned by other areas that may be absent from a build (proposals, the usage
// service, the package snapshot repo) are loaded by name and degrade to "no data" with a note,
// so the dashboard still opens.
import type {
  DashboardBackend,
  PostRebuildReport,
  RememberedDecision,
  ScanResult,
} from '../components/backend.js';
import type { CommandContext } from './context.js';
import type { PackageDiff, Suggestion, UsageReport } from './core/types.js';
import { executeApply, planApply } from './apply.js';
import { runScan } from './sources/scan.js';
import { latestDecisions, recordDecision } from './store/decisions-repo.js';

type AnyFn = (...args: unknown[]) => unknown;

/** Load an optional sibling module and pick the first export of these names that is a function. */
async function optionalFunction(modules: string[], names: string[]): Promise<AnyFn | null> {
  for (const specifier of modules) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(specifier)) as Record<string, unknown>;
    } catch {
      continue; // this build does not have that service (yet)
    }
    for (const name of names) if (typeof mod[name] === 'function') return mod[name] as AnyFn;
  }
  return null;
}

/** Build the backend for one command context. */
export function createDashboardBackend(ctx: CommandContext): DashboardBackend {
  const db = (): ReturnType<CommandContext['openStore']> => ctx.openStore();
  const now = (): Date => new Date(Math.max(ctx.now.getTime(), Date.now()));
  return {
    async scan(onProgress): Promise<ScanResult> {
      const summary = await runScan(ctx, (p) =>
        onProgress({
          phase: p.phase,
          done: p.totalBytes > 0 ? Math.round((p.bytes / p.totalBytes) * 100) : p.files,
          total: p.totalBytes > 0 ? 100 : null,
        }),
      );
      return { newCalls: summary.toolCalls, problems: summary.malformed };
    },
    async loadSuggestions(): Promise<Suggestion[]> {
      const load = await optionalFunction(['./proposals.js'], ['loadProposals']);
      if (!load) throw new Error('proposals are not available in this build (src/proposals.ts missing)');
      return (await load(ctx, {
        includeHygiene: true,
        project: ctx.flags.project,
        minConfidence: ctx.flags.minConfidence,
      })) as Suggestion[];
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
    async usage(days): Promise<UsageReport | null> {
      const usage = await optionalFunction(
        ['./usage-report.js', './usage-service.js', './usage.js'],
        ['usageReport', 'computeUsageReport', 'loadUsageReport', 'buildUsage'],
      );
      if (!usage) return null;
      const result = (await usage(ctx, days)) as UsageReport | { value: UsageReport | null } | null;
      return result && 'value' in result ? result.value : result;
    },
    async postRebuild(): Promise<PostRebuildReport> {
      const diff = await optionalFunction(['./store/nix-repo.js'], ['packageDiffSinceLastReview']);
      const docs = await optionalFunction(
        ['./docs-service.js', './docs-status.js'],
        ['docsStale', 'isDocsStale', 'checkDocs'],
      );
      const orphans = await optionalFunction(
        ['./usage-report.js', './usage-service.js', './rule-drift.js'],
        ['orphanRules', 'rulesNamingMissingPrograms'],
      );
      const packages = diff ? ((await diff(db(), ctx)) as PackageDiff | null) : null;
      const stale = docs ? ((await docs(ctx)) as boolean | { stale: boolean } | null) : null;
      return {
        packages,
        docsStale: stale === null ? null : typeof stale === 'boolean' ? stale : stale.stale,
        orphanRules: orphans ? ((await orphans(ctx)) as string[]) : [],
      };
    },
    async pendingDecisions(ids) {
      const wanted = new Set(ids);
      const out: Record<string, RememberedDecision> = {};
      for (const [id, d] of latestDecisions(db())) {
        if (!wanted.has(id) || (d.state !== 'approved' && d.state !== 'edited')) continue;
        out[id] = { state: d.state, reason: d.reason ?? undefined, editedRule: d.editedRule ?? undefined };
      }
      return out;
    },
  };
}
