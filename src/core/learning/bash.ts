// Bash generalization: per simple command (Claude Code matches per segment), candidates at exact,
// subcommand and program level; the broadest one that covers no denied call, that the risk policy
// allows and that has enough evidence wins. Narrower candidates are only tried for what it left.

import { hasRedaction } from '../redact.js';
import {
  classifySegment,
  combineVerdicts,
  hasProgramEnv,
  isDownloadExec,
  programBase,
} from '../risk-policy.js';
import type { RiskVerdict } from '../risk-policy.js';
import { wildcardVerdict } from '../risk-spec.js';
import { isInnerView } from '../shell/parse-command.js';
import { plainSegment } from '../shell/segment.js';
import type { CommandSegment, Suggestion } from '../types.js';
import { alternative, measure, toSuggestion } from './patterns.js';
import type { Item, Pattern, PatternStats } from './patterns.js';
import type { EvidenceCall, LearnOptions, RuleOps } from './types.js';
import { newestVersion } from './versions.js';

/** Minimum approvals per breadth (one approval is never enough). */
export const MIN_APPROVALS = { exact: 2, subcommand: 3, program: 4 } as const;

/**
 * The words after the program a subcommand-level rule keeps: the CLI's subcommand path as the
 * subcommand table reads it (`npm run build`, `nix flake check`). A program the table does not
 * know has none: an unknown CLI's next word is never taken for a subcommand.
 */
export function subWords(segment: Pick<CommandSegment, 'program' | 'subcommand' | 'argv'>): string[] {
  return segment.subcommand;
}

function startsWith(words: string[], prefix: string[]): boolean {
  return prefix.length <= words.length && prefix.every((w, i) => words[i] === w);
}

/** The risk verdict of one segment of a call, with the call-level facts (curl | sh) added. */
export function segmentVerdict(segment: CommandSegment, call: EvidenceCall, ops: RuleOps): RiskVerdict {
  const verdicts = [classifySegment(segment)];
  if (hasProgramEnv(segment.envNames)) {
    verdicts.push({
      risk: 'inline-code',
      maxLevel: null,
      autoAllow: 'never',
      why: ['an env assignment in front names a program (PAGER, EDITOR, GIT_SSH_COMMAND…)'],
    });
  }
  if (segment.wrappers.includes('xargs') || segment.wrappers[0] === 'xargs (with flags)') {
    // its real arguments are a file list read at run time: no rule for what it was shown
    verdicts.push({
      risk: verdicts[0]?.risk ?? 'unknown',
      maxLevel: null,
      autoAllow: 'never',
      why: ['run by xargs on a file list read at run time'],
    });
  }
  if (ops.needsExactRule(segment)) {
    verdicts.push({
      risk: 'unknown',
      maxLevel: 'exact',
      autoAllow: 'more-evidence',
      why: ['needs an exact rule'],
    });
  }
  if (isDownloadExec({ segments: call.segments })) {
    verdicts.push({
      risk: 'download-exec',
      maxLevel: null,
      autoAllow: 'never',
      why: ['download piped into a shell'],
    });
  }
  return combineVerdicts(verdicts);
}

/**
 * Items for every segment of the given calls (skipping built-in read-only segments). A segment a
 * launcher runs (`nix develop -c X`, `sudo X`, `env X`, `bash -c 'X'`) is an item of its own marked
 * `inner`, and its verdict is added to its launcher's: the launcher is never safer than what it runs.
 */
export function bashItems(calls: EvidenceCall[], ops: RuleOps): Item[] {
  const items: Item[] = [];
  // folded evidence shares segment arrays per command: classify each command once
  const verdicts = new Map<CommandSegment[], (RiskVerdict | null)[]>();
  for (const call of calls) {
    if (call.tool !== 'Bash') continue;
    let known = verdicts.get(call.segments);
    if (!known) {
      const own = call.segments.map((segment) => segmentVerdict(segment, call, ops));
      const combined = [...own];
      let outer = -1;
      call.segments.forEach((segment, i) => {
        if (!isInnerView(segment)) outer = i;
        else if (outer >= 0) combined[outer] = combineVerdicts([combined[outer]!, own[i]!]);
      });
      known = call.segments.map((segment, i) =>
        segment.program === '' || ops.isBuiltinReadOnly(segment) ? null : combined[i]!,
      );
      verdicts.set(call.segments, known);
    }
    call.segments.forEach((segment, i) => {
      const verdict = known[i];
      if (verdict) items.push({ call, segment, display: segment.text, verdict, inner: isInnerView(segment) });
    });
  }
  return items;
}

