// Shell command model: walk the tree-sitter-bash AST (the grammar Claude Code itself uses) into
// simple commands, the unit a permission rule covers. Words are unquoted; `$VAR` and `$(…)` stay
// literal in argv; env assignment values are never kept (they are where secrets live).

import type { Node, Parser } from 'web-tree-sitter';
import { redactText } from '../redact.js';
import { isSafeEnvAssignment } from '../rules/safe-env.js';
import type { CommandSegment, ParsedCommand } from '../types.js';
import { ephemeralUse } from './ephemeral.js';
import { subcommandOf } from './subcommands.js';
import {
  LAUNCHER_LABELS,
  STRIPPED_WRAPPERS,
  launcherInner,
  stripWrappers,
  xargsProgramIndex,
} from './wrappers.js';

interface Word {
  value: string;
  start: number;
  end: number;
}

interface WalkState {
  parser: Parser;
  source: string;
  segments: CommandSegment[];
  operators: string[];
  depth: number;
  /** Take simple lists without the tree-sitter parse (see {@link simpleList}). */
  plainFastPath: boolean;
  /** The enclosing construct Claude Code will not auto-allow (`subshell`, `group`, `case`, `function`). */
  context: string | null;
}

/** Options of {@link parseCommand}. */
export interface ParseOptions {
  /**
   * Split simple lists (see {@link simpleList}) without tree-sitter (default true). They give
   * the same segments either way; false is for the test that checks exactly that.
   */
  plainFastPath?: boolean;
}

/** Deepest `bash -c '… bash -c …'` nesting that is parsed; deeper bodies stay opaque text. */
const MAX_NESTED_PARSE_DEPTH = 4;

/** Longest command parsed; Claude Code itself refuses to auto-approve >10,000 chars. */
const MAX_COMMAND_CHARS = 100_000;

const OPERATORS = new Set(['&&', '||', ';', '|', '|&', '&']);

const STATEMENTS = new Set([
  'command',
  'pipeline',
  'list',
  'redirected_statement',
  'subshell',
  'compound_statement',
  'if_statement',
  'while_statement',
  'for_statement',
  'c_style_for_statement',
  'case_statement',
  'negated_command',
  'function_definition',
  'declaration_command',
  'unset_command',
  'test_command',
  'variable_assignment',
  'variable_assignments',
]);

const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);

const FIND_EXEC_FLAGS = new Set(['-exec', '-execdir', '-ok', '-okdir']);

/** Shells whose `-c` body is inline code parsed as nested segments. */
const INLINE_SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'mksh']);

/**
 * Wrapper labels that mark an inner view (see CommandSegment.inner). They never collide with the
 * wrappers Claude Code strips, so the marking survives a store round trip that drops `inner`.
 */
export const INNER_VIEW_LABELS: ReadonlySet<string> = new Set([
  ...[...INLINE_SHELLS].map((s) => `${s} -c`),
  'eval',
  'xargs (with flags)',
  'find -exec',
  'nix shell',
  'nix run',
  'nix develop',
  'nix-shell',
  ',',
  ...LAUNCHER_LABELS,
]);

/** True when a segment is a view of what an outer segment runs (also for segments read back from the store). */
export function isInnerView(segment: CommandSegment): boolean {
  return segment.inner ?? (segment.nested && INNER_VIEW_LABELS.has(segment.wrappers[0] ?? ''));
}

/** Basename of a segment's program for usage analytics: `/usr/bin/git` → `git`, `./gradlew` → `gradlew`. */
export function programName(segment: Pick<CommandSegment, 'program'>): string {
  const program = segment.program;
  const slash = program.lastIndexOf('/');
  return slash >= 0 && slash < program.length - 1 ? program.slice(slash + 1) : program;
}

/** Distinct program basenames a parsed command runs, in order (inner views and ephemeral packages' programs included). */
export function programsOf(parsed: ParsedCommand): string[] {
  const seen = new Set<string>();
  for (const segment of parsed.segments) {
    const name = programName(segment);
    if (name !== '' && !name.startsWith('$')) seen.add(name);
  }
  return [...seen];
}

