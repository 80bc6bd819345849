// Fewer rules that matter (issue 13): the last pass over the engine's proposals. An exact rule is
// kept only when its command came back (a commit message or a timestamped path never matches
// again), and every rule written to one settings file uses one syntax: the one of the newest
// Claude Code version seen for that file.

import type { Suggestion } from '../types.js';
import { suggestionId } from './hash.js';
import { bashForm } from './hygiene.js';
import type { EvidenceCall, LearnOptions, RuleOps } from './types.js';
import { newestVersion } from './versions.js';

/** Distinct sessions an exact command must have come back in before it becomes a rule. */
export const EXACT_RECURRENCE = 2;

/**
 * Did the exact command of a proposal come back, in another session? Approvals within one
 * sitting (a retry loop, a commit message approved again after a hook failed, a session left open
 * over midnight) say nothing about tomorrow: a commit message or a timestamped path never recurs.
 */
export function recurs(s: Suggestion): boolean {
  return s.evidence.sessions >= EXACT_RECURRENCE;
}

/** Learned (not hygiene) exact Bash proposals whose command never came back are dropped. */
export function dropOneOffExact(suggestions: Suggestion[]): Suggestion[] {
  return suggestions.filter(
    (s) =>
      s.kind === 'remove' ||
      s.kind === 'replace' ||
      s.level !== 'exact' ||
      !s.rule.startsWith('Bash(') ||
      recurs(s),
  );
}

/** The newest Claude Code version seen for each settings file the proposals may target. */
export function versionsByFile(
  calls: EvidenceCall[],
  options: LearnOptions,
): { forFile: (file: string) => string | null } {
  const perProject = new Map<string, Set<string | null>>();
  for (const call of calls) {
    let set = perProject.get(call.project);
    if (!set) perProject.set(call.project, (set = new Set()));
    set.add(call.version);
  }
  const overall = newestVersion([...perProject.values()].flatMap((s) => [...s]));
  const byFile = new Map<string, string | null>([[options.userSettings, overall]]);
  for (const [project, versions] of perProject) {
    if (project === '') continue;
    byFile.set(options.localSettingsFor(project), newestVersion(versions) ?? overall);
  }
  return { forFile: (file) => (byFile.has(file) ? (byFile.get(file) ?? null) : overall) };
}

/** A Bash prefix rule in the syntax of `version` (`Bash(x *)` from 2.1.0 on, `Bash(x:*)` before). */
function inSyntax(rule: string, version: string | null, ops: RuleOps): string {
  const form = bashForm(rule);
  if (!form || form.form !== 'prefix' || version === null) return rule;
  return ops.formatBashRule(form.text.split(' '), true, version);
}

/**
 * One rule syntax per target file: every prefix rule a proposal would write (and each of its
 * alternative breadths) takes the form of the newest version seen for that file, so a file never
 * gets `Bash(x:*)` next to `Bash(y *)` from clearance. Ids follow the rewritten rule.
 */
export function oneSyntaxPerFile(
  suggestions: Suggestion[],
  calls: EvidenceCall[],
  options: LearnOptions,
  ops: RuleOps,
): Suggestion[] {
  const versions = versionsByFile(calls, options);
  return suggestions.map((s) => {
    if (s.kind === 'remove') return s;
    const version = versions.forFile(s.target);
    const rule = inSyntax(s.rule, version, ops);
    const alternatives = s.alternatives.map((a) => ({ ...a, rule: inSyntax(a.rule, version, ops) }));
    if (rule === s.rule && alternatives.every((a, i) => a.rule === s.alternatives[i]?.rule)) return s;
    return { ...s, rule, alternatives, id: suggestionId(s.kind, rule, s.replaces, s.target) };
  });
}
