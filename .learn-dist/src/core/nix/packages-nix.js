import { parser } from './grammar/parser.js';
// Options whose value is a package list: environment.systemPackages, home.packages,
// users.users.<u>.packages, devenv's `packages`.
const PACKAGE_OPTIONS = new Set(['systemPackages', 'packages']);
// Own-line comments that are notes rather than section headers.
const NOTE = /^(NOTE|TODO|FIXME|XXX|HACK|DISABLED|TEMP|WARNING|See)\b/i;
// `attr.path # reason` or a bare dotted path (`pkgs.neovim`): a commented-out package line.
const ATTR_PATH = String.raw `[A-Za-z_][\w'-]*(?:\.(?:[A-Za-z_][\w'-]*|\$\{[^}]*\}|"[^"]*"))*`;
const DISABLED_WITH_REASON = new RegExp(`^(${ATTR_PATH})\\s+#\\s*(.*)$`);
const DISABLED_BARE = new RegExp(`^(${ATTR_PATH}\\.${ATTR_PATH})$`);
// `wireshark - use nix-shell -p wireshark when needed`: a remark about one package, not a header.
const PACKAGE_NOTE = /^[a-z0-9][\w.-]*\s[-–—]\s/;
// Wrappers whose result is named by their first string argument.
const OVERRIDES = /\.(withPackages|override|overrideAttrs|overridePythonAttrs|overrideDerivation)$/;
/** Parse one packages.nix text into its entries, sections, disabled lines and imports. Pure. */
export function parsePackagesNix(text, source = 'packages.nix') {
    const tree = parser.parse(text);
    const ctx = {
        text,
        lineStarts: lineStarts(text),
        locals: new Set(),
        entries: [],
        disabled: [],
        sections: [],
        imports: [],
        problems: [],
        source,
    };
    tree.iterate({
        enter: (node) => {
            if (node.type.isError) {
                ctx.problems.push({ source, message: `syntax error at line ${lineOf(ctx, node.from)}` });
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
    };
}
function lineStarts(text) {
    const starts = [0];
    for (let i = 0; i < text.length; i++)
        if (text.charCodeAt(i) === 10)
            starts.push(i + 1);
    return starts;
}
function lineOf(ctx, pos) {
    let lo = 0;
    let hi = ctx.lineStarts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((ctx.lineStarts[mid] ?? 0) <= pos)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo + 1;
}
function textOf(ctx, node) {
    return ctx.text.slice(node.from, node.to);
}
function children(node) {
    const out = [];
    for (let child = node.firstChild; child; child = child.nextSibling)
        out.push(child);
    return out;
}
function isComment(node) {
    return node.name === 'LineComment' || node.name === 'BlockComment';
}
// Expression children only: no comments, no punctuation/keyword tokens.
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ';', 'with', 'let', 'in', 'if', 'then', 'else']);
function exprChildren(node) {
    return children(node).filter((c) => !isComment(c) && !PUNCTUATION.has(c.name));
}
// Let-bound names shadow `with pkgs;` (lexical scope wins over `with` in Nix), so a list element
// named like one is the file's own derivation, not a nixpkgs attribute.
function collectLetNames(top, ctx) {
    const cursor = top.cursor();
    do {
        if (cursor.name === 'Let') {
            for (const child of children(cursor.node)) {
                if (child.name !== 'Bind')
                    continue;
                const first = child.getChild('AttrPath')?.firstChild;
                if (first?.name === 'Identifier')
                    ctx.locals.add(textOf(ctx, first));
            }
        }
    } while (cursor.next());
}
function attrPathText(ctx, node) {
    if (!node)
        return [];
    return exprChildren(node).map((part) => {
        const raw = textOf(ctx, part);
        return part.name === 'String' ? raw.slice(1, -1) : raw;
    });
}
function walkBinds(node, prefix, ctx) {
    for (const child of children(node)) {
        if (child.name !== 'Bind') {
            walkBinds(child, prefix, ctx);
            continue;
        }
        const path = [...prefix, ...attrPathText(ctx, child.getChild('AttrPath'))];
        const value = exprChildren(child).find((c) => c.name !== 'AttrPath');
        if (!value)
            continue;
        const last = path[path.length - 1] ?? '';
        if (path.length === 1 && last === 'imports') {
            collectImports(value, ctx);
        }
        else if (PACKAGE_OPTIONS.has(last) && !isLetBinding(child)) {
            collectLists(value, { scope: null, condition: null, option: path.join('.') }, ctx);
        }
        else if (value.name === 'AttrSet' || value.name === 'RecAttrSet') {
            walkBinds(value, path, ctx);
        }
        else {
            walkBinds(value, prefix, ctx);
        }
    }
}
// `let packages = …; in` is a local, not the devenv `packages` option.
function isLetBinding(bind) {
    return bind.parent?.name === 'Let';
}
function collectImports(value, ctx) {
    if (value.name !== 'List') {
        ctx.problems.push({
            source: ctx.source,
            message: `imports at line ${lineOf(ctx, value.from)} is not a list`,
        });
        return;
    }
    for (const element of exprChildren(value)) {
        if (element.name === 'Path')
            ctx.imports.push(textOf(ctx, element));
        else if (element.name === 'String')
            ctx.imports.push(textOf(ctx, element).slice(1, -1));
        else
            ctx.problems.push({
                source: ctx.source,
                message: `import at line ${lineOf(ctx, element.from)} is not a path`,
            });
    }
}
function collectLists(node, scope, ctx) {
    const parts = exprChildren(node);
    switch (node.name) {
        case 'With': {
            const [target, body] = parts;
            if (!target || !body)
                return;
            const targetText = textOf(ctx, target);
            const inner = targetText === 'pkgs' ? null : targetText.replace(/^pkgs\./, '');
            collectLists(body, { ...scope, scope: inner }, ctx);
            return;
        }
        case 'Let': {
            const body = parts[parts.length - 1];
            if (body)
                collectLists(body, scope, ctx);
            return;
        }
        case 'Parenthesized':
        case 'BinaryExpr':
            for (const part of parts)
                collectLists(part, scope, ctx);
            return;
        case 'IfExpr': {
            const [cond, then, otherwise] = parts;
            if (!cond)
                return;
            const condition = textOf(ctx, cond);
            if (then)
                collectLists(then, { ...scope, condition }, ctx);
            if (otherwise)
                collectLists(otherwise, { ...scope, condition: `!(${condition})` }, ctx);
            return;
        }
        case 'App': {
            const [head, ...args] = flattenApp(node);
            const headText = head ? textOf(ctx, head) : '';
            const fn = headText.replace(/^(pkgs\.)?(lib\.)?(lists\.)?/, '');
            const [cond, value] = args;
            if ((fn === 'optionals' || fn === 'optional') && cond && value) {
                const condition = textOf(ctx, cond);
                if (fn === 'optionals')
                    collectLists(value, { ...scope, condition }, ctx);
                else
                    addElement(value, { ...scope, condition }, null, ctx);
                return;
            }
            break;
        }
        case 'List':
            collectList(node, scope, ctx);
            return;
    }
    ctx.problems.push({
        source: ctx.source,
        message: `${scope.option} at line ${lineOf(ctx, node.from)}: expression not understood (${textOf(ctx, node).slice(0, 40)})`,
    });
}
function flattenApp(node) {
    const parts = exprChildren(node);
    const [fn, ...rest] = parts;
    if (fn?.name === 'App')
        return [...flattenApp(fn), ...rest];
    return parts;
}
// Walk one list: elements in order, with the comments around them deciding descriptions,
// section headers and disabled packages (reference §1a heuristics, checked on the real files).
function collectList(list, scope, ctx) {
    let section = null;
    let block = null;
    let lastEnd = list.from;
    let lastElement = null;
    const closeBlock = (next) => {
        if (!block)
            return;
        let lines = block.lines;
        // A `Name - text` line right above a single element that names it describes that element.
        const lastLine = lines[lines.length - 1];
        const target = next?.length === 1 ? next[0] : undefined;
        if (target && lastLine && describesEntry(lastLine.text, target.name)) {
            target.description ??= lastLine.text;
            lines = lines.slice(0, -1);
            // A lone description set apart by a blank line starts a new, unnamed group.
            if (lines.length === 0 && block.afterBlank)
                section = null;
        }
        const header = lines[0];
        if (!header) {
            // only a description: the section goes on
        }
        else if (NOTE.test(header.text)) {
            // A block that starts with a note is a note as a whole; standing apart it ends the section,
            // so the elements after it are not filed under a header that was about something else.
            if (next === null)
                section = null;
        }
        else if (!(lines.length === 1 && PACKAGE_NOTE.test(header.text))) {
            section = header.text;
        }
        block = null;
    };
    for (const child of children(list)) {
        if (child.name === '[' || child.name === ']')
            continue;
        if (child.name === 'BlockComment')
            continue;
        const gapHasBlankLine = /\n[ \t]*\n/.test(ctx.text.slice(lastEnd, child.from));
        if (child.name === 'LineComment') {
            const body = textOf(ctx, child)
                .replace(/^#+\s?/, '')
                .trim();
            const line = lineOf(ctx, child.from);
            if (lastElement && line === lastElement.endLine) {
                // Same-line comment: the description of the element(s) ending on this line.
                for (const entry of lastElement.entries)
                    entry.description ??= body || null;
                lastEnd = child.to;
                continue;
            }
            const disabled = DISABLED_WITH_REASON.exec(body) ?? DISABLED_BARE.exec(body);
            if (disabled?.[1]) {
                if (block && gapHasBlankLine)
                    closeBlock(null);
                ctx.disabled.push({
                    name: disabledName(disabled[1]),
                    reason: disabled[2]?.trim() || null,
                    section: blockHeader(block) ?? section,
                    line,
                });
                lastEnd = child.to;
                continue;
            }
            if (block && gapHasBlankLine)
                closeBlock(null);
            if (body) {
                block ??= { lines: [], afterBlank: gapHasBlankLine || lastElement === null };
                block.lines.push({ text: body, line });
            }
            lastEnd = child.to;
            continue;
        }
        const before = ctx.entries.length;
        addElement(child, scope, null, ctx);
        const added = ctx.entries.slice(before);
        closeBlock(added);
        for (const entry of added)
            entry.section = section;
        if (added.length > 0 && section !== null && !ctx.sections.includes(section))
            ctx.sections.push(section);
        lastElement = { entries: added, endLine: lineOf(ctx, child.to) };
        lastEnd = child.to;
    }
}
function blockHeader(block) {
    const first = block?.lines[0];
    return first && !NOTE.test(first.text) ? first.text : null;
}
function disabledName(path) {
    const input = inputName(path.split('.'));
    if (input)
        return input;
    return path.replace(/^pkgs\./, '');
}
// `Serena MCP Server - …` above `(writeShellScriptBin "serena" …)`, `srt - …` above `"srt"`.
// `Gemini CLI - …` above "gemini-cli", `MCP NixOS Server - …` above "mcp-nixos": compare the
// text before the dash with the name, ignoring case, spaces and punctuation.
function describesEntry(line, name) {
    const dash = /\s[-–—]\s|:\s|\s\(/.exec(line);
    if (!dash)
        return false;
    const head = squash(line.slice(0, dash.index));
    const key = squash(name);
    return key.length >= 2 && head.length >= 2 && (head.startsWith(key) || key.startsWith(head));
}
function squash(text) {
    return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
function addElement(node, scope, _unused, ctx) {
    const line = lineOf(ctx, node.from);
    const push = (name, attr, kind) => {
        ctx.entries.push({
            name,
            attr,
            kind,
            description: null,
            section: null,
            condition: scope.condition,
            option: scope.option,
            line,
        });
    };
    switch (node.name) {
        case 'Identifier': {
            const name = textOf(ctx, node);
            if (ctx.locals.has(name))
                push(name, null, 'local');
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
            if (path[0] === 'pkgs')
                path.shift();
            else if (scope.scope)
                path.unshift(scope.scope);
            const attr = path.join('.');
            if (ctx.locals.has(path[0] ?? '') && path.length === 1)
                push(attr, null, 'local');
            else
                push(attr, attr, 'package');
            return;
        }
        case 'Parenthesized': {
            const inner = exprChildren(node)[0];
            if (inner)
                addElement(inner, scope, null, ctx);
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
            }
            else if (named && first?.name === 'Path') {
                push(named, null, 'local');
            }
            else if (named) {
                push(named, null, 'wrapper');
            }
            else {
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
function inputName(path) {
    if (path[0] !== 'inputs' || path.length < 2)
        return null;
    const input = path[1] ?? '';
    const out = path[path.length - 1] ?? 'default';
    if (path.length > 2 && out !== 'default' && !out.startsWith('${'))
        return out;
    return input.replace(/-nix$/, '');
}
// The name a wrapper gives its derivation: a plain string argument, `name`/`pname` in an attrset
// argument (symlinkJoin, writeShellApplication), or a local .nix file's base name (callPackage).
function nameFromArgument(arg, ctx) {
    if (arg.name === 'String') {
        const raw = textOf(ctx, arg);
        return raw.includes('${') ? null : raw.slice(1, -1);
    }
    if (arg.name === 'AttrSet' || arg.name === 'RecAttrSet') {
        for (const bind of arg.getChildren('Bind')) {
            const key = attrPathText(ctx, bind.getChild('AttrPath')).join('.');
            const value = bind.getChild('String');
            if ((key === 'name' || key === 'pname') && value)
                return nameFromArgument(value, ctx);
        }
        return null;
    }
    if (arg.name === 'Path') {
        const base = textOf(ctx, arg).split('/').pop() ?? '';
        return base.replace(/\.nix$/, '') || null;
    }
    return null;
}
//# sourceMappingURL=packages-nix.js.map