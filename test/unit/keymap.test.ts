// The one key table: mode × key → command, every binding reachable, help and hints from the table.
import { describe, expect, it } from 'vitest';
import { helpLines } from '../../components/HelpOverlay.js';
import { hintText } from '../../components/HintBar.js';
import {
  bindings,
  contextsFor,
  keyName,
  resolveKey,
  type KeyContext,
  type KeyInfo,
  type KeyScope,
} from '../../components/keymap.js';

const list: KeyScope = {
  dialog: null,
  overlay: null,
  filtering: false,
  evidence: false,
  pane: 'suggestions',
};

// A scope in which each context is the top layer.
const scopeFor: Record<KeyContext, KeyScope> = {
  global: { ...list, pane: 'dormant' },
  list: { ...list, pane: 'dormant' },
  decide: { ...list, pane: 'confidence' },
  suggestions: list,
  usage: { ...list, pane: 'usage' },
  dormant: { ...list, pane: 'dormant' },
  evidence: { ...list, evidence: true },
  detail: { ...list, pane: 'dormant', detail: true },
  filter: { ...list, filtering: true },
  help: { ...list, overlay: 'help' },
  helpSearch: { ...list, overlay: 'help', helpSearching: true },
  summary: { ...list, overlay: 'summary' },
  apply: { ...list, dialog: 'apply' },
  reason: { ...list, dialog: 'reason' },
  edit: { ...list, dialog: 'edit' },
  quit: { ...list, dialog: 'quit' },
};

// The ink (input, key) pair a terminal produces for a key name of the table.
function press(name: string): [string, KeyInfo] {
  const special: Record<string, KeyInfo> = {
    enter: { return: true },
    escape: { escape: true },
    tab: { tab: true },
    'shift+tab': { tab: true, shift: true },
    up: { upArrow: true },
    down: { downArrow: true },
    left: { leftArrow: true },
    right: { rightArrow: true },
    pageup: { pageUp: true },
    pagedown: { pageDown: true },
    home: { home: true },
    end: { end: true },
    backspace: { delete: true },
  };
  if (special[name]) return ['', special[name]];
  if (name.startsWith('ctrl+')) return [name.slice(5), { ctrl: true }];
  if (name === 'space') return [' ', {}];
  return [name, {}];
}

describe('resolveKey', () => {
  it.each([
    ['suggestions list', list, 'a', 'suggestion.approve'],
    ['suggestions list', list, 'j', 'nav.down'],
    ['suggestions list', list, 'escape', 'list.back'],
    ['suggestions list', list, '2', 'pane.confidence'],
    ['usage pane', scopeFor.usage, 's', 'usage.sort'],
    ['usage pane', scopeFor.usage, 'a', null],
    ['evidence', scopeFor.evidence, 'escape', 'list.back'],
    ['evidence', scopeFor.evidence, 'j', 'evidence.down'],
    ['evidence', scopeFor.evidence, 'pagedown', 'evidence.pageDown'],
    ['filter input', scopeFor.filter, 'q', 'text.input'],
    ['filter input', scopeFor.filter, 'escape', 'filter.cancel'],
    ['help overlay', scopeFor.help, 'a', null],
    ['help overlay', scopeFor.help, 'q', 'overlay.close'],
    ['apply dialog', scopeFor.apply, 'enter', 'dialog.confirm'],
    ['apply dialog', scopeFor.apply, 'a', null],
    ['apply dialog', scopeFor.apply, 'escape', 'dialog.cancel'],
    ['reason prompt', scopeFor.reason, 'x', 'text.input'],
    ['quit prompt', scopeFor.quit, 'y', 'quit.yes'],
    ['quit prompt', scopeFor.quit, 'q', null],
    ['any scope', scopeFor.apply, 'ctrl+c', 'app.forceQuit'],
    // lazygit/k9s habits
    ['suggestions list', list, 'l', 'suggestion.open'],
    ['suggestions list', list, 'right', 'suggestion.open'],
    ['suggestions list', list, 's', 'suggestions.sort'],
    ['confidence pane', { ...list, pane: 'confidence' }, 'enter', 'suggestion.open'],
    ['confidence pane', { ...list, pane: 'confidence' }, 'a', 'suggestion.approve'],
    ['confidence pane', { ...list, pane: 'confidence' }, 'x', 'suggestion.reject'],
    ['confidence pane', { ...list, pane: 'confidence' }, 'l', 'suggestion.open'],
    ['dormant pane', { ...list, pane: 'dormant' }, 'enter', 'dormant.open'],
    ['dormant pane', { ...list, pane: 'dormant' }, 'l', 'dormant.open'],
    ['apply dialog', scopeFor.apply, 'pagedown', 'dialog.pageDown'],
    ['apply dialog', scopeFor.apply, 'pageup', 'dialog.pageUp'],
    ['help overlay', scopeFor.help, 'j', 'help.down'],
    ['help overlay', scopeFor.help, 'pagedown', 'help.pageDown'],
    ['help overlay', scopeFor.help, '/', 'help.search'],
  ] as const)('%s: %s → %s', (_name, scope, key, command) => {
    const [input, info] = press(key);
    expect(resolveKey(scope, input, info)?.id ?? null).toBe(command);
  });

  it('priority: dialog > overlay > text input > pane', () => {
    const everything: KeyScope = {
      dialog: 'quit',
      overlay: 'help',
      filtering: true,
      evidence: true,
      pane: 'usage',
    };
    expect(contextsFor(everything).contexts).toEqual(['quit']);
    expect(contextsFor({ ...everything, dialog: null }).contexts).toEqual(['help']);
    expect(contextsFor({ ...everything, dialog: null, overlay: null }).contexts).toEqual(['filter']);
    expect(contextsFor({ ...list, pane: 'usage' }).contexts).toEqual(['usage', 'list', 'global']);
  });

  it.each(bindings.flatMap((b) => b.keys.map((key) => [b.context, key, b.command] as const)))(
    'reachable: %s %s',
    (context, key, command) => {
      const [input, info] = press(key);
      expect(keyName(input, info)).toBe(key);
      const first = bindings.find((b) => b.context === context && b.keys.includes(key))!;
      expect(resolveKey(scopeFor[context], input, info)?.id).toBe(first.command);
      expect(first.command).toBe(command);
    },
  );
});

describe('help and hints come from the table', () => {
  it('the help overlay lists every binding of every listed context', () => {
    const text = helpLines()
      .map((l) => l.text)
      .join('\n');
    for (const b of bindings.filter(
      (b) => !['summary', 'reason', 'quit', 'helpSearch', 'detail'].includes(b.context),
    ))
      expect(text).toContain(b.description);
  });

  it('the hint bar shows the scope’s hint bindings and always keeps ? help', () => {
    expect(hintText(list)).toBe(
      'enter evidence  a approve  x reject  e edit  space mark  u undo  / filter  A apply  q quit  ? help',
    );
    expect(hintText(list, 60)).toMatch(/\? help$/);
    expect(hintText(scopeFor.apply)).toBe('enter write  esc cancel  j/k scroll');
  });
});
