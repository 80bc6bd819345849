// Claude Code's permission decision for one tool call against every settings file in force
// (reference claude-code.md §1.4): deny → ask → allow across all sources, first match wins,
// specificity ignored. Bash compounds are matched per simple command: every one must be allowed;
// one denied/asked part decides for the whole.

import { INNER_VIEW_LABELS, isInnerView, programName } from '../shell/parse-command.js';
import { plainSegment } from '../shell/segment.js';
import type { CommandSegment } from '../types.js';
import type { CompiledBashSpecifier } from './bash-match.js';
import { commandFirstWord, compileBashSpecifier, segmentTexts, wildcardRegex } from './bash-match.js';
import type { ParsedRule } from './parse-rule.js';
import { canonicalToolName, isRuleError, NEVER_CONSULTED_PATH_TOOLS, parseRule } from './parse-rule.js';
import { isInsideDirs, PATH_COMMAND_VERBS, pathArguments, resolveArgument } from './bash-paths.js';
import { pathPatternMatches } from './path-match.js';
import { isReadOnlyProgram, needsExactRule } from './read-only.js';
import { segmentEnvSafe } from './safe-env.js';

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
  /** Working directories beyond cwd (existing `additionalDirectories`), absolute. */
  additionalDirs?: readonly string[];
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
  /**
   * Bash, when no rule decides and something specific makes the client ask (a construct, a path
   * outside the working directories, a file write, `cd … && git …`): a code and the client's words.
   */
  why?: { code: string; text: string };
  /** Bash 'none': true when acceptEdits mode would run it (its only issue is writing inside the working directories). */
  acceptEdits?: boolean;
}

const READ_TOOLS = new Set(['Read', 'Grep', 'Glob', 'LSP', 'NotebookRead']);
const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);
const ALLOW_EDIT_TOOLS = new Set(['Edit', 'MultiEdit', 'NotebookEdit']);

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
      // A bare `Edit` allow covers edits, not Write (a new file still prompts) nor reads outside
      // (recorded from 2.1.328, group path-plain-edit).
      if (rule.tool === 'Edit') return kind === 'allow' ? ALLOW_EDIT_TOOLS.has(tool) : EDIT_TOOLS.has(tool);
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
  /** Allow texts for wildcard/prefix rules (spaces and tabs collapsed). */
  looseTexts: string[];
  denyTexts: string[];
  allowWords: string[];
  denyWords: string[];
  safeEnv: boolean;
  exactOnly: boolean;
}

// Views per segment object: learning asks about the same segments under many candidate rules.
const viewCache = new WeakMap<CommandSegment, SegmentView>();

function viewOf(segment: CommandSegment): SegmentView {
  let view = viewCache.get(segment);
  if (!view) {
    view = computeView(segment);
    viewCache.set(segment, view);
  }
  return view;
}

