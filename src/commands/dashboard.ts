import type { DashboardBackend, PostRebuildReport } from '../../components/backend.js';
import { kindMark, nothingNew, postRebuildLines, sortSuggestions } from '../../components/plain.js';
import type { DashboardMode } from '../../components/store.js';
import type { CommandContext } from '../runtime/context.js';
import { proposalLabel } from '../core/proposal-label.js';
import { say } from '../runtime/context.js';
import { suggestionJson } from './suggest.js';
import { createDashboardBackend } from '../app/dashboard-backend.js';

/** Options for opening the dashboard (the dashboard, review and demo commands share this). */
export interface OpenOptions {
  mode: DashboardMode;
  backend?: DashboardBackend;
  /** What to say on quitting with unapplied decisions (the demo's differ: its home is temporary). */
  unappliedNote?: (count: number) => string;
}

/** The line after quitting with decisions that are saved but not applied. */
export function unappliedNote(count: number): string {
  return `${count} decision${count === 1 ? '' : 's'} saved but not applied — clearance apply, or A in the dashboard`;
}

/** Without a terminal: a plain summary (pending proposals, the top few, the usage headline). */
async function printSummary(
  ctx: CommandContext,
  backend: DashboardBackend,
  report: PostRebuildReport | null,
) {
  if (report && !ctx.flags.json) for (const line of postRebuildLines(report)) say(ctx, line);
  const scan = await backend.scan(() => undefined);
  const suggestions = sortSuggestions(await backend.loadSuggestions());
  if (ctx.flags.json) {
    // the same content as the plain summary, whole: every pending proposal, the usage headline
    const usage = await backend.usage(ctx.flags.days ?? 90);
    say(
      ctx,
      JSON.stringify(
        {
          pending: suggestions.length,
          newCalls: scan.newCalls,
          problems: scan.problemList ?? [],
          ...(report ? { postRebuild: report } : {}),
          suggestions: suggestions.map(suggestionJson),
          usage: usage
            ? {
                days: usage.window.days,
                installed: usage.installed,
                dormant: usage.dormant.length,
                installCandidates: usage.installCandidates.length,
              }
            : null,
        },
        null,
        2,
      ),
    );
    return;
  }
  say(
    ctx,
    `${suggestions.length} proposal${suggestions.length === 1 ? '' : 's'} pending${scan.newCalls > 0 ? ` (${scan.newCalls} new call${scan.newCalls === 1 ? '' : 's'} scanned)` : ''}`,
  );
  for (const s of suggestions.slice(0, 5))
    say(
      ctx,
      `  ${kindMark[s.kind].padEnd(10)}${proposalLabel(s)}  saves ${s.promptsSaved} · confidence ${Math.round(s.confidence * 100)}%`,
    );
  if (suggestions.length > 5) say(ctx, `  … ${suggestions.length - 5} more: clearance suggest`);
  const usage = await backend.usage(ctx.flags.days ?? 90);
  if (usage) {
    const human = usage.tools.reduce((n, t) => n + t.human, 0);
    const claude = usage.tools.reduce((n, t) => n + t.claude, 0);
    say(
      ctx,
      `usage (${usage.window.days} days): ${usage.installed} installed · ${human} human / ${claude} Claude runs · ${usage.dormant.length} dormant · ${usage.installCandidates.length} install candidates`,
    );
  }
  say(ctx, 'run clearance in a terminal to review them');
}

/** Open the dashboard (TTY) or print the plain summary; returns the exit code. */
export async function openDashboard(ctx: CommandContext, options: OpenOptions): Promise<number> {
  const backend = options.backend ?? createDashboardBackend(ctx);
  let report: PostRebuildReport | null = null;
  if (options.mode === 'post-rebuild') {
    report = await backend.postRebuild();
    if (nothingNew(report)) {
      say(
        ctx,
        ctx.flags.json
          ? JSON.stringify({ nothingNew: true, postRebuild: report })
          : 'clearance: nothing new since the last rebuild (package set unchanged, docs current)',
      );
      return 0;
    }
  }
  if (!ctx.interactive || ctx.flags.json) {
    await printSummary(ctx, backend, report);
    return 0;
  }
  // Loaded lazily: the plain and one-line paths never pay for Ink and React. React and Ink pick
  // their development builds (several times slower per render) unless NODE_ENV says production.
  process.env.NODE_ENV ??= 'production';
  const { runDashboardApp } = await import('../../components/run.js');
  const outcome = await runDashboardApp({
    backend,
    mode: options.mode,
    color: ctx.color,
    postRebuild: report,
    stdout: ctx.io.stdout as NodeJS.WriteStream,
    stdin: ctx.io.stdin as NodeJS.ReadStream,
  });
  if (outcome.signalExit !== null) return outcome.signalExit;
  if (outcome.unapplied > 0) say(ctx, (options.unappliedNote ?? unappliedNote)(outcome.unapplied));
  return 0;
}

/** `clearance` / `clearance dashboard`: the dashboard after an incremental scan. */
export async function run(ctx: CommandContext): Promise<number> {
  return openDashboard(ctx, { mode: 'dashboard' });
}
