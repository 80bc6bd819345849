// Keyboard behaviour of the dashboard without Ink: dispatch resolved commands, check the state.
import { describe, expect, it } from 'vitest';
import { createFakeBackend, fakeSuggestion, type FakeBackendOptions } from '../../components/fake-backend.js';
import type { CommandId } from '../../components/keymap.js';
import { createDashboardStore, unappliedCount } from '../../components/store.js';

async function setup(options: FakeBackendOptions = {}) {
  const backend = createFakeBackend(options);
  const store = createDashboardStore({ backend, viewport: { columns: 80, rows: 24 } });
  await store.getState().load();
  const run = async (...ids: (CommandId | { id: 'text.input'; text: string })[]) => {
    for (const id of ids) await store.getState().dispatch(typeof id === 'string' ? { id } : id);
  };
  const type = (text: string) => run(...[...text].map((ch) => ({ id: 'text.input' as const, text: ch })));
  const current = () =>
    store.selectors.suggestionRows(store.getState())[store.getState().cursor.suggestions]!;
  return { backend, store, run, type, current, state: () => store.getState() };
}

describe('dashboard store', () => {
  it('sorts proposals by prompts saved, most first', async () => {
    const { state } = await setup();
    const saved = state().suggestions.map((s) => s.promptsSaved);
    expect(saved).toEqual([...saved].sort((a, b) => b - a));
  });

  it('approve persists the decision at once and moves to the next row', async () => {
    const { run, state, backend, current } = await setup();
    const first = current();
    await run('suggestion.approve');
    expect(backend.calls.filter((c) => c.method === 'decide')).toEqual([
      { method: 'decide', ids: [first.id], state: 'approved', detail: {} },
    ]);
    expect(state().decisions[first.id]?.state).toBe('approved');
    expect(state().cursor.suggestions).toBe(1);
  });

  it('reject asks for an optional reason and records it', async () => {
    const { run, type, state, backend, current } = await setup();
    const first = current();
    await run('suggestion.reject');
    expect(state().dialog?.kind).toBe('reason');
    await type('too broad');
    await run('dialog.confirm');
    expect(state().decisions[first.id]).toEqual({ state: 'rejected', reason: 'too broad' });
    expect(backend.calls.at(-1)).toMatchObject({ state: 'rejected', detail: { reason: 'too broad' } });
  });

  it('undo takes back the last decision in the store and the backend', async () => {
    const { run, state, backend, current } = await setup();
    const first = current();
    await run('suggestion.approve', 'decision.undo');
    expect(state().decisions).toEqual({});
    expect(backend.calls.at(-1)).toEqual({ method: 'undo', ids: [first.id] });
  });

  it('marked rows take the action together, then the marks clear', async () => {
    const { run, state } = await setup();
    await run('suggestion.mark', 'suggestion.mark', 'nav.down', 'suggestion.mark');
    expect(Object.keys(state().marked)).toHaveLength(3);
    await run('suggestion.approve');
    expect(Object.values(state().decisions).map((d) => d.state)).toEqual([
      'approved',
      'approved',
      'approved',
    ]);
    expect(state().marked).toEqual({});
    await run('decision.undo');
    expect(state().decisions).toEqual({});
  });

  it('edit offers the alternatives and refuses one that covers denied calls', async () => {
    const { run, state, current } = await setup();
    const first = current();
    await run('suggestion.edit');
    expect(state().dialog).toEqual({ kind: 'edit', id: first.id, index: 0 });
    await run('dialog.down', 'dialog.confirm');
    expect(state().message).toMatch(/^refused: Bash\(git:\*\) — would have allowed 3 denied calls/);
    expect(state().decisions[first.id]).toBeUndefined();
    await run('dialog.up', 'dialog.confirm');
    expect(state().decisions[first.id]).toEqual({ state: 'edited', editedRule: first.alternatives[0]!.rule });
  });

  it('apply shows the plan first; Esc writes nothing, Enter writes and removes the applied rows', async () => {
    const { run, state, backend } = await setup();
    await run('suggestion.approve', 'suggestion.approve', 'apply.start');
    expect(state().dialog).toMatchObject({ kind: 'apply' });
    await run('dialog.cancel');
    expect(backend.calls.some((c) => c.method === 'apply')).toBe(false);
    await run('apply.start', 'dialog.confirm');
    expect(backend.calls.at(-1)).toMatchObject({ method: 'apply' });
    expect(state().suggestions).toHaveLength(10);
    expect(unappliedCount(state())).toBe(0);
  });

  it('apply with nothing decided says so and opens nothing', async () => {
    const { run, state } = await setup();
    await run('apply.start');
    expect(state().dialog).toBeNull();
    expect(state().message).toMatch(/nothing to apply/);
  });

  it.each([
    { name: 'no decisions: quits at once', before: [] as CommandId[], dialog: null, exit: true },
    {
      name: 'a rejection only: quits at once',
      before: ['suggestion.reject', 'dialog.confirm'] as CommandId[],
      dialog: null,
      exit: true,
    },
    {
      name: 'unapplied decisions: asks first',
      before: ['suggestion.approve'] as CommandId[],
      dialog: 'quit',
      exit: false,
    },
  ])('q with $name', async ({ before, dialog, exit }) => {
    const { run, state } = await setup();
    await run(...before, 'app.quit');
    expect(state().dialog?.kind ?? null).toBe(dialog);
    expect(state().exitRequested).toBe(exit);
  });

  it('the quit prompt: N stays, y quits', async () => {
    const { run, state } = await setup();
    await run('suggestion.approve', 'app.quit', 'quit.no');
    expect(state().exitRequested).toBe(false);
    await run('app.quit', 'quit.yes');
    expect(state().exitRequested).toBe(true);
  });

  it('filter narrows the rows; Esc clears it', async () => {
    const { run, type, state, store } = await setup();
    await run('filter.start');
    await type('cargo');
    expect(store.selectors.suggestionRows(state()).map((s) => s.rule)).toEqual(['Bash(cargo status:*)']);
    await run('filter.accept', 'list.back');
    expect(state().filter.suggestions).toBe('');
    expect(store.selectors.suggestionRows(state())).toHaveLength(12);
  });

  it('Esc backs out one layer at a time and never quits', async () => {
    const { run, state } = await setup();
    await run('suggestion.mark', 'suggestion.open');
    expect(state().evidenceId).not.toBeNull();
    await run('list.back');
    expect(state().evidenceId).toBeNull();
    expect(Object.keys(state().marked)).toHaveLength(1);
    await run('list.back', 'list.back', 'list.back');
    expect(state().marked).toEqual({});
    expect(state().exitRequested).toBe(false);
  });

  it.each([
    ['nav.bottom', 9_999],
    ['nav.pageDown', 16],
    ['nav.top', 0],
  ] as const)('%s on 10,000 rows lands on row %i', async (id, row) => {
    const { run, state } = await setup({ suggestions: 10_000 });
    await run(id);
    expect(state().cursor.suggestions).toBe(row);
  });

  it('pane keys: Tab cycles, Shift-Tab goes back, numbers jump', async () => {
    const { run, state } = await setup();
    await run('pane.next');
    expect(state().focus).toBe('confidence');
    await run('pane.prev', 'pane.prev');
    expect(state().focus).toBe('dormant');
    await run('pane.usage');
    expect(state().focus).toBe('usage');
  });

  it('s cycles the usage sort H → C → name', async () => {
    const { run, state, store } = await setup();
    const order = [];
    for (let i = 0; i < 3; i += 1) {
      await run('usage.sort');
      order.push([state().usageSort, store.selectors.usageRows(state())[0]!.tool]);
    }
    expect(order).toEqual([
      ['claude', 'tool-22'],
      ['name', 'bat'],
      ['human', 'tool-21'],
    ]);
  });

  it('decisions taken before a restart come back as unapplied', async () => {
    const backend = createFakeBackend({ suggestions: [fakeSuggestion(0)] });
    backend.pendingDecisions = async () => ({ s00000: { state: 'approved' } });
    const store = createDashboardStore({ backend });
    await store.getState().load();
    expect(unappliedCount(store.getState())).toBe(1);
  });

  it('shows headless (-p/SDK) calls apart after a scan', async () => {
    const backend = createFakeBackend({ suggestions: [fakeSuggestion(0)] });
    backend.scan = async () => ({ newCalls: 20, problems: 0, headlessCalls: 15, headlessRefusals: 7 });
    const store = createDashboardStore({ backend });
    await store.getState().load();
    expect(store.getState().message).toMatch(/headless apart: 15 calls, 7 refused unasked$/);
  });

  it('a failing backend leaves the dashboard open with a retry hint', async () => {
    const backend = createFakeBackend();
    backend.loadSuggestions = async () => {
      throw new Error('database is locked');
    };
    const store = createDashboardStore({ backend });
    await store.getState().load();
    expect(store.getState()).toMatchObject({
      status: 'error',
      message: 'load failed: database is locked — R retries',
    });
  });

  it('edit opens on a breadth the risk policy allows and Enter never takes a refused one', async () => {
    const alternatives = [
      {
        rule: 'Bash(cargo *)',
        level: 'program' as const,
        promptsSaved: 216,
        deniedCovered: 0,
        blockedBy: 'risk policy: build-test generalizes to subcommand level at most',
      },
      {
        rule: 'Bash(cargo test)',
        level: 'exact' as const,
        promptsSaved: 48,
        deniedCovered: 0,
        blockedBy: null,
      },
    ];
    const { run, state, current } = await setup({
      suggestions: [fakeSuggestion(0, { rule: 'Bash(cargo test *)', alternatives })],
    });
    const first = current();
    await run('suggestion.edit');
    expect(state().dialog).toEqual({ kind: 'edit', id: first.id, index: 1 });
    await run('dialog.up', 'dialog.confirm');
    expect(state().message).toBe(
      'refused: Bash(cargo *) — risk policy: build-test generalizes to subcommand level at most',
    );
    expect(state().decisions[first.id]).toBeUndefined();
    await run('dialog.down', 'dialog.confirm');
    expect(state().decisions[first.id]).toEqual({ state: 'edited', editedRule: 'Bash(cargo test)' });
    // the status line names the rule that will be written, not the one it replaced
    expect(state().message).toBe('edited Bash(cargo test *) → Bash(cargo test) — A to apply');
  });

  it.each([
    [42, '12 proposals; 42 new calls scanned'],
    [1, '12 proposals; 1 new call scanned'],
    [0, '12 proposals'],
  ])('a scan that read %i new calls says: %s', async (newCalls, message) => {
    const backend = createFakeBackend();
    backend.scan = async () => ({ newCalls, problems: 0 });
    const store = createDashboardStore({ backend });
    await store.getState().load();
    expect(store.getState().message).toBe(message);
  });

  it('u right after an apply says what it can undo instead of undoing an older decision', async () => {
    const { run, state, backend } = await setup();
    await run('suggestion.reject', 'dialog.confirm', 'suggestion.approve', 'apply.start', 'dialog.confirm');
    const rejected = Object.keys(state().decisions);
    expect(rejected).toHaveLength(1);
    await run('decision.undo');
    expect(state().message).toBe(
      'to revert the apply: clearance undo a1b2c3 · u again undoes: rejected Bash(git status:*)',
    );
    expect(Object.keys(state().decisions)).toEqual(rejected);
    expect(backend.calls.some((c) => c.method === 'undo')).toBe(false);
    await run('decision.undo');
    expect(state().decisions).toEqual({});
  });

  it('PgDn in the apply diff moves a page, and the scroll stops at the end', async () => {
    const { run, state, store } = await setup({ suggestions: 40 });
    for (let i = 0; i < 40; i += 1) await run('suggestion.approve');
    await run('apply.start');
    const scroll = () => (state().dialog as { scroll: number }).scroll;
    await run('dialog.pageDown');
    // 24 rows: the body is 17 rows, the dialog's heading and footer take 2
    expect(scroll()).toBe(15);
    for (let i = 0; i < 10; i += 1) await run('dialog.pageDown');
    const end = scroll();
    await run('dialog.up');
    expect(scroll()).toBe(end - 1);
    store.getState().resize(80, 24);
  });

  it('the cursor keeps its proposal when the filter is cleared', async () => {
    const { run, type, state, current } = await setup();
    await run('filter.start');
    await type('cargo');
    await run('filter.accept');
    const picked = current();
    expect(picked.rule).toBe('Bash(cargo status:*)');
    await run('list.back');
    expect(state().filter.suggestions).toBe('');
    expect(current().id).toBe(picked.id);
    await run('filter.start');
    await type('npm');
    await run('filter.cancel');
    expect(current().rule).toBe('Bash(npm status:*)');
  });

  it('s cycles the Suggestions sort: saved → confidence → rule', async () => {
    const { run, state, store } = await setup();
    const order = [];
    for (let i = 0; i < 3; i += 1) {
      await run('suggestions.sort');
      const rows = store.selectors.suggestionRows(state());
      order.push(state().suggestionSort);
      if (state().suggestionSort === 'confidence') {
        const conf = rows.map((s) => s.confidence);
        expect(conf).toEqual([...conf].sort((a, b) => b - a));
      }
      if (state().suggestionSort === 'rule') {
        const rules = rows.map((s) => s.rule);
        expect(rules).toEqual([...rules].sort((a, b) => a.localeCompare(b)));
      }
    }
    expect(order).toEqual(['confidence', 'rule', 'saved']);
  });

  it('sorting keeps the cursor on its proposal', async () => {
    const { run, current } = await setup();
    await run('nav.down', 'nav.down', 'nav.down');
    const picked = current();
    await run('suggestions.sort');
    expect(current().id).toBe(picked.id);
    await run('suggestions.sort');
    expect(current().id).toBe(picked.id);
  });

  it('the Confidence pane acts on its selected proposal: Enter, a, x', async () => {
    const { run, state, store } = await setup();
    await run('pane.confidence', 'nav.down', 'nav.down');
    const third = store.selectors.suggestionRows(state(), 'confidence')[2]!;
    await run('suggestion.open');
    expect(state().evidenceId).toBe(third.id);
    await run('list.back', 'suggestion.approve');
    expect(state().decisions[third.id]?.state).toBe('approved');
    await run('suggestion.reject', 'dialog.confirm');
    expect(state().decisions[store.selectors.suggestionRows(state(), 'confidence')[3]!.id]?.state).toBe(
      'rejected',
    );
  });
});

describe('paging', () => {
  it.each([
    ['suggestions', 27],
    ['usage', 23],
    ['confidence', 18],
  ] as const)('PgDn in %s at 120×35 moves by the rows the pane shows (%i)', async (pane, rows) => {
    const backend = createFakeBackend({ suggestions: 60, usageRows: 60 });
    const store = createDashboardStore({ backend, viewport: { columns: 120, rows: 35 } });
    await store.getState().load();
    await store.getState().dispatch({ id: `pane.${pane}` });
    await store.getState().dispatch({ id: 'nav.pageDown' });
    expect(store.getState().cursor[pane]).toBe(rows);
  });
});
