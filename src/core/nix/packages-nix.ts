// Reads a hand-written packages.nix with a real Nix grammar (the vendored Lezer grammar in
// ./grammar), never with regexes over the text: the earlier tool's regexes picked up lines inside
// `''…''` script bodies as packages and lost entries after `++ lib.optionals`.
import type { SyntaxNode } from '@lezer/common';
import type { Problem } from '../types.js';
import { parser } from './grammar/parser.js';
import type { DisabledPackage, PackageEntry, PackageEntryKind, ParsedPackagesFile } from './types.js';

// Options whose value is the user's package list (possibly under `config.` or a module prefix):
// environment.systemPackages, home.packages, users.users.<u>.packages, fonts.packages, devenv's
// top-level `packages`. Not services.udev.packages and the like: those install no tools.
const PACKAGE_OPTIONS = [
  /(^|\.)systemPackages$/,
  /(^|\.)home\.packages$/,
  /(^|\.)users\.users\.[^.]+\.packages$/,
  /(^|\.)fonts\.packages$/,
  /^packages$/,
];

// Own-line comments that are notes rather than section headers.
const NOTE = /^(NOTE|TODO|FIXME|XXX|HACK|DISABLED|TEMP|WARNING|See)\b/i;

// `attr.path # reason` or a bare dotted path (`pkgs.neovim`): a commented-out package line.
const ATTR_PATH = String.raw`[A-Za-z_][\w'-]*(?:\.(?:[A-Za-z_][\w'-]*|\$\{[^}]*\}|"[^"]*"))*`;
const DISABLED_WITH_REASON = new RegExp(`^(${ATTR_PATH})\\s+#\\s*(.*)$`);
const DISABLED_BARE = new RegExp(`^(${ATTR_PATH}\\.${ATTR_PATH})$`);

// `wireshark - use nix-shell -p wireshark when needed`: a remark about one package, not a header.
const PACKAGE_NOTE = /^([a-z0-9][\w.-]*)\s[-–—]\s(.*)$/;

