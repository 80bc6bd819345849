// Deny/ask proposals: a call the user refused again and again (≥ 3 times) becomes a `deny` rule
// when they never approved it, or an `ask` rule when the history is mixed — at the narrowest level
// that gathers the refusals. Never for Claude Code's built-in read-only commands.

import { confidence } from '../confidence.js';
import { hasRedaction } from '../redact.js';
import { classifySegment } from '../risk-policy.js';
import type { Suggestion } from '../types.js';
import { groupBy, subWords } from './bash.js';
import { countOf, decisionPoints, toSuggestion, uniqueCalls } from './patterns.js';
import type { Item, Pattern, PatternStats } from './patterns.js';
import type { LearnOptions, RuleOps } from './types.js';
import { newestVersion } from './versions.js';

/** Refusals needed before a deny/ask rule is proposed. */
export const MIN_DENIALS = 3;

interface Level {
  level: 'exact' | 'subcommand' | 'program';
  key: (item: Item) => string | null;
  rule: (item: Item, version: string | null, ops: RuleOps) => string;
}

const LEVELS: Level[] = [
  {
    level: 'exact',
    key: (i) =>
      i.segment && !i.segment.text.includes('*') && !hasRedaction(i.segment.text)
        ? `x:${i.segment.text}`
        : null,
    rule: (i) => `Bash(${i.segment?.text ?? ''})`,
  },
  {
    level: 'subcommand',
    key: (i) =>
      i.segment && subWords(i.segment).length > 0
        ? `s:${i.segment.program} ${subWords(i.segment).join(' ')}`
        : null,
    rule: (i, v, ops) =>
      ops.formatBashRule([i.segment?.program ?? '', ...(i.segment ? subWords(i.segment) : [])], true, v),
  },
  {
    level: 'program',
    key: (i) => (i.segment ? `p:${i.segment.program}` : null),
    rule: (i, v, ops) => ops.formatBashRule([i.segment?.program ?? ''], true, v),
  },
];

/**
 * Deny/ask proposals from refused Bash segments. `denied` holds only unambiguous refusals (the one
 * segment of a refused call that needed a prompt); `approved` is every approval, covered or not.
 */
export function learnDenyAsk(
  denied: Item[],
  approved: Item[],
  ops: RuleOps,
  options: LearnOptions,
): Suggestion[] {
  const out: Suggestion[] = [];
  const consumed = new Set<Item>();
  for (const level of LEVELS) {
    const groups = groupBy(
      denied.filter((i) => !consumed.has(i) && level.key(i) !== null),
      (i) => level.key(i) ?? '',
    );
    for (const [key, items] of [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const calls = uniqueCalls(items);
      const denials = countOf(calls);
      if (denials < MIN_DENIALS) continue;
      const first = items[0];
      if (!first?.segment) continue;
      // a refused read-only command was refused for its moment, not for what it is
      if (classifySegment(first.segment).risk === 'read-only') continue;
      const sources = options.sourcesFor(first.call.project);
      if (ops.decide(first, sources) === 'deny' || ops.decide(first, sources) === 'ask') continue;
      const yes = approved.filter((i) => level.key(i) === key);
      const approvals = countOf(uniqueCalls(yes));
      if (approvals >= denials) continue;
      const kind = approvals === 0 ? 'deny' : 'ask';
      const version = newestVersion(items.map((i) => i.call.version));
      const pattern: Pattern = {
        rule: level.rule(first, version, ops),
        level: level.level,
        covers: (i) => level.key(i) === key,
        verdict: classifySegment(first.segment),
        minApprovals: 0,
      };
      // confidence that the user refuses this: the same bound with the roles swapped
      const conf = confidence(decisionPoints(calls, uniqueCalls(yes)), options.now, options.halfLifeDays);
      const projects = [...new Set(calls.map((c) => c.project))].sort();
      const stats: PatternStats = {
        pattern,
        approved: yes,
        denied: items,
        verdict: pattern.verdict,
        confidence: conf.value,
        inputs: conf.inputs,
        sessions: new Set(calls.map((c) => c.session)).size,
        projects,
        days: conf.inputs.distinctDays,
        promptsSaved: 0,
        approvals,
        denials,
        laterFamilyRefusals: 0,
        lastApproval: 0,
        blockedBy: null,
      };
      for (const i of items) consumed.add(i);
      out.push(
        toSuggestion(kind, stats, options, {
          reason:
            kind === 'deny'
              ? `you refused it ${denials} times and never approved it`
              : `you refused it ${denials} times and approved it ${approvals} time(s): always ask`,
          alternatives: [],
          projects,
        }),
      );
    }
  }
  return out;
}
