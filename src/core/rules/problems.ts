// Hygiene checks on one rule as written in one settings file: rules Claude Code rejects, skips
// or reads differently from what their author most likely meant.

import type { RuleSource } from './evaluate.js';
import { isRuleError, NEVER_CONSULTED_PATH_TOOLS, parseRule } from './parse-rule.js';

type Kind = 'allow' | 'ask' | 'deny';

/**
 * Problems with a rule in a source, one sentence each; [] when it is fine. `kind` defaults to the
 * array the rule is found in within `source` (allow when absent).
 */
export function ruleProblems(
  rule: string,
  source: Pick<RuleSource, 'scope' | 'baseDir' | 'path'> & Partial<Pick<RuleSource, Kind>>,
  kind?: Kind,
): string[] {
  const k: Kind =
    kind ?? (source.deny?.includes(rule) ? 'deny' : source.ask?.includes(rule) ? 'ask' : 'allow');
  const parsed = parseRule(rule);
  if (isRuleError(parsed)) return [`invalid rule: ${parsed.error}`];
  const problems: string[] = [];
  if (parsed.form === 'path' && NEVER_CONSULTED_PATH_TOOLS.includes(parsed.tool)) {
    const use = parsed.tool === 'Glob' ? 'Read' : 'Edit';
    problems.push(
      `${parsed.tool}(…) path rules are never consulted by Claude Code; use ${use}(${parsed.specifier ?? ''})`,
    );
  }
  if (parsed.form === 'path' && parsed.specifier !== null) {
    const spec = parsed.specifier.trim();
    const looksAbsolute =
      /^\/(?:home|Users|root|etc|var|usr|nix|opt|tmp|mnt|srv|run|private|Volumes)(?:\/|$)/.test(spec);
    // In the user file `/**` means ~/.claude/**, rarely what "everything" was meant to say.
    const userWholeTree = source.scope === 'user' && /^\/\*\*?(?:\/.*)?$/.test(spec);
    if ((looksAbsolute || userWholeTree) && !spec.startsWith('//')) {
      problems.push(
        `"${spec}" is relative to ${source.baseDir} (the settings file's base), not absolute; write //${spec.slice(1)} for an absolute path`,
      );
    }
  }
  if (parsed.form === 'tool-glob' && k === 'allow' && !/^mcp__[^*_][^*]*?__/.test(parsed.tool)) {
    problems.push(
      `tool-name glob "${parsed.tool}" is skipped in allow rules (only mcp__<server>__… globs are)`,
    );
  }
  if (parsed.canonicalTool === 'Bash' && parsed.specifier !== null && /:\*./.test(parsed.specifier)) {
    problems.push('":*" is only a prefix wildcard at the end of a Bash rule; here the ":" is literal');
  }
  if (parsed.form === 'param' && k === 'allow') {
    problems.push(
      `${parsed.tool}(${parsed.param ?? ''}:…) param rules only work in deny/ask; this allow rule is ignored`,
    );
  }
  if (parsed.form === 'param' && parsed.param === 'command') {
    problems.push('Bash(command:…) is ignored: param rules cannot name the primary field');
  }
  if (parsed.tool === 'WebSearch' && parsed.specifier !== null) {
    problems.push('WebSearch takes no specifier; use bare WebSearch');
  }
  if (parsed.tool === 'WebFetch' && parsed.form === 'specifier') {
    problems.push('WebFetch rules need domain:host, e.g. WebFetch(domain:example.com)');
  }
  return problems;
}
