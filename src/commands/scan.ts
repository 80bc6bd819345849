import type { CommandContext } from '../runtime/context.js';
import { complain, say } from '../runtime/context.js';
import type { ScanProgress } from '../sources/scan.js';
import { settingsProblems } from '../app/proposals.js';
import { runScan } from '../sources/scan.js';

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `clearance scan [--json]`: ingest everything new; progress on a TTY, then a summary. */
export async function run(ctx: CommandContext): Promise<number> {
  const tty = ctx.io.stderr.isTTY === true && !ctx.flags.json;
  let shown = false;
  let lastDraw = 0;
  const onProgress = (p: ScanProgress): void => {
    if (!tty) return;
    const t = performance.now();
    if (t - lastDraw < 100 && p.bytes < p.totalBytes) return;
    lastDraw = t;
    shown = true;
    ctx.io.stderr.write(
      `\r\x1b[2Kscanning ${p.phase}: ${p.files} files, ${mb(p.bytes)} of ${mb(p.totalBytes)}`,
    );
  };
  const scanned = await runScan(ctx, onProgress);
  // what suggest reports too: a malformed settings file silently changes what is proposed
  const summary = { ...scanned, problems: [...scanned.problems, ...settingsProblems(ctx)] };
  if (shown) ctx.io.stderr.write('\r\x1b[2K');
  if (ctx.flags.json) {
    say(ctx, JSON.stringify(summary));
    return 0;
  }
  say(
    ctx,
    `scanned ${summary.files} files, ${summary.lines} lines in ${(summary.durationMs / 1000).toFixed(1)} s` +
      (summary.malformed > 0 ? ` (${summary.malformed} malformed lines skipped)` : ''),
  );
  say(
    ctx,
    `store: ${summary.toolCalls} tool calls, ${summary.prompts} prompts (${summary.promptsExact} exact, ` +
      `${summary.promptsInferred} inferred), ${summary.denials} denials, ${summary.historyCommands} shell commands`,
  );
  // headless (-p/SDK) refusals are not denials: nobody was asked; they show what would have prompted
  if (summary.headlessCalls > 0)
    say(
      ctx,
      `sessions: ${summary.interactiveCalls} interactive calls; ${summary.headlessCalls} headless calls, ` +
        `${summary.headlessRefusals} refused unasked (would have prompted)`,
    );
  if (summary.exactDecisions > 0)
    say(
      ctx,
      `decisions: ${summary.exactDecisions} from the transcript's permissionDecision, ` +
        `${summary.dontAskAgain} "don't ask again"` +
        (summary.unknownDecisions > 0
          ? `, ${summary.unknownDecisions} with values not known to clearance`
          : ''),
    );
  if (summary.classifierRefusals > 0)
    say(
      ctx,
      `auto mode: ${summary.classifierRefusals} classifier refusals, ${summary.classifierOverrides} of them then run anyway`,
    );
  for (const problem of summary.problems.slice(0, 5)) complain(ctx, `${problem.source}: ${problem.message}`);
  if (summary.problems.length > 5) complain(ctx, `… and ${summary.problems.length - 5} more problems`);
  return 0;
}
