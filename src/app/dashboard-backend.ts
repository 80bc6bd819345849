// The real DashboardBackend: the one place the dashboard reaches the scan, learning, apply,
// decision memory and usage services. Components never import these; they call this through
// the store.
import type {
  DashboardBackend,
  PostRebuildReport,
  RememberedDecision,
  ScanResult,
} from '../../components/backend.js';
import type { CommandContext } from '../runtime/context.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractBlock, renderToolsBlock } from '../core/docs-block.js';
import type { Suggestion, UsageReport } from '../core/types.js';
import { executeApply, planApply } from './apply.js';
import { packageSetFor } from './nix-context.js';
import type { PackageSet } from '../core/nix/types.js';
import { buildUsageReport } from '../core/usage.js';
import { loadProposals, settingsProblems } from './proposals.js';
import { redactText } from '../core/redact.js';
import { malformedLineTotals } from '../store/evidence-repo.js';
import { runScan } from '../sources/scan.js';
import { evidenceTotals } from '../store/evidence-repo.js';
import {
  latestSnapshot,
  markReviewed,
  packageDiffSinceLastReview,
  recordSnapshot,
} from '../store/nix-repo.js';
import { claudeSegments, humanCommands, lastSeenPrograms } from '../store/usage-repo.js';
import { latestDecisions, recordDecision } from '../store/decisions-repo.js';

const DAY_MS = 86_400_000;

// Shell builtins and keywords a Bash rule may name without any package providing them.
const BUILTINS = new Set([
  'cd',
  'echo',
  'export',
  'source',
  '.',
  'test',
  '[',
  'true',
  'false',
  'pwd',
  'printf',
  'read',
  'set',
  'type',
  'command',
  'exec',
  'eval',
  'time',
]);

/** Whether the CLAUDE.md tools block differs from the package set (`docs --check`); null when there is none. */
export function docsStale(file: string, set: PackageSet): boolean | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null; // no CLAUDE.md: the docs block is not set up, nothing to call stale
  }
  const current = extractBlock(text);
  if (!current.ok || current.block === null) return null;
  return current.block !== renderToolsBlock(set);
}

/** Bash rules in the user settings whose program no installed package provides. */
export function orphanRules(settingsFile: string, binaries: Record<string, string>): string[] {
  if (Object.keys(binaries).length === 0) return []; // no binary map: nothing can be judged
  let rules: string[] = [];
  try {
    const parsed = JSON.parse(readFileSync(settingsFile, 'utf8')) as {
      permissions?: Record<string, unknown>;
    };
    rules = Object.values(parsed.permissions ?? {})
      .filter((list): list is unknown[] => Array.isArray(list))
      .flat()
      .filter((rule): rule is string => typeof rule === 'string');
  } catch {
    return []; // unreadable or malformed settings are the settings reader's to report
  }
  const orphans = rules.filter((rule) => {
    const program = /^Bash\(\s*([^\s:*()]+)/.exec(rule)?.[1];
    if (!program || program.includes('/') || BUILTINS.has(program)) return false;
    return !Object.hasOwn(binaries, program);
  });
  return [...new Set(orphans)];
}

/** Build the backend for one command context. */
export function createDashboardBackend(ctx: CommandContext): DashboardBackend {
  const db = (): ReturnType<CommandContext['openStore']> => ctx.openStore();
  const now = (): Date => new Date(Math.max(ctx.now.getTime(), Date.now()));
  let packageSet: Promise<PackageSet | null> | null = null;
  // Read once per dashboard run (a nix eval can take seconds); falls back to the last snapshot.
  const currentPackageSet = (): Promise<PackageSet | null> =>
    (packageSet ??= packageSetFor(ctx).then((read) => {
      if (read.value) recordSnapshot(db(), read.value, ctx.now);
      return read.value ?? latestSnapshot(db());
    }));
  return {
    async scan(onProgress): Promise<ScanResult> {
      // The summary's toolCalls is what the store holds; what this scan added is the difference.
      const before = evidenceTotals(db()).toolCalls;
      const summary = await runScan(
        ctx,
        (p) =>
          onProgress({
            phase: p.phase,
            done: p.totalBytes > 0 ? Math.round((p.bytes / p.totalBytes) * 100) : p.files,
            total: p.totalBytes > 0 ? 100 : null,
          }),
        // on screen while the dashboard runs; without a terminal, the usual line on stderr
        (line) =>
          ctx.interactive
            ? onProgress({ phase: line, done: 0, total: null })
            : ctx.io.stderr.write(`clearance: ${line}\n`),
      );
      const junk = malformedLineTotals(db());
      const problemList = [
        ...summary.problems,
        ...settingsProblems(ctx),
        ...(junk.lines > 0
          ? [
              {
                source: 'transcripts',
                message: `${junk.lines} malformed lines skipped in ${junk.files} file${junk.files === 1 ? '' : 's'}`,
              },
            ]
          : []),
      ].map((p) => ({ source: p.source, message: redactText(p.message) }));
      return {
        newCalls: Math.max(0, summary.toolCalls - before),
        problems: summary.malformed,
        problemList,
        headlessCalls: summary.headlessCalls,
        headlessRefusals: summary.headlessRefusals,
      };
    },
    async loadSuggestions(): Promise<Suggestion[]> {
      const min = ctx.flags.minConfidence;
      const loaded = await loadProposals(ctx, {
        includeHygiene: true,
        ...(ctx.flags.project ? { project: ctx.flags.project } : {}),
        ...(min !== undefined ? { minConfidence: min } : {}),
      });
      // an explicit --min-confidence holds for every kind, as in `suggest`
      return min === undefined ? loaded : loaded.filter((s) => s.confidence >= min);
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
      // The same report as `clearance usage`, minus its scan: the dashboard has just scanned.
      const set = await currentPackageSet();
      if (!set) return null;
      const to = ctx.now.getTime();
      return buildUsageReport({
        set,
        human: humanCommands(db(), to - days * DAY_MS, to),
        claude: claudeSegments(db(), to - days * DAY_MS, to),
        days,
        now: ctx.now,
        lastSeen: lastSeenPrograms(db()),
      });
    },
    async postRebuild(): Promise<PostRebuildReport> {
      const read = await packageSetFor(ctx);
      const hadSnapshot = latestSnapshot(db()) !== null;
      if (read.value) recordSnapshot(db(), read.value, ctx.now);
      const set = read.value ?? latestSnapshot(db());
      // The first run has nothing to compare with: say so rather than call everything "added".
      const packages = hadSnapshot ? packageDiffSinceLastReview(db()) : null;
      markReviewed(db(), ctx.now);
      return {
        packages,
        docsStale: set ? docsStale(path.join(ctx.paths.userClaudeDir, 'CLAUDE.md'), set) : null,
        orphanRules: set ? orphanRules(ctx.paths.userSettings, set.binaries) : [],
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