/**
 * Parse one shell command line into simple commands. Never throws: input tree-sitter cannot parse
 * (ERROR/MISSING nodes) gives `error` and no segments, because a guessed split could let a rule
 * cover something it should not.
 */
export function parseCommand(parser: Parser, command: string, options: ParseOptions = {}): ParsedCommand {
  const state: WalkState = {
    parser,
    source: command,
    segments: [],
    operators: [],
    depth: 0,
    plainFastPath: options.plainFastPath ?? true,
    context: null,
  };
  let error: string | null;
  try {
    error = parseInto(state, command, false);
  } catch (e) {
    // e.g. a pathologically deep tree exhausting the stack: report it, never crash the ingest.
    error = `shell command could not be analysed: ${e instanceof Error ? e.message : String(e)}`;
  }
  return error === null
    ? { segments: state.segments, operators: state.operators, error: null }
    : { segments: [], operators: [], error };
}

function parseInto(state: WalkState, source: string, nested: boolean, innerLabel?: string): string | null {
  if (source.length > MAX_COMMAND_CHARS) return `command longer than ${MAX_COMMAND_CHARS} characters`;
  const saved = state.source;
  const before = state.segments.length;
  state.source = source;
  try {
    const error = walkSource(state, source, nested);
    if (error !== null) return error;
  } finally {
    state.source = saved;
  }
  if (innerLabel !== undefined) {
    for (let i = before; i < state.segments.length; i += 1) {
      const seg = state.segments[i];
      if (seg) {
        seg.inner = true;
        seg.wrappers = [innerLabel, ...seg.wrappers];
      }
    }
  }
  return null;
}

