// The one key table. Every binding lives here once: the resolver turns keypresses into commands
// with it, the `?` overlay lists it, and the hint bar picks its entries from it, so what the help
// says and what the keys do can never drift apart (gemini-cli's keyBindings.ts habit).

/** Every command a key can trigger. */
export type CommandId =
  | 'app.quit'
  | 'app.forceQuit'
  | 'app.help'
  | 'app.rescan'
  | 'pane.next'
  | 'pane.prev'
  | 'pane.suggestions'
  | 'pane.confidence'
  | 'pane.usage'
  | 'pane.dormant'
  | 'nav.down'
  | 'nav.up'
  | 'nav.top'
  | 'nav.bottom'
  | 'nav.pageDown'
  | 'nav.pageUp'
  | 'list.back'
  | 'filter.start'
  | 'filter.accept'
  | 'filter.cancel'
  | 'filter.backspace'
  | 'suggestion.open'
  | 'suggestion.approve'
  | 'suggestion.reject'
  | 'suggestion.edit'
  | 'suggestion.mark'
  | 'decision.undo'
  | 'apply.start'
  | 'usage.sort'
  | 'suggestions.sort'
  | 'dormant.open'
  | 'evidence.down'
  | 'evidence.up'
  | 'evidence.pageDown'
  | 'evidence.pageUp'
  | 'help.down'
  | 'help.up'
  | 'help.pageDown'
  | 'help.pageUp'
  | 'help.top'
  | 'help.bottom'
  | 'help.search'
  | 'help.searchAccept'
  | 'help.searchCancel'
  | 'help.backspace'
  | 'dialog.pageDown'
  | 'dialog.pageUp'
  | 'dialog.confirm'
  | 'dialog.cancel'
  | 'dialog.down'
  | 'dialog.up'
  | 'dialog.backspace'
  | 'quit.yes'
  | 'quit.no'
  | 'overlay.close'
  | 'text.input';

/** Where a binding is live. Dialogs and overlays capture every key; panes fall back to `global`. */
export type KeyContext =
  | 'global'
  | 'list'
  | 'decide'
  | 'suggestions'
  | 'usage'
  | 'dormant'
  | 'evidence'
  | 'detail'
  | 'filter'
  | 'help'
  | 'helpSearch'
  | 'summary'
  | 'apply'
  | 'reason'
  | 'edit'
  | 'quit';

/** One row of the key table. */
export interface Binding {
  command: CommandId;
  /** Normalized key names (see `keyName`): 'j', 'down', 'shift+tab', 'ctrl+c', 'space', 'A'. */
  keys: string[];
  /** Short label for the hint bar. */
  label: string;
  /** One line for the help overlay. */
  description: string;
  context: KeyContext;
  /** Shown in the bottom hint bar. */
  hint: boolean;
}

