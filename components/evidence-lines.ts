// The evidence view's lines, without React: what a proposal rests on and what applying it does.
// The view renders them and the store scrolls over them, so both count the same rows.
import { proposalLabel } from '../src/core/proposal-label.js';
import { redactCommand } from '../src/core/redact.js';
import type { Suggestion } from '../src/core/types.js';
import { day, wrap } from './format.js';
import { alternativeRefusal, isHygiene, kindMark, percent } from './plain.js';
import type { RememberedDecision } from './backend.js';

type DecisionRecord = RememberedDecision;

/** What applying the proposal does, in the terms of its kind. */
function effectLine(s: Suggestion): Line {
  const e = s.evidence;
  switch (s.kind) {
    case 'deny':
      return {
        text: `blocks calls like the ${e.denials} you denied: Claude Code refuses them without asking`,
      };
    case 'ask':
      return {
        text: `always asks for calls like these: you denied ${e.denials} and approved ${e.approvals}`,
      };
    case 'remove':
      return { text: `removes this rule from ${s.target}: ${s.reason}` };
    case 'replace':
      return { text: `swaps the rule in ${s.target} for this one: ${s.reason}` };
    default:
      return s.deniedCovered > 0
        ? {
            text: `saves ~${s.promptsSaved} prompts / 30 days · would have allowed ${s.deniedCovered} denied calls`,
            tone: 'error',
          }
        : { text: `saves ~${s.promptsSaved} prompts / 30 days · never auto-approves a call you denied` };
  }
}

/** One line of the evidence view. */
export interface Line {
  text: string;
  bold?: boolean;
  dim?: boolean;
  tone?: 'ok' | 'warn' | 'error' | 'info';
}

/** Plain lines of the evidence view (exported for the non-TTY summary and tests). */
export function evidenceLines(s: Suggestion, decision?: DecisionRecord): Line[] {
  const e = s.evidence;
  const ci = s.confidenceInputs;
  const lines: Line[] = [
    { text: `${kindMark[s.kind]}${isHygiene(s.kind) ? ' (hygiene)' : ''}  ${proposalLabel(s)}`, bold: true },
    { text: `${s.reason}` },
    {
      text: `target ${s.target} (${s.scope}${s.project ? ` · ${s.project}` : ''}) · breadth ${s.level} · risk ${s.risk}`,
      dim: true,
    },
  ];
  // A remove rule lists itself as what it "replaces": only a real replacement names other rules.
  const replaced = s.replaces.filter((r) => r !== s.rule);
  if (s.family && s.replaces.length > 1) {
    // a group is one decision: show every rule it takes away
    lines.push({ text: `removes these ${s.replaces.length} rules (one decision):`, bold: true });
    for (const member of s.replaces.slice(0, 12)) lines.push({ text: `  - ${redactCommand(member)}` });
    if (s.replaces.length > 12) lines.push({ text: `  … and ${s.replaces.length - 12} more`, dim: true });
  } else if (s.kind !== 'remove' && replaced.length > 0)
    lines.push({ text: `replaces: ${replaced.map((r) => redactCommand(r)).join(', ')}` });
  if (decision)
    lines.push({
      text: `decided: ${decision.state}${decision.editedRule ? ` → ${decision.editedRule}` : ''}${
        decision.reason ? ` (“${decision.reason}”)` : ''
      }`,
      tone: decision.state === 'rejected' ? 'error' : 'ok',
    });
  lines.push({ text: '' });
  const hygiene = isHygiene(s.kind);
  // A cleanup proposal rests on the settings files, not on calls: no empty evidence line for it.
  if (!hygiene || e.approvals + e.denials > 0)
    lines.push({
      text: `evidence  ${e.approvals} approved · ${e.denials} denied · ${e.sessions} sessions · ${e.projects} projects · ${day(
        e.firstSeen,
      )} → ${day(e.lastSeen)}`,
      bold: true,
    });
  // Deny and ask proposals are scored with the roles swapped (the denials are the evidence for
  // them), so their weighted inputs read the other way round.
  const swapped = s.kind === 'deny' || s.kind === 'ask';
  const weighted = ci
    ? swapped
      ? `weighted ${ci.weightedApprovals.toFixed(1)} denied / ${ci.weightedDenials.toFixed(1)} approved`
      : `weighted ${ci.weightedApprovals.toFixed(1)} approved / ${ci.weightedDenials.toFixed(1)} denied`
    : '';
  lines.push({
    text: ci
      ? `confidence ${percent(s.confidence)}${swapped ? ' that you refuse it' : ''} = wilson ${percent(ci.wilsonLower)} × spread ${ci.spread.toFixed(2)}  (${weighted}, ${ci.distinctDays} days, half-life ${ci.halfLifeDays} d)`
      : `confidence ${percent(s.confidence)}`,
  });
  lines.push(effectLine(s));
  if (!hygiene && s.kind === 'allow') {
    // what the user's own Claude Code did with this rule (clearance verify)
    const v = s.verify;
    lines.push(
      v
        ? { text: v.summary, tone: v.status === 'verified' ? 'ok' : 'error' }
        : { text: `not verified with your Claude Code yet: clearance verify ${s.id}`, dim: true },
    );
    for (const d of v?.disagreements.slice(0, 3) ?? []) {
      lines.push({
        text: `  ≠ ${d.command}: clearance ${d.clearance}, Claude Code ${d.client}`,
        tone: 'warn',
      });
    }
  }
  lines.push({ text: '' });
  if (s.examples.length > 0) {
    lines.push({ text: 'examples (redacted)', bold: true });
    for (const example of s.examples.slice(0, 5)) lines.push({ text: `  $ ${example}` });
  }
  if (s.alsoMatches.length > 0) {
    lines.push({ text: 'would also match (not in the evidence)', bold: true, tone: 'warn' });
    for (const other of s.alsoMatches.slice(0, 4)) lines.push({ text: `  ~ ${other}` });
  }
  if (s.alternatives.length > 0) {
    lines.push({ text: 'other breadths (e to pick)', bold: true });
    for (const alt of s.alternatives.slice(0, 4)) {
      // One statement per fact: the refusal already says what blockedBy says about denials.
      const refusal = alternativeRefusal(alt);
      const note = refusal ? `✗ ${refusal}` : alt.blockedBy;
      lines.push({
        text: `  ${alt.rule}  saves ${alt.promptsSaved}${note ? ` · ${note}` : ''}`,
        dim: refusal !== null,
      });
    }
  }
  return lines;
}

/** The evidence laid out for a pane: wrapped to `width`, spacer lines dropped when it is taller than `height`. */
export function evidenceRows(
  s: Suggestion,
  decision: DecisionRecord | undefined,
  width: number,
  height: number,
): Line[] {
  // Long lines wrap (an 80-column terminal would otherwise cut paths and reasons mid-way).
  const wrapped = evidenceLines(s, decision).flatMap((line) =>
    wrap(line.text, width).map((text) => ({ ...line, text })),
  );
  // On a short terminal the spacer lines go first, before anything has to scroll.
  return wrapped.length > height ? wrapped.filter((line) => line.text !== '') : wrapped;
}

/** Rows of evidence shown at once in a body of `height` rows with `total` rows of evidence (a position line takes one when it scrolls). */
export function evidenceRoom(total: number, height: number): number {
  return total > height ? Math.max(1, height - 1) : height;
}
