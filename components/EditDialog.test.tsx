import { expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';

it('e lists other breadths and marks the unsafe one, which cannot be picked', async () => {
  const h = await renderDashboard();
  await h.press('e');
  expect(h.frame()).toMatch(/› +Bash\(git status --stat\) +exact +12 +0/);
  expect(h.frame()).toMatch(/✗Bash\(git:\*\) +program +240 +3/);
  await h.press('j', KEYS.enter);
  expect(h.frame()).toContain('refused: Bash(git:*) — would have allowed 3 denied calls');
  await h.press('k', KEYS.enter);
  expect(h.frame()).toContain('edited Bash(git status:*) → Bash(git status --stat) — A to apply');
  h.unmount();
});
