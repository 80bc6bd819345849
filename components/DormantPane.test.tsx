import { expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';

it('lists dormant packages and install candidates with their last use', async () => {
  const h = await renderDashboard();
  await h.press('4');
  const frame = h.frame();
  expect(frame).toMatch(/dormant +gimp +gimp gimp-console +never/);
  expect(frame).toMatch(/dormant +libreoffice +soffice lowriter +2026-06-02/);
  expect(frame).toMatch(/install\? +hyperfine +7 ephemeral uses +2026-11-20/);
  h.unmount();
});

it('Enter (or l) opens a package’s details with what to do about it; Esc goes back', async () => {
  const h = await renderDashboard({ columns: 100, rows: 30 });
  await h.press('4', KEYS.enter);
  expect(h.frame()).toContain('4 Dormant · details');
  expect(h.frame()).toContain('binaries: gimp gimp-console');
  expect(h.frame()).toMatch(/remove gimp from your package list/);
  await h.press(KEYS.escape, 'G', 'l');
  expect(h.frame()).toContain('run ephemerally 3 times');
  expect(h.frame()).toMatch(/add sqlite to your package list/);
  await h.press('h');
  expect(h.frame()).toMatch(/dormant +gimp/);
  h.unmount();
});
