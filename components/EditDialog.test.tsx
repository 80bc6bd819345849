import { expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';
import { fakeSuggestion } from './fake-backend.js';

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

it('a breadth the risk policy refuses is marked ✗, skipped when the dialog opens, and never taken', async () => {
  const alternatives = [
    {
      rule: 'Bash(cargo *)',
      level: 'program' as const,
      promptsSaved: 216,
      deniedCovered: 0,
      blockedBy: 'risk policy: build-test generalizes to subcommand level at most',
    },
    {
      rule: 'Bash(cargo test)',
      level: 'exact' as const,
      promptsSaved: 48,
      deniedCovered: 0,
      blockedBy: null,
    },
  ];
  const h = await renderDashboard({
    columns: 120,
    rows: 35,
    suggestions: [fakeSuggestion(0, { rule: 'Bash(cargo test *)', alternatives })],
  });
  await h.press('e');
  expect(h.frame()).toMatch(/ {2}✗Bash\(cargo \*\) +program/);
  expect(h.frame()).toMatch(/› +Bash\(cargo test\) +exact/);
  await h.press('k', KEYS.enter);
  expect(h.frame()).toContain('refused: Bash(cargo *) — risk policy');
  await h.press('j', KEYS.enter);
  expect(h.frame()).toContain('edited Bash(cargo test *) → Bash(cargo test) — A to apply');
  expect(h.frame()).toMatch(/✎\+ allow +Bash\(cargo test\) /);
  h.unmount();
});
