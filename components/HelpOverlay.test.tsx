import { expect, it } from 'vitest';
import { bindings } from './keymap.js';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';

it('? lists the keys from the key table and Esc closes it', async () => {
  const h = await renderDashboard({ columns: 120, rows: 40 });
  await h.press('?');
  const frame = h.frame();
  expect(frame).toContain('keys (Esc or ? closes)');
  expect(frame).toMatch(/a +approve \(marked rows, else this one\)/);
  expect(frame).toMatch(/A +apply decisions \(shows the diff first\)/);
  expect(frame).toMatch(/s +sort by H, C or name/);
  await h.press(KEYS.escape);
  expect(h.frame()).not.toContain('keys (Esc or ? closes)');
  h.unmount();
});

it('at 80×24 the help scrolls so every key of the table is reachable', async () => {
  const h = await renderDashboard({ columns: 80, rows: 24 });
  await h.press('?');
  const seen = new Set<string>();
  for (let page = 0; page < 12; page += 1) {
    for (const line of h.frame().split('\n')) seen.add(line.replace(/[║]/g, '').trim());
    await h.press(KEYS.pageDown);
  }
  const text = [...seen].join('\n');
  for (const b of bindings.filter(
    (b) => !['summary', 'reason', 'quit', 'helpSearch', 'detail'].includes(b.context),
  ))
    expect(text).toContain(b.description);
  h.unmount();
});

it('at 120 columns each help column lines its descriptions up under one another', async () => {
  const h = await renderDashboard({ columns: 120, rows: 35 });
  await h.press('?');
  const starts = new Set<number>();
  for (const line of h.frame().split('\n')) {
    // a binding line: two spaces, keys, spaces, description (left column only: the first cell)
    const m = /^║ {2}(\S+) +(?=\S)/.exec(line);
    if (m) starts.add(m[0].length);
  }
  expect(starts.size).toBe(1);
  h.unmount();
});

it('/ searches the help; Esc clears the search, then closes', async () => {
  const h = await renderDashboard({ columns: 80, rows: 24 });
  await h.press('?', '/', ...'undo');
  const frame = h.frame();
  expect(frame).toContain('/undo▏ — 1 key');
  expect(frame).toMatch(/u +undo the last decision/);
  expect(frame).not.toContain('next pane');
  await h.press(KEYS.escape);
  expect(h.frame()).toContain('next pane');
  await h.press(KEYS.escape);
  expect(h.frame()).not.toContain('keys (Esc or ? closes)');
  h.unmount();
});
