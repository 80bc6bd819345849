// Plain-data inputs of the learning engine, and the rule operations it borrows from core/rules.
// The engine takes the rule operations as a parameter so it stays a pure function of its inputs.

import type { CommandSegment, PromptAnswer, RuleLevel, SettingsScope } from '../types.js';

/** One tool call as learning needs it (already redacted by the ingest). */
export interface EvidenceCall {
  id: string;
  /** Epoch ms. */
  ts: number;
  session: string;
  /** Git root of the call's cwd (the project). */
  project: string;
  cwd: string;
  version: string | null;
  tool: string;
  answer: PromptAnswer;
  prompted: boolean | null;
  /** Bash: the parsed simple commands (nested ones included); other tools: empty. */
  segments: CommandSegment[];
  /** Bash: the whole (redacted) command; Read/Edit: the file path; WebFetch: the URL; else null. */
  target: string | null;
  /** Identical calls folded into this one (same input, session, day and answer); 1 when absent. */
  count?: number;
  /** The session's permission mode when the call ran (auto-mode replay); absent = not loaded. */
  mode?: string | null;
  /** What happened to the call (auto-mode replay reads `classifier-denied`); absent = not loaded. */
  outcome?: string;
}

/** A settings file in force, as the engine sees it (the shape of core/rules' RuleSource). */
export interface SettingsSource {
  path: string;
  scope: SettingsScope | 'cli';
  baseDir: string;
  allow: string[];
  ask: string[];
  deny: string[];
}

/** What a rule would be matched against: one call, optionally narrowed to one of its segments. */
export interface MatchItem {
  call: EvidenceCall;
  segment: CommandSegment | null;
}

/** The rule operations the engine needs (wired to core/rules by rules-adapter.ts). */
export interface RuleOps {
  /** Does `rule` (as an allow/ask/deny rule of a file whose base dir is `baseDir`) match this item? */
  matches(rule: string, item: MatchItem, kind: 'allow' | 'ask' | 'deny', baseDir: string): boolean;
  /** The decision of the settings in force for this item ('none' = it would prompt). */
  decide(item: MatchItem, sources: SettingsSource[]): 'allow' | 'ask' | 'deny' | 'none';
  /** Claude Code's built-in read-only set: never prompts, never needs a rule. */
  isBuiltinReadOnly(segment: CommandSegment): boolean;
  /** watch/setsid/flock/find -exec…: only an exact rule can approve it. */
  needsExactRule(segment: CommandSegment): boolean;
  /** `Bash(x *)` from 2.1.0 on, `Bash(x:*)` before. */
  formatBashRule(prefixWords: string[], wildcard: boolean, version: string | null): string;
  /** Problems that make a rule invalid or never consulted ([] = fine). */
  ruleProblems(rule: string, source: SettingsSource): string[];
}

/** Where proposals go and how strict the engine is. */
export interface LearnOptions {
  /** Epoch ms: the clock for recency and windows. */
  now: number;
  home: string;
  /** `~/.claude/settings.json`. */
  userSettings: string;
  /** The local settings file of a project (`<git root>/.claude/settings.local.json`). */
  localSettingsFor: (project: string) => string;
  /** The settings files in force for a project. */
  sourcesFor: (project: string) => SettingsSource[];
  /** Proposals below this confidence are dropped (allow/deny/ask only). */
  minConfidence: number;
  /** Days counted for "prompts saved" and dead rules. */
  windowDays: number;
  /** Recency half-life for confidence. */
  halfLifeDays: number;
  /** Distinct commands seen but never prompted for, by program (the "also matches" list). */
  seenCommands?: (program: string) => { text: string; subcommand: string[] }[];
}

/** A candidate rule at one breadth, with its statistics. */
export interface Candidate {
  rule: string;
  level: RuleLevel;
  blockedBy: string | null;
}
