// Claude Code's permission decision for one tool call against every settings file in force
// (reference claude-code.md §1.4): deny → ask → allow across all sources, first match wins,
// specificity ignored. Bash compounds are matched per simple command: every one must be allowed;
// one denied/asked part decides for the whole.

import { isInnerView, programName } from '../shell/parse-command.js';
import { plainSegment } from '../shell/segment.js';
import type { CommandSegment } from '../types.js';
import type { CompiledBashSpecifier } from './bash-match.js';
import { commandFirstWord, compileBashSpecifier, segmentTexts, wildcardRegex } from './bash-match.js';
import type { ParsedRule } from './parse-rule.js';
import { canonicalToolName, isRuleError, NEVER_CONSULTED_PATH_TOOLS, parseRule } from './parse-rule.js';
import { normalizeFilePath, pathPatternMatches } from './path-match.js';
import { isBuiltinReadOnly, needsExactRule } from './read-only.js';
import { isSafeEnvName } from './safe-env.js';

/** One settings file's rules, with what its single-slash paths are relative to. */
export interface RuleSource {
  path: string;
  scope: 'managed' | 'user' | 'project' | 'local' | 'cli';
  /** Project root for project/local settings, `~/.claude` for user settings. */
  baseDir: string;
  allow: string[];
  ask: string[];
  deny: string[];
}

/** A tool call as the matcher needs it. Bash calls should carry their parsed segments. */
export interface CallToMatch {
  tool: string;
  input: Record<string, unknown>;
  /** Parsed Bash segments (core/shell). Without them the command is matched as one simple command. */
  segments?: CommandSegment[];
  cwd: string;
  home: string;
}

/** Rule kinds in evaluation order. */
export type RuleKind = 'allow' | 'ask' | 'deny';

/** Decision outcome; 'none' = no rule applies (Claude Code would prompt in default mode). */
export type Decision = 'allow' | 'ask' | 'deny' | 'none';

/** Source label used when a Bash segment is allowed by the built-in read-only set. */
export const BUILTIN_READ_ONLY_SOURCE = 'builtin:read-only';

/** Per-segment result of a Bash evaluation. */
export interface SegmentDecision {
  text: string;
  decision: Decision;
  rule: string | null;
  source: string | null;
}

/** Result of evaluateCall. `source` is the settings file path (or BUILTIN_READ_ONLY_SOURCE). */
export interface CallDecision {
  decision: Decision;
  rule: string | null;
  source: string | null;
  perSegment?: SegmentDecision[];
}

const READ_TOOLS = new Set(['Read', 'Grep', 'Glob', 'LSP', 'NotebookRead']);
const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

const parsedCache = new Map<string, ParsedRule | null>();

function parsed(raw: string): ParsedRule | null {
  let p = parsedCache.get(raw);
  if (p === undefined) {
    const r = parseRule(raw);
    p = isRuleError(r) ? null : r;
    if (parsedCache.size > 20_000) parsedCache.clear();
    parsedCache.set(raw, p);
  }
  return p;
}

function globToRegex(glob: string): RegExp {
  return wildcardRegex(glob.replace(/ \*$/, '\\ *'));
}

/** The file path a file tool acts on (Grep/Glob default to cwd). */
function filePathOf(call: CallToMatch): string | null {
  const i = call.input;
  const candidate = i.file_path ?? i.notebook_path ?? i.path;
  if (typeof candidate === 'string' && candidate !== '') return candidate;
  return call.tool === 'Grep' || call.tool === 'Glob' ? call.cwd : null;
}

function hostOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** `*.example.com` = any subdomain depth, not the apex; a mid-pattern `*` stays within one label. */
export function domainMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  if (p === '*') return true;
  if (p.startsWith('*.')) return host.endsWith(p.slice(1)) && host.length > p.length - 1;
  const re = new RegExp(
    `^${p
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^.]*')}$`,
  );
  return re.test(host);
}

