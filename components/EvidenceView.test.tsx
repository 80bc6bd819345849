import { expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';

it('Enter shows the redacted evidence and what else the rule matches; Esc goes back', async () => {
  const h = await renderDashboard({ columns: 100, rows: 36 });
  await h.press(KEYS.enter);
  const frame = h.frame();
  expect(frame).toContain('1 Suggestions · evidence');
  expect(frame).toContain(
    'evidence  28 approved · 2 denied · 3 sessions · 1 projects · 2026-11-10 → 2026-11-23',
  );
  expect(frame).toContain('confidence 0.55 = wilson 0.81 × spread 0.90');
  expect(frame).toContain('$ PGPASSWORD=__REDACTED__ git status');
  expect(frame).toContain('~ git status --force');
  expect(frame).toContain('Bash(git:*)  saves 240 · ✗ covers 3 denied');
  await h.press(KEYS.escape);
  expect(h.frame()).toContain('1 Suggestions · 12 rows');
  h.unmount();
});
