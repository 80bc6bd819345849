import { expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';

const problemList = [
  {
    source: '/home/u/.claude/settings.json',
    message: 'malformed JSON, its rules are ignored: Unexpected token',
  },
  { source: '/home/u/.claude/projects/-w/broken.jsonl', message: 'cannot read: ENOENT' },
  { source: 'transcripts', message: '312 malformed lines skipped in 2 files' },
];

it('a problems line names the data problems; ! lists them all and Esc closes the list', async () => {
  const h = await renderDashboard({ problemList, columns: 120, rows: 30 });
  expect(h.frame()).toMatch(/⚠ 3 data problems: .*! lists them/);
  await h.press('!');
  const list = h.frame();
  for (const p of problemList) expect(list).toContain(p.message.slice(0, 30));
  await h.press(KEYS.escape);
  expect(h.frame()).not.toContain('cannot read: ENOENT');
  expect(h.frame()).toContain('⚠ 3 data problems');
  // the frame still fits the terminal
  expect(h.frame().split('\n').length).toBeLessThanOrEqual(29);
  h.unmount();
});

it('shows no problems line when there are none', async () => {
  const h = await renderDashboard();
  expect(h.frame()).not.toContain('data problem');
  h.unmount();
});