// `# htop`: one lowercase attribute name and nothing else.
const BARE_NAME = /^[a-z][\w'-]*$/;

// Wrappers whose result is named by their first string argument.
const OVERRIDES = /\.(withPackages|override|overrideAttrs|overridePythonAttrs|overrideDerivation)$/;

interface Ctx {
  text: string;
  lineStarts: number[];
  locals: Set<string>;
  /** Let-bound values, so `attrValues sets` / `sets.gui` / `++ devTools` can be followed. */
  letValues: Map<string, SyntaxNode>;
  /** Let names being followed right now (a binding that refers to itself is not followed twice). */
  following: Set<string>;
  entries: PackageEntry[];
  disabled: DisabledPackage[];
  sections: string[];
  imports: string[];
  problems: Problem[];
  syntaxErrors: number[];
  /** How many package options (systemPackages, home.packages, …) the file sets. */
  packageOptions: number;
  source: string;
}

/** Parse one packages.nix text into its entries, sections, disabled lines and imports. Pure. */
export function parsePackagesNix(text: string, source = 'packages.nix'): ParsedPackagesFile {
  const tree = parser.parse(text);
  const ctx: Ctx = {
    text,
    lineStarts: lineStarts(text),
    locals: new Set(),
    letValues: new Map(),
    following: new Set(),
    entries: [],
    disabled: [],
    sections: [],
    imports: [],
    problems: [],
    syntaxErrors: [],
    packageOptions: 0,
    source,
  };
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) {
        const line = lineOf(ctx, node.from);
        if (ctx.syntaxErrors.includes(line)) return;
        ctx.syntaxErrors.push(line);
        ctx.problems.push({ source, message: `${source}:${line}: syntax error` });
      }
    },
  });
  collectLetNames(tree.topNode, ctx);
  walkBinds(tree.topNode, [], ctx);
  return {
    entries: ctx.entries,
    sections: ctx.sections,
    imports: ctx.imports,
    disabled: ctx.disabled,
    problems: ctx.problems,
    syntaxErrors: ctx.syntaxErrors,
    packageOptions: ctx.packageOptions,
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOf(ctx: Ctx, pos: number): number {
  let lo = 0;
  let hi = ctx.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((ctx.lineStarts[mid] ?? 0) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function textOf(ctx: Ctx, node: SyntaxNode): string {
  return ctx.text.slice(node.from, node.to);
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

function isComment(node: SyntaxNode): boolean {
  return node.name === 'LineComment' || node.name === 'BlockComment';
}

// Expression children only: no comments, no punctuation/keyword tokens.
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ';', 'with', 'let', 'in', 'if', 'then', 'else']);
function exprChildren(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((c) => !isComment(c) && !PUNCTUATION.has(c.name));
}

// Let-bound names shadow `with pkgs;` (lexical scope wins over `with` in Nix), so a list element
// named like one is the file's own derivation, not a nixpkgs attribute.
function collectLetNames(top: SyntaxNode, ctx: Ctx): void {
  const cursor = top.cursor();
  do {
    if (cursor.name === 'Let') {
      for (const child of children(cursor.node)) {
        if (child.name !== 'Bind') continue;
        const attrPath = child.getChild('AttrPath');
        const first = attrPath?.firstChild;
        if (first?.name !== 'Identifier') continue;
        const name = textOf(ctx, first);
        ctx.locals.add(name);
        const value = exprChildren(child).find((c) => c.name !== 'AttrPath');
        // Only a plain `name = …;` binding (not `name.sub = …;`) is a value that can be followed.
        if (value && attrPath && exprChildren(attrPath).length === 1) ctx.letValues.set(name, value);
      }
    }
  } while (cursor.next());
}

function attrPathText(ctx: Ctx, node: SyntaxNode | null): string[] {
  if (!node) return [];
  return exprChildren(node).map((part) => {
    const raw = textOf(ctx, part);
    return part.name === 'String' ? raw.slice(1, -1) : raw;
  });
}

function walkBinds(node: SyntaxNode, prefix: string[], ctx: Ctx): void {
  for (const child of children(node)) {
    if (child.name !== 'Bind') {
      walkBinds(child, prefix, ctx);
      continue;
    }
    const path = [...prefix, ...attrPathText(ctx, child.getChild('AttrPath'))];
    const value = exprChildren(child).find((c) => c.name !== 'AttrPath');
    if (!value) continue;
    const option = path.join('.');
    if (option === 'imports') {
      collectImports(value, ctx);
    } else if (PACKAGE_OPTIONS.some((pattern) => pattern.test(option)) && !isLetBinding(child)) {
      ctx.packageOptions++;
      collectLists(value, { scope: null, condition: null, option, section: null, nested: false }, ctx);
    } else if (value.name === 'AttrSet' || value.name === 'RecAttrSet') {
      walkBinds(value, path, ctx);
    } else {
      walkBinds(value, prefix, ctx);
    }
  }
}

// `let packages = …; in` is a local, not the devenv `packages` option.
function isLetBinding(bind: SyntaxNode): boolean {
  return bind.parent?.name === 'Let';
}

function collectImports(value: SyntaxNode, ctx: Ctx): void {
  if (value.name !== 'List') {
    ctx.problems.push({
      source: ctx.source,
      message: `imports at line ${lineOf(ctx, value.from)} is not a list`,
    });
    return;
  }
  for (const element of exprChildren(value)) {
    if (element.name === 'Path') ctx.imports.push(textOf(ctx, element));
    else if (element.name === 'String') ctx.imports.push(textOf(ctx, element).slice(1, -1));
    else
      ctx.problems.push({
        source: ctx.source,
        message: `import at line ${lineOf(ctx, element.from)} is not a path`,
      });
  }
}

interface ListScope {
  /** The `with` scope as an attribute prefix: null = pkgs itself (or none), 'gnome' for `with pkgs.gnome;`. */
  scope: string | null;
  condition: string | null;
  option: string;
  /** The attribute a list was found under (`gui` of `attrValues { gui = [ … ]; }`): its default section. */
  section: string | null;
  /** Inside `lib.flatten`/`concatLists`: a list element may itself be a list. */
  nested: boolean;
}

// Functions whose result is their last argument's list, unchanged (module priorities and order).
const PASS_THROUGH = new Set(['mkDefault', 'mkForce', 'mkBefore', 'mkAfter', 'mkOrder', 'mkOverride']);
// Functions that join a list of lists.
const JOIN = new Set(['flatten', 'concatLists']);

// `lib.`, `pkgs.lib.`, `lib.lists.`, `builtins.`, `lib.attrsets.` prefixes do not change what a function does.
function functionName(headText: string): string {
  return headText.replace(/^(pkgs\.)?(lib\.|builtins\.)?(lists\.|attrsets\.|modules\.)?/, '');
}

function notUnderstood(node: SyntaxNode, scope: ListScope, ctx: Ctx): void {
  ctx.problems.push({
    source: ctx.source,
    message: `${ctx.source}:${lineOf(ctx, node.from)}: ${scope.option}: expression not understood (${textOf(ctx, node).slice(0, 40)}); its packages are not listed`,
  });
}

// Follow a let-bound name once; a binding that refers back to itself is not understood.
function followLet(name: string, scope: ListScope, ctx: Ctx, then: (value: SyntaxNode) => void): boolean {
  const value = ctx.letValues.get(name);
  if (!value || ctx.following.has(name)) return false;
  ctx.following.add(name);
  try {
    then(value);
  } finally {
    ctx.following.delete(name);
  }
  return true;
}

/** The attribute set an expression stands for (through `with`, parentheses, let names), or null. */
function resolveAttrSet(
  node: SyntaxNode,
  scope: ListScope,
  ctx: Ctx,
  depth = 0,
): { set: SyntaxNode; scope: ListScope } | null {
  if (depth > 20) return null;
  const parts = exprChildren(node);
  switch (node.name) {
    case 'AttrSet':
    case 'RecAttrSet':
      return { set: node.name === 'RecAttrSet' ? (node.getChild('AttrSet') ?? node) : node, scope };
    case 'Parenthesized':
      return parts[0] ? resolveAttrSet(parts[0], scope, ctx, depth + 1) : null;
    case 'With': {
      const [target, body] = parts;
      return target && body ? resolveAttrSet(body, withScope(target, scope, ctx), ctx, depth + 1) : null;
    }
    case 'Let': {
      const body = parts[parts.length - 1];
      return body ? resolveAttrSet(body, scope, ctx, depth + 1) : null;
    }
    case 'Identifier': {
      const value = ctx.letValues.get(textOf(ctx, node));
      return value ? resolveAttrSet(value, { ...scope, scope: null }, ctx, depth + 1) : null;
    }
    default:
      return null;
  }
}

function withScope(target: SyntaxNode, scope: ListScope, ctx: Ctx): ListScope {
  const inner = packageSetPath(textOf(ctx, target).split('.'));
  return { ...scope, scope: inner.length === 0 ? null : inner.join('.') };
}

// Names people give other nixpkgs instances (`pkgs-stable`, `pkgsUnstable`, `pkgs.unstable`,
// `nixpkgs-stable.legacyPackages.${system}`): the attribute under them is the package's name.
const PACKAGE_SET = /^(pkgs([-_]?[A-Za-z0-9]+)*|unstable|stable|master)$/;

/** An attribute path without the package-set prefix it was written under. */
function packageSetPath(path: string[]): string[] {
  const out = [...path];
  const legacy = out.indexOf('legacyPackages');
  if (legacy >= 0 && out[legacy + 1]?.startsWith('${')) out.splice(0, legacy + 2);
  if (out.length > 0 && PACKAGE_SET.test(out[0] ?? '')) out.shift();
  if (out.length > 0 && /^(unstable|stable|master)$/.test(out[0] ?? '')) out.shift();
  return out;
}

/** The value bound to `key` in an attribute set node, or null. */
function attrValue(set: SyntaxNode, key: string, ctx: Ctx): SyntaxNode | null {
  for (const bind of set.getChildren('Bind')) {
    if (attrPathText(ctx, bind.getChild('AttrPath')).join('.') !== key) continue;
    return exprChildren(bind).find((c) => c.name !== 'AttrPath') ?? null;
  }
  return null;
}

function collectLists(node: SyntaxNode, scope: ListScope, ctx: Ctx): void {
  const parts = exprChildren(node);
  switch (node.name) {
    case 'With': {
      const [target, body] = parts;
      if (!target || !body) return;
      collectLists(body, withScope(target, scope, ctx), ctx);
      return;
    }
    case 'Let': {
      const body = parts[parts.length - 1];
      if (body) collectLists(body, scope, ctx);
      return;
    }
    case 'Parenthesized':
    case 'BinaryExpr':
      for (const part of parts) collectLists(part, scope, ctx);
      return;
    case 'IfExpr': {
      const [cond, then, otherwise] = parts;
      if (!cond) return;
      const condition = textOf(ctx, cond);
      if (then) collectLists(then, { ...scope, condition }, ctx);
      if (otherwise) collectLists(otherwise, { ...scope, condition: `!(${condition})` }, ctx);
      return;
    }
    case 'Identifier': {
      // `… ++ devTools` where `devTools = with pkgs; [ … ];` is a let binding of this file.
      if (
        followLet(textOf(ctx, node), scope, ctx, (value) =>
          collectLists(value, { ...scope, scope: null }, ctx),
        )
      )
        return;
      break;
    }
    case 'Select': {
      // `sets.gui` of `let sets = with pkgs; { gui = [ … ]; }`.
      const base = node.firstChild;
      const key = attrPathText(ctx, node.getChild('AttrPath')).join('.');
      const resolved = base ? resolveAttrSet(base, scope, ctx) : null;
      const value = resolved ? attrValue(resolved.set, key, ctx) : null;
      if (resolved && value) {
        collectLists(value, { ...resolved.scope, section: scope.section ?? key }, ctx);
        return;
      }
      break;
    }
    case 'App': {
      const [head, ...args] = flattenApp(node);
      const fn = functionName(head ? textOf(ctx, head) : '');
      const [cond, value] = args;
      const last = args[args.length - 1];
      if ((fn === 'optionals' || fn === 'optional' || fn === 'mkIf') && cond && value) {
        const condition = textOf(ctx, cond);
        if (fn === 'optional') addElement(value, { ...scope, condition }, null, ctx);
        else collectLists(value, { ...scope, condition }, ctx);
        return;
      }
      if (PASS_THROUGH.has(fn) && last) {
        collectLists(last, scope, ctx);
        return;
      }
      if (JOIN.has(fn) && cond && args.length === 1) {
        collectLists(cond, { ...scope, nested: true }, ctx);
        return;
      }
      if (fn === 'mkMerge' && cond?.name === 'List' && args.length === 1) {
        for (const part of exprChildren(cond)) collectLists(part, scope, ctx);
        return;
      }
      if (fn === 'attrValues' && cond && args.length === 1) {
        const resolved = resolveAttrSet(cond, scope, ctx);
        if (resolved) {
          collectAttrValues(resolved.set, resolved.scope, ctx);
          return;
        }
      }
      break;
    }
    case 'List':
      collectList(node, scope, ctx);
      return;
  }
  notUnderstood(node, scope, ctx);
}

// `builtins.attrValues { gui = [ … ]; cli = [ … ]; }`: each value is a list (the usual shape,
// then flattened) or one package; the attribute name becomes the section of its entries.
function collectAttrValues(set: SyntaxNode, scope: ListScope, ctx: Ctx): void {
  // `inherit a b;` and `inherit (pkgs) c d;` arrive as a flat run of tokens after an `inherit`.
  let inheriting: { from: string | null; open: boolean } | null = null;
  for (const child of children(set)) {
    if (child.name === 'inherit') {
      inheriting = { from: null, open: false };
      continue;
    }
    if (child.name === 'Bind') {
      inheriting = null;
      const key = attrPathText(ctx, child.getChild('AttrPath')).join('.');
      const value = exprChildren(child).find((c) => c.name !== 'AttrPath');
      if (value) collectValue(value, key, scope, ctx);
      continue;
    }
    if (!inheriting || isComment(child)) continue;
    if (child.name === '(') inheriting.open = true;
    else if (child.name === ')') inheriting.open = false;
    else if (inheriting.open) inheriting.from = textOf(ctx, child);
    else if (child.name === 'Identifier') {
      const name = textOf(ctx, child);
      if (inheriting.from === null) collectValue(child, name, scope, ctx);
      else {
        const inner = packageSetPath(inheriting.from.split('.'));
        const prefix = inner.length === 0 ? null : inner.join('.');
        addElement(child, { ...scope, scope: prefix }, null, ctx);
      }
    }
  }
}

// One attribute value: a list (the usual shape, then flattened; the attribute names its section)
// or one package (a derivation built in place is known by its attribute name).
function collectValue(value: SyntaxNode, key: string, scope: ListScope, ctx: Ctx): void {
  if (isListLike(value, ctx)) {
    collectLists(value, { ...scope, section: key, nested: true }, ctx);
    return;
  }
  const before = ctx.entries.length;
  addElement(value, scope, null, ctx);
  for (const entry of ctx.entries.slice(before)) {
    if (entry.kind === 'local' || entry.kind === 'expression') entry.name = key;
  }
}

// Whether an expression is a list (literally, or through with/let/parentheses/++/a let name/a list function).
function isListLike(node: SyntaxNode, ctx: Ctx, depth = 0): boolean {
  if (depth > 20) return false;
  const parts = exprChildren(node);
  switch (node.name) {
    case 'List':
      return true;
    case 'BinaryExpr':
      return textOf(ctx, node).includes('++');
    case 'With':
    case 'Let':
    case 'Parenthesized': {
      const body = parts[parts.length - 1];
      return body ? isListLike(body, ctx, depth + 1) : false;
    }
    case 'Identifier': {
      const value = ctx.letValues.get(textOf(ctx, node));
      return value ? isListLike(value, ctx, depth + 1) : false;
    }
    case 'App': {
      const head = flattenApp(node)[0];
      const fn = functionName(head ? textOf(ctx, head) : '');
      return ['optional', 'optionals', 'mkIf', 'flatten', 'concatLists', 'attrValues'].includes(fn);
    }
    case 'IfExpr':
      return parts.slice(1).some((branch) => isListLike(branch, ctx, depth + 1));
    default:
      return false;
  }
}

function flattenApp(node: SyntaxNode): SyntaxNode[] {
  const parts = exprChildren(node);
  const [fn, ...rest] = parts;
  if (fn?.name === 'App') return [...flattenApp(fn), ...rest];
  return parts;
}

interface Block {
  lines: { text: string; line: number }[];
  /** A blank line (or the list start) separates it from what came before. */
  afterBlank: boolean;
}

// Walk one list: elements in order, with the comments around them deciding descriptions,
// section headers and disabled packages (reference §1a heuristics, checked on the real files).
function collectList(list: SyntaxNode, scope: ListScope, ctx: Ctx): void {
  let section: string | null = scope.section;
  let block: Block | null = null;
  let lastEnd = list.from;
  let lastElement: { entries: PackageEntry[]; endLine: number } | null = null;

  const disable = (name: string, reason: string | null, line: number, under: string | null): void => {
    ctx.disabled.push({ name: disabledName(name), reason, section: under, line });
  };

  // `next`: the entries of the element right after the block, or null when a blank line or the
  // end of the list follows it.
  const closeBlock = (next: PackageEntry[] | null): void => {
    if (!block) return;
    let lines = block.lines;
    // A `Name - text` line right above a single element that names it describes that element.
    const lastLine = lines[lines.length - 1];
    const target = next?.length === 1 ? next[0] : undefined;
    if (target && lastLine && describesEntry(lastLine.text, target.name)) {
      target.description ??= lastLine.text;
      lines = lines.slice(0, -1);
      // A lone description set apart by a blank line starts a new, unnamed group.
      if (lines.length === 0 && block.afterBlank) section = null;
    }
    // Bare package names (`# htop`) are commented-out packages, not a header, when they are
    // several in a row, sit inside a group (no blank line above), head nothing (a blank line or the
    // end of the list follows), or could not be prose (`nodejs_20`, `zed-editor`).
    const bare = lines.filter((l) => BARE_NAME.test(l.text));
    if (
      bare.length > 0 &&
      bare.length === lines.length &&
      (lines.length > 1 || !block.afterBlank || next === null || lines.every((l) => /[-_\d]/.test(l.text)))
    ) {
      for (const l of lines) disable(l.text, null, l.line, section);
      block = null;
      return;
    }
    // `wireshark - use nix-shell -p wireshark when needed` above an element it does not name: a
    // package left out, with the reason.
    const note = lines.length === 1 ? PACKAGE_NOTE.exec(lines[0]?.text ?? '') : null;
    if (note?.[1] && lines[0]) {
      disable(note[1], note[2]?.trim() || null, lines[0].line, section);
      block = null;
      return;
    }
    const header = lines[0];
    if (!header) {
      // only a description: the section goes on
    } else if (NOTE.test(header.text)) {
      // A block that starts with a note is a note as a whole; standing apart it ends the section,
      // so the elements after it are not filed under a header that was about something else.
      if (next === null) section = null;
    } else {
      section = header.text;
    }
    block = null;
  };

  for (const child of children(list)) {
    if (child.name === '[' || child.name === ']') continue;
    if (child.name === 'BlockComment') continue;
    const gapHasBlankLine = /\n[ \t]*\n/.test(ctx.text.slice(lastEnd, child.from));
    if (child.name === 'LineComment') {
      const body = textOf(ctx, child)
        .replace(/^#+\s?/, '')
        .trim();
      const line = lineOf(ctx, child.from);
      if (lastElement && line === lastElement.endLine) {
        // Same-line comment: the description of the element(s) ending on this line.
        for (const entry of lastElement.entries) entry.description ??= body || null;
        lastEnd = child.to;
        continue;
      }
      const disabled = DISABLED_WITH_REASON.exec(body) ?? DISABLED_BARE.exec(body);
      if (disabled?.[1]) {
        if (block && gapHasBlankLine) closeBlock(null);
        disable(disabled[1], disabled[2]?.trim() || null, line, blockHeader(block) ?? section);
        lastEnd = child.to;
        continue;
      }
      if (block && gapHasBlankLine) closeBlock(null);
      if (body) {
        block ??= { lines: [], afterBlank: gapHasBlankLine || lastElement === null };
        block.lines.push({ text: body, line });
      }
      lastEnd = child.to;
      continue;
    }
    const before = ctx.entries.length;
    // Inside `lib.flatten [ a b ]` an element may be a list of its own.
    if (scope.nested && isListLike(child, ctx)) collectLists(child, { ...scope, section }, ctx);
    else addElement(child, scope, null, ctx);
    const added = ctx.entries.slice(before);
    closeBlock(added);
    for (const entry of added) entry.section = section;
    if (added.length > 0 && section !== null && !ctx.sections.includes(section)) ctx.sections.push(section);
    lastElement = { entries: added, endLine: lineOf(ctx, child.to) };
    lastEnd = child.to;
  }
  closeBlock(null);
}

function blockHeader(block: Block | null): string | null {
  const first = block?.lines[0];
  return first && !NOTE.test(first.text) ? first.text : null;
}

function disabledName(path: string): string {
  const input = inputName(path.split('.'));
  if (input) return input;
  return path.replace(/^pkgs\./, '');
}

// `Serena MCP Server - …` above `(writeShellScriptBin "serena" …)`, `srt - …` above `"srt"`.
// `Gemini CLI - …` above "gemini-cli", `MCP NixOS Server - …` above "mcp-nixos": compare the
// text before the dash with the name, ignoring case, spaces and punctuation.
function describesEntry(line: string, name: string): boolean {
  const dash = /\s[-–—]\s|:\s|\s\(/.exec(line);
  if (!dash) return false;
  const head = squash(line.slice(0, dash.index));
  const key = squash(name);
  return key.length >= 2 && head.length >= 2 && (head.startsWith(key) || key.startsWith(head));
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function addElement(node: SyntaxNode, scope: ListScope, _unused: null, ctx: Ctx): void {
  const line = lineOf(ctx, node.from);
  const push = (name: string, attr: string | null, kind: PackageEntryKind): void => {
    ctx.entries.push({
      name,
      attr,
      kind,
      description: null,
      section: scope.section,
      condition: scope.condition,
      option: scope.option,
      line,
    });
  };
  switch (node.name) {
    case 'Identifier': {
      const name = textOf(ctx, node);
      if (ctx.locals.has(name)) push(name, null, 'local');
      else {
        const attr = scope.scope ? `${scope.scope}.${name}` : name;
        push(attr, attr, 'package');
      }
      return;
    }
    case 'Select': {
      const base = node.firstChild;
      const path = [base ? textOf(ctx, base) : '', ...attrPathText(ctx, node.getChild('AttrPath'))];
      const input = inputName(path);
      if (input) {
        push(input, null, 'input');
        return;
      }
      const stripped = packageSetPath(path);
      if (stripped.length < path.length) path.splice(0, path.length, ...stripped);
      else if (scope.scope) path.unshift(scope.scope);
      const attr = path.join('.');
      if (ctx.locals.has(path[0] ?? '') && path.length === 1) push(attr, null, 'local');
      else push(attr, attr, 'package');
      return;
    }
    case 'Parenthesized': {
      const inner = exprChildren(node)[0];
      if (inner) addElement(inner, scope, null, ctx);
      return;
    }
    case 'App': {
      const [head, ...args] = flattenApp(node);
      const headText = head ? textOf(ctx, head) : '';
      const first = args[0];
      const named = first ? nameFromArgument(first, ctx) : null;
      if (OVERRIDES.test(headText)) {
        const attr = headText.replace(OVERRIDES, '').replace(/^pkgs\./, '');
        push(attr, ctx.locals.has(attr) ? null : attr, ctx.locals.has(attr) ? 'local' : 'package');
      } else if (named && first?.name === 'Path') {
        push(named, null, 'local');
      } else if (named) {
        push(named, null, 'wrapper');
      } else {
        push(headText, null, 'expression');
      }
      return;
    }
    default:
      ctx.problems.push({
        source: ctx.source,
        message: `${scope.option} at line ${line}: list element not understood (${textOf(ctx, node).slice(0, 40)})`,
      });
  }
}

// `inputs.<name>.packages.${system}.<out>`: the output name, or the input's name for `default`
// (with a `-nix` suffix dropped: `claude-code-nix` packages claude-code).
function inputName(path: string[]): string | null {
  if (path[0] !== 'inputs' || path.length < 2) return null;
  const input = path[1] ?? '';
  const out = path[path.length - 1] ?? 'default';
  if (path.length > 2 && out !== 'default' && !out.startsWith('${')) return out;
  return input.replace(/-nix$/, '');
}

// The name a wrapper gives its derivation: a plain string argument, `name`/`pname` in an attrset
// argument (symlinkJoin, writeShellApplication), or a local .nix file's base name (callPackage).
function nameFromArgument(arg: SyntaxNode, ctx: Ctx): string | null {
  if (arg.name === 'String') {
    const raw = textOf(ctx, arg);
    return raw.includes('${') ? null : raw.slice(1, -1);
  }
  if (arg.name === 'AttrSet' || arg.name === 'RecAttrSet') {
    for (const bind of arg.getChildren('Bind')) {
      const key = attrPathText(ctx, bind.getChild('AttrPath')).join('.');
      const value = bind.getChild('String');
      if ((key === 'name' || key === 'pname') && value) return nameFromArgument(value, ctx);
    }
    return null;
  }
  if (arg.name === 'Path') {
    const base = textOf(ctx, arg).split('/').pop() ?? '';
    return base.replace(/\.nix$/, '') || null;
  }
  return null;
}
