// The learning engine: evidence in, the fewest safe proposals out. Pure: the store, the settings
// files and Claude Code's matcher are all handed in.

import type { Suggestion } from '../types.js';
import { bashItems, learnBash } from './bash.js';
import { learnDenyAsk } from './deny.js';
import { dropOneOffExact, oneSyntaxPerFile } from './fewer-rules.js';
import { learnHygiene } from './hygiene.js';
import type { HygieneInputs } from './hygiene.js';
import { learnOtherTools } from './other-tools.js';
import type { Item } from './patterns.js';
import type { EvidenceCall, LearnOptions, MatchItem, RuleOps } from './types.js';

/** Calls the user approved at a prompt (any basis). */
export function isApprovedPrompt(call: EvidenceCall): boolean {
  return call.answer === 'approved' && call.prompted !== false;
}

/** Calls the user refused. */
export function isDenied(call: EvidenceCall): boolean {
  return call.answer === 'denied';
}

/** Memoized "what do the settings in force decide for this item" (per project and text). */
export function coverageOracle(
  ops: RuleOps,
  options: LearnOptions,
): (item: MatchItem) => 'allow' | 'ask' | 'deny' | 'none' {
  const memo = new Map<string, 'allow' | 'ask' | 'deny' | 'none'>();
  return (item) => {
    const key = `${item.call.project}\u0000${item.call.cwd}\u0000${item.call.tool}\u0000${item.segment?.text ?? item.call.target ?? ''}`;
    let decision = memo.get(key);
    if (decision === undefined) {
      decision = ops.decide(item, options.sourcesFor(item.call.project));
      memo.set(key, decision);
    }
    return decision;
  };
}

/** Everything the engine produces, split so replay can use the allow rules alone. */
export interface LearnResult {
  suggestions: Suggestion[];
  /** Approved segments/calls that still prompt under the settings in force. */
  candidates: number;
}

/** Learn proposals from evidence. Hygiene runs only when its inputs are given. */
export function learn(
  calls: EvidenceCall[],
  ops: RuleOps,
  options: LearnOptions,
  hygiene?: Omit<HygieneInputs, 'denied'>,
): LearnResult {
  const decide = coverageOracle(ops, options);
  const approvedCalls = calls.filter(isApprovedPrompt);
  const deniedCalls = calls.filter(isDenied);
  const allApproved = bashItems(approvedCalls, ops);
  // what a launcher runs is judged with its launcher; an allow rule for it alone would never match
  const approvedBash = allApproved.filter((item) => item.inner !== true && decide(item) === 'none');
  const deniedBash = bashItems(deniedCalls, ops);
  const approvedOther = approvedCalls.filter(
    (call) => call.tool !== 'Bash' && decide({ call, segment: null }) === 'none',
  );
  const deniedOther = deniedCalls.filter((call) => call.tool !== 'Bash');

  // A refused compound call is blamed on a segment only when it was the one segment that prompted.
  const culprits: Item[] = [];
  for (const [, items] of groupByCall(deniedBash)) {
    // a launcher's inner view rides on its launcher: the launcher is the segment that prompted
    const prompting = items.filter((item) => item.inner !== true && decide(item) === 'none');
    if (prompting.length === 1 && prompting[0]) culprits.push(prompting[0]);
  }

  const allow = [
    ...learnBash(approvedBash, deniedBash, ops, options),
    ...learnOtherTools(approvedOther, deniedOther, ops, options),
  ];
  // refusing is the safe direction: deny/ask need half the confidence an allow needs
  const denyAsk = learnDenyAsk(culprits, allApproved, ops, options).filter(
    (s) => s.confidence >= options.minConfidence / 2,
  );
  const cleanup = hygiene ? learnHygiene({ ...hygiene, denied: deniedBash }, ops, options) : [];
  // fewer rules that matter: no exact rule for a command that never came back, one syntax per file
  const learned = dropOneOffExact([...allow, ...denyAsk]);
  const suggestions = oneSyntaxPerFile([...learned, ...cleanup], calls, options, ops).sort(
    (a, b) => b.promptsSaved - a.promptsSaved || b.confidence - a.confidence || a.rule.localeCompare(b.rule),
  );
  return { suggestions, candidates: approvedBash.length + approvedOther.length };
}

function groupByCall(items: Item[]): Map<string, Item[]> {
  const map = new Map<string, Item[]>();
  for (const item of items) map.set(item.call.id, [...(map.get(item.call.id) ?? []), item]);
  return map;
}
