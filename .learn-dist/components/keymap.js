// The one key table. Every binding lives here once: the resolver turns keypresses into commands
// with it, the `?` overlay lists it, and the hint bar picks its entries from it, so what the help
// says and what the keys do can never drift apart (gemini-cli's keyBindings.ts habit).
/** The key table (order = order in the help overlay and hint bar). */
export const bindings = [
    {
        command: 'pane.next',
        keys: ['tab'],
        label: 'tab',
        description: 'next pane',
        context: 'global',
        hint: false,
    },
    {
        command: 'pane.prev',
        keys: ['shift+tab'],
        label: 'S-tab',
        description: 'previous pane',
        context: 'global',
        hint: false,
    },
    {
        command: 'pane.suggestions',
        keys: ['1'],
        label: '1',
        description: 'Suggestions pane',
        context: 'global',
        hint: false,
    },
    {
        command: 'pane.confidence',
        keys: ['2'],
        label: '2',
        description: 'Confidence pane',
        context: 'global',
        hint: false,
    },
    {
        command: 'pane.usage',
        keys: ['3'],
        label: '3',
        description: 'Usage pane',
        context: 'global',
        hint: false,
    },
    {
        command: 'pane.dormant',
        keys: ['4'],
        label: '4',
        description: 'Dormant pane',
        context: 'global',
        hint: false,
    },
    {
        command: 'nav.down',
        keys: ['j', 'down'],
        label: 'j/k',
        description: 'move down',
        context: 'list',
        hint: false,
    },
    { command: 'nav.up', keys: ['k', 'up'], label: 'k', description: 'move up', context: 'list', hint: false },
    {
        command: 'nav.top',
        keys: ['g', 'home'],
        label: 'g',
        description: 'first row',
        context: 'list',
        hint: false,
    },
    {
        command: 'nav.bottom',
        keys: ['G', 'end'],
        label: 'G',
        description: 'last row',
        context: 'list',
        hint: false,
    },
    {
        command: 'nav.pageDown',
        keys: ['pagedown', 'ctrl+d'],
        label: 'PgDn',
        description: 'page down',
        context: 'list',
        hint: false,
    },
    {
        command: 'nav.pageUp',
        keys: ['pageup', 'ctrl+u'],
        label: 'PgUp',
        description: 'page up',
        context: 'list',
        hint: false,
    },
    {
        command: 'filter.start',
        keys: ['/'],
        label: '/',
        description: 'filter the pane (match count in the title)',
        context: 'list',
        hint: true,
    },
    {
        command: 'list.back',
        keys: ['escape'],
        label: 'esc',
        description: 'clear filter / marks (never quits)',
        context: 'list',
        hint: false,
    },
    {
        command: 'suggestion.open',
        keys: ['enter'],
        label: 'enter',
        description: 'evidence for the proposal',
        context: 'suggestions',
        hint: true,
    },
    {
        command: 'suggestion.approve',
        keys: ['a'],
        label: 'a',
        description: 'approve (marked rows, else this one)',
        context: 'suggestions',
        hint: true,
    },
    {
        command: 'suggestion.reject',
        keys: ['x'],
        label: 'x',
        description: 'reject, with an optional reason',
        context: 'suggestions',
        hint: true,
    },
    {
        command: 'suggestion.edit',
        keys: ['e'],
        label: 'e',
        description: 'edit breadth/scope (alternatives)',
        context: 'suggestions',
        hint: true,
    },
    {
        command: 'suggestion.mark',
        keys: ['space'],
        label: 'space',
        description: 'mark row (actions apply to marks)',
        context: 'suggestions',
        hint: true,
    },
    {
        command: 'decision.undo',
        keys: ['u'],
        label: 'u',
        description: 'undo the last decision',
        context: 'suggestions',
        hint: true,
    },
    {
        command: 'apply.start',
        keys: ['A'],
        label: 'A',
        description: 'apply decisions (shows the diff first)',
        context: 'global',
        hint: true,
    },
    {
        command: 'usage.sort',
        keys: ['s'],
        label: 's',
        description: 'sort by H, C or name',
        context: 'usage',
        hint: true,
    },
    {
        command: 'app.rescan',
        keys: ['R'],
        label: 'R',
        description: 'rescan and reload',
        context: 'global',
        hint: false,
    },
    { command: 'app.help', keys: ['?'], label: '?', description: 'help', context: 'global', hint: true },
    {
        command: 'app.quit',
        keys: ['q'],
        label: 'q',
        description: 'quit (asks if decisions are unapplied)',
        context: 'global',
        hint: true,
    },
    {
        command: 'app.forceQuit',
        keys: ['ctrl+c'],
        label: '^C',
        description: 'quit now (decisions are already saved)',
        context: 'global',
        hint: false,
    },
    {
        command: 'list.back',
        keys: ['escape', 'h', 'left'],
        label: 'esc',
        description: 'back to the list',
        context: 'evidence',
        hint: true,
    },
    {
        command: 'suggestion.approve',
        keys: ['a'],
        label: 'a',
        description: 'approve this proposal',
        context: 'evidence',
        hint: true,
    },
    {
        command: 'suggestion.reject',
        keys: ['x'],
        label: 'x',
        description: 'reject this proposal',
        context: 'evidence',
        hint: true,
    },
    {
        command: 'suggestion.edit',
        keys: ['e'],
        label: 'e',
        description: 'edit breadth/scope',
        context: 'evidence',
        hint: true,
    },
    {
        command: 'filter.accept',
        keys: ['enter'],
        label: 'enter',
        description: 'keep the filter',
        context: 'filter',
        hint: true,
    },
    {
        command: 'filter.cancel',
        keys: ['escape'],
        label: 'esc',
        description: 'clear the filter',
        context: 'filter',
        hint: true,
    },
    {
        command: 'filter.backspace',
        keys: ['backspace'],
        label: 'bksp',
        description: 'delete a character',
        context: 'filter',
        hint: false,
    },
    {
        command: 'overlay.close',
        keys: ['escape', '?', 'q', 'enter'],
        label: 'esc',
        description: 'close help',
        context: 'help',
        hint: true,
    },
    {
        command: 'overlay.close',
        keys: ['escape', 'enter', 'q'],
        label: 'enter',
        description: 'continue to the proposals',
        context: 'summary',
        hint: true,
    },
    {
        command: 'dialog.confirm',
        keys: ['enter'],
        label: 'enter',
        description: 'write these changes',
        context: 'apply',
        hint: true,
    },
    {
        command: 'dialog.cancel',
        keys: ['escape', 'q'],
        label: 'esc',
        description: 'cancel, write nothing',
        context: 'apply',
        hint: true,
    },
    {
        command: 'dialog.down',
        keys: ['j', 'down', 'pagedown'],
        label: 'j/k',
        description: 'scroll the diff',
        context: 'apply',
        hint: true,
    },
    {
        command: 'dialog.up',
        keys: ['k', 'up', 'pageup'],
        label: 'k',
        description: 'scroll the diff up',
        context: 'apply',
        hint: false,
    },
    {
        command: 'dialog.confirm',
        keys: ['enter'],
        label: 'enter',
        description: 'reject (reason optional)',
        context: 'reason',
        hint: true,
    },
    {
        command: 'dialog.cancel',
        keys: ['escape'],
        label: 'esc',
        description: 'cancel',
        context: 'reason',
        hint: true,
    },
    {
        command: 'dialog.backspace',
        keys: ['backspace'],
        label: 'bksp',
        description: 'delete a character',
        context: 'reason',
        hint: false,
    },
    {
        command: 'dialog.down',
        keys: ['j', 'down', 'e'],
        label: 'j/k',
        description: 'next alternative',
        context: 'edit',
        hint: true,
    },
    {
        command: 'dialog.up',
        keys: ['k', 'up'],
        label: 'k',
        description: 'previous alternative',
        context: 'edit',
        hint: false,
    },
    {
        command: 'dialog.confirm',
        keys: ['enter'],
        label: 'enter',
        description: 'use this rule (unsafe ones refused)',
        context: 'edit',
        hint: true,
    },
    {
        command: 'dialog.cancel',
        keys: ['escape', 'q'],
        label: 'esc',
        description: 'keep the proposed rule',
        context: 'edit',
        hint: true,
    },
    {
        command: 'quit.yes',
        keys: ['y', 'Y'],
        label: 'y',
        description: 'quit; decisions stay saved, unapplied',
        context: 'quit',
        hint: true,
    },
    {
        command: 'quit.no',
        keys: ['n', 'N', 'enter', 'escape'],
        label: 'N',
        description: 'stay',
        context: 'quit',
        hint: true,
    },
];
/** Normalize ink's (input, key) into one key name of the table. */
export function keyName(input, key) {
    if (key.return)
        return 'enter';
    if (key.escape)
        return 'escape';
    if (key.tab)
        return key.shift ? 'shift+tab' : 'tab';
    if (key.upArrow)
        return 'up';
    if (key.downArrow)
        return 'down';
    if (key.leftArrow)
        return 'left';
    if (key.rightArrow)
        return 'right';
    if (key.pageUp)
        return 'pageup';
    if (key.pageDown)
        return 'pagedown';
    if (key.home)
        return 'home';
    if (key.end)
        return 'end';
    // Terminals send DEL (0x7f) for Backspace; ink reports it as `delete`.
    if (key.backspace || key.delete)
        return 'backspace';
    if (key.ctrl && input)
        return `ctrl+${input.toLowerCase()}`;
    if (input === ' ')
        return 'space';
    return input;
}
/** The contexts consulted for a scope, highest priority first; the boolean says whether the layer captures every key. */
export function contextsFor(scope) {
    // Priority: dialog > overlay > text input > pane. A dialog or overlay swallows unbound keys so
    // nothing behind it reacts; ctrl+c is the one key that always reaches the app.
    if (scope.dialog)
        return { contexts: [scope.dialog], textInput: scope.dialog === 'reason' };
    if (scope.overlay)
        return { contexts: [scope.overlay], textInput: false };
    if (scope.filtering)
        return { contexts: ['filter'], textInput: true };
    if (scope.evidence)
        return { contexts: ['evidence', 'global'], textInput: false };
    const paneContexts = scope.pane === 'suggestions' ? ['suggestions'] : scope.pane === 'usage' ? ['usage'] : [];
    return { contexts: [...paneContexts, 'list', 'global'], textInput: false };
}
const byContext = new Map();
for (const binding of bindings) {
    const table = byContext.get(binding.context) ?? new Map();
    for (const key of binding.keys)
        if (!table.has(key))
            table.set(key, binding.command);
    byContext.set(binding.context, table);
}
/** Resolve one keypress to a command in the given UI scope, or null when nothing is bound. */
export function resolveKey(scope, input, key) {
    const name = keyName(input, key);
    if (name === 'ctrl+c')
        return { id: 'app.forceQuit' };
    const { contexts, textInput } = contextsFor(scope);
    for (const context of contexts) {
        const id = byContext.get(context)?.get(name);
        if (id)
            return { id };
    }
    if (textInput && input && !key.ctrl && !key.meta)
        return { id: 'text.input', text: input };
    return null;
}
/** Bindings for the hint bar in this scope (first binding per command, table order). */
export function hintsFor(scope) {
    const { contexts } = contextsFor(scope);
    const seen = new Set();
    const hints = [];
    for (const context of contexts) {
        for (const binding of bindings) {
            if (binding.context !== context || !binding.hint || seen.has(binding.command))
                continue;
            seen.add(binding.command);
            hints.push(binding);
        }
    }
    return hints;
}
/** Help overlay sections: a heading per context and its bindings, straight from the table. */
export const helpSections = [
    { title: 'Everywhere', context: 'global' },
    { title: 'Lists', context: 'list' },
    { title: 'Suggestions', context: 'suggestions' },
    { title: 'Evidence', context: 'evidence' },
    { title: 'Usage', context: 'usage' },
    { title: 'Filter', context: 'filter' },
    { title: 'Apply diff', context: 'apply' },
    { title: 'Edit breadth', context: 'edit' },
];
/** The keys of a binding as shown to people ('j/down'). */
export function keyLabel(binding) {
    return binding.keys.join('/');
}
//# sourceMappingURL=keymap.js.map