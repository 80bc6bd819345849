// A grouped hygiene proposal is one row and one decision: the row shows the count and the family,
// Enter lists every rule it removes, and `a` decides the whole group at once.
import { expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';
import { fakeSuggestion } from './fake-backend.js';

const members = Array.from({ length: 20 }, (_, i) => `Bash(node scripts/migrate.mjs --to ${i + 1})`);
const group = fakeSuggestion(6, {
  id: 'group1',
  kind: 'remove',
  rule: members[0]!,
  replaces: members,
  family: 'Bash(node scripts/migrate.mjs …)',
  list: 'allow',
  reason: 'dead: 20 rules of one family matched nothing in 30 days',
});

it('shows one row with the count and family, its members on Enter, and decides them as one', async () => {
  const h = await renderDashboard({ columns: 100, rows: 40, suggestions: [fakeSuggestion(0), group] });
  const rows = h.frame().split('\n');
  expect(rows.filter((r) => r.includes('migrate.mjs'))).toHaveLength(1);
  expect(h.frame()).toMatch(/- remove +20 rules Bash\(node scripts\/migrate\.mjs …\)/);
  await h.press('j', KEYS.enter);
  const evidence = h.frame();
  expect(evidence).toContain('removes these 20 rules (one decision):');
  expect(evidence).toContain('- Bash(node scripts/migrate.mjs --to 1)');
  expect(evidence).toContain('- Bash(node scripts/migrate.mjs --to 12)');
  expect(evidence).toContain('… and 8 more');
  await h.press(KEYS.escape, 'a');
  expect(h.store.getState().decisions.group1?.state).toBe('approved');
  expect(Object.keys(h.store.getState().decisions)).toEqual(['group1']);
  h.unmount();
});
