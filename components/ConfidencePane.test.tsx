import { expect, it } from 'vitest';
import { renderDashboard } from '../test/helpers/render-dashboard.js';

it('charts approvals and denials per day with labelled axes and a legend that needs no colour', async () => {
  const h = await renderDashboard();
  await h.press('2');
  const frame = h.frame();
  expect(frame).toMatch(/Bash\(git status:\*\) +0\.55 ██████░░░░/);
  expect(frame).toContain('█ approvals ▒ denials (count ↕, date →)');
  expect(frame).toMatch(/ {2}4 ┤ /);
  expect(frame).toMatch(/ {2}0 ┼─+/);
  expect(frame).toMatch(/11-10 +11-23/);
  h.unmount();
});
