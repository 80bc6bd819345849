// Wires the learning engine's RuleOps to core/rules (Claude Code's matcher), so every "is this
// covered / would this rule match" question is answered by the one matcher the project has.

import {
  evaluateCall,
  formatBashRule,
  isBuiltinReadOnly,
  needsExactRule,
  ruleMatchesCall,
  ruleProblems,
} from '../rules/index.js';
import type { CallToMatch, RuleSource } from '../rules/index.js';
import type { MatchItem, RuleOps, SettingsSource } from './types.js';

/** The input a non-Bash tool call is matched on. */
function inputOf(tool: string, target: string | null): Record<string, unknown> {
  if (target === null) return {};
  if (tool === 'WebFetch') return { url: target };
  if (tool === 'Grep' || tool === 'Glob') return { path: target };
  if (tool === 'NotebookEdit') return { notebook_path: target };
  return { file_path: target };
}

/** The matcher's view of one evidence item (a Bash item is narrowed to its one segment). */
export function toCallToMatch(item: MatchItem, home: string): CallToMatch {
  const { call, segment } = item;
  if (call.tool === 'Bash') {
    const segments = segment ? [segment] : call.segments;
    return {
      tool: 'Bash',
      input: { command: segment ? segment.text : (call.target ?? '') },
      segments,
      cwd: call.cwd,
      home,
    };
  }
  return { tool: call.tool, input: inputOf(call.tool, call.target), cwd: call.cwd, home };
}

function toRuleSource(source: SettingsSource): RuleSource {
  return source as RuleSource;
}

/** RuleOps backed by core/rules, for a given home directory. */
export function rulesOps(home: string): RuleOps {
  return {
    matches: (rule, item, kind, baseDir) =>
      ruleMatchesCall(rule, toCallToMatch(item, home), { baseDir, kind }),
    decide: (item, sources) => evaluateCall(toCallToMatch(item, home), sources.map(toRuleSource)).decision,
    isBuiltinReadOnly,
    needsExactRule,
    formatBashRule: (words, wildcard, version) => formatBashRule(words, wildcard, version),
    ruleProblems: (rule, source) => ruleProblems(rule, toRuleSource(source)),
  };
}
