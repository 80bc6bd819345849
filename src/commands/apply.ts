import { createInterface } from 'node:readline';
import { executeApply, planApply } from '../app/apply.js';
import type { CommandContext } from '../runtime/context.js';
import { complain, say } from '../runtime/context.js';
import { proposalLabel } from '../core/proposal-label.js';
import { redactCommand, redactLines } from '../core/redact.js';
import type { FileChangePlan, Suggestion } from '../core/types.js';
import { UsageError } from '../runtime/errors.js';
import { mayTouch, outsideHomeLine, projectOf } from '../runtime/paths.js';
import { findProposal, loadProposals } from '../app/proposals.js';
import { runScan } from '../sources/scan.js';
import { latestDecisions } from '../store/decisions-repo.js';

/**
 * Confidence at or above which `apply` without IDs writes a pending proposal. Stricter than what
 * `suggest` shows (0.5): a write nobody looked at needs more evidence than a line on a list.
 */
export const APPLY_MIN_CONFIDENCE = 0.8;

const ADDITIVE = new Set<Suggestion['kind']>(['allow', 'deny', 'ask']);

function pick(ctx: CommandContext, all: Suggestion[], threshold: number): Suggestion[] {
  const ids = ctx.args;
  if (ids.length > 0) {
    return ids.map((id) => findProposal(all, id));
  }
  const decisions = latestDecisions(ctx.openStore());
  return all.filter((s) => {
    const state = decisions.get(s.id)?.state;
    if (state === 'rejected') return false;
    // approved in the dashboard: the user already decided, whatever the confidence
    const approved = state === 'approved' || state === 'edited';
    if (!ADDITIVE.has(s.kind) && !ctx.flags.includeCleanup) return false;
    return approved || s.confidence >= threshold;
  });
}

/** The JSON shape of one file's plan (`apply --json`). */
function planJson(plan: FileChangePlan): Record<string, unknown> {
  return {
    path: plan.path,
    added: plan.added,
    removed: plan.removed,
    refusal: plan.refusal,
    notes: plan.notes ?? [],
    proposals: (plan.suggestions ?? []).map((s) => s.id),
    diff: plan.diff,
  };
}

function changeCount(plan: FileChangePlan): number {
  return plan.added.length + plan.removed.length;
}

function printPlan(ctx: CommandContext, plan: FileChangePlan): void {
  if (plan.refusal) return;
  const n = changeCount(plan);
  const skippedOnly = (plan.notes ?? []).some((note) => note.startsWith('skipped '));
  const state =
    n > 0 ? `${n} change${n === 1 ? '' : 's'}` : skippedOnly ? 'nothing to write' : 'already up to date';
  say(ctx, `${plan.path}: ${state}`);
  // the diff shows the user's own rules and env block around the change: redacted like the rest
  for (const note of plan.notes ?? []) say(ctx, `  ${redactCommand(note)}`);
  const diff = redactLines(plan.diff);
  if (diff) ctx.io.stdout.write(diff.endsWith('\n') ? diff : `${diff}\n`);
}

/** Reads answers line by line from stdin (a TTY in real use, a buffer in tests). */
function prompter(ctx: CommandContext): { ask(question: string): Promise<string | null>; close(): void } {
  const rl = createInterface({ input: ctx.io.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question) {
      ctx.io.stdout.write(question);
      const next = await lines.next();
      return next.done ? null : next.value.trim().toLowerCase();
    },
    close: () => rl.close(),
  };
}

function describe(s: Suggestion): string {
  const verb =
    s.kind === 'remove'
      ? `remove ${proposalLabel(s)}${s.family ? ` (${s.replaces.map((r) => redactCommand(r)).join(', ')})` : ''}`
      : s.kind === 'replace'
        ? `replace ${s.replaces.map((r) => redactCommand(r)).join(', ')} with ${proposalLabel(s)}`
        : `${s.kind} ${proposalLabel(s)}`;
  return `${verb} (confidence ${Math.round(s.confidence * 100)}%, risk ${s.risk}, saves ${s.promptsSaved} prompts)`;
}

/** Ask per file (and per proposal on `r`); returns the plans the user accepted. */
async function confirm(ctx: CommandContext, plans: FileChangePlan[]): Promise<FileChangePlan[]> {
  const accepted: FileChangePlan[] = [];
  const input = prompter(ctx);
  try {
    for (const plan of plans) {
      for (;;) {
        const answer = await input.ask(
          `Apply ${changeCount(plan)} changes to ${plan.path}? [y/n/r(eview each)/q] `,
        );
        if (answer === null || answer === 'q') return accepted;
        if (answer === 'n') break;
        if (answer === 'y') {
          accepted.push(plan);
          break;
        }
        if (answer !== 'r') continue;
        const chosen: Suggestion[] = [];
        for (const s of plan.suggestions ?? []) {
          let one: string | null = '';
          while (one !== null && !['y', 'n', 'q'].includes(one))
            one = await input.ask(`  ${describe(s)}? [y/n/q] `);
          if (one === null || one === 'q') break;
          if (one === 'y') chosen.push(s);
        }
        if (chosen.length > 0) accepted.push(...planApply(ctx, chosen));
        break;
      }
    }
    return accepted;
  } finally {
    input.close();
  }
}

