// Replay: learn from the evidence up to a date, then measure on what happened after it — prompts
// the proposed rules would have removed, and calls the user refused that they would have
// auto-approved (must be 0). Matching uses Claude Code's own semantics (core/rules via RuleOps).

import { bashItems, isApprovedPrompt, isDenied, learn, coverageOracle } from './learning/index.js';
import type { EvidenceCall, LearnOptions, MatchItem, RuleOps } from './learning/index.js';
import { autoModeApprovesWithoutClassifier, survivesAutoMode } from './auto-mode.js';
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
  /** Whether the rule stays in force in auto mode (broad rules are dropped there). */
  survivesAuto: boolean;
  /** Auto mode: classifier round-trips it would have saved, and classifier refusals it would have avoided. */
  autoRoundTripsSaved: number;
  autoRefusalsAvoided: number;
}

/** Auto-mode figures of a replay, apart from the default-mode (prompt) figures. */
export interface AutoModeFigures {
  /** Later calls of auto-mode sessions. */
  calls: number;
  /** Of those, the ones the classifier had to decide (not read-only, not an in-project edit, no rule). */
  classifierCalls: number;
  roundTripsSaved: number;
  /** Later calls the classifier refused (any session), and those a surviving proposal would have let through. */
  classifierRefusals: number;
  refusalsAvoided: number;
  /** Proposed allow rules auto mode would drop. */
  rulesDropped: number;
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
  /** The figures above are default mode's (prompts); these are auto mode's. */
  auto: AutoModeFigures;
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
  /** Later calls of auto-mode sessions and classifier refusals (with `mode` and `outcome`). */
  autoCalls: EvidenceCall[] = [],
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
        survivesAuto: survivesAutoMode(s.rule),
        autoRoundTripsSaved: 0,
        autoRefusalsAvoided: 0,
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
  // Auto mode: rules resolve first, read-only calls and in-project edits pass, the classifier decides
  // the rest; only the proposals that survive entering auto mode can save anything there.
  const surviving = allow.filter((s) => survivesAutoMode(s.rule));
  const auto: AutoModeFigures = {
    calls: 0,
    classifierCalls: 0,
    roundTripsSaved: 0,
    classifierRefusals: 0,
    refusalsAvoided: 0,
    rulesDropped: allow.length - surviving.length,
  };
  for (const call of autoCalls) {
    if (call.ts <= trainUntil || call.ts > options.now) continue;
    const n = call.count ?? 1;
    const refused = call.outcome === 'classifier-denied';
    if (call.mode === 'auto') auto.calls += n;
    if (!refused && (call.mode !== 'auto' || autoModeApprovesWithoutClassifier(call))) continue;
    if (refused) auto.classifierRefusals += n;
    // a call the rules in force already allow never reaches the classifier
    const items: MatchItem[] = call.tool === 'Bash' ? bashItems([call], ops) : [{ call, segment: null }];
    if (!refused && items.length > 0 && items.every((i) => decide(i) === 'allow')) continue;
    if (!refused) auto.classifierCalls += n;
    const through = rulesLettingThrough(call, surviving, ops, decide);
    if (through.length === 0) continue;
    if (refused) auto.refusalsAvoided += n;
    else auto.roundTripsSaved += n;
    for (const s of through) {
      const figure = figures.get(s);
      if (!figure) continue;
      if (refused) figure.autoRefusalsAvoided += n;
      else figure.autoRoundTripsSaved += n;
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
    auto,
  };
}
