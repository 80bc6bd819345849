import type { CommandContext } from '../runtime/context.js';
import { complain, say } from '../runtime/context.js';
import { redactCommand, redactText } from '../core/redact.js';
import { proposalLabel } from '../core/proposal-label.js';
import type { Problem, Suggestion } from '../core/types.js';
import { UsageError } from '../runtime/errors.js';
import { mayTouch, outsideHomeLine, projectOf } from '../runtime/paths.js';
import { DEFAULT_MIN_CONFIDENCE, loadProposals } from '../app/proposals.js';
import { runScan } from '../sources/scan.js';
import { verifyBadge } from '../core/verify.js';
import { verifiable } from '../app/verify.js';
import { verifyProposals } from './verify.js';

/** The stable JSON shape of one proposal (`suggest --json`). */
export function suggestionJson(s: Suggestion): Record<string, unknown> {
  return {
    id: s.id,
    kind: s.kind,
    // hygiene proposals carry rules the user wrote: redacted like everything learned
    rule: redactCommand(s.rule),
    replaces: s.replaces.map((r) => redactCommand(r)),
    ...(s.family ? { family: s.family } : {}),
    target: s.target,
    scope: s.scope,
    project: s.project,
    level: s.level,
    confidence: s.confidence,
    confidenceInputs: s.confidenceInputs,
    evidence: s.evidence,
    risk: s.risk,
    promptsSaved: s.promptsSaved,
    deniedCovered: s.deniedCovered,
    examples: s.examples.map((x) => redactCommand(x)),
    alsoMatches: s.alsoMatches.map((x) => redactCommand(x)),
    reason: s.reason,
    history: s.history,
    alternatives: s.alternatives,
    verify: s.verify ?? null,
    ...(s.survivesAutoMode === undefined ? {} : { survivesAutoMode: s.survivesAutoMode }),
  };
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function scopeLabel(s: Suggestion): string {
  return s.scope === 'user' ? 'user' : `project ${s.project ?? ''}`;
}

/** `clearance suggest [--json] [--project DIR] [--min-confidence X]`: scan quietly, then list proposals. */
export async function run(ctx: CommandContext): Promise<number> {
  const min = ctx.flags.minConfidence;
  if (min !== undefined && (!(min >= 0) || min > 1)) {
    throw new UsageError(`--min-confidence: must be between 0 and 1, got ${min}`);
  }
  const scan = await runScan(ctx);
  const settingsProblems: Problem[] = [];
  const loaded = await loadProposals(ctx, {
    problems: settingsProblems,
    project: ctx.flags.project ?? null,
    minConfidence: min ?? DEFAULT_MIN_CONFIDENCE,
    includeHygiene: true,
  });
  // an explicit --min-confidence holds for every kind: deny, ask and cleanup proposals too
  const suggestions = min === undefined ? loaded : loaded.filter((s) => s.confidence >= min);
  if (ctx.flags.verify) {
    // replay them through the user's own client; a stored state replaces the one loaded above
    const outcomes = await verifyProposals(ctx, suggestions.filter(verifiable));
    for (const o of outcomes) {
      if (o.state && o.state.clientVersion !== 'none') o.suggestion.verify = o.state;
    }
  }
  const problems = [...scan.problems, ...settingsProblems];
  const [first] = problems;
  if (first) {
    // Name the file: "malformed JSON" alone does not tell the user which settings file to fix.
    const where = first.source && !first.message.includes(first.source) ? `${first.source}: ` : '';
    complain(
      ctx,
      `${problems.length} problem(s) reading your data; first: ${where}${redactText(first.message)}`,
    );
  }
  const outside = outsideHomeLine(
    ctx.paths,
    suggestions.filter((s) => !mayTouch(ctx.paths, s.target)).map(projectOf),
  );
  if (outside) complain(ctx, `${outside}; apply will skip them`);
  if (ctx.flags.json) {
    // redact once more on the way out: a rule or example must never carry a secret
    const json = JSON.stringify({ suggestions: suggestions.map(suggestionJson) }, null, 2);
    say(ctx, redactText(json));
    return 0;
  }
  if (suggestions.length === 0) {
    say(ctx, 'No proposals: nothing you approved still prompts often enough to learn a safe rule.');
    return 0;
  }
  const rows = [
    ['ID', 'KIND', 'RULE', 'SCOPE', 'CONF', 'RISK', 'SAVED', 'CC', 'EVIDENCE'],
    ...suggestions.map((s) => [
      s.id,
      s.kind,
      redactCommand(s.kind === 'replace' ? `${s.rule} (replaces ${s.replaces.length})` : proposalLabel(s)),
      scopeLabel(s),
      `${Math.round(s.confidence * 100)}%`,
      s.risk,
      String(s.promptsSaved),
      s.kind === 'allow' || s.kind === 'deny' || s.kind === 'ask' ? verifyBadge(s.verify) : '',
      s.kind === 'allow' || s.kind === 'deny' || s.kind === 'ask'
        ? `${s.evidence.approvals}✓ ${s.evidence.denials}✗ ${s.evidence.sessions} sess ${s.evidence.projects} proj`
        : s.reason,
    ]),
  ];
  for (const line of table(rows)) say(ctx, line);
  say(ctx);
  say(ctx, `${suggestions.length} proposal(s). Apply with: clearance apply [ID...]`);
  say(ctx, 'CC: ✓/✗ checked with your own Claude Code (version), · not yet: clearance verify [ID...]');
  return 0;
}