interface BashPatternSpec {
  program: string;
  words: string[] | null; // null = exact
  text?: string;
}

function makePattern(spec: BashPatternSpec, items: Item[], ops: RuleOps, version: string | null): Pattern {
  const sample0 = spec.words === null ? items.find((i) => i.segment?.text === spec.text)?.segment : undefined;
  // the family a later refusal counts in: same program and first subcommand word
  const familyKey = spec.words === null ? (sample0?.subcommand[0] ?? '') : (spec.words[0] ?? '');
  const family = (item: Item): boolean =>
    item.segment !== null &&
    item.segment.program === spec.program &&
    (item.segment.subcommand[0] ?? '') === familyKey;
  if (spec.words === null) {
    const text = spec.text ?? '';
    return {
      rule: `Bash(${text})`,
      level: 'exact',
      covers: (item) => item.segment?.text === text,
      verdict: sample0
        ? classifySegment(sample0)
        : classifySegment({ program: spec.program, subcommand: [], argv: [spec.program] }),
      minApprovals: MIN_APPROVALS.exact,
      family,
    };
  }
  const words = spec.words;
  const level = words.length === 0 ? 'program' : 'subcommand';
  return {
    rule: ops.formatBashRule([spec.program, ...words], true, version),
    level,
    // as the client matches: the words must follow the program (`git -C x commit` is not `git commit *`)
    covers: (item) =>
      item.segment !== null &&
      item.segment.program === spec.program &&
      (level === 'program' ||
        (startsWith(subWords(item.segment), words) && startsWith(item.segment.argv.slice(1), words))),
    verdict: wildcardPatternVerdict(spec.program, words, level),
    minApprovals: level === 'program' ? MIN_APPROVALS.program : MIN_APPROVALS.subcommand,
    family,
  };
}

/**
 * The verdict on a wildcard from the spec alone (risk-spec.ts): what EVERYTHING it could match is,
 * never what the approved commands were. No row allowing it: exact rules only.
 */
function wildcardPatternVerdict(
  program: string,
  words: string[],
  level: 'program' | 'subcommand',
): RiskVerdict {
  const spec = wildcardVerdict(programBase(program), words);
  const verdict = combineVerdicts([
    { risk: spec.risk, maxLevel: spec.allowed ? level : 'exact', autoAllow: 'yes', why: [spec.why] },
  ]);
  return verdict;
}

