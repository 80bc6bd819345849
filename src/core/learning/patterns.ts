// Shared machinery for every tool: a candidate pattern, its statistics over the evidence, why it
// is blocked, and the Suggestion it becomes. Tool-specific files only say how to form candidates.

import { confidence } from '../confidence.js';
import type { DecisionPoint } from '../confidence.js';
import { redactCommand, redactText } from '../redact.js';
import { combineVerdicts, isRiskyAllow } from '../risk-policy.js';
import type { RiskVerdict } from '../risk-policy.js';
import type {
  CommandSegment,
  ConfidenceInputs,
  DailyCount,
  RuleAlternative,
  RuleLevel,
  Suggestion,
  SuggestionKind,
} from '../types.js';
import { suggestionId } from './hash.js';
import type { EvidenceCall, LearnOptions, RuleOps } from './types.js';

const DAY_MS = 86_400_000;

/** One piece of evidence: a call, or one segment of a Bash call, with its risk verdict. */
export interface Item {
  call: EvidenceCall;
  segment: CommandSegment | null;
  /** What examples show: the segment text, file path, URL or tool name (redacted). */
  display: string;
  verdict: RiskVerdict;
  /** A segment a launcher runs (a view of its outer segment): never the subject of an allow rule. */
  inner?: boolean;
}

/** A candidate rule at one breadth. */
export interface Pattern {
  rule: string;
  level: RuleLevel;
  /** Structural coverage (cheap); the real matcher is consulted too for denied evidence. */
  covers: (item: Item) => boolean;
  /** The policy verdict of the pattern's own prefix (the evidence's verdicts are added). */
  verdict: RiskVerdict;
  /** Approvals needed before it may be proposed. */
  minApprovals: number;
  /** Network commands: only with overwhelming evidence. */
  overwhelming?: boolean;
  /**
   * The family of the pattern (same program and subcommand): a refusal in the family after the
   * first approval blocks classes that need overwhelming evidence (`npm install undici` approved
   * four times, `npm install left-pad` refused later).
   */
  family?: (item: Item) => boolean;
}

/** Overwhelming evidence: this many approvals, sessions and days, the last one this recent. */
export const OVERWHELMING = { approvals: 20, sessions: 5, days: 5, recentDays: 7 } as const;

/** A pattern measured against the evidence. */
export interface PatternStats {
  pattern: Pattern;
  approved: Item[];
  denied: Item[];
  verdict: RiskVerdict;
  confidence: number;
  inputs: ConfidenceInputs;
  sessions: number;
  projects: string[];
  days: number;
  promptsSaved: number;
  /** Approved and denied calls covered (folded calls counted). */
  approvals: number;
  denials: number;
  /** Refusals in the pattern's family after its first approval. */
  laterFamilyRefusals: number;
  /** Epoch ms of the newest covered approval (0 = none). */
  lastApproval: number;
  blockedBy: string | null;
}

/** Measure a pattern: covered approvals and denials, risk, confidence, and what blocks it. */
export function measure(
  pattern: Pattern,
  approved: Item[],
  denied: Item[],
  ops: RuleOps,
  options: LearnOptions,
): PatternStats {
  const coveredApproved = approved.filter((item) => pattern.covers(item));
  const coveredDenied = denied.filter(
    (item) => pattern.covers(item) || ops.matches(pattern.rule, item, 'allow', item.call.project),
  );
  const verdict = combineVerdicts([pattern.verdict, ...coveredApproved.map((item) => item.verdict)]);
  const calls = uniqueCalls(coveredApproved);
  const deniedCalls = uniqueCalls(coveredDenied);
  const { value, inputs } = confidence(decisionPoints(calls, deniedCalls), options.now, options.halfLifeDays);
  const sessions = new Set(calls.map((c) => c.session)).size;
  const projects = [...new Set(calls.map((c) => c.project))].sort();
  const days = new Set(calls.map((c) => dayOf(c.ts))).size;
  const since = options.now - options.windowDays * DAY_MS;
  const promptsSaved = countOf(calls.filter((c) => c.ts >= since && c.ts <= options.now));
  const first = calls.length ? Math.min(...calls.map((c) => c.ts)) : Infinity;
  const family = pattern.family;
  const laterFamilyRefusals = family
    ? countOf(uniqueCalls(denied.filter((item) => item.call.ts >= first && family(item))))
    : 0;
  const stats: PatternStats = {
    pattern,
    approved: coveredApproved,
    denied: coveredDenied,
    verdict,
    confidence: value,
    inputs,
    sessions,
    projects,
    days,
    promptsSaved,
    approvals: countOf(calls),
    denials: countOf(deniedCalls),
    laterFamilyRefusals,
    lastApproval: calls.length ? Math.max(...calls.map((c) => c.ts)) : 0,
    blockedBy: null,
  };
  stats.blockedBy = blockedBy(stats, options);
  return stats;
}

