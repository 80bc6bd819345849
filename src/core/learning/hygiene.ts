// Hygiene over the settings in force: invalid or never-consulted rules, duplicates (also `x:*` vs
// `x *`), allow rules shadowed by a deny/ask, exact rules for commands Claude Code never asks about,
// dead rules (nothing matched in the window, judged only where there is evidence in the window),
// and one-off exact rules one safe pattern can replace. Removals are grouped by family.

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
 * The family of a rule, for grouping hygiene: a Bash rule's program, an MCP server's tools, else
 * the tool.
 */
export function ruleFamily(rule: string): string {
  const form = bashForm(rule);
  if (form) return `Bash(${form.text.split(' ').find(Boolean) ?? ''}`;
  const tool = /^([A-Za-z_][\w-]*)/.exec(rule)?.[1] ?? rule;
  return tool.startsWith('mcp__') ? tool.split('__').slice(0, 2).join('__') : tool;
}

/**
 * How a family reads: the words its Bash rules share (`Bash(node scripts/migrate.mjs …)`), the
 * MCP server (`mcp__github__…`), else the tool (`Read(…)`).
 */
export function familyLabel(rules: string[]): string {
  const forms = rules.map((r) => bashForm(r));
  if (forms.every((f) => f !== null)) {
    const words = forms.map((f) => (f?.text ?? '').split(' ').filter(Boolean));
    const common: string[] = [];
    for (let i = 0; words.every((w) => w[i] !== undefined && w[i] === words[0]?.[i]); i += 1)
      common.push(words[0]?.[i] ?? '');
    return `Bash(${common.join(' ')} …)`;
  }
  const family = ruleFamily(rules[0] ?? '');
  return family.startsWith('mcp__') ? `${family}__…` : `${family}(…)`;
}

// A word a simple split reads right: plain, or quoted with nothing bash would expand inside.
const SIMPLE_WORD = /^(?:[A-Za-z0-9_./@%+=,:~^-]+|"[^"$`\\!]*"|'[^']*')+$/;

/** The words of a plain command (quotes removed), or null when it needs a real shell parse. */
function plainWords(text: string): string[] | null {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0 || !words.every((w) => SIMPLE_WORD.test(w))) return null;
  return words.map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
}

/** A rule hygiene takes away, before grouping. */
interface Removal {
  source: SettingsSource;
  list: 'allow' | 'ask' | 'deny';
  rule: string;
  why: string;
  confidence: number;
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
  // removals of one stage, grouped by file, list and family when emitted: twenty dead (or
  // invalid, duplicate, shadowed) rules of one family are one proposal and one decision
  let pending: Removal[] = [];
  const remove = (
    source: SettingsSource,
    list: Removal['list'],
    rule: string,
    why: string,
    confidence: number,
  ): void => {
    const key = `${source.path}|${rule}`;
    if (flagged.has(key)) return;
    flagged.add(key);
    pending.push({ source, list, rule, why, confidence });
  };
  const emitRemovals = (): void => {
    const groups = new Map<string, Removal[]>();
    for (const r of pending) {
      const key = `${r.source.path}\u0000${r.list}\u0000${ruleFamily(r.rule)}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const members of groups.values()) {
      const [first] = members;
      if (!first) continue;
      if (members.length === 1) {
        out.push(cleanup('remove', first.rule, [first.rule], first.source, first.why, first.confidence));
        continue;
      }
      const rules = members.map((m) => m.rule);
      const cls = first.why.split(':')[0] ?? 'cleanup';
      const detail = first.why.slice(cls.length + 1).trim();
      const reason = members.every((m) => m.why === first.why)
        ? `${cls}: ${rules.length} rules of one family ${detail.replace(/^the same rule/, 'each the same rule')}`
        : `${cls}: ${rules.length} rules of one family (first: ${detail})`;
      out.push(
        cleanup(
          'remove',
          first.rule,
          rules,
          first.source,
          reason,
          Math.min(...members.map((m) => m.confidence)),
          {
            list: first.list,
            family: familyLabel(rules),
            examples: rules.slice(0, 5),
          },
        ),
      );
    }
    pending = [];
  };
  // invalid or never consulted
  for (const source of writable) {
    for (const [list, rule] of (['allow', 'ask', 'deny'] as const).flatMap((l) =>
      source[l].map((r) => [l, r] as const),
    )) {
      const problems = ops.ruleProblems(rule, source);
      if (problems.length === 0) continue;
      const fixed = ABSOLUTE_LOOKING.test(rule)
        ? rule.replace(/^(Read|Edit)\(\//, '$1(//')
        : rule.replace(/^(Write|MultiEdit|NotebookEdit)\(/, 'Edit(').replace(/^Glob\(/, 'Read(');
      if (fixed !== rule) {
        flag(cleanup('replace', fixed, [rule], source, `invalid: ${problems.join('; ')}`, 1), rule);
      } else {
        remove(source, list, rule, `invalid: ${problems.join('; ')}`, 1);
      }
    }
  }
  emitRemovals();
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
          remove(source, list, legacy, why, 1);
          continue;
        }
        inFile.set(canon, rule);
        const other = seenAt.get(canon);
        if (
          other &&
          other.path !== source.path &&
          (other.scope === 'user' || other.baseDir === source.baseDir)
        ) {
          remove(source, list, rule, `duplicate: already in ${other.path}`, 1);
        } else seenAt.set(canon, source);
      }
    }
  }
  emitRemovals();
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
        remove(source, 'allow', rule, why, 1);
      }
    }
  }
  emitRemovals();
  // exact allow rules for commands Claude Code runs without asking (its built-in read-only set):
  // they never save a prompt. Only plain words are judged; anything the simple split could get
  // wrong is left alone.
  for (const source of writable) {
    for (const rule of source.allow) {
      const form = bashForm(rule);
      if (form?.form !== 'exact') continue;
      const argv = plainWords(form.text);
      if (argv && ops.isBuiltinReadOnly(plainSegment(argv, form.text)))
        remove(
          source,
          'allow',
          rule,
          'redundant: Claude Code runs this without asking (built-in read-only)',
          0.9,
        );
    }
  }
  emitRemovals();
  // dead allow rules (only where the window has evidence for the file's project), one proposal
  // per family: "remove 20 dead rules Bash(node scripts/migrate.mjs …)" is one decision, not 20
  for (const source of writable) {
    for (const rule of source.allow) {
      if (flagged.has(`${source.path}|${rule}`)) continue;
      if (inputs.matchedInWindow(rule, source) !== false) continue;
      remove(source, 'allow', rule, `dead: matched nothing in ${options.windowDays} days`, 0.8);
    }
  }
  emitRemovals();
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
