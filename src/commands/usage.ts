import type { CommandContext } from '../runtime/context.js';
import { complain, say } from '../runtime/context.js';
import type { UsageResult } from '../core/usage.js';
import { buildUsageReport } from '../core/usage.js';
import { UsageError, UserError } from '../runtime/errors.js';
import { runScan } from '../sources/scan.js';
import { latestSnapshot, recordSnapshot } from '../store/nix-repo.js';
import { claudeSegments, humanCommands, lastSeenPrograms } from '../store/usage-repo.js';
import { packageSetFor, refuseSyntaxError, reportProblems } from '../app/nix-context.js';

const DAY_MS = 86_400_000;

/** `clearance usage [--days N] [--json]`: human vs Claude use of installed tools, dormant, install candidates. */
export async function run(ctx: CommandContext): Promise<number> {
  const days = ctx.flags.days ?? 30;
  if (!Number.isInteger(days) || days <= 0)
    throw new UsageError('--days must be a positive whole number of days');

  // History and transcripts must be current before counting.
  const scan = await runScan(ctx);
  if (scan.problems.length > 0 && !ctx.flags.json) {
    complain(
      ctx,
      `scan: ${scan.problems[0]?.message ?? ''}${scan.problems.length > 1 ? ` (and ${scan.problems.length - 1} more)` : ''}`,
    );
  }

  const db = ctx.openStore();
  const read = await packageSetFor(ctx);
  refuseSyntaxError(read);
  reportProblems(ctx, read);
  let set = read.value;
  if (set) recordSnapshot(db, set, ctx.now);
  else {
    // Nothing answered now (nix missing, flake gone): the last recorded set is better than none.
    const cached = latestSnapshot(db);
    if (!cached)
      throw new UserError('no package set found: pass --packages FILE or --flake DIR (or run on NixOS)');
    complain(ctx, `using the package set recorded ${cached.takenAt.toISOString()}`);
    set = cached;
  }

  const to = ctx.now.getTime();
  const from = to - days * DAY_MS;
  const report = buildUsageReport({
    set,
    human: humanCommands(db, from, to),
    claude: claudeSegments(db, from, to),
    days,
    now: ctx.now,
    lastSeen: lastSeenPrograms(db),
  });

  // Name every reader that contributed (the list from packages.nix, binaries from the live
  // system, …), not just the one the binary map came from.
  const sources = read.value ? read.used : [set.source];
  if (ctx.flags.json) {
    say(ctx, JSON.stringify({ ...report, source: set.source, sources }, null, 2));
    return 0;
  }
  printReport(ctx, report, sources.join(' + '));
  return 0;
}

function printReport(ctx: CommandContext, report: UsageResult, source: string): void {
  const used = new Set(report.tools.map((t) => t.package).filter((p) => p !== null)).size;
  const humanTools = report.tools.filter((t) => t.human > 0).length;
  const claudeTools = report.tools.filter((t) => t.claude > 0).length;
  const pct = report.installed > 0 ? ` (${Math.round((used / report.installed) * 100)}%)` : '';
  say(
    ctx,
    `Tool usage, last ${report.window.days} days (${report.window.from.slice(0, 10)} – ${report.window.to.slice(0, 10)}), packages from ${source}`,
  );
  say(ctx);
  say(ctx, `  installed  ${report.installed}`);
  say(ctx, `  used       ${used}${pct}`);
  say(ctx, `  dormant    ${report.dormant.length}`);
  say(ctx, `  no binary  ${report.withoutBinaries.length} (fonts, libraries, plugins: never dormant)`);
  say(ctx, `  tools used by you ${humanTools}, by Claude ${claudeTools}`);
  if (report.undatedHumanCommands > 0)
    say(ctx, `  ${report.undatedHumanCommands} history lines have no time and are not counted`);
  say(ctx);

  const top = report.tools.slice(0, 25);
  if (top.length > 0) {
    say(ctx, 'Top tools');
    const width = Math.max(4, ...top.map((t) => t.tool.length));
    const pkgWidth = Math.max(7, ...top.map((t) => (t.package ?? '-').length));
    say(
      ctx,
      `  ${'tool'.padEnd(width)}  ${'package'.padEnd(pkgWidth)}  ${'H'.padStart(6)}  ${'C'.padStart(6)}  last used`,
    );
    for (const t of top) {
      say(
        ctx,
        `  ${t.tool.padEnd(width)}  ${(t.package ?? '-').padEnd(pkgWidth)}  ${String(t.human).padStart(6)}  ${String(t.claude).padStart(6)}  ${t.lastUsed?.slice(0, 10) ?? '-'}`,
      );
    }
    if (report.tools.length > top.length)
      say(ctx, `  … ${report.tools.length - top.length} more (--json for all)`);
    say(ctx);
  }

  if (report.dormant.length > 0) {
    say(ctx, `Dormant (no binary ran in ${report.window.days} days)`);
    for (const d of report.dormant) {
      const last = d.lastUsed ? `last used ${d.lastUsed.slice(0, 10)}` : 'never seen';
      say(ctx, `  ${d.package}  [${d.bins.join(', ')}]  ${last}`);
    }
    say(ctx);
  }

  if (report.installCandidates.length > 0) {
    say(ctx, 'Install candidates (run through nix shell / nix run / nix-shell -p / ,)');
    for (const c of report.installCandidates)
      say(ctx, `  ${c.package}  ${c.uses} uses, last ${c.lastUsed?.slice(0, 10) ?? '-'}`);
  } else {
    say(ctx, 'Install candidates: none');
  }
}
