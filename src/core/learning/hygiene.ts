// Hygiene over the settings in force: invalid or never-consulted rules, duplicates (also `x:*` vs
// `x *`), allow rules shadowed by a deny/ask, dead rules (nothing matched in the window, judged only
// where there is evidence in the window), and one-off exact rules one safe pattern can replace.

import { classifySegment, isRiskyAllow } from '../risk-policy.js';
import { plainSegment } from '../shell/segment.js';
import type { RiskClass, RuleLevel, Suggestion, SuggestionKind } from '../types.js';
import { suggestionId } from './hash.js';
import type { Item } from './patterns.js';
import type { EvidenceCall, LearnOptions, MatchItem, RuleOps, SettingsSource } from './types.js';

/** What hygiene needs besides the settings files. */
export interface HygieneInputs {
  sources: SettingsSource[];
  /** Did the rule match anything in the window? null = no evidence in the window for that file's project. */
  matchedInWindow: (rule: string, source: SettingsSource) => boolean | null;
  /** Denied evidence: a replacement pattern must cover none of it. */
  denied: Item[];
  /** The newest Claude Code version seen (rule syntax for replacements). */
  version: string | null;
}

/** A Bash rule's specifier split into its form. */
export function bashForm(rule: string): { form: 'exact' | 'prefix' | 'glob' | 'all'; text: string } | null {
  const m = /^Bash(?:\((.*)\))?$/s.exec(rule.trim());
  if (!m) return null;
  const spec = m[1];
  if (spec === undefined || spec === '*' || spec === '') return { form: 'all', text: '' };
  if (spec.endsWith(':*')) return { form: 'prefix', text: spec.slice(0, -2) };
  if (spec.endsWith(' *') && !spec.slice(0, -2).includes('*'))
    return { form: 'prefix', text: spec.slice(0, -2) };
  if (spec.includes('*')) return { form: 'glob', text: spec };
  return { form: 'exact', text: spec };
}

/** The canonical form of a rule, so `Bash(x:*)` and `Bash(x *)` compare equal. */
export function canonicalRule(rule: string): string {
  const form = bashForm(rule);
  if (!form) return rule.trim();
  if (form.form === 'prefix') return `Bash(${form.text} *)`;
  if (form.form === 'all') return 'Bash';
  return `Bash(${form.text})`;
}

function probe(text: string, source: SettingsSource): MatchItem {
  const argv = text.split(' ').filter(Boolean);
  const call: EvidenceCall = {
    id: 'probe',
    ts: 0,
    session: '',
    project: source.baseDir,
    cwd: source.baseDir,
    version: null,
    tool: 'Bash',
    answer: 'unknown',
    prompted: null,
    segments: [],
    target: text,
  };
  const segment = plainSegment(argv, text);
  call.segments = [segment];
  return { call, segment };
}

function scopeOf(source: SettingsSource): { scope: 'user' | 'project'; project: string | null } {
  return source.scope === 'user'
    ? { scope: 'user', project: null }
    : { scope: 'project', project: source.baseDir };
}

function riskOf(rule: string): { risk: RiskClass; level: RuleLevel } {
  const form = bashForm(rule);
  if (!form) return { risk: 'read-only', level: rule.startsWith('mcp__') ? 'mcp-tool' : 'path' };
  const argv = form.text.split(' ').filter(Boolean);
  const verdict = classifySegment({ program: argv[0] ?? '', subcommand: argv.slice(1, 2), argv });
  return {
    risk: verdict.risk,
    level: form.form === 'exact' ? 'exact' : argv.length > 1 ? 'subcommand' : 'program',
  };
}

function cleanup(
  kind: SuggestionKind,
  rule: string,
  replaces: string[],
  source: SettingsSource,
  reason: string,
  confidence: number,
  extra: Partial<Suggestion> = {},
): Suggestion {
  const { risk, level } = riskOf(rule);
  return {
    id: suggestionId(kind, rule, replaces, source.path),
    kind,
    rule,
    replaces,
    target: source.path,
    ...scopeOf(source),
    level,
    confidence,
    confidenceInputs: null,
    evidence: { approvals: 0, denials: 0, sessions: 0, projects: 0, firstSeen: null, lastSeen: null },
    risk,
    promptsSaved: 0,
    deniedCovered: 0,
    examples: [],
    alsoMatches: [],
    reason,
    history: [],
    alternatives: [],
    ...extra,
  };
}