// Does the rule's tool name apply to this call's tool (before looking at the specifier)?
function toolApplies(rule: ParsedRule, callTool: string, kind: RuleKind): boolean {
  const tool = canonicalToolName(callTool);
  switch (rule.form) {
    case 'tool-glob':
      // Allow rules only honour tool-name globs after a literal `mcp__<server>__`.
      if (kind === 'allow' && !/^mcp__[^*_][^*]*?__/.test(rule.tool)) return false;
      return globToRegex(rule.tool).test(callTool);
    case 'mcp-server':
      return callTool === rule.tool || callTool.startsWith(`${rule.tool}__`);
    case 'mcp-tool':
      return callTool === rule.tool;
    case 'path': {
      if (NEVER_CONSULTED_PATH_TOOLS.includes(rule.tool)) return false;
      if (rule.tool === 'Read') return READ_TOOLS.has(tool) || (kind !== 'allow' && EDIT_TOOLS.has(tool));
      return EDIT_TOOLS.has(tool) || (kind === 'allow' && READ_TOOLS.has(tool));
    }
    case 'tool':
      // A bare `Read` deny removes Read from Claude's context; it does not extend to edits.
      if (rule.tool === 'Read') return READ_TOOLS.has(tool);
      if (rule.tool === 'Edit') return EDIT_TOOLS.has(tool) || (kind === 'allow' && READ_TOOLS.has(tool));
      return rule.canonicalTool === tool;
    default:
      return rule.canonicalTool === tool;
  }
}

/** True when one (non-Bash-segment) rule matches a call: tool name, then specifier. */
function matchesNonBash(rule: ParsedRule, call: CallToMatch, baseDir: string, kind: RuleKind): boolean {
  if (!toolApplies(rule, call.tool, kind)) return false;
  switch (rule.form) {
    case 'tool':
    case 'tool-glob':
    case 'mcp-server':
    case 'mcp-tool':
      return true;
    case 'path': {
      const file = filePathOf(call);
      return (
        file !== null &&
        pathPatternMatches(rule.pattern ?? '', file, { baseDir, cwd: call.cwd, home: call.home, kind })
      );
    }
    case 'webfetch-domain': {
      const host = hostOf(call.input.url);
      return host !== null && domainMatches(rule.pattern ?? '', host);
    }
    case 'agent':
      return call.input.subagent_type === rule.pattern;
    case 'param':
      return paramMatches(rule, call, kind);
    case 'specifier': {
      // Skill(deploy *) and similar: match the primary string input.
      const primary = call.input.skill ?? call.input.name ?? call.input.command;
      return typeof primary === 'string' && globToRegex(rule.pattern ?? '').test(primary);
    }
    default:
      return false;
  }
}

// `Tool(param:value)` is deny/ask only, never the primary field (`Bash(command:…)` is ignored).
function paramMatches(rule: ParsedRule, call: CallToMatch, kind: RuleKind): boolean {
  if (kind === 'allow' || rule.param === 'command') return false;
  const value = call.input[rule.param ?? ''];
  if (value === undefined || value === null || typeof value === 'object') return false;
  return globToRegex(rule.pattern ?? '').test(String(value));
}

function commandOf(call: CallToMatch): string {
  const c = call.input.command;
  return typeof c === 'string' ? c : '';
}

// Without parsed segments, the whole command is one segment (callers should parse).
function segmentsOf(call: CallToMatch): CommandSegment[] {
  if (call.segments) return call.segments;
  const text = commandOf(call).trim();
  if (text === '') return [];
  return [plainSegment(text.split(/\s+/), text)];
}

/** True when one Bash rule matches one segment for a rule kind (allow honours safe-env and exact-only programs). */
export function segmentMatchesRule(rule: ParsedRule, segment: CommandSegment, kind: RuleKind): boolean {
  const test = compiledTest(rule);
  return test !== null && bashEntryMatches(rule, test, viewOf(segment), kind);
}

const testCache = new WeakMap<ParsedRule, CompiledBashSpecifier | null>();

function compiledTest(rule: ParsedRule): CompiledBashSpecifier | null {
  let test = testCache.get(rule);
  if (test === undefined) {
    test = rule.canonicalTool === 'Bash' ? compileBashSpecifier(rule) : null;
    testCache.set(rule, test);
  }
  return test;
}

// A segment with everything matching needs computed once per call, not once per rule.
interface SegmentView {
  segment: CommandSegment;
  allowTexts: string[];
  denyTexts: string[];
  allowWords: string[];
  denyWords: string[];
  safeEnv: boolean;
  exactOnly: boolean;
}

function viewOf(segment: CommandSegment): SegmentView {
  const allowTexts = segmentTexts(segment, 'allow');
  const denyTexts = segmentTexts(segment, 'deny');
  return {
    segment,
    allowTexts,
    denyTexts,
    allowWords: [...new Set(allowTexts.map(commandFirstWord))],
    denyWords: [...new Set(denyTexts.map(commandFirstWord))],
    safeEnv: segment.envNames.every(isSafeEnvName),
    exactOnly: needsExactRule(segment),
  };
}

