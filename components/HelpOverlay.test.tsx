import { expect, it } from 'vitest';
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
