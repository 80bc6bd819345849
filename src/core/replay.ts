// Replay: learn from the evidence up to a date, then measure on what happened after it — prompts
// the proposed rules would have removed, and calls the user refused that they would have
// auto-approved (must be 0). Matching uses Claude Code's own semantics (core/rules via RuleOps).

import { bashItems, isApprovedPrompt, isDenied, learn, coverageOracle } from './learning/index.js';
import type { EvidenceCall, LearnOptions, MatchItem, RuleOps } from './learning/index.js';
import { isRiskyAllow } from './risk-policy.js';
import type { RiskClass, RuleLevel, Suggestion } from './types.js';

/** Replay figures of one proposed rule. */
export interface ReplayRuleFigure {
  rule: string;
  scope: 'user' | 'project';
  project: string | null;
  risk: RiskClass;
  level: RuleLevel;
  promptsRemoved: number;
  deniedAutoApproved: number;
  risky: boolean;
}

/** The whole replay report (`clearance replay --json`). */
export interface ReplayReport {
  trainUntil: string;
  trainCalls: number;
  testCalls: number;
  /** Approved prompts after the training date. */
  laterPrompts: number;
  promptsRemoved: number;
  fractionRemoved: number;
  /** Refused calls after the training date. */
  deniedCalls: number;
  deniedAutoApproved: number;
  /** Allow rules of a risky class wider than exact (must be 0). */
  riskyRules: number;
  rules: number;
  perRule: ReplayRuleFigure[];
}

function applies(s: Suggestion, call: EvidenceCall): boolean {
  return s.scope === 'user' || s.project === call.project;
}

/** Which proposed allow rules would have let this call through without a prompt (none → []). */
export function rulesLettingThrough(
  call: EvidenceCall,
  allow: Suggestion[],
  ops: RuleOps,
  decide: (item: MatchItem) => 'allow' | 'ask' | 'deny' | 'none',
): Suggestion[] {
  const items: MatchItem[] = call.tool === 'Bash' ? bashItems([call], ops) : [{ call, segment: null }];
  if (items.length === 0) return [];
  const used = new Set<Suggestion>();
  for (const item of items) {
    const inForce = decide(item);
    if (inForce === 'deny' || inForce === 'ask') return [];
    // what a launcher runs rides on the launcher for allow (the client matches the outer text)
    if (inForce === 'allow' || ('inner' in item && item.inner === true)) continue;
    const rule = allow.find((s) => applies(s, call) && ops.matches(s.rule, item, 'allow', call.project));
    if (!rule) return [];
    used.add(rule);
  }
  return [...used];
}

/** Train on calls with ts ≤ trainUntil, evaluate on the later ones. */
export function replay(
  calls: EvidenceCall[],
  trainUntil: number,
  ops: RuleOps,
  options: LearnOptions,
): ReplayReport {
  const train = calls.filter((c) => c.ts <= trainUntil);
  const test = calls.filter((c) => c.ts > trainUntil && c.ts <= options.now);
  const trainOptions: LearnOptions = { ...options, now: trainUntil };
  const allow = learn(train, ops, trainOptions).suggestions.filter((s) => s.kind === 'allow');
  const decide = coverageOracle(ops, options);
  const figures = new Map<Suggestion, ReplayRuleFigure>(
    allow.map((s) => [
      s,
      {
        rule: s.rule,
        scope: s.scope,
        project: s.project,
        risk: s.risk,
        level: s.level,
        promptsRemoved: 0,
        deniedAutoApproved: 0,
        risky: isRiskyAllow(s.risk, s.level),
      },
    ]),
  );
  let laterPrompts = 0;
  let removed = 0;
  let deniedCalls = 0;
  let deniedAuto = 0;
  for (const call of test) {
    const approved = isApprovedPrompt(call);
    const denied = isDenied(call);
    if (!approved && !denied) continue;
    const n = call.count ?? 1;
    if (approved) laterPrompts += n;
    else deniedCalls += n;
    const through = rulesLettingThrough(call, allow, ops, decide);
    if (through.length === 0) continue;
    if (approved) removed += n;
    else deniedAuto += n;
    for (const s of through) {
      const figure = figures.get(s);
      if (!figure) continue;
      if (approved) figure.promptsRemoved += n;
      else figure.deniedAutoApproved += n;
    }
  }
  const perRule = [...figures.values()].sort(
    (a, b) => b.promptsRemoved - a.promptsRemoved || a.rule.localeCompare(b.rule),
  );
  return {
    trainUntil: new Date(trainUntil).toISOString(),
    trainCalls: train.reduce((n, c) => n + (c.count ?? 1), 0),
    testCalls: test.reduce((n, c) => n + (c.count ?? 1), 0),
    laterPrompts,
    promptsRemoved: removed,
    fractionRemoved: laterPrompts === 0 ? 0 : Math.round((removed / laterPrompts) * 1000) / 1000,
    deniedCalls,
    deniedAutoApproved: deniedAuto,
    riskyRules: perRule.filter((f) => f.risky).length,
    rules: perRule.length,
    perRule,
  };
}