function computeView(segment: CommandSegment): SegmentView {
  const allowTexts = segmentTexts(segment, 'allow');
  const looseTexts = segmentTexts(segment, 'allow-loose');
  const denyTexts = segmentTexts(segment, 'deny');
  return {
    segment,
    allowTexts,
    looseTexts,
    denyTexts,
    allowWords: [...new Set(looseTexts.map(commandFirstWord))],
    denyWords: [...new Set(denyTexts.map(commandFirstWord))],
    safeEnv: segmentEnvSafe(segment),
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
    return (rule.form === 'bash-exact' ? view.allowTexts : view.looseTexts).some(test.test);
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
  /** Read/Edit path rules (they also reach the paths shell commands name). */
  pathRules: RuleEntry[];
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
    pathRules: [],
  };
  list.forEach((raw, order) => {
    const rule = typeof raw === 'string' ? parsed(raw) : null;
    if (!rule) return;
    const bash = rule.form === 'param' ? null : compiledTest(rule);
    const entry: RuleEntry = { rule, source, order, bash };
    index.entries.push(entry);
    if (bash === null) {
      index.callLevel.push(entry);
      if (rule.form === 'path') index.pathRules.push(entry);
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

// Inline shell bodies (`bash -c '…'`) and `eval` arguments, as inner views.
function innerLabel(segment: CommandSegment): string | null {
  if (!isInnerView(segment)) return null;
  const label = segment.wrappers[0] ?? '';
  return INNER_VIEW_LABELS.has(label) ? label : null;
}

const isShellBody = (view: SegmentView): boolean => / -c$/.test(innerLabel(view.segment) ?? '');
// `eval rm x` is not caught by a deny on rm in 2.1.328 (recorded): eval's words are not matched.
const isEvalBody = (view: SegmentView): boolean => innerLabel(view.segment) === 'eval';

/** What the client says when a deny rule matches inside `bash -c '…'`: it asks instead of refusing. */
export const SHELL_BODY_DENY_TEXT =
  'A permission rule denies a command inside this shell -c script, so Claude Code could not check it for dangerous removals. Approving runs the whole script, including that command.';

/** The client's words for each shell construct it will not auto-allow under a rule. */
export const CONSTRUCT_TEXTS: Readonly<Record<string, string>> = {
  subshell: 'This command uses shell operators that require approval for safety',
  group: "A group in braces or double parentheses in this command can't be checked before it runs",
  background:
    'This command uses the `&` background operator, which defers execution past approval-time safety checks. Approve only if you trust it.',
  heredoc: 'Heredoc with unquoted delimiter undergoes shell expansion',
  case: "A case statement in this command can't be checked before it runs",
  function: "A function definition in this command can't be checked before it runs",
  'command-substitution': "A nested command in this command can't be checked before it runs",
  'quoted-substitution': "Quoted text in this command can't be checked before it runs",
  variable: "A variable in this command can't be checked before it runs",
  'braced-variable': "A variable in braces in this command can't be checked before it runs",
  'brace-expansion': 'Brace expansion',
  'process-substitution': "A command used as a file in this command can't be checked before it runs",
  'redirect-expansion': 'Redirect target concatenation contains $/` — unanalyzable gap or substitution',
};

const CD_GIT_TEXT =
  'This command changes directory before running a version-control command, which can pick up untrusted hooks or repository configuration from the target directory. Approve only if you trust it.';

// One outer segment's place in the command: the directory it runs in (after `cd`s before it).
interface Placed {
  view: SegmentView;
  dir: string;
}

// Outer segments with the directory each runs in, and whether a `cd` moved before a `git`.
function placeSegments(call: CallToMatch, views: readonly SegmentView[]): Placed[] {
  let dir = call.cwd;
  const placed: Placed[] = [];
  for (const view of views) {
    if (isInnerView(view.segment)) continue;
    placed.push({ view, dir });
    const name = programName(view.segment);
    if ((name === 'cd' || name === 'pushd') && !view.segment.nested) {
      const target = view.segment.argv.slice(1).find((a) => !a.startsWith('-')) ?? '~';
      dir = resolveArgument(target, dir, call.home);
    }
  }
  return placed;
}

function workingDirs(call: CallToMatch): string[] {
  return [call.cwd, ...(call.additionalDirs ?? [])];
}

// Inside the working directories; with no known cwd (a call recorded without one) nothing is
// judged outside, as before paths were checked.
function insideWorkingDirs(file: string, call: CallToMatch): boolean {
  return !call.cwd.startsWith('/') || isInsideDirs(file, workingDirs(call));
}

// Path rules (Read for what a command reads, Edit for what it writes or redirects to) matching the
// paths a Bash call names: `cat .env` is refused under `Read(**/.env)`, `echo x > secret/a` under
// `Edit(./secret/**)`. A Read rule does not reach a redirect target (recorded).
function pathRuleHit(
  call: CallToMatch,
  placed: readonly Placed[],
  kind: 'ask' | 'deny',
  compiled: readonly CompiledSource[],
): Hit | null {
  // Only path rules: what a bare `Read`/`Edit` deny does to shell commands is not recorded.
  if (compiled.every((cs) => cs.byKind[kind].pathRules.length === 0)) return null;
  const rules = compiled.flatMap((cs) => cs.byKind[kind].pathRules);
  const hit = (file: string, tool: 'Read' | 'Edit'): Hit | null => {
    const fileCall: CallToMatch = { tool, input: { file_path: file }, cwd: call.cwd, home: call.home };
    for (const { rule, source } of rules) {
      if (rule.tool !== tool) continue;
      if (matchesNonBash(rule, fileCall, source.baseDir, kind))
        return { rule: rule.raw, source: source.path };
    }
    return null;
  };
  for (const { view, dir } of placed) {
    const { args, write } = pathArguments(view.segment);
    for (const arg of args) {
      const found = hit(resolveArgument(arg, dir, call.home), write ? 'Edit' : 'Read');
      if (found) return found;
    }
    for (const target of view.segment.redirects) {
      if (target === '/dev/null') continue;
      const found = hit(resolveArgument(target, dir, call.home), 'Edit');
      if (found) return found;
    }
  }
  return null;
}

// An Edit allow rule covering a file a command writes (redirect, `touch`…) inside the working dirs.
function editAllowed(file: string, call: CallToMatch, compiled: readonly CompiledSource[]): boolean {
  const fileCall: CallToMatch = { tool: 'Edit', input: { file_path: file }, cwd: call.cwd, home: call.home };
  return compiled.some((cs) =>
    cs.byKind.allow.pathRules.some(
      ({ rule, source }) => rule.tool === 'Edit' && matchesNonBash(rule, fileCall, source.baseDir, 'allow'),
    ),
  );
}

interface Blocker {
  code: string;
  text: string;
  /** acceptEdits mode lets it run (a write inside the working directories). */
  acceptEdits: boolean;
}

function insideText(dirs: readonly string[]): string {
  return `The path is inside the working directories for this session (${dirs.map((d) => `'${d}'`).join(', ')}), and Claude Code asks before a shell command creates, changes or removes files there.`;
}

function outsideText(dirs: readonly string[]): string {
  return `The path is outside the working directories for this session (${dirs.map((d) => `'${d}'`).join(', ')}). Allowing runs the command as written.`;
}

// What makes the client ask about one outer segment whatever rule matches it: the paths it names
// or writes, its redirects, a `git` after a `cd` elsewhere.
function segmentBlockers(
  call: CallToMatch,
  { view, dir }: Placed,
  movedBefore: boolean,
  compiled: readonly CompiledSource[],
  ruleAllowed: boolean,
): Blocker[] {
  const dirs = workingDirs(call);
  const blockers: Blocker[] = [];
  const segment = view.segment;
  const name = programName(segment);
  if (movedBefore && name === 'git') {
    blockers.push({ code: 'cd-git-compound', text: CD_GIT_TEXT, acceptEdits: false });
  }
  const { args, write } = pathArguments(segment);
  for (const arg of args) {
    // the common case, a plain relative path read in the working directory: nothing to resolve
    if (!write && dir === call.cwd && !/^[~/$]|(?:^|\/)\.\.(?:\/|$)/.test(arg)) continue;
    const file = resolveArgument(arg, dir, call.home);
    const inside = insideWorkingDirs(file, call);
    if (!write) {
      if (!inside) {
        const verb = PATH_COMMAND_VERBS[name] ?? 'access files in';
        blockers.push({
          code: 'outside',
          text: `${name} in '${file}' was blocked. For security, Claude Code may only ${verb} the allowed working directories for this session: ${dirs.map((d) => `'${d}'`).join(', ')}.`,
          acceptEdits: false,
        });
      }
    } else if (!inside || !(ruleAllowed || editAllowed(file, call, compiled))) {
      // A write inside the working directories runs under an allow rule for that very command
      // (recorded: `rm -rf src` under `Bash(rm *)`); without one it needs approval or an Edit rule.
      blockers.push({
        code: inside ? 'write' : 'write-outside',
        text: `${name} in '${file}' needs approval. ${inside ? insideText(dirs) : outsideText(dirs)}`,
        acceptEdits: inside,
      });
    }
  }
  for (const target of segment.redirects) {
    if (target === '/dev/null') continue;
    if (target === '~' || target.startsWith('~')) {
      blockers.push({
        code: 'shell-expansion',
        text: 'Shell expansion syntax in paths requires manual approval',
        acceptEdits: false,
      });
      continue;
    }
    const file = resolveArgument(target, dir, call.home);
    const inside = insideWorkingDirs(file, call);
    if (inside && editAllowed(file, call, compiled)) continue;
    blockers.push({
      code: inside ? 'redirect' : 'redirect-outside',
      text: `Output redirection to '${file}' needs approval. ${inside ? insideText(dirs) : outsideText(dirs)}`,
      acceptEdits: inside,
    });
  }
  return blockers;
}

// Deny/ask for a Bash call: per source in order, the earliest rule matching the call as a whole
// (tool globs, bare Bash, params) or any one segment.
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
  return null;
}

/** Commands longer than this are never auto-approved as read-only (Claude Code's own limit). */
export const READ_ONLY_MAX_CHARS = 10_000;

function evaluateBash(call: CallToMatch, sources: readonly RuleSource[]): CallDecision {
  const views = segmentsOf(call).map(viewOf);
  const compiled = sources.map(compile);
  const placed = placeSegments(call, views);
  const per = perSegment(views, compiled, commandOf(call).length <= READ_ONLY_MAX_CHARS);
  const matched = views.filter((v) => !isEvalBody(v) && !isShellBody(v));
  const deny = bashHit(call, matched, 'deny', compiled) ?? pathRuleHit(call, placed, 'deny', compiled);
  if (deny) return { decision: 'deny', rule: deny.rule, source: deny.source, perSegment: per };
  // A deny inside `bash -c '…'` makes the client ask about the whole script rather than refuse.
  const shellDeny = bashHit(call, views.filter(isShellBody), 'deny', compiled);
  if (shellDeny) {
    const why = { code: 'shell-c-deny', text: SHELL_BODY_DENY_TEXT };
    return { decision: 'ask', rule: shellDeny.rule, source: shellDeny.source, perSegment: per, why };
  }
  const ask =
    bashHit(
      call,
      views.filter((v) => !isEvalBody(v)),
      'ask',
      compiled,
    ) ?? pathRuleHit(call, placed, 'ask', compiled);
  if (ask) return { decision: 'ask', rule: ask.rule, source: ask.source, perSegment: per };
  const none = (why: { code: string; text: string } | undefined, acceptEdits = false): CallDecision => ({
    decision: 'none',
    rule: null,
    source: null,
    perSegment: per,
    ...(why ? { why } : {}),
    acceptEdits,
  });
  // `cmd &` defers execution past the checks: the client asks even under a bare Bash allow.
  if (placed.some(({ view }) => view.segment.construct === 'background')) {
    return none({ code: 'background', text: CONSTRUCT_TEXTS.background ?? '' });
  }
  const command = commandOf(call).trim();
  let wholeRule: RuleEntry | undefined;
  for (const cs of compiled) {
    const index = cs.byKind.allow;
    const bare = index.looseBash.find((e) => e.rule.form === 'tool');
    // An exact rule may name the whole command line (older "don't ask again" saved those); a
    // wildcard rule never covers a compound as a whole (v2.1.7 security fix).
    const whole = command === '' ? undefined : index.exactWhole.get(command);
    const first = bare && whole ? (bare.order < whole.order ? bare : whole) : (bare ?? whole);
    // A bare `Bash` (or `Bash(*)`) allow skips every later check; an exact rule naming the whole
    // line still leaves paths, writes and redirects to be checked (recorded: `Bash(cat /etc/hosts)`
    // does not let `cat /etc/hosts` run).
    if (first === bare && bare)
      return { decision: 'allow', rule: bare.rule.raw, source: bare.source.path, perSegment: per };
    if (first) {
      wholeRule = first;
      break;
    }
  }
  const construct = placed.find(({ view }) => view.segment.construct !== undefined)?.view.segment.construct;
  if (construct !== undefined) {
    return none({
      code: construct,
      text: CONSTRUCT_TEXTS[construct] ?? 'This command is too complex to check',
    });
  }
  // Inner views ride on their outer segment; a caller that narrowed the call to inner views alone
  // (one segment at a time) gets them judged as ordinary segments.
  const outerIndexes = views.flatMap((v, i) => (isInnerView(v.segment) ? [] : [i]));
  const mustAllow = outerIndexes.length > 0 ? outerIndexes : views.map((_v, i) => i);
  if (mustAllow.length === 0) return none(undefined);
  const blockers: Blocker[] = [];
  let moved = false;
  for (const p of placed) {
    const ruleAllowed = wholeRule !== undefined || (per[views.indexOf(p.view)]?.rule ?? null) !== null;
    blockers.push(...segmentBlockers(call, p, moved, compiled, ruleAllowed));
    const name = programName(p.view.segment);
    if ((name === 'cd' || name === 'pushd') && !p.view.segment.nested) moved ||= movesAway(p, call);
  }
  const unallowed = wholeRule ? [] : mustAllow.filter((i) => per[i]?.decision !== 'allow');
  if (unallowed.length === 0 && blockers.length === 0) {
    if (wholeRule)
      return { decision: 'allow', rule: wholeRule.rule.raw, source: wholeRule.source.path, perSegment: per };
    const byRule = mustAllow.map((i) => per[i]).find((d) => d?.rule !== null);
    return {
      decision: 'allow',
      rule: byRule?.rule ?? null,
      source: byRule?.source ?? BUILTIN_READ_ONLY_SOURCE,
      perSegment: per,
    };
  }
  // acceptEdits runs file-changing commands and redirects inside the working directories.
  const writeOnly = (i: number): boolean => {
    const segment = views[i]?.segment;
    return segment !== undefined && pathArguments(segment).write && segmentEnvSafe(segment);
  };
  const acceptEdits = blockers.every((b) => b.acceptEdits) && unallowed.every(writeOnly);
  const first = blockers[0];
  if (first) return none({ code: first.code, text: first.text }, acceptEdits);
  const parts = unallowed.map((i) => views[i]?.segment.text ?? '');
  const text =
    mustAllow.length > 1
      ? `This Bash command contains multiple operations. The following part requires approval: ${parts.join(', ')}`
      : 'This command requires approval';
  return none({ code: 'no-rule-match', text }, acceptEdits);
}

// A `cd` whose target is the working directory itself (`cd .`, `cd /project`) does not count.
function movesAway(p: Placed, call: CallToMatch): boolean {
  const target = p.view.segment.argv.slice(1).find((a) => !a.startsWith('-')) ?? '~';
  return resolveArgument(target, p.dir, call.home) !== call.cwd;
}

function perSegment(
  views: readonly SegmentView[],
  compiled: readonly CompiledSource[],
  readOnlyOk: boolean,
): SegmentDecision[] {
  return views.map((view) => {
    const text = view.segment.text;
    for (const kind of ['deny', 'ask', 'allow'] as const) {
      for (const cs of compiled) {
        const match = firstBashMatch(cs.byKind[kind], view, kind);
        if (match) return { text, decision: kind, rule: match.rule.raw, source: match.source.path };
      }
    }
    if (readOnlyOk && isReadOnlyProgram(view.segment)) {
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