function bashEntryMatches(
  rule: ParsedRule,
  test: CompiledBashSpecifier,
  view: SegmentView,
  kind: RuleKind,
): boolean {
  if (kind === 'allow') {
    if (rule.form === 'tool') return true;
    if (!view.safeEnv) return false;
    if (view.exactOnly && rule.form !== 'bash-exact') return false;
    return view.allowTexts.some(test.test);
  }
  return view.denyTexts.some(test.test);
}

interface Hit {
  rule: string;
  source: string;
}

interface RuleEntry {
  rule: ParsedRule;
  source: RuleSource;
  /** Position in its source's list: the first match in file order is the one reported. */
  order: number;
  /** For Bash specifier rules: the compiled test; null for every other rule. */
  bash: CompiledBashSpecifier | null;
}

// One kind's rules of one source, with Bash rules filed by the first word every match starts with,
// so a call is tested against the few rules that can match it instead of all of them.
interface KindIndex {
  entries: RuleEntry[];
  byWord: Map<string, RuleEntry[]>;
  /** Bash rules with no fixed first word (`ls*`, `* install`, bare `Bash`). */
  looseBash: RuleEntry[];
  /** Rules that are not Bash specifier rules but can decide a Bash call (tool globs, params). */
  callLevel: RuleEntry[];
  /** Exact Bash rules by their whole text (an exact rule may name a whole compound line). */
  exactWhole: Map<string, RuleEntry>;
}

interface CompiledSource {
  arrays: [string[], string[], string[]];
  lengths: [number, number, number];
  byKind: Record<RuleKind, KindIndex>;
}

// Parsed rules per source object; recompiled when its arrays are replaced or change length.
const compiledSources = new WeakMap<RuleSource, CompiledSource>();

function indexKind(list: readonly unknown[], source: RuleSource): KindIndex {
  const index: KindIndex = {
    entries: [],
    byWord: new Map(),
    looseBash: [],
    callLevel: [],
    exactWhole: new Map(),
  };
  list.forEach((raw, order) => {
    const rule = typeof raw === 'string' ? parsed(raw) : null;
    if (!rule) return;
    const bash = rule.form === 'param' ? null : compiledTest(rule);
    const entry: RuleEntry = { rule, source, order, bash };
    index.entries.push(entry);
    if (bash === null) {
      index.callLevel.push(entry);
      return;
    }
    if (rule.form === 'bash-exact' && !index.exactWhole.has((rule.pattern ?? '').trim())) {
      index.exactWhole.set((rule.pattern ?? '').trim(), entry);
    }
    // Bare `Bash` decides the call as a whole too (even one with no segments).
    if (rule.form === 'tool') index.callLevel.push(entry);
    if (bash.firstWord === null) index.looseBash.push(entry);
    else {
      const bucket = index.byWord.get(bash.firstWord);
      if (bucket) bucket.push(entry);
      else index.byWord.set(bash.firstWord, [entry]);
    }
  });
  return index;
}

function compile(source: RuleSource): CompiledSource {
  const cached = compiledSources.get(source);
  if (
    cached &&
    cached.arrays[0] === source.allow &&
    cached.arrays[1] === source.ask &&
    cached.arrays[2] === source.deny &&
    cached.lengths[0] === source.allow.length &&
    cached.lengths[1] === source.ask.length &&
    cached.lengths[2] === source.deny.length
  ) {
    return cached;
  }
  const compiledSource: CompiledSource = {
    arrays: [source.allow, source.ask, source.deny],
    lengths: [source.allow.length, source.ask.length, source.deny.length],
    byKind: {
      allow: indexKind(source.allow, source),
      ask: indexKind(source.ask, source),
      deny: indexKind(source.deny, source),
    },
  };
  compiledSources.set(source, compiledSource);
  return compiledSource;
}

function rulesOf(sources: readonly RuleSource[], kind: RuleKind): RuleEntry[] {
  if (sources.length === 1 && sources[0]) return compile(sources[0]).byKind[kind].entries;
  return sources.flatMap((source) => compile(source).byKind[kind].entries);
}

