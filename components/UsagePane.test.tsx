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

it('at 120×35 every row of a 41-row table is drawn with the cursor on it, and columns never jump', async () => {
  const h = await renderDashboard({ columns: 120, rows: 35, usageRows: 41 });
  await h.press('3');
  const rows = h.store.selectors.usageRows(h.store.getState()).map((t) => t.tool);
  const seen = new Set<string>();
  const headings = new Set<string>();
  for (let i = 0; i < rows.length; i += 1) {
    const lines = h.frame().split('\n');
    const body = lines.filter((l) => /^║│ [› ] │/.test(l) && !l.includes('H human'));
    // every slot of the window holds a row: 35 rows minus chrome minus the table frame
    expect(body).toHaveLength(23);
    const cursorLine = lines.find((l) => l.includes('│ › │'));
    expect(cursorLine, `cursor on row ${i + 1}`).toContain(` ${rows[i]} `);
    for (const line of body) seen.add(/│ [› ] │ (\S+)/.exec(line)![1]!);
    headings.add(lines.find((l) => l.includes('H human'))!);
    await h.press('j');
  }
  expect(seen.size).toBe(41);
  expect(headings.size).toBe(1);
  h.unmount();
});
