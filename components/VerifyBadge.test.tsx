// The verify state of a proposal in the dashboard: a small badge per row, the summary in the
// evidence view (issue 11).
import { expect, it } from 'vitest';
import type { VerifyState } from '../src/core/types.js';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';
import { fakeSuggestion } from './fake-backend.js';

const state = (status: VerifyState['status']): VerifyState => ({
  status,
  clientVersion: '2.1.328',
  covered: 12,
  coveredOk: status === 'verified' ? 12 : 11,
  denied: 2,
  deniedRun: 0,
  variants: 10,
  variantsRun: 0,
  disagreements:
    status === 'verified'
      ? []
      : [
          {
            command: 'git status > out',
            role: 'covered',
            clearance: 'runs',
            client: 'prompts',
            clientReason: '',
          },
        ],
  summary:
    status === 'verified'
      ? 'verified with Claude Code 2.1.328: runs 12 of your 12 commands unprompted, 0 of the 2 you denied, 0 of 10 dangerous variants'
      : 'NOT verified by Claude Code 2.1.328: runs 11 of your 12 commands unprompted, 0 of the 2 you denied, 0 of 10 dangerous variants; disagrees with clearance on 1',
  at: '2026-11-23T10:00:00.000Z',
});

const suggestions = [
  fakeSuggestion(0, { verify: state('verified') }),
  fakeSuggestion(1, { verify: state('failed') }),
  fakeSuggestion(2),
];

it('marks each row ✓cc<version>, ✗cc<version> or · (never verified)', async () => {
  const h = await renderDashboard({ suggestions, columns: 120 });
  const rows = h
    .frame()
    .split('\n')
    .filter((l) => l.includes('Bash('));
  expect(rows[0]).toContain('✓cc2.1.328');
  expect(rows[1]).toContain('✗cc2.1.328');
  expect(rows[2]).toMatch(/ · /);
  h.unmount();
});

it.each([
  [0, 'verified with Claude Code 2.1.328: runs 12 of your 12 commands unprompted'],
  [1, '≠ git status > out: clearance runs, Claude Code prompts'],
  [2, 'not verified with your Claude Code yet: clearance verify'],
])('the evidence view of row %i says the verify summary', async (row, text) => {
  const h = await renderDashboard({ suggestions, columns: 160, rows: 40 });
  await h.press(...Array.from({ length: row }, () => 'j'), KEYS.enter);
  expect(h.frame()).toContain(text);
  h.unmount();
});