// The first Bash rule (in file order) of one source and kind that matches one segment.
function firstBashMatch(index: KindIndex, view: SegmentView, kind: RuleKind): RuleEntry | null {
  let best: RuleEntry | null = null;
  const consider = (entry: RuleEntry): void => {
    if (best !== null && entry.order >= best.order) return;
    if (entry.bash && bashEntryMatches(entry.rule, entry.bash, view, kind)) best = entry;
  };
  for (const word of kind === 'allow' ? view.allowWords : view.denyWords) {
    const bucket = index.byWord.get(word);
    if (bucket) for (const entry of bucket) consider(entry);
  }
  for (const entry of index.looseBash) consider(entry);
  return best;
}

// Redirect targets are file writes: Edit deny/ask (and Read deny) rules apply to them.
function redirectHit(
  segments: readonly CommandSegment[],
  call: CallToMatch,
  kind: 'ask' | 'deny',
  rules: RuleEntry[],
): Hit | null {
  for (const segment of segments) {
    for (const target of segment.redirects) {
      if (target === '/dev/null') continue;
      const writeCall: CallToMatch = {
        tool: 'Write',
        input: { file_path: target },
        cwd: call.cwd,
        home: call.home,
      };
      for (const { rule, source } of rules) {
        if (rule.canonicalTool === 'Bash') continue;
        if (matchesNonBash(rule, writeCall, source.baseDir, kind))
          return { rule: rule.raw, source: source.path };
      }
    }
  }
  return null;
}

// Deny/ask for a Bash call: per source in order, the earliest rule matching the call as a whole
// (tool globs, bare Bash, params) or any one segment; then output redirects against file rules.
function bashHit(
  call: CallToMatch,
  views: readonly SegmentView[],
  kind: 'ask' | 'deny',
  compiled: readonly CompiledSource[],
): Hit | null {
  const command = commandOf(call).trim();
  for (const cs of compiled) {
    const index = cs.byKind[kind];
    let best: RuleEntry | null = null;
    for (const entry of index.callLevel) {
      const { rule } = entry;
      const hit =
        rule.form === 'param'
          ? rule.canonicalTool === 'Bash' && paramMatches(rule, call, kind)
          : (rule.form === 'tool-glob' || rule.form === 'tool') && toolApplies(rule, call.tool, kind);
      if (hit) {
        best = entry;
        break;
      }
    }
    for (const view of views) {
      const match = firstBashMatch(index, view, kind);
      if (match && (best === null || match.order < best.order)) best = match;
    }
    // Unparsed or unparseable commands: match the whole text, the safe direction for deny/ask.
    if (views.length === 0 && command !== '') {
      for (const entry of index.entries) {
        if (best !== null && entry.order >= best.order) break;
        if (entry.bash?.test(command)) best = entry;
      }
    }
    if (best) return { rule: best.rule.raw, source: best.source.path };
  }
  return redirectHit(
    views.map((v) => v.segment),
    call,
    kind,
    compiled.flatMap((cs) => cs.byKind[kind].callLevel),
  );
}

/** Commands longer than this are never auto-approved as read-only (Claude Code's own limit). */
export const READ_ONLY_MAX_CHARS = 10_000;

