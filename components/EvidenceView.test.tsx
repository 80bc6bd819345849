import { expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';
import { fakeSuggestion } from './fake-backend.js';

it('Enter shows the redacted evidence and what else the rule matches; Esc goes back', async () => {
  const h = await renderDashboard({ columns: 100, rows: 36 });
  await h.press(KEYS.enter);
  const frame = h.frame();
  expect(frame).toContain('1 Suggestions · evidence');
  expect(frame).toContain(
    'evidence  28 approved · 2 denied · 3 sessions · 1 projects · 2026-11-10 → 2026-11-23',
  );
  expect(frame).toContain('confidence 55% = wilson 81% × spread 0.90');
  expect(frame).toContain('$ PGPASSWORD=__REDACTED__ git status');
  expect(frame).toContain('~ git status --force');
  expect(frame).toContain('Bash(git:*)  saves 240 · ✗ would have allowed 3 denied calls');
  await h.press(KEYS.escape);
  expect(h.frame()).toContain('1 Suggestions · 1/12');
  h.unmount();
});

const denyRule = fakeSuggestion(4, {
  kind: 'deny',
  rule: 'Bash(kill *)',
  reason: 'you refused it 7 times and never approved it',
  promptsSaved: 0,
  deniedCovered: 0,
  evidence: {
    approvals: 0,
    denials: 7,
    sessions: 6,
    projects: 2,
    firstSeen: '2026-11-09T10:00:00.000Z',
    lastSeen: '2026-11-27T10:00:00.000Z',
  },
  // the learner scores a deny with the roles swapped: its denials are the "for" side
  confidenceInputs: {
    weightedApprovals: 3.4,
    weightedDenials: 0,
    wilsonLower: 0.65,
    spread: 1,
    distinctDays: 6,
    halfLifeDays: 14,
  },
  confidence: 0.65,
  alternatives: [],
});

it.each([
  [
    'deny',
    denyRule,
    ['blocks calls like the 7 you denied', 'weighted 3.4 denied / 0.0 approved'],
    ['saves ~0', 'would have allowed 0', '+3.4 / -0.0'],
  ],
  [
    'remove',
    fakeSuggestion(6, { reason: 'dead: matched nothing in 30 days' }),
    ['removes this rule from /home/demo/.claude/settings.json: dead: matched nothing in 30 days'],
    ['replaces:', 'saves ~0', 'would have allowed 0'],
  ],
  [
    'allow',
    fakeSuggestion(0),
    ['saves ~200 prompts / 30 days · never auto-approves a call you denied'],
    ['would have allowed 0'],
  ],
])('a %s rule’s evidence says what it does', async (_kind, suggestion, present, absent) => {
  const h = await renderDashboard({ columns: 120, rows: 35, suggestions: [suggestion] });
  await h.press(KEYS.enter);
  const frame = h.frame();
  for (const text of present) expect(frame).toContain(text);
  for (const text of absent) expect(frame).not.toContain(text);
  h.unmount();
});

it('an alternative states each fact once', async () => {
  const suggestion = fakeSuggestion(0, {
    alternatives: [
      {
        rule: 'Bash(git:*)',
        level: 'program',
        promptsSaved: 240,
        deniedCovered: 22,
        blockedBy: 'covers 22 call(s) you denied',
      },
    ],
  });
  const h = await renderDashboard({ columns: 120, rows: 35, suggestions: [suggestion] });
  await h.press(KEYS.enter);
  const line = h
    .frame()
    .split('\n')
    .find((l) => l.includes('Bash(git:*)'))!;
  expect(line.match(/22/g)).toHaveLength(1);
  expect(line).toContain('✗ would have allowed 22 denied calls');
  h.unmount();
});

it('at 80×24 the evidence scrolls with j/k so its last line is reachable', async () => {
  const h = await renderDashboard({ columns: 80, rows: 24 });
  await h.press(KEYS.enter);
  expect(h.frame()).toMatch(/lines 1–\d+ of \d+ \(j\/k scroll\)/);
  expect(h.frame()).not.toContain('Bash(git:*)  saves 240');
  await h.press(KEYS.pageDown, KEYS.pageDown);
  expect(h.frame()).toContain('Bash(git:*)  saves 240');
  await h.press('k');
  expect(h.frame()).toMatch(/lines \d+–\d+ of \d+/);
  h.unmount();
});
