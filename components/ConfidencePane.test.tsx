import { expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';
import { fakeSuggestion } from './fake-backend.js';

it('charts approvals and denials per day with labelled axes and a legend that needs no colour', async () => {
  const h = await renderDashboard();
  await h.press('2');
  const frame = h.frame();
  expect(frame).toMatch(/Bash\(git status:\*\) +55% ██████░░░░/);
  expect(frame).toContain('█ approvals ▒ denials (count ↕, date →)');
  expect(frame).toMatch(/ {2}4 ┤ /);
  expect(frame).toMatch(/ {2}0 ┼─+/);
  expect(frame).toMatch(/11-10 +11-23/);
  h.unmount();
});

// A deny proposal as the learner makes it: 7 denials on 6 days spread over 19 calendar days, no
// approval; its confidence inputs count the denials as the "for" side.
const deny = fakeSuggestion(4, {
  kind: 'deny',
  rule: 'Bash(kill *)',
  promptsSaved: 0,
  evidence: {
    approvals: 0,
    denials: 7,
    sessions: 6,
    projects: 2,
    firstSeen: '2026-11-09T10:00:00.000Z',
    lastSeen: '2026-11-27T10:00:00.000Z',
  },
  confidenceInputs: {
    weightedApprovals: 3.4,
    weightedDenials: 0,
    wilsonLower: 0.65,
    spread: 1,
    distinctDays: 6,
    halfLifeDays: 14,
  },
  confidence: 0.65,
  history: [
    { day: '2026-11-09', approvals: 0, denials: 2 },
    { day: '2026-11-12', approvals: 0, denials: 1 },
    { day: '2026-11-15', approvals: 0, denials: 1 },
    { day: '2026-11-20', approvals: 0, denials: 1 },
    { day: '2026-11-24', approvals: 0, denials: 1 },
    { day: '2026-11-27', approvals: 0, denials: 1 },
  ],
});
const remove = fakeSuggestion(6, { kind: 'remove', rule: 'Bash(cowsay:*)', history: [], confidence: 0.8 });
const allow = fakeSuggestion(0);

it('plots calendar days (gaps for inactive days) and a deny row shows its denials', async () => {
  const h = await renderDashboard({ columns: 120, rows: 35, suggestions: [deny, allow, remove] });
  await h.press('2', 'G');
  expect(h.frame()).toContain('per day: Bash(kill *)');
  const lines = h.frame().split('\n');
  // 2026-11-09 … 2026-11-27 is 19 calendar days: 19 slots of two columns on the axis
  const axis = lines.find((l) => l.includes('0 ┼'))!;
  expect(/┼(─+)/.exec(axis)![1]).toHaveLength(19 * 2 + 1);
  expect(lines.find((l) => l.includes('11-09'))).toMatch(/11-09 +11-27/);
  // the denial chart row has a mark on 6 of its slots, with gaps between them
  const denials = lines.find((l) => /┤ ▒/.test(l))!;
  expect(denials.match(/▒/g)).toHaveLength(6);
  expect(denials).toMatch(/▒ {5}▒/);
  // the deny row's sparkline draws the denials, not a row of empty-day dots
  const row = lines.find((l) => l.includes('Bash(kill *)') && l.includes('65%'))!;
  expect(row).toMatch(/[▁▂▃▄▅▆▇█]/);
  h.unmount();
});

it('lines rows up whether or not they have a per-day history', async () => {
  const h = await renderDashboard({ columns: 120, rows: 35, suggestions: [allow, remove] });
  await h.press('2');
  const lines = h.frame().split('\n');
  const at = (rule: string) => lines.find((l) => l.includes(rule))!.search(/ +\+\d+ +-\d+/);
  const end = (rule: string) => lines.find((l) => l.includes(rule))!.replace(/ +║$/, '').length;
  expect(end('Bash(cowsay:*)')).toBe(end('Bash(git status:*)'));
  expect(at('Bash(cowsay:*)')).toBeGreaterThan(0);
  h.unmount();
});

it('acts on the selected proposal: Enter opens its evidence, a approves, x rejects', async () => {
  const h = await renderDashboard({ columns: 120, rows: 35 });
  await h.press('2', 'j', KEYS.enter);
  expect(h.frame()).toContain('2 Confidence · evidence');
  expect(h.frame()).toContain('Bash(npm status:*)');
  await h.press(KEYS.escape, 'a');
  expect(h.frame()).toContain('approved Bash(npm status:*)');
  await h.press('x', KEYS.enter);
  expect(h.frame()).toContain('rejected Bash(cargo status:*)');
  h.unmount();
});