function blockedBy(stats: PatternStats, options: LearnOptions): string | null {
  const { pattern, verdict } = stats;
  const approvals = stats.approvals;
  if (stats.denials > 0) return `covers ${stats.denials} call(s) you denied`;
  if (verdict.maxLevel === null || verdict.autoAllow === 'never') {
    return `risk policy: ${verdict.risk} (${verdict.why[verdict.why.length - 1] ?? 'never allowed'}) is never auto-allowed`;
  }
  if (levelRank(pattern.level) > levelRank(verdict.maxLevel)) {
    return `risk policy: ${verdict.risk} generalizes to ${verdict.maxLevel} level at most`;
  }
  if (isRiskyAllow(verdict.risk, pattern.level)) return `risk policy: ${verdict.risk} needs an exact rule`;
  if (verdict.autoAllow === 'overwhelming') {
    const o = OVERWHELMING;
    if (approvals < o.approvals || stats.sessions < o.sessions || stats.days < o.days) {
      return `risk policy: ${verdict.risk} needs overwhelming evidence (${o.approvals} approvals over ${o.sessions} sessions and ${o.days} days)`;
    }
    if (stats.lastApproval < options.now - o.recentDays * DAY_MS) {
      return `risk policy: ${verdict.risk} needs recent evidence (an approval in the last ${o.recentDays} days)`;
    }
    if (stats.laterFamilyRefusals > 0) {
      return `risk policy: ${verdict.risk}: you refused ${stats.laterFamilyRefusals} similar call(s) since`;
    }
  }
  const needed = pattern.minApprovals + (verdict.autoAllow === 'more-evidence' ? 2 : 0);
  if (approvals < needed) return `needs ${needed} approvals, has ${approvals}`;
  if (stats.confidence < options.minConfidence) {
    return `confidence ${Math.round(stats.confidence * 100)}% is below ${Math.round(options.minConfidence * 100)}%`;
  }
  return null;
}

const LEVEL_RANKS: Record<string, number> = { exact: 0, subcommand: 1, program: 2 };
function levelRank(level: string): number {
  return LEVEL_RANKS[level] ?? 0;
}

/** Distinct calls of a list of items (a compound call counts once). */
export function uniqueCalls(items: Item[]): EvidenceCall[] {
  const seen = new Map<string, EvidenceCall>();
  for (const item of items) seen.set(item.call.id, item.call);
  return [...seen.values()];
}

/** How many calls a list stands for (folded calls counted). */
export function countOf(calls: EvidenceCall[]): number {
  let n = 0;
  for (const call of calls) n += call.count ?? 1;
  return n;
}

/** UTC day of an epoch-ms time. */
export function dayOf(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}

