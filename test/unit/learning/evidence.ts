// Builders for hand-made evidence: real parsed segments (tree-sitter-bash through core/shell), the
// real matcher (core/rules) behind RuleOps, and learning options with settings per project.
import type { Parser } from 'web-tree-sitter';
import { loadBashParser } from '../../../src/sources/bash-grammar.js';
import { parseCommand } from '../../../src/core/shell/parse-command.js';
import { rulesOps } from '../../../src/core/learning/rules-adapter.js';
import type { EvidenceCall, LearnOptions, SettingsSource } from '../../../src/core/learning/index.js';
import type { PromptAnswer } from '../../../src/core/types.js';

export const HOME = '/home/u';
export const NOW = Date.parse('2026-03-01T12:00:00Z');
export const DAY = 86_400_000;
export const ops = rulesOps(HOME);

// top-level await: it.each tables are built at collection time and need the parser already
const parser: Parser = await loadBashParser();
/** Kept for symmetry with other suites: the grammar is already loaded on import. */
export async function loadParser(): Promise<void> {}

let counter = 0;

/** Options of one made-up call. */
export interface CallSpec {
  answer?: PromptAnswer;
  /** Days before NOW. */
  daysAgo?: number;
  session?: string;
  project?: string;
  version?: string;
  prompted?: boolean | null;
}

function base(spec: CallSpec): Omit<EvidenceCall, 'tool' | 'segments' | 'target'> {
  counter += 1;
  const project = spec.project ?? '/home/u/work/app';
  return {
    id: `toolu_${counter}`,
    ts: NOW - (spec.daysAgo ?? 1) * DAY - counter,
    session: spec.session ?? `s${Math.floor((spec.daysAgo ?? 1) * 2)}`,
    project,
    cwd: project,
    version: spec.version ?? '2.1.38',
    answer: spec.answer ?? 'approved',
    prompted: spec.prompted === undefined ? true : spec.prompted,
  };
}

/** A Bash call parsed with the real shell parser. */
export function bash(command: string, spec: CallSpec = {}): EvidenceCall {
  return { ...base(spec), tool: 'Bash', segments: parseCommand(parser, command).segments, target: command };
}

/** A non-Bash call (Read, WebFetch, mcp__…). */
export function toolCall(tool: string, target: string | null, spec: CallSpec = {}): EvidenceCall {
  return { ...base(spec), tool, segments: [], target };
}

/** `n` calls spread over days and sessions (day i % days). */
export function times(n: number, make: (i: number) => EvidenceCall): EvidenceCall[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

/** Learning options with the given settings files in force per project ('' = user level). */
export function options(sources: SettingsSource[] = [], overrides: Partial<LearnOptions> = {}): LearnOptions {
  return {
    now: NOW,
    home: HOME,
    userSettings: `${HOME}/.claude/settings.json`,
    localSettingsFor: (project) => `${project}/.claude/settings.local.json`,
    sourcesFor: () => sources,
    minConfidence: 0.5,
    windowDays: 30,
    halfLifeDays: 14,
    ...overrides,
  };
}

/** A settings source for tests. */
export function source(
  path: string,
  scope: SettingsSource['scope'],
  baseDir: string,
  rules: Partial<Pick<SettingsSource, 'allow' | 'ask' | 'deny'>>,
): SettingsSource {
  return { path, scope, baseDir, allow: rules.allow ?? [], ask: rules.ask ?? [], deny: rules.deny ?? [] };
}
