// Fixed-width text helpers of the dashboard: middle cuts that keep rules distinct, word wrap, and
// the calendar behind every per-day chart.
import { describe, expect, it } from 'vitest';
import { calendarDays, fitMiddle, fitRule, wrap } from '../../components/format.js';

describe('fitMiddle / fitRule', () => {
  it.each([
    ['Bash(ls)', 20, 'Bash(ls)'],
    ['Edit(//tmp/clearance-demo-UZo8cb/home/work/infra/src/**)', 30, 'Edit(//tmp…/work/infra/src/**)'],
    ['Edit(//tmp/clearance-demo-UZo8cb/home/work/web-ui/src/**)', 30, 'Edit(//tmp…work/web-ui/src/**)'],
    ['abcdef', 1, '…'],
  ])('%s in %i columns → %s', (text, width, cut) => {
    expect(fitMiddle(text, width)).toBe(cut);
    expect([...fitMiddle(text, width)].length).toBeLessThanOrEqual(width);
  });

  it('a rule cell keeps one blank column before the next cell', () => {
    const cell = fitRule('Edit(//tmp/clearance-demo-UZo8cb/home/work/infra/src/**)', 30);
    expect(cell).toHaveLength(30);
    expect(cell.endsWith(' ')).toBe(true);
  });
});

describe('wrap', () => {
  it('wraps on spaces, indents continuation rows and never exceeds the width', () => {
    const rows = wrap(
      'removes this rule from /home/me/.claude/settings.json: dead: matched nothing in 30 days',
      40,
    );
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) expect([...row].length).toBeLessThanOrEqual(40);
    expect(rows.slice(1).every((r) => r.startsWith('  '))).toBe(true);
    expect(rows.map((r) => r.trim()).join(' ')).toBe(
      'removes this rule from /home/me/.claude/settings.json: dead: matched nothing in 30 days',
    );
  });

  it('cuts a word longer than a row', () => {
    const rows = wrap(`x ${'a'.repeat(50)}`, 20);
    for (const row of rows) expect([...row].length).toBeLessThanOrEqual(20);
    expect(rows.join('').replace(/ /g, '')).toBe(`x${'a'.repeat(50)}`);
  });
});

describe('calendarDays', () => {
  it('fills the days nothing happened, up to an optional end day', () => {
    const days = calendarDays(
      [
        { day: '2026-11-09', approvals: 1, denials: 0 },
        { day: '2026-11-12', approvals: 0, denials: 2 },
      ],
      '2026-11-14',
    );
    expect(days.map((d) => d.day)).toEqual([
      '2026-11-09',
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-11-13',
      '2026-11-14',
    ]);
    expect(days.map((d) => d.approvals + d.denials)).toEqual([1, 0, 0, 2, 0, 0]);
  });
});
