import { describe, expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';

describe('App', () => {
  it('draws the first frame before the scan finishes, with a progress line', async () => {
    let release = (): void => undefined;
    const scanGate = new Promise<void>((resolve) => (release = resolve));
    const h = await renderDashboard({ scanGate });
    const loading = h.store.getState().load();
    await h.waitFor('scanning: transcripts 0/3');
    expect(h.frame()).toContain('loading proposals…');
    release();
    await loading;
    await h.waitFor('12 proposals');
    h.unmount();
  });

  it('treats a pasted chunk like the keys typed one by one (filter text, then Enter)', async () => {
    const h = await renderDashboard();
    await h.press('/cargo\r');
    const title = await h.waitFor('/cargo — ');
    expect(title).toMatch(/\/cargo — \d+ match/);
    expect(title).not.toContain('\r');
    expect(h.store.getState().filtering).toBe(false);
    h.unmount();
  });

  it('keeps all four numbered pane titles on screen and fits 80×24', async () => {
    const h = await renderDashboard({ columns: 80, rows: 24 });
    const lines = h.frame().split('\n');
    expect(lines[0]).toMatch(
      /\[1 Suggestions \(12\)\] 2 Confidence \(12\) {2}3 Usage \(24\) {2}4 Dormant \(5\)/,
    );
    expect(lines).toHaveLength(23);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    h.unmount();
  });

  it.each([
    [KEYS.tab, '[2 Confidence'],
    ['3', '[3 Usage'],
    [KEYS.shiftTab, '[4 Dormant'],
  ])('pane switch %j focuses %s', async (key, title) => {
    const h = await renderDashboard();
    await h.press(key);
    expect(h.frame()).toContain(title);
    h.unmount();
  });

  it('asks before quitting with unapplied decisions, and Esc never quits', async () => {
    const h = await renderDashboard();
    await h.press('a', KEYS.escape, 'q');
    expect(h.frame()).toContain('Quit with 1 unapplied decision? [y/N]');
    await h.press('n');
    expect(h.store.getState().exitRequested).toBe(false);
    h.unmount();
  });

  it('follows a terminal resize', async () => {
    const h = await renderDashboard({ columns: 80, rows: 24 });
    h.store.getState().resize(100, 30);
    await h.waitFor('═'.repeat(98));
    expect(h.frame().split('\n')).toHaveLength(29);
    h.unmount();
  });
});

describe('title bars', () => {
  it.each([
    [80, 24],
    [120, 35],
  ])('at %i×%i no line of the frame ends in a stray …', async (columns, rows) => {
    const h = await renderDashboard({ columns, rows });
    for (const key of ['', '2', '3', '4', '?']) {
      if (key) await h.press(key);
      for (const line of h.frame().split('\n').slice(0, 3)) expect(line.trimEnd()).not.toMatch(/…[║]?$/);
    }
    h.unmount();
  });
});
