import type { CommandContext } from '../runtime/context.js';
import { say } from '../runtime/context.js';
import { UsageError, UserError } from '../runtime/errors.js';
import { loadReplay } from '../app/proposals.js';
import { runScan } from '../sources/scan.js';

const DAY_MS = 86_400_000;

/** `clearance replay [--train-until DATE] [--json]`: learn up to the date, measure on the rest. */
export async function run(ctx: CommandContext): Promise<number> {
  const raw = ctx.flags.trainUntil;
  const trainUntil = raw === undefined ? new Date(ctx.now.getTime() - 14 * DAY_MS) : new Date(raw);
  if (Number.isNaN(trainUntil.getTime())) throw new UsageError(`--train-until: not a date: ${raw}`);
  await runScan(ctx);
  const report = await loadReplay(ctx, trainUntil);
  if (report.testCalls === 0 && raw !== undefined) {
    // a date past the data would report "0 of 0 prompts removed" as if that were a result
    throw new UserError(
      `--train-until ${raw} is after the last answered call (${report.trainCalls} to train on, none after it); pick an earlier date`,
    );
  }
  if (ctx.flags.json) {
    say(ctx, JSON.stringify(report, null, 2));
    return 0;
  }
  say(
    ctx,
    `Trained on ${report.trainCalls} answered calls up to ${report.trainUntil}; evaluated on ${report.testCalls} after.`,
  );
  say(ctx, 'Default mode (prompts):');
  say(
    ctx,
    `  Prompts removed: ${report.promptsRemoved} of ${report.laterPrompts} (${(report.fractionRemoved * 100).toFixed(1)}%)`,
  );
  say(ctx, `  Denied calls auto-approved: ${report.deniedAutoApproved} of ${report.deniedCalls}`);
  const a = report.auto;
  say(ctx, 'Auto mode (classifier):');
  say(
    ctx,
    `  Classifier round-trips saved: ${a.roundTripsSaved} of ${a.classifierCalls} (${a.calls} auto-mode calls)`,
  );
  say(ctx, `  Classifier refusals avoided: ${a.refusalsAvoided} of ${a.classifierRefusals}`);
  say(ctx, `  Rules auto mode would drop: ${a.rulesDropped}`);
  say(ctx, `Rules: ${report.rules} (risky: ${report.riskyRules})`);
  for (const r of report.perRule) {
    say(
      ctx,
      `  ${String(r.promptsRemoved).padStart(5)} removed  ${String(r.deniedAutoApproved).padStart(3)} denied  ` +
        `${r.survivesAuto ? `auto: ${r.autoRoundTripsSaved} round-trips, ${r.autoRefusalsAvoided} refusals` : 'auto: dropped'}  ${r.rule}`,
    );
  }
  return 0;
}