/** The key table (order = order in the help overlay and hint bar). */
export const bindings: readonly Binding[] = [
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
    keys: ['enter', 'l', 'right'],
    label: 'enter',
    description: 'evidence for the proposal',
    context: 'decide',
    hint: true,
  },
  {
    command: 'suggestion.approve',
    keys: ['a'],
    label: 'a',
    description: 'approve (marked rows, else this one)',
    context: 'decide',
    hint: true,
  },
  {
    command: 'suggestion.reject',
    keys: ['x'],
    label: 'x',
    description: 'reject, with an optional reason',
    context: 'decide',
    hint: true,
  },
  {
    command: 'suggestion.edit',
    keys: ['e'],
    label: 'e',
    description: 'edit breadth/scope (alternatives)',
    context: 'decide',
    hint: true,
  },
  {
    command: 'suggestion.mark',
    keys: ['space'],
    label: 'space',
    description: 'mark row (actions apply to marks)',
    context: 'decide',
    hint: true,
  },
  {
    command: 'decision.undo',
    keys: ['u'],
    label: 'u',
    description: 'undo the last decision',
    context: 'decide',
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
    command: 'suggestions.sort',
    keys: ['s'],
    label: 's',
    description: 'sort by saved, confidence or rule',
    context: 'suggestions',
    hint: false,
  },
  {
    command: 'dormant.open',
    keys: ['enter', 'l', 'right'],
    label: 'enter',
    description: 'details and what to do about the package',
    context: 'dormant',
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
    command: 'evidence.down',
    keys: ['j', 'down'],
    label: 'j/k',
    description: 'scroll the evidence',
    context: 'evidence',
    hint: false,
  },
  {
    command: 'evidence.up',
    keys: ['k', 'up'],
    label: 'k',
    description: 'scroll the evidence up',
    context: 'evidence',
    hint: false,
  },
  {
    command: 'evidence.pageDown',
    keys: ['pagedown', 'ctrl+d'],
    label: 'PgDn',
    description: 'next page of the evidence',
    context: 'evidence',
    hint: false,
  },
  {
    command: 'evidence.pageUp',
    keys: ['pageup', 'ctrl+u'],
    label: 'PgUp',
    description: 'previous page of the evidence',
    context: 'evidence',
    hint: false,
  },
  {
    command: 'list.back',
    keys: ['escape', 'h', 'left'],
    label: 'esc',
    description: 'back to the list',
    context: 'detail',
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
    keys: ['escape', '?', 'q'],
    label: 'esc',
    description: 'close help (Esc clears a search first)',
    context: 'help',
    hint: true,
  },
  {
    command: 'help.down',
    keys: ['j', 'down'],
    label: 'j/k',
    description: 'scroll',
    context: 'help',
    hint: true,
  },
  {
    command: 'help.up',
    keys: ['k', 'up'],
    label: 'k',
    description: 'scroll up',
    context: 'help',
    hint: false,
  },
  {
    command: 'help.pageDown',
    keys: ['pagedown', 'ctrl+d'],
    label: 'PgDn',
    description: 'page down',
    context: 'help',
    hint: false,
  },
  {
    command: 'help.pageUp',
    keys: ['pageup', 'ctrl+u'],
    label: 'PgUp',
    description: 'page up',
    context: 'help',
    hint: false,
  },
  { command: 'help.top', keys: ['g', 'home'], label: 'g', description: 'top', context: 'help', hint: false },
  {
    command: 'help.bottom',
    keys: ['G', 'end'],
    label: 'G',
    description: 'bottom',
    context: 'help',
    hint: false,
  },
  {
    command: 'help.search',
    keys: ['/'],
    label: '/',
    description: 'search the keys',
    context: 'help',
    hint: true,
  },
  {
    command: 'help.searchAccept',
    keys: ['enter'],
    label: 'enter',
    description: 'keep the search',
    context: 'helpSearch',
    hint: true,
  },
  {
    command: 'help.searchCancel',
    keys: ['escape'],
    label: 'esc',
    description: 'clear the search',
    context: 'helpSearch',
    hint: true,
  },
  {
    command: 'help.backspace',
    keys: ['backspace'],
    label: 'bksp',
    description: 'delete a character',
    context: 'helpSearch',
    hint: false,
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
    keys: ['j', 'down'],
    label: 'j/k',
    description: 'scroll the diff',
    context: 'apply',
    hint: true,
  },
  {
    command: 'dialog.up',
    keys: ['k', 'up'],
    label: 'k',
    description: 'scroll the diff up',
    context: 'apply',
    hint: false,
  },
  {
    command: 'dialog.pageDown',
    keys: ['pagedown', 'ctrl+d'],
    label: 'PgDn',
    description: 'next page of the diff',
    context: 'apply',
    hint: false,
  },
  {
    command: 'dialog.pageUp',
    keys: ['pageup', 'ctrl+u'],
    label: 'PgUp',
    description: 'previous page of the diff',
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

/** The subset of ink's Key the resolver reads. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

/** Normalize ink's (input, key) into one key name of the table. */
export function keyName(input: string, key: KeyInfo): string {
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  // Terminals send DEL (0x7f) for Backspace; ink reports it as `delete`.
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

/** The layers a keypress may land in, derived from the UI state. */
export interface KeyScope {
  dialog: 'apply' | 'reason' | 'edit' | 'quit' | null;
  overlay: 'help' | 'summary' | null;
  filtering: boolean;
  evidence: boolean;
  pane: 'suggestions' | 'confidence' | 'usage' | 'dormant';
  /** Typing a search in the help overlay. */
  helpSearching?: boolean;
  /** A Dormant row's detail is open. */
  detail?: boolean;
}

/** A resolved command; `text` carries typed characters for text inputs. */
export interface ResolvedCommand {
  id: CommandId;
  text?: string;
}

/** The contexts consulted for a scope, highest priority first; the boolean says whether the layer captures every key. */
export function contextsFor(scope: KeyScope): { contexts: KeyContext[]; textInput: boolean } {
  // Priority: dialog > overlay > text input > pane. A dialog or overlay swallows unbound keys so
  // nothing behind it reacts; ctrl+c is the one key that always reaches the app.
  if (scope.dialog) return { contexts: [scope.dialog], textInput: scope.dialog === 'reason' };
  if (scope.overlay === 'help' && scope.helpSearching) return { contexts: ['helpSearch'], textInput: true };
  if (scope.overlay) return { contexts: [scope.overlay], textInput: false };
  if (scope.filtering) return { contexts: ['filter'], textInput: true };
  if (scope.evidence) return { contexts: ['evidence', 'global'], textInput: false };
  if (scope.detail) return { contexts: ['detail', 'global'], textInput: false };
  // Both proposal panes act on their selected proposal (lazygit: every list has its actions).
  const paneContexts: Record<KeyScope['pane'], KeyContext[]> = {
    suggestions: ['suggestions', 'decide'],
    confidence: ['decide'],
    usage: ['usage'],
    dormant: ['dormant'],
  };
  return { contexts: [...paneContexts[scope.pane], 'list', 'global'], textInput: false };
}

const byContext = new Map<KeyContext, Map<string, CommandId>>();
for (const binding of bindings) {
  const table = byContext.get(binding.context) ?? new Map<string, CommandId>();
  for (const key of binding.keys) if (!table.has(key)) table.set(key, binding.command);
  byContext.set(binding.context, table);
}

/** Resolve one keypress to a command in the given UI scope, or null when nothing is bound. */
export function resolveKey(scope: KeyScope, input: string, key: KeyInfo): ResolvedCommand | null {
  const name = keyName(input, key);
  if (name === 'ctrl+c') return { id: 'app.forceQuit' };
  const { contexts, textInput } = contextsFor(scope);
  for (const context of contexts) {
    const id = byContext.get(context)?.get(name);
    if (id) return { id };
  }
  if (textInput && input && !key.ctrl && !key.meta) return { id: 'text.input', text: input };
  return null;
}

/** Bindings for the hint bar in this scope (first binding per command, table order). */
export function hintsFor(scope: KeyScope): Binding[] {
  const { contexts } = contextsFor(scope);
  const seen = new Set<CommandId>();
  const hints: Binding[] = [];
  for (const context of contexts) {
    for (const binding of bindings) {
      if (binding.context !== context || !binding.hint || seen.has(binding.command)) continue;
      seen.add(binding.command);
      hints.push(binding);
    }
  }
  return hints;
}

/** Help overlay sections: a heading per context and its bindings, straight from the table. */
export const helpSections: { title: string; context: KeyContext }[] = [
  { title: 'Everywhere', context: 'global' },
  { title: 'Lists', context: 'list' },
  { title: 'Suggestions and Confidence', context: 'decide' },
  { title: 'Suggestions', context: 'suggestions' },
  { title: 'Evidence', context: 'evidence' },
  { title: 'Usage', context: 'usage' },
  { title: 'Dormant', context: 'dormant' },
  { title: 'Filter', context: 'filter' },
  { title: 'Apply diff', context: 'apply' },
  { title: 'Edit breadth', context: 'edit' },
  { title: 'Help', context: 'help' },
];

/** The keys of a binding as shown to people ('j/down'). */
export function keyLabel(binding: Binding): string {
  return binding.keys.join('/');
}
