import type { CommandContext } from '../runtime/context.js';
import { complain, say } from '../runtime/context.js';
import { redactCommand, redactText } from '../core/redact.js';
import type { Suggestion } from '../core/types.js';
import { verifyBadge } from '../core/verify.js';
import { UsageError } from '../runtime/errors.js';
import { DEFAULT_MIN_CONFIDENCE, findProposal, loadProposals } from '../app/proposals.js';
import { locateForContext } from '../sources/claude-client/locate.js';
import { runScan } from '../sources/scan.js';
import type { VerifyOutcome } from '../app/verify.js';
import { planVerify, predictOnly, runVerify, verifiable } from '../app/verify.js';

/** Default budget of a whole verify run, in seconds. */
export const DEFAULT_VERIFY_TIMEOUT_S = 120;

/** Proposals named by id (or unique prefix of at least 4), else every pending rule proposal. */
export function pickProposals(all: Suggestion[], ids: readonly string[]): Suggestion[] {
  if (ids.length === 0) return all.filter(verifiable);
  return ids.map((id) => {
    const found = findProposal(all, id);
    if (!verifiable(found))
      throw new UsageError(`proposal ${id} is a cleanup (${found.kind}): nothing to verify`);
    return found;
  });
}

/**
 * Verify proposals with the user's own client (or, without one, say so in one line and score
 * clearance's own prediction instead). Progress goes to stderr. Shared by `verify` and
 * `suggest --verify`.
 */
export async function verifyProposals(ctx: CommandContext, chosen: Suggestion[]): Promise<VerifyOutcome[]> {
  const timeout = ctx.flags.timeout ?? DEFAULT_VERIFY_TIMEOUT_S;
  if (!(timeout > 0)) throw new UsageError(`--timeout: seconds above 0, got ${timeout}`);
  const plans = await planVerify(ctx, chosen);
  const located = locateForContext(ctx);
  if (!located.client) {
    complain(
      ctx,
      `${located.problem}; falling back to clearance's own matcher (nothing is verified or stored)`,
    );
    return predictOnly(plans, ctx.now);
  }
  const started = Date.now();
  const outcomes = await runVerify(ctx, plans, {
    binary: located.client.binary,
    clientVersion: located.client.version,
    timeoutMs: timeout * 1000,
    onProgress: (line) => ctx.io.stderr.write(`${line}\n`),
    // on a terminal one line updated in place; in a log only the first and last lines
    onStep: (done, total, rule) => {
      if (!ctx.io.stderr.isTTY) return;
      ctx.io.stderr.write(
        `\r\u001b[Kclearance: ${done}/${total} verified (${redactCommand(rule).slice(0, 60)})`,
      );
      if (done === total) ctx.io.stderr.write('\r\u001b[K');
    },
  });
  const calls = plans.reduce((n, p) => n + p.calls.length, 0);
  ctx.io.stderr.write(
    `clearance: ${plans.length} proposal(s), ${calls} call(s) replayed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return outcomes;
}

function outcomeJson(o: VerifyOutcome): Record<string, unknown> {
  return {
    id: o.suggestion.id,
    rule: redactCommand(o.suggestion.rule),
    scope: o.suggestion.scope,
    target: o.suggestion.target,
    verify: o.state,
    skipped: o.skipped,
  };
}

/** `clearance verify [--client PATH] [--timeout S] [--json] [ID…]` */
export async function run(ctx: CommandContext): Promise<number> {
  await runScan(ctx);
  const all = await loadProposals(ctx, {
    project: ctx.flags.project ?? null,
    minConfidence: ctx.flags.minConfidence ?? DEFAULT_MIN_CONFIDENCE,
    includeHygiene: false,
  });
  const chosen = pickProposals(all, ctx.args);
  if (chosen.length === 0) {
    if (ctx.flags.json) say(ctx, JSON.stringify({ proposals: [] }, null, 2));
    else say(ctx, 'No proposals to verify (see clearance suggest).');
    return 0;
  }
  const outcomes = await verifyProposals(ctx, chosen);
  if (ctx.flags.json) {
    say(ctx, redactText(JSON.stringify({ proposals: outcomes.map(outcomeJson) }, null, 2)));
    return 0;
  }
  for (const o of outcomes) {
    const badge = o.state && o.state.clientVersion !== 'none' ? verifyBadge(o.state) : '·';
    say(ctx, `${o.suggestion.id}  ${badge}  ${redactCommand(o.suggestion.rule)}`);
    say(ctx, `    ${redactText(o.state?.summary ?? o.skipped ?? '')}`);
    for (const d of o.state?.disagreements ?? []) {
      say(
        ctx,
        `    disagrees (${d.role}): ${redactCommand(d.command)} — clearance ${d.clearance}, Claude Code ${d.client}${d.clientReason ? `: ${redactText(d.clientReason)}` : ''}`,
      );
    }
  }
  return 0;
}