/**
 * The family of a rule, for grouping hygiene: a Bash rule's first two words
 * (`Bash(node scripts/migrate.mjs …)`), an MCP server's tools, else the tool name.
 */
export function ruleFamily(rule: string): string {
  const form = bashForm(rule);
  if (form) {
    const words = form.text.split(' ').filter(Boolean);
    return words.length === 0
      ? 'Bash'
      : `Bash(${words.slice(0, 2).join(' ')}${words.length > 2 || form.form !== 'exact' ? ' …' : ''})`;
  }
  const tool = /^([A-Za-z_][\w-]*)/.exec(rule)?.[1] ?? rule;
  if (tool.startsWith('mcp__')) return `${tool.split('__').slice(0, 2).join('__')}__…`;
  return rule.includes('(') ? `${tool}(…)` : tool;
}

function groupByFamily(rules: string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const rule of rules) {
    const family = ruleFamily(rule);
    groups.set(family, [...(groups.get(family) ?? []), rule]);
  }
  return groups;
}

const ABSOLUTE_LOOKING = /^(Read|Edit)\(\/(home|Users|etc|nix|usr|var|tmp|opt|srv|mnt|run|root)\//;

/** Hygiene proposals (`remove` / `replace`) for the given settings files. */
export function learnHygiene(inputs: HygieneInputs, ops: RuleOps, options: LearnOptions): Suggestion[] {
  const out: Suggestion[] = [];
  const writable = inputs.sources.filter(
    (s) => s.scope === 'user' || s.scope === 'project' || s.scope === 'local',
  );
  const flagged = new Set<string>(); // path|rule already proposed for removal
  const flag = (s: Suggestion, rule: string): void => {
    const key = `${s.target}|${rule}`;
    if (flagged.has(key)) return;
    flagged.add(key);
    out.push(s);
  };
  // invalid or never consulted
  for (const source of writable) {
    for (const rule of [...source.allow, ...source.ask, ...source.deny]) {
      const problems = ops.ruleProblems(rule, source);
      if (problems.length === 0) continue;
      const fixed = ABSOLUTE_LOOKING.test(rule)
        ? rule.replace(/^(Read|Edit)\(\//, '$1(//')
        : rule.replace(/^(Write|MultiEdit|NotebookEdit)\(/, 'Edit(').replace(/^Glob\(/, 'Read(');
      if (fixed !== rule) {
        flag(cleanup('replace', fixed, [rule], source, `invalid: ${problems.join('; ')}`, 1), rule);
      } else {
        flag(cleanup('remove', rule, [rule], source, `invalid: ${problems.join('; ')}`, 1), rule);
      }
    }
  }
  // duplicates within a file, and across files (the narrower file's copy goes)
  const order: Record<string, number> = { user: 0, project: 1, local: 2 };
  const sorted = [...writable].sort((a, b) => (order[a.scope] ?? 3) - (order[b.scope] ?? 3));
  const seenAt = new Map<string, SettingsSource>();
  for (const source of sorted) {
    for (const list of ['allow', 'ask', 'deny'] as const) {
      const inFile = new Map<string, string>();
      for (const rule of source[list]) {
        const canon = `${list}:${canonicalRule(rule)}`;
        const earlier = inFile.get(canon);
        if (earlier !== undefined) {
          const legacy = rule.endsWith(':*)') ? rule : earlier;
          const why =
            earlier === rule
              ? 'duplicate: the same rule twice in this file'
              : `duplicate: ${legacy} is the same as ${legacy === rule ? earlier : rule}`;
          flag(cleanup('remove', legacy, [legacy], source, why, 1), legacy);
          continue;
        }
        inFile.set(canon, rule);
        const other = seenAt.get(canon);
        if (
          other &&
          other.path !== source.path &&
          (other.scope === 'user' || other.baseDir === source.baseDir)
        ) {
          flag(cleanup('remove', rule, [rule], source, `duplicate: already in ${other.path}`, 1), rule);
        } else seenAt.set(canon, source);
      }
    }
  }
  // allow rules shadowed by a deny/ask anywhere in force
  for (const source of writable) {
    for (const rule of source.allow) {
      const form = bashForm(rule);
      const shadow = inputs.sources
        .flatMap((from) => [
          ...from.deny.map((r) => ({ r, kind: 'deny' as const, from })),
          ...from.ask.map((r) => ({ r, kind: 'ask' as const, from })),
        ])
        .filter(({ r, kind, from }) => {
          const global = from.scope === 'user' || from.scope === 'managed';
          if (!global && (source.scope === 'user' || from.baseDir !== source.baseDir)) return false;
          if (form && (form.form === 'exact' || form.form === 'prefix')) {
            return ops.matches(r, probe(form.text, source), kind, from.baseDir);
          }
          return canonicalRule(r) === canonicalRule(rule) || (!r.includes('(') && rule.startsWith(`${r}(`));
        });
      const first = shadow[0];
      if (first) {
        const why = `shadowed: the ${first.kind} rule ${first.r} in ${first.from.path} always wins`;
        flag(cleanup('remove', rule, [rule], source, why, 1), rule);
      }
    }
  }
  // dead allow rules (only where the window has evidence for the file's project), one proposal
  // per family: "remove 20 dead rules Bash(node scripts/migrate.mjs …)" is one decision, not 20
  for (const source of writable) {
    const dead: string[] = [];
    for (const rule of source.allow) {
      if (flagged.has(`${source.path}|${rule}`)) continue;
      if (inputs.matchedInWindow(rule, source) !== false) continue;
      flagged.add(`${source.path}|${rule}`);
      dead.push(rule);
    }
    const why = `matched nothing in ${options.windowDays} days`;
    for (const [family, rules] of groupByFamily(dead)) {
      const [first] = rules;
      if (first === undefined) continue;
      if (rules.length === 1) {
        out.push(cleanup('remove', first, [first], source, `dead: ${why}`, 0.8));
        continue;
      }
      out.push(
        cleanup('remove', first, rules, source, `dead: ${rules.length} rules of one family ${why}`, 0.8, {
          list: 'allow',
          family,
          examples: rules.slice(0, 5),
        }),
      );
    }
  }
  // one-off exact rules one safe pattern could replace
  for (const source of writable) {
    const exact = source.allow.filter(
      (r) => bashForm(r)?.form === 'exact' && !flagged.has(`${source.path}|${r}`),
    );
    const byPrefix = new Map<string, string[]>();
    for (const rule of exact) {
      const words = (bashForm(rule)?.text ?? '').split(' ').filter(Boolean);
      for (const n of [2, 1]) {
        if (words.length <= n - 1) continue;
        const key = words.slice(0, n).join(' ');
        byPrefix.set(key, [...(byPrefix.get(key) ?? []), rule]);
      }
    }
    const used = new Set<string>();
    for (const [prefix, rules] of [...byPrefix.entries()].sort(
      (a, b) => b[0].split(' ').length - a[0].split(' ').length,
    )) {
      const fresh = rules.filter((r) => !used.has(r));
      if (fresh.length < 3) continue;
      const words = prefix.split(' ');
      const level = words.length === 1 ? 'program' : 'subcommand';
      const verdicts = fresh.map((r) => {
        const argv = (bashForm(r)?.text ?? '').split(' ');
        return classifySegment({ program: argv[0] ?? '', subcommand: argv.slice(1, 2), argv });
      });
      const own = classifySegment({ program: words[0] ?? '', subcommand: words.slice(1), argv: words });
      const all = [own, ...verdicts];
      const allowed = all.every(
        (v) =>
          v.maxLevel !== null &&
          v.autoAllow !== 'never' &&
          (v.maxLevel === 'program' || (v.maxLevel === 'subcommand' && level === 'subcommand')),
      );
      const risk = all.map((v) => v.risk).find((r) => isRiskyAllow(r, level));
      if (!allowed || risk !== undefined) continue;
      const pattern = ops.formatBashRule(words, true, inputs.version);
      const coversDenied = inputs.denied.some((item) => ops.matches(pattern, item, 'allow', source.baseDir));
      if (coversDenied) continue;
      for (const r of fresh) used.add(r);
      out.push(
        cleanup(
          'replace',
          pattern,
          fresh,
          source,
          `${fresh.length} one-off rules, one ${level}-level pattern`,
          0.9,
          {
            level,
            risk: own.risk,
            examples: fresh.slice(0, 3).map((r) => bashForm(r)?.text ?? r),
          },
        ),
      );
    }
  }
  return out;
}