/** Per-day approvals and denials for the dashboard chart. */
export function history(approved: Item[], denied: Item[]): DailyCount[] {
  const byDay = new Map<string, DailyCount>();
  const bump = (call: EvidenceCall, field: 'approvals' | 'denials'): void => {
    const day = dayOf(call.ts);
    const entry = byDay.get(day) ?? { day, approvals: 0, denials: 0 };
    entry[field] += call.count ?? 1;
    byDay.set(day, entry);
  };
  for (const call of uniqueCalls(approved)) bump(call, 'approvals');
  for (const call of uniqueCalls(denied)) bump(call, 'denials');
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Up to `n` distinct redacted examples, most frequent first. */
export function examples(items: Item[], n = 3): string[] {
  const counts = new Map<string, number>();
  for (const item of items)
    counts.set(item.display, (counts.get(item.display) ?? 0) + (item.call.count ?? 1));
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([text]) => redactCommand(redactText(text)));
}

/** The alternative breadths of a proposal, for the dashboard's edit key. */
export function alternative(stats: PatternStats): RuleAlternative {
  return {
    rule: stats.pattern.rule,
    level: stats.pattern.level,
    promptsSaved: stats.promptsSaved,
    deniedCovered: stats.denials,
    blockedBy: stats.blockedBy,
  };
}

/** Scope and target: approved in two or more projects → the user file, else the project's local file. */
export function scopeFor(
  projects: string[],
  options: LearnOptions,
): { scope: 'user' | 'project'; project: string | null; target: string } {
  const [only] = projects;
  if (projects.length !== 1 || only === undefined) {
    return { scope: 'user', project: null, target: options.userSettings };
  }
  return { scope: 'project', project: only, target: options.localSettingsFor(only) };
}

/** Build the Suggestion for a measured pattern. */
export function toSuggestion(
  kind: SuggestionKind,
  stats: PatternStats,
  options: LearnOptions,
  extra: { reason: string; alternatives: RuleAlternative[]; alsoMatches?: string[]; projects?: string[] },
): Suggestion {
  const projects = extra.projects ?? stats.projects;
  const where = scopeFor(projects, options);
  const approvedCalls = uniqueCalls(stats.approved);
  const deniedCalls = uniqueCalls(stats.denied);
  const all = [...approvedCalls, ...deniedCalls].map((c) => c.ts);
  const evidenceItems = kind === 'allow' ? stats.approved : stats.denied;
  return {
    id: suggestionId(kind, stats.pattern.rule, [], where.target),
    kind,
    rule: stats.pattern.rule,
    replaces: [],
    target: where.target,
    scope: where.scope,
    project: where.project,
    level: stats.pattern.level,
    confidence: stats.confidence,
    confidenceInputs: stats.inputs,
    evidence: {
      approvals: countOf(approvedCalls),
      denials: countOf(deniedCalls),
      sessions: new Set([...approvedCalls, ...deniedCalls].map((c) => c.session)).size,
      projects: new Set([...approvedCalls, ...deniedCalls].map((c) => c.project)).size,
      firstSeen: all.length ? new Date(Math.min(...all)).toISOString() : null,
      lastSeen: all.length ? new Date(Math.max(...all)).toISOString() : null,
    },
    risk: stats.verdict.risk,
    promptsSaved: kind === 'allow' ? stats.promptsSaved : 0,
    deniedCovered: kind === 'allow' ? countOf(deniedCalls) : 0,
    examples: examples(evidenceItems),
    alsoMatches: (extra.alsoMatches ?? []).map((text) => redactCommand(redactText(text))),
    reason: extra.reason,
    history: history(stats.approved, stats.denied),
    alternatives: extra.alternatives,
  };
}

/** Evidence calls as confidence's decision points: `yes` counted as approvals, `no` as denials. */
export function decisionPoints(yes: EvidenceCall[], no: EvidenceCall[]): DecisionPoint[] {
  const point = (c: EvidenceCall, approved: boolean): DecisionPoint => ({
    ts: c.ts,
    approved,
    session: c.session,
    project: c.project,
    count: c.count ?? 1,
  });
  return [...yes.map((c) => point(c, true)), ...no.map((c) => point(c, false))];
}