function walkSource(state: WalkState, source: string, nested: boolean): string | null {
  const list = state.plainFastPath ? simpleList(source) : null;
  if (list !== null) {
    // what the walk makes of the list's `command` nodes (emitCommand), without the parse
    for (const [i, words] of list.commands.entries()) {
      addSegments(state, words, { envNames: [], nested, redirects: [], wrappers: [] });
      const operator = list.operators[i];
      if (operator !== undefined) state.operators.push(operator);
    }
    return null;
  }
  let tree;
  try {
    tree = state.parser.parse(source);
  } catch (e) {
    return `shell parser failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (!tree) return 'shell parser returned no tree';
  try {
    const root = tree.rootNode;
    if (root.hasError) return describeError(root, source);
    walk(state, root, nested, []);
    return null;
  } finally {
    tree.delete();
  }
}

// A simple list: plain commands joined by `&&`, `||`, `;` or `|`, each maybe ending in `2>&1`.
// Words are made of characters with no meaning to the shell outside quotes (`~` and `#` not first),
// of '…' and of "…" without `$`, backquotes, backslashes or `!`. Anything else (expansions, globs,
// other redirections, newlines, keywords, assignments) needs the real parser.
const SIMPLE_TOKEN =
  /[ \t]+|(&&|\|\||;|\|(?!&))|(2>&1)(?=[ \t;|&]|$)|((?:[A-Za-z0-9_./:@+,=-]|'[^'\n]*'|"[^"$`\\!\n]*")(?:[A-Za-z0-9_./:@+,=~#-]|'[^'\n]*'|"[^"$`\\!\n]*")*)/y;
const PLAIN_NAME = /^[A-Za-z0-9_./:@+,-]+$/;

// First words the grammar reads as something other than a command name
const NOT_COMMAND_NAMES = new Set([
  'if',
  'then',
  'elif',
  'else',
  'fi',
  'case',
  'esac',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'in',
  'function',
  'time',
  'coproc',
  'declare',
  'typeset',
  'export',
  'readonly',
  'local',
  'unset',
  'unsetenv',
  'test',
]);

/**
 * The commands and operators of a simple list (`git status`, `cargo build 2>&1 | tail -50`,
 * `git add -A && git commit -m "fix: x"`), or null when the command needs the real parser. Most
 * commands Claude Code runs are simple lists; skipping the WASM parse for them is most of a cold
 * scan's shell work. A test checks both ways agree on every command.
 */
function simpleList(source: string): { commands: Word[][]; operators: string[] } | null {
  const commands: Word[][] = [[]];
  const operators: string[] = [];
  let redirected = false;
  SIMPLE_TOKEN.lastIndex = 0;
  while (SIMPLE_TOKEN.lastIndex < source.length) {
    const start = SIMPLE_TOKEN.lastIndex;
    const match = SIMPLE_TOKEN.exec(source);
    if (!match) return null;
    const [, operator, redirect, word] = match;
    const current = commands.at(-1)!;
    if (operator !== undefined) {
      if (current.length === 0) return null;
      operators.push(operator);
      commands.push([]);
      redirected = false;
    } else if (redirect !== undefined) {
      // `2>&1` duplicates a descriptor: no file written, nothing kept; only at a command's end
      if (current.length === 0 || redirected) return null;
      redirected = true;
    } else if (word !== undefined) {
      if (redirected) return null;
      if (current.length === 0 && (!PLAIN_NAME.test(word) || NOT_COMMAND_NAMES.has(word))) return null;
      current.push({ value: word.replace(/'([^']*)'|"([^"]*)"/g, '$1$2'), start, end: start + word.length });
    }
  }
  if (commands.at(-1)!.length === 0) return null;
  return { commands, operators };
}

function firstErrorNode(node: Node): Node | null {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    const found = child ? firstErrorNode(child) : null;
    if (found) return found;
  }
  return null;
}

function describeError(root: Node, source: string): string {
  const at = firstErrorNode(root);
  if (!at) return 'unparseable shell command';
  if (at.isMissing) return `unparseable shell command: missing ${at.type} at offset ${at.startIndex}`;
  const near = redactText(source.slice(at.startIndex, Math.min(at.endIndex, at.startIndex + 20)));
  return `unparseable shell command near offset ${at.startIndex}${near ? ` (${JSON.stringify(near)})` : ''}`;
}

/** Statements whose commands Claude Code will not auto-allow under a rule, by construct code. */
const CONTEXT_CONSTRUCTS: Readonly<Record<string, string>> = {
  subshell: 'subshell',
  compound_statement: 'group',
  case_statement: 'case',
  function_definition: 'function',
};

function walk(state: WalkState, node: Node, nested: boolean, redirects: string[]): void {
  const context = CONTEXT_CONSTRUCTS[node.type];
  if (context !== undefined && state.context === null) {
    state.context = context;
    try {
      walkNode(state, node, nested, redirects);
    } finally {
      state.context = null;
    }
    return;
  }
  walkNode(state, node, nested, redirects);
}

// Marks the segments from `from` on with a construct (the first one found stays).
function markConstruct(state: WalkState, from: number, construct: string | null, override = false): void {
  if (construct === null) return;
  for (let i = from; i < state.segments.length; i += 1) {
    const seg = state.segments[i];
    if (seg && !seg.inner && (override || seg.construct === undefined)) seg.construct = construct;
  }
}

function walkNode(state: WalkState, node: Node, nested: boolean, redirects: string[]): void {
  switch (node.type) {
    case 'command':
      emitCommand(state, node, nested, redirects);
      return;
    case 'redirected_statement': {
      const own = [...redirects];
      const before = state.segments.length;
      let construct: string | null = null;
      node.children.forEach((child, i) => {
        if (child && node.fieldNameForChild(i) !== 'body') construct ??= redirectConstruct(child);
      });
      for (const child of node.children) {
        if (child && child.type !== 'heredoc_redirect' && isRedirect(child)) collectRedirect(child, own);
        if (child?.type === 'heredoc_redirect') {
          for (const sub of child.namedChildren) if (sub && isRedirect(sub)) collectRedirect(sub, own);
        }
      }
      node.children.forEach((child, i) => {
        if (child && node.fieldNameForChild(i) === 'body') walk(state, child, nested, own);
      });
      markConstruct(state, before, construct);
      node.children.forEach((child, i) => {
        if (child && node.fieldNameForChild(i) !== 'body') walkRedirectNode(state, child, nested);
      });
      return;
    }
    case 'declaration_command':
    case 'unset_command':
      emitDeclaration(state, node, nested);
      return;
    case 'test_command':
      emitTest(state, node, nested);
      return;
    case 'variable_assignment':
      // A bare assignment runs nothing itself; its value may run substitutions.
      walkSubstitutionsIn(state, node);
      return;
    case 'command_substitution':
    case 'process_substitution':
      for (const child of node.namedChildren) if (child) walk(state, child, true, []);
      return;
    case 'heredoc_body':
      // The body is data, not commands; only `$(…)` inside an unquoted heredoc runs.
      walkSubstitutionsIn(state, node);
      return;
    case 'comment':
      return;
    default:
      walkContainer(state, node, nested, redirects);
  }
}

function walkContainer(state: WalkState, node: Node, nested: boolean, redirects: string[]): void {
  let previousWasStatement = false;
  let statementStart = state.segments.length;
  for (const child of node.children) {
    if (!child) continue;
    if (!child.isNamed) {
      if (OPERATORS.has(child.type)) state.operators.push(child.type);
      // `cmd &` runs past approval-time checks: Claude Code asks even under a bare Bash allow.
      if (child.type === '&') markConstruct(state, statementStart, 'background', true);
      previousWasStatement = false;
      statementStart = state.segments.length;
      continue;
    }
    const isStatement = STATEMENTS.has(child.type);
    // Statements on separate lines have no token between them: the newline is the operator.
    if (isStatement && previousWasStatement) state.operators.push('\n');
    if (isStatement) statementStart = state.segments.length;
    previousWasStatement = isStatement;
    walk(state, child, nested, STATEMENTS.has(child.type) ? redirects : []);
  }
}

function walkRedirectNode(state: WalkState, node: Node, nested: boolean): void {
  if (node.type === 'heredoc_redirect') {
    for (const child of node.children) {
      if (!child) continue;
      if (!child.isNamed) {
        if (OPERATORS.has(child.type)) state.operators.push(child.type);
        continue;
      }
      if (child.type === 'heredoc_body') walkSubstitutionsIn(state, child);
      else if (STATEMENTS.has(child.type)) walk(state, child, nested, []);
      else walkSubstitutionsIn(state, child);
    }
    return;
  }
  walkSubstitutionsIn(state, node);
}

function walkSubstitutionsIn(state: WalkState, node: Node): void {
  if (SUBSTITUTIONS.has(node.type)) {
    walk(state, node, true, []);
    return;
  }
  for (const child of node.namedChildren) if (child) walkSubstitutionsIn(state, child);
}

function isRedirect(node: Node): boolean {
  return (
    node.type === 'file_redirect' || node.type === 'herestring_redirect' || node.type === 'heredoc_redirect'
  );
}

// Output redirections only: those are file writes Claude Code checks against Edit rules.
function collectRedirect(node: Node, into: string[]): void {
  if (node.type !== 'file_redirect') return;
  const op = node.children.find((c) => c && !c.isNamed)?.type ?? '';
  if (!/^(?:>|>>|&>|&>>|>\||>&)$/.test(op)) return;
  const dest = node.childForFieldName('destination');
  if (!dest) return;
  // `2>&1` duplicates a descriptor; it writes no file.
  if ((op === '>&' || op === '&>') && /^\d+$|^-$/.test(dest.text)) return;
  into.push(wordOf(dest).value);
}

function wordOf(node: Node): Word {
  return { value: unquote(node), start: node.startIndex, end: node.endIndex };
}

function unquote(node: Node): string {
  const text = node.text;
  switch (node.type) {
    case 'word':
      return text.replace(/\\\n/g, '').replace(/\\(.)/gs, '$1');
    case 'raw_string':
      return text.slice(1, -1);
    case 'string':
      return text
        .slice(1, -1)
        .replace(/\\\n/g, '')
        .replace(/\\([$`"\\])/g, '$1');
    case 'ansi_c_string':
      return decodeAnsiC(text.slice(2, -1));
    case 'translated_string':
      return text.slice(2, -1);
    case 'concatenation':
      return node.children.map((c) => (c ? unquote(c) : '')).join('');
    default:
      return text;
  }
}

const ANSI_C_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/**
 * The text of `$'…'` as bash decodes it: `\xHH`, octal `\NNN`, `\uHHHH`, `\UHHHHHHHH`, `\cX` and
 * the letter escapes. `$'\x72m'` is `rm`, so risk sees the program that really runs.
 */
export function decodeAnsiC(body: string): string {
  return body.replace(
    /\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|u[0-9A-Fa-f]{1,4}|U[0-9A-Fa-f]{1,8}|c.|.)/gs,
    (_m, esc: string) => {
      const kind = esc[0] ?? '';
      if (kind === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
      if (/[0-7]/.test(kind)) return String.fromCharCode(parseInt(esc, 8) & 0xff);
      if ((kind === 'u' || kind === 'U') && esc.length > 1) {
        const code = parseInt(esc.slice(1), 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      if (kind === 'c' && esc.length === 2) return String.fromCharCode((esc.charCodeAt(1) & 0x1f) >>> 0);
      return ANSI_C_ESCAPES[esc] ?? `\\${esc}`;
    },
  );
}

/**
 * The first construct in a word that Claude Code will not check before it runs: `$(…)`/backticks
 * (inside double quotes: "quoted text"), `<(…)`, `${X}`, `$X` (but `$HOME`, which it resolves),
 * brace expansion. Single-quoted text and `$((…))` are fine.
 */
export function wordConstruct(node: Node, quoted = false): string | null {
  switch (node.type) {
    case 'command_substitution':
      if (isQuotedHeredocCat(node)) return null;
      return quoted ? 'quoted-substitution' : 'command-substitution';
    case 'process_substitution':
      return 'process-substitution';
    case 'expansion':
      return 'braced-variable';
    case 'simple_expansion':
      return node.namedChildren[0]?.text === 'HOME' ? null : 'variable';
    case 'brace_expression':
      return 'brace-expansion';
    case 'arithmetic_expansion':
    case 'raw_string':
    case 'ansi_c_string':
      return null;
    case 'concatenation':
      if (node.children.some((c) => c?.type === 'word' && c.text === '{') && /,|\.\./.test(node.text))
        return 'brace-expansion';
      break;
    default:
      break;
  }
  const inString = quoted || node.type === 'string';
  for (const child of node.namedChildren) {
    const found = child ? wordConstruct(child, inString) : null;
    if (found !== null) return found;
  }
  return null;
}

// `"$(cat <<'EOF' … EOF)"`, the way Claude Code writes commit messages: literal text, no command
// it cannot see (the delimiter is quoted, so nothing in the body expands).
function isQuotedHeredocCat(node: Node): boolean {
  const [only, ...rest] = node.namedChildren;
  if (!only || rest.length > 0 || only.type !== 'redirected_statement') return false;
  const body = only.childForFieldName('body');
  const redirects = only.namedChildren.filter((c) => c && c !== body && c.id !== body?.id);
  return (
    body?.type === 'command' &&
    body.namedChildren.length === 1 &&
    body.namedChildren[0]?.text === 'cat' &&
    redirects.length === 1 &&
    redirects[0]?.type === 'heredoc_redirect' &&
    redirectConstruct(redirects[0]) === null
  );
}

// What about a redirection keeps Claude Code from checking it: an unquoted heredoc (expanded),
// a target built from `$`/backticks or a command.
function redirectConstruct(node: Node): string | null {
  if (node.type === 'heredoc_redirect') {
    const start = node.children.find((c) => c?.type === 'heredoc_start');
    return start && !/['"\\]/.test(start.text) ? 'heredoc' : null;
  }
  if (node.type !== 'file_redirect') return null;
  const dest = node.childForFieldName('destination');
  if (!dest) return null;
  return wordConstruct(dest) ?? (/[$`]/.test(dest.text) ? 'redirect-expansion' : null);
}

// Leading assignments Claude Code lets an allow rule look through: each value a plain word it
// accepts for that name. Only the verdict is kept, never the value.
function assignmentIsSafe(node: Node): boolean {
  const name = node.childForFieldName('name')?.text ?? '';
  const value = node.childForFieldName('value');
  return (
    value !== null &&
    (value.type === 'word' || value.type === 'number') &&
    isSafeEnvAssignment(name, value.text)
  );
}

function emitCommand(state: WalkState, node: Node, nested: boolean, redirects: string[]): void {
  const envNames: string[] = [];
  let envSafe = true;
  let construct: string | null = null;
  const words: Word[] = [];
  const ownRedirects = [...redirects];
  const substitutionHosts: Node[] = [];
  const bodies: Node[] = [];
  for (const child of node.children) {
    if (!child || !child.isNamed) continue;
    if (child.type === 'variable_assignment') {
      const name = child.childForFieldName('name');
      envNames.push(name ? name.text : (child.text.split('=')[0] ?? ''));
      envSafe &&= assignmentIsSafe(child);
      substitutionHosts.push(child);
    } else if (isRedirect(child)) {
      collectRedirect(child, ownRedirects);
      construct ??= redirectConstruct(child);
      substitutionHosts.push(child);
    } else if (child.type === 'command_name') {
      const inner = child.namedChildren[0] ?? child;
      words.push(wordOf(inner));
      construct ??= wordConstruct(inner);
      substitutionHosts.push(child);
    } else if (STATEMENTS.has(child.type)) {
      // `time (a; b)`: the grammar hangs a subshell off the wrapper; its commands are real segments.
      bodies.push(child);
    } else if (child.type !== 'comment') {
      words.push(wordOf(child));
      construct ??= wordConstruct(child);
      substitutionHosts.push(child);
    }
  }
  const onlyWrappers = bodies.length > 0 && words.every((w) => STRIPPED_WRAPPERS.includes(w.value));
  if (words.length > 0 && !onlyWrappers) {
    const at = state.segments.length;
    addSegments(state, words, { envNames, nested, redirects: ownRedirects, wrappers: [] });
    const segment = state.segments[at];
    if (segment) {
      if (envNames.length > 0) segment.envSafe = envSafe;
      if (construct !== null && segment.construct === undefined) segment.construct = construct;
    }
  }
  for (const host of substitutionHosts) walkSubstitutionsIn(state, host);
  for (const body of bodies) walk(state, body, nested, ownRedirects);
}

interface SegmentContext {
  envNames: string[];
  nested: boolean;
  redirects: string[];
  wrappers: string[];
  inner?: true;
}

function addSegments(state: WalkState, allWords: Word[], ctx: SegmentContext): void {
  const { skip, wrappers } = stripWrappers(allWords.map((w) => w.value));
  const words = allWords.slice(skip);
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last) return;
  const argv = words.map((w) => redactText(w.value));
  const program = argv[0] ?? '';
  const base = programName({ program });
  const segment: CommandSegment = {
    program,
    subcommand: subcommandOf(base, argv),
    argv,
    text: redactText(state.source.slice(first.start, last.end)),
    wrappers: [...ctx.wrappers, ...wrappers],
    envNames: ctx.envNames,
    nested: ctx.nested,
    ephemeralPackages: [],
    redirects: ctx.redirects,
  };
  if (ctx.inner) segment.inner = true;
  else if (state.context !== null) segment.construct = state.context;
  state.segments.push(segment);
  addInnerViews(state, segment, words, base);
}

// What the outer segment runs, as its own segments: inline shell bodies, flagged xargs, ephemeral
// Nix packages. Their env/redirects belong to the outer segment.
function addInnerViews(state: WalkState, outer: CommandSegment, words: Word[], base: string): void {
  const argv = words.map((w) => w.value);
  const innerCtx = (label: string): SegmentContext => ({
    envNames: [],
    nested: true,
    redirects: [],
    wrappers: [label],
    inner: true,
  });
  if (INLINE_SHELLS.has(base)) {
    const body = inlineShellBody(argv);
    if (body !== null) parseNested(state, body, `${base} -c`);
    return;
  }
  if (base === 'eval' && argv.length > 1) {
    parseNested(state, argv.slice(1).join(' '), 'eval');
    return;
  }
  if (base === 'find') {
    // `find … -exec cmd {} ;` runs cmd: a view for deny/ask rules (allow sees the find text).
    for (let i = 1; i < words.length; i += 1) {
      if (!FIND_EXEC_FLAGS.has(argv[i] ?? '')) continue;
      let end = i + 1;
      while (end < words.length && argv[end] !== ';' && argv[end] !== '+') end += 1;
      if (end > i + 1) addSegments(state, words.slice(i + 1, end), innerCtx('find -exec'));
      i = end;
    }
    return;
  }
  if (base === 'xargs') {
    const at = xargsProgramIndex(argv);
    if (at !== null) addSegments(state, words.slice(at), innerCtx('xargs (with flags)'));
    return;
  }
  if (base === 'nix' && outer.subcommand[0] === 'develop') {
    const at = argv.findIndex((a) => a === '--command' || a === '-c');
    if (at > 0 && at + 1 < argv.length) addSegments(state, words.slice(at + 1), innerCtx('nix develop'));
    return;
  }
  const launched = launcherInner(base, outer.subcommand, argv);
  if (launched) {
    if ('body' in launched) parseNested(state, launched.body, launched.label);
    else addSegments(state, words.slice(launched.start), innerCtx(launched.label));
    return;
  }
  const use = ephemeralUse(base, argv);
  if (!use) return;
  outer.ephemeralPackages = use.packages;
  if (use.shellBody !== null) {
    parseNested(state, use.shellBody, use.label);
  } else if (use.derivedProgram !== null && use.innerStart !== null) {
    const from = words[use.innerStart - 1] ?? words[0];
    const anchor: Word = { value: use.derivedProgram, start: from?.end ?? 0, end: from?.end ?? 0 };
    const inner = [anchor, ...words.slice(use.innerStart)];
    const before = state.segments.length;
    addSegments(state, inner, innerCtx(use.label));
    // The derived program is not in the source text; rebuild the text from argv.
    const seg = state.segments[before];
    if (seg) seg.text = seg.argv.join(' ');
  } else if (use.innerStart !== null) {
    addSegments(state, words.slice(use.innerStart), innerCtx(use.label));
  }
}

/** The `-c` body of `bash -c 'body'` (flags like `-lc`, `-e -c`, `-o pipefail -c`), or null. */
function inlineShellBody(argv: readonly string[]): string | null {
  for (let i = 1; i < argv.length; i += 1) {
    const a = argv[i] ?? '';
    if (a === '-o' || a === '+o' || a === '-O' || a === '+O') {
      i += 1;
      continue;
    }
    if (a.startsWith('--') && a.length > 2) continue;
    if (!/^[-+][A-Za-z]+$/.test(a)) return null;
    if (a.startsWith('-') && a.includes('c')) return argv[i + 1] ?? null;
  }
  return null;
}

function parseNested(state: WalkState, body: string, label: string): void {
  if (state.depth >= MAX_NESTED_PARSE_DEPTH) return;
  state.depth += 1;
  // An unparseable body leaves just the outer segment: the outer text is still what rules match.
  parseInto(state, body, true, label);
  state.depth -= 1;
}

// `export A=1 B`, `local x=$(id)`, `unset X`: values are dropped from argv (secrets live there).
function emitDeclaration(state: WalkState, node: Node, nested: boolean): void {
  const argv: string[] = [];
  const envNames: string[] = [];
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === 'variable_assignment') {
      const name = child.childForFieldName('name')?.text ?? child.text.split('=')[0] ?? '';
      envNames.push(name);
      argv.push(name);
    } else if (!child.isNamed) {
      if (!OPERATORS.has(child.type)) argv.push(child.type);
    } else {
      argv.push(unquote(child));
    }
  }
  const program = argv[0] ?? '';
  const redacted = argv.map((a) => redactText(a));
  state.segments.push({
    program,
    subcommand: [],
    argv: redacted,
    text: redacted.join(' '),
    wrappers: [],
    envNames,
    nested,
    ephemeralPackages: [],
    redirects: [],
    ...(state.context !== null ? { construct: state.context } : {}),
  });
  walkSubstitutionsIn(state, node);
}

// `[ -f x ]` / `[[ … ]]`: the test builtin, kept as one segment so compound structure stays visible.
function emitTest(state: WalkState, node: Node, nested: boolean): void {
  const text = redactText(node.text);
  const argv = text.split(/\s+/).filter(Boolean);
  state.segments.push({
    program: argv[0] ?? '[',
    subcommand: [],
    argv,
    text,
    wrappers: [],
    envNames: [],
    nested,
    ephemeralPackages: [],
    redirects: [],
    ...(state.context !== null ? { construct: state.context } : {}),
  });
  walkSubstitutionsIn(state, node);
}
