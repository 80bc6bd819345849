import type { CommandContext } from '../context.js';
import { complain, say } from '../context.js';
import { redactCommand, redactText } from '../core/redact.js';
import type { Problem, Suggestion } from '../core/types.js';
import { UsageError } from '../errors.js';
import { DEFAULT_MIN_CONFIDENCE, loadProposals } from '../proposals.js';
import { runScan } from '../sources/scan.js';

/** The stable JSON shape of one proposal (`suggest --json`). */
export function suggestionJson(s: Suggestion): Record<string, unknown> {
  return {
    id: s.id,
    kind: s.kind,
    rule: s.rule,
    replaces: s.replaces,
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
    examples: s.examples,
    alsoMatches: s.alsoMatches,
    reason: s.reason,
    history: s.history,
    alternatives: s.alternatives,
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
  const suggestions = await loadProposals(ctx, {
    problems: settingsProblems,
    project: ctx.flags.project ?? null,
    minConfidence: min ?? DEFAULT_MIN_CONFIDENCE,
    includeHygiene: true,
  });
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
    ['ID', 'KIND', 'RULE', 'SCOPE', 'CONF', 'RISK', 'SAVED', 'EVIDENCE'],
    ...suggestions.map((s) => [
      s.id,
      s.kind,
      redactCommand(s.kind === 'replace' ? `${s.rule} (replaces ${s.replaces.length})` : s.rule),
      scopeLabel(s),
      s.confidence.toFixed(2),
      s.risk,
      String(s.promptsSaved),
      s.kind === 'allow' || s.kind === 'deny' || s.kind === 'ask'
        ? `${s.evidence.approvals}✓ ${s.evidence.denials}✗ ${s.evidence.sessions} sess ${s.evidence.projects} proj`
        : s.reason,
    ]),
  ];
  for (const line of table(rows)) say(ctx, line);
  say(ctx);
  say(ctx, `${suggestions.length} proposal(s). Apply with: clearance apply [ID...]`);
  return 0;
}
