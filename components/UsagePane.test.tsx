import { expect, it } from 'vitest';
import { renderDashboard } from '../test/helpers/render-dashboard.js';

it.each([
  [0, 'H human ▼', 'tool-21'],
  [1, 'C claude ▼', 'tool-22'],
  [2, 'tool ▼', 'bat'],
])('after %i× s the table is sorted by %s (first row %s)', async (presses, heading, first) => {
  const h = await renderDashboard();
  await h.press('3', ...Array.from({ length: presses }, () => 's'));
  const lines = h.frame().split('\n');
  expect(lines.find((l) => l.includes('package'))).toContain(heading);
  expect(lines.find((l) => l.includes('│ › │'))).toContain(first);
  h.unmount();
});
