// Fewer rules that matter (issue 13): the last pass over the engine's proposals. An exact rule is
// kept only when its command came back (a commit message or a timestamped path never matches
// again), and every rule written to one settings file uses one syntax: the one of the newest
// Claude Code version seen for that file.

import type { Suggestion } from '../types.js';
import { suggestionId } from './hash.js';
import { bashForm } from './hygiene.js';
import type { EvidenceCall, LearnOptions, RuleOps, SettingsSource } from './types.js';
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

/** The prefix-rule syntaxes a settings file already uses. */
function syntaxesIn(source: SettingsSource | undefined): Set<'colon' | 'space'> {
  const out = new Set<'colon' | 'space'>();
  for (const rule of source ? [...source.allow, ...source.ask, ...source.deny] : []) {
    const form = bashForm(rule);
    if (form?.form === 'prefix') out.add(rule.trimEnd().endsWith(':*)') ? 'colon' : 'space');
  }
  return out;
}

/**
 * A Bash prefix rule in the syntax of `version` (`Bash(x *)` from 2.1.0 on, `Bash(x:*)` before).
 * A file that holds only `:*` rules keeps `:*` (every version reads it, and `:*` and ` *` match
 * alike): writing ` *` there would mix the two in one file.
 */
function inSyntax(
  rule: string,
  version: string | null,
  existing: Set<'colon' | 'space'>,
  ops: RuleOps,
): string {
  const form = bashForm(rule);
  if (!form || form.form !== 'prefix' || version === null) return rule;
  const modern = ops.formatBashRule(form.text.split(' '), true, version);
  if (existing.has('colon') && !existing.has('space'))
    return ops.formatBashRule(form.text.split(' '), true, null);
  return modern;
}

/**
 * One rule syntax per target file: every prefix rule a proposal would write (and each of its
 * alternative breadths) takes the form of the newest version seen for that file, unless the file
 * already holds only `:*` rules; so clearance never puts `Bash(x:*)` next to `Bash(y *)`. Ids
 * follow the rewritten rule.
 */
export function oneSyntaxPerFile(
  suggestions: Suggestion[],
  calls: EvidenceCall[],
  options: LearnOptions,
  ops: RuleOps,
): Suggestion[] {
  const versions = versionsByFile(calls, options);
  const files = new Map<string, SettingsSource>();
  for (const project of ['', ...new Set(calls.map((c) => c.project))]) {
    for (const source of options.sourcesFor(project)) files.set(source.path, source);
  }
  return suggestions.map((s) => {
    if (s.kind === 'remove') return s;
    const version = versions.forFile(s.target);
    const existing = syntaxesIn(files.get(s.target));
    const rule = inSyntax(s.rule, version, existing, ops);
    const alternatives = s.alternatives.map((a) => ({
      ...a,
      rule: inSyntax(a.rule, version, existing, ops),
    }));
    if (rule === s.rule && alternatives.every((a, i) => a.rule === s.alternatives[i]?.rule)) return s;
    return { ...s, rule, alternatives, id: suggestionId(s.kind, rule, s.replaces, s.target) };
  });
}