/** Exact rules are only safe when the text has no wildcard, no secret placeholder and one line. */
function exactUsable(text: string): boolean {
  // a substitution runs at match time whatever it says: never part of a rule
  if (/\$\(|`|<\(|>\(/.test(text)) return false;
  return !text.includes('*') && !hasRedaction(text) && !/[\n\r]/.test(text) && text.length <= 200;
}

/** Propose Bash allow rules from approved and denied segment items. */
export function learnBash(
  approved: Item[],
  denied: Item[],
  ops: RuleOps,
  options: LearnOptions,
): Suggestion[] {
  const out: Suggestion[] = [];
  const byProgram = groupBy(approved, (i) => i.segment?.program ?? '');
  const deniedByProgram = groupBy(denied, (i) => i.segment?.program ?? '');
  for (const [program, items] of [...byProgram.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (program === '') continue;
    const deniedHere = deniedByProgram.get(program) ?? [];
    // the newest version seen decides the syntax (mixed histories write the newest form)
    const version = newestVersion(new Set(items.map((i) => i.call.version)));
    const measureSpec = (spec: BashPatternSpec): PatternStats =>
      measure(makePattern(spec, items, ops, version), items, deniedHere, ops, options);
    const programStats = measureSpec({ program, words: [] });
    const subKeys = [...new Set(items.map((i) => (i.segment ? subWords(i.segment).join(' ') : '')))]
      .filter((k) => k !== '')
      .sort((a, b) => a.split(' ').length - b.split(' ').length || a.localeCompare(b));
    const subStats = new Map(subKeys.map((k) => [k, measureSpec({ program, words: k.split(' ') })]));
    const chosen: PatternStats[] = [];
    if (programStats.blockedBy === null) chosen.push(programStats);
    else {
      const consumed = new Set<Item>();
      for (const key of subKeys) {
        const stats = subStats.get(key);
        if (!stats || stats.blockedBy !== null || stats.approved.every((i) => consumed.has(i))) continue;
        chosen.push(stats);
        for (const i of stats.approved) consumed.add(i);
      }
      const texts = [
        ...new Set(items.filter((i) => !consumed.has(i)).map((i) => i.segment?.text ?? '')),
      ].filter(exactUsable);
      for (const text of texts.sort()) {
        const stats = measureSpec({ program, words: null, text });
        if (stats.blockedBy === null) chosen.push(stats);
      }
    }
    for (const stats of chosen) {
      const alternatives = alternativesFor(stats, programStats, subStats, measureSpec, program);
      const seen = options.seenCommands?.(program) ?? [];
      const evidenceTexts = new Set(stats.approved.map((i) => i.segment?.text));
      const alsoMatches = seen
        .filter((seen) => !evidenceTexts.has(seen.text) && stats.pattern.covers(fakeItem(program, seen)))
        .slice(0, 5)
        .map((seen) => seen.text);
      out.push(
        toSuggestion('allow', stats, options, {
          reason: reasonFor(stats),
          alternatives,
          alsoMatches,
        }),
      );
    }
  }
  return out;
}

function alternativesFor(
  stats: PatternStats,
  programStats: PatternStats,
  subStats: Map<string, PatternStats>,
  measureSpec: (spec: BashPatternSpec) => PatternStats,
  program: string,
): ReturnType<typeof alternative>[] {
  const top = mostCommon(stats.approved);
  const list: PatternStats[] = [programStats];
  if (top?.segment) {
    const key = subWords(top.segment).join(' ');
    const sub = subStats.get(key);
    if (sub) list.push(sub);
    if (exactUsable(top.segment.text))
      list.push(measureSpec({ program, words: null, text: top.segment.text }));
  }
  return list.filter((s) => s.pattern.rule !== stats.pattern.rule).map(alternative);
}

function mostCommon(items: Item[]): Item | undefined {
  const counts = new Map<string, { item: Item; n: number }>();
  for (const item of items) {
    const entry = counts.get(item.display) ?? { item, n: 0 };
    entry.n += 1;
    counts.set(item.display, entry);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.item;
}

function reasonFor(stats: PatternStats): string {
  const calls = stats.approvals;
  const where = stats.projects.length > 1 ? `in ${stats.projects.length} projects` : 'in one project';
  return `approved ${calls} times over ${stats.sessions} session(s) ${where}, never denied; ${stats.verdict.risk} at ${stats.pattern.level} level`;
}

function fakeItem(program: string, seen: { text: string; subcommand: string[] }): Item {
  const text = seen.text;
  // the stored program (as written: `./gradlew`) wins over the first word of the text
  const segment: CommandSegment = { ...plainSegment(text.split(' '), text, seen.subcommand), program };
  const call: EvidenceCall = {
    id: '',
    ts: 0,
    session: '',
    project: '',
    cwd: '',
    version: null,
    tool: 'Bash',
    answer: 'not-prompted',
    prompted: false,
    segments: [segment],
    target: text,
  };
  return { call, segment, display: text, verdict: classifySegment(segment) };
}

/** Group items by a key, keeping first-seen order. */
export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