// Which segments the built-in read-only set may approve in this call: none in an overlong command,
// and no `git` after a `cd` out of the working directory (a foreign repo's config can run code).
function readOnlyEligible(call: CallToMatch, views: readonly SegmentView[]): boolean[] {
  if (commandOf(call).length > READ_ONLY_MAX_CHARS) return views.map(() => false);
  let leftCwd = false;
  return views.map(({ segment }) => {
    if (segment.program === 'cd' || segment.program === 'pushd') {
      const target = segment.argv[1];
      leftCwd =
        leftCwd ||
        target === undefined ||
        target === '-' ||
        /[$`]/.test(target) ||
        !isWithin(normalizeFilePath(target, call.cwd, call.home), call.cwd);
    }
    return !(leftCwd && programName(segment) === 'git');
  });
}

function isWithin(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

function evaluateBash(call: CallToMatch, sources: readonly RuleSource[]): CallDecision {
  const views = segmentsOf(call).map(viewOf);
  const compiled = sources.map(compile);
  const per = perSegment(views, compiled, readOnlyEligible(call, views));
  for (const kind of ['deny', 'ask'] as const) {
    const hit = bashHit(call, views, kind, compiled);
    if (hit) return { decision: kind, rule: hit.rule, source: hit.source, perSegment: per };
  }
  const command = commandOf(call).trim();
  for (const cs of compiled) {
    const index = cs.byKind.allow;
    const bare = index.looseBash.find((e) => e.rule.form === 'tool');
    // An exact rule may name the whole command line (older "don't ask again" saved those); a
    // wildcard rule never covers a compound as a whole (v2.1.7 security fix).
    const whole = command === '' ? undefined : index.exactWhole.get(command);
    const first = bare && whole ? (bare.order < whole.order ? bare : whole) : (bare ?? whole);
    if (first) return { decision: 'allow', rule: first.rule.raw, source: first.source.path, perSegment: per };
  }
  // Inner views ride on their outer segment; a caller that narrowed the call to inner views alone
  // (one segment at a time) gets them judged as ordinary segments.
  const outer = per.filter((_d, i) => !isInnerView(views[i]!.segment));
  const mustAllow = outer.length > 0 ? outer : per;
  if (mustAllow.length === 0 || mustAllow.some((d) => d.decision !== 'allow')) {
    return { decision: 'none', rule: null, source: null, perSegment: per };
  }
  const byRule = mustAllow.find((d) => d.rule !== null);
  return {
    decision: 'allow',
    rule: byRule?.rule ?? null,
    source: byRule?.source ?? BUILTIN_READ_ONLY_SOURCE,
    perSegment: per,
  };
}

function perSegment(
  views: readonly SegmentView[],
  compiled: readonly CompiledSource[],
  readOnlyOk: readonly boolean[],
): SegmentDecision[] {
  return views.map((view, index) => {
    const text = view.segment.text;
    for (const kind of ['deny', 'ask', 'allow'] as const) {
      for (const cs of compiled) {
        const match = firstBashMatch(cs.byKind[kind], view, kind);
        if (match) return { text, decision: kind, rule: match.rule.raw, source: match.source.path };
      }
    }
    if (readOnlyOk[index] === true && isBuiltinReadOnly(view.segment)) {
      return { text, decision: 'allow', rule: null, source: BUILTIN_READ_ONLY_SOURCE };
    }
    return { text, decision: 'none', rule: null, source: null };
  });
}

/**
 * Claude Code's decision for a call: deny > ask > allow across all sources. For Bash, deny/ask match
 * if any segment matches (through any env assignment, `sudo`, `env`, `watch`); allow needs every
 * segment allowed by a rule or by the built-in read-only set (then `source` is BUILTIN_READ_ONLY_SOURCE
 * and `rule` null). 'none' means Claude Code would have prompted (in default mode).
 */
export function evaluateCall(call: CallToMatch, sources: readonly RuleSource[]): CallDecision {
  if (canonicalToolName(call.tool) === 'Bash') return evaluateBash(call, sources);
  for (const kind of ['deny', 'ask', 'allow'] as const) {
    for (const { rule, source } of rulesOf(sources, kind)) {
      if (rule.canonicalTool === 'Bash' && rule.form !== 'tool-glob') continue;
      if (matchesNonBash(rule, call, source.baseDir, kind))
        return { decision: kind, rule: rule.raw, source: source.path };
    }
  }
  return { decision: 'none', rule: null, source: null };
}

// One synthetic source per (rule, kind, base dir), reused so its compiled index is too.
const singleRuleSources = new Map<string, [RuleSource]>();

function singleRuleSource(rawRule: string, baseDir: string, kind: RuleKind): [RuleSource] {
  const key = `${kind}\u0000${baseDir}\u0000${rawRule}`;
  let sources = singleRuleSources.get(key);
  if (!sources) {
    const source: RuleSource = { path: '<rule>', scope: 'cli', baseDir, allow: [], ask: [], deny: [] };
    source[kind] = [rawRule];
    sources = [source];
    if (singleRuleSources.size > 20_000) singleRuleSources.clear();
    singleRuleSources.set(key, sources);
  }
  return sources;
}

/**
 * "What would this rule cover?": true when the rule alone decides the call. Deny/ask: any segment
 * matches. Allow: every (non-inner) segment is matched by the rule or is built-in read-only, and at
 * least one is matched by the rule. To combine with rules already in force, use evaluateCall with an
 * extra RuleSource.
 */
export function ruleMatchesCall(
  rawRule: string,
  call: CallToMatch,
  opts: { baseDir: string; kind: RuleKind },
): boolean {
  if (!parsed(rawRule)) return false;
  const source = singleRuleSource(rawRule, opts.baseDir, opts.kind);
  if (opts.kind !== 'allow') return evaluateCall(call, source).decision === opts.kind;
  const result = evaluateCall(call, source);
  return result.decision === 'allow' && result.rule === rawRule;
}