/**
 * `clearance apply [--dry-run] [--yes] [--include-cleanup] [--min-confidence X] [ID…]`: bring the
 * evidence up to date, then write pending additive proposals at or above the threshold (or the
 * named ones) into their settings files. Exit 0 when every targeted file was handled; 1 with one
 * line per refused file or rule, and also when nothing was written because confirmation was needed
 * but there is no terminal and no --yes.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const threshold = ctx.flags.minConfidence ?? APPLY_MIN_CONFIDENCE;
  if (threshold < 0 || threshold > 1) throw new UsageError('--min-confidence must be between 0 and 1');
  await runScan(ctx);
  const all = await loadProposals(ctx, {
    project: ctx.flags.project ?? null,
    minConfidence: 0,
    includeHygiene: true,
  });
  const picked = pick(ctx, all, threshold);
  // with --home, proposals for projects outside it are shown and skipped, never written
  const chosen = picked.filter((s) => mayTouch(ctx.paths, s.target));
  const outside = outsideHomeLine(ctx.paths, picked.filter((s) => !chosen.includes(s)).map(projectOf));
  if (outside) complain(ctx, outside);
  if (chosen.length === 0 && picked.length > 0) {
    say(ctx, ctx.flags.json ? JSON.stringify({ plans: [], written: [] }) : 'nothing written');
    return 0;
  }
  if (chosen.length === 0) {
    const below = all.filter((s) => ADDITIVE.has(s.kind) && s.confidence < threshold).length;
    const cleanup = ctx.flags.includeCleanup ? 0 : all.filter((s) => !ADDITIVE.has(s.kind)).length;
    if (ctx.flags.json) {
      say(ctx, JSON.stringify({ plans: [], written: [], belowThreshold: below, cleanupNeedsFlag: cleanup }));
      return 0;
    }
    say(
      ctx,
      `nothing to apply: no pending proposal at or above confidence ${threshold.toFixed(2)}` +
        (below > 0 ? ` (${below} below it)` : '') +
        (cleanup > 0
          ? `; ${cleanup} cleanup proposal${cleanup === 1 ? '' : 's'} need --include-cleanup`
          : ''),
    );
    return 0;
  }
  const plans = planApply(ctx, chosen);
  if (ctx.flags.json && !ctx.flags.dryRun && !ctx.flags.yes)
    throw new UsageError('--json needs --dry-run or --yes: there is no prompt to answer in JSON');
  if (ctx.flags.json && ctx.flags.dryRun) {
    say(ctx, JSON.stringify({ dryRun: true, plans: plans.map(planJson) }, null, 2));
    return plans.some((p) => p.refusal || (p.notes ?? []).some((n) => n.startsWith('skipped '))) ? 1 : 0;
  }
  if (!ctx.flags.json) for (const plan of plans) printPlan(ctx, plan);
  const refusedPlans = plans.filter((p) => p.refusal);
  const writable = plans.filter((p) => !p.refusal && changeCount(p) > 0);
  // not blocking: a proposal the user's own client has not confirmed is still clearance's word
  const unverified = chosen.filter((s) => ADDITIVE.has(s.kind) && s.verify?.status !== 'verified');
  if (unverified.length > 0 && writable.length > 0) {
    say(
      ctx,
      `note: ${unverified.length === 1 ? '1 proposal is' : `${unverified.length} proposals are`} not verified with your Claude Code (check first: clearance verify ${unverified.map((s) => s.id).join(' ')})`,
    );
  }
  if (ctx.flags.dryRun || writable.length === 0) {
    for (const p of refusedPlans) complain(ctx, p.refusal ?? p.path);
    // the same rule refusals a real run would report, so --dry-run predicts the exit code
    const skipped = plans.flatMap((p) =>
      (p.notes ?? [])
        .filter((n) => n.startsWith('skipped '))
        .map((n) => `${p.path}: ${n.slice('skipped '.length)}`),
    );
    for (const line of skipped) complain(ctx, line);
    if (ctx.flags.dryRun && writable.length > 0) say(ctx, 'dry run: nothing written');
    return refusedPlans.length + skipped.length > 0 ? 1 : 0;
  }
  let accepted = writable;
  if (!ctx.flags.yes) {
    if (!ctx.interactive) {
      for (const p of refusedPlans) complain(ctx, p.refusal ?? p.path);
      complain(
        ctx,
        'nothing written: no terminal to confirm on; re-run with --yes to apply the changes above',
      );
      return 1;
    }
    accepted = await confirm(ctx, writable);
  }
  const result = await executeApply(
    ctx,
    [...refusedPlans, ...accepted],
    ctx.flags.yes ? 'yes' : 'interactive',
  );
  if (ctx.flags.json) {
    say(ctx, JSON.stringify({ ...result, plans: plans.map(planJson) }, null, 2));
    return result.refused.length > 0 ? 1 : 0;
  }
  for (const file of result.written) say(ctx, `wrote ${file}`);
  for (const file of result.declarative ?? [])
    say(
      ctx,
      `${file}: takes effect on the next rebuild (rebuild-nixos, nixos-rebuild switch or home-manager switch)`,
    );
  if (result.written.length > 0)
    say(ctx, `apply ${result.applyId} (undo with: clearance undo ${result.applyId})`);
  if (accepted.length === 0) say(ctx, 'nothing written');
  for (const r of result.refused) complain(ctx, r.reason);
  if (result.notWritten.length > 0) {
    const rest = result.notWritten.join(', ');
    complain(
      ctx,
      result.written.length === 0
        ? `nothing written: fix the file above first (or apply the other proposals by id); not written: ${rest}`
        : `stopped midway: wrote ${result.written.join(', ')}; not written: ${rest}`,
    );
  }
  for (const w of result.warnings) complain(ctx, w);
  return result.refused.length > 0 ? 1 : 0;
}
