import { expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';
import { nothingNew } from './PostRebuildSummary.js';

it('post-rebuild mode opens on what changed; Enter continues to the proposals', async () => {
  const h = await renderDashboard({ mode: 'post-rebuild' });
  const frame = h.frame();
  expect(frame).toContain('packages: +1 added  -1 removed  ~1 updated');
  expect(frame).toContain('+ hyperfine');
  expect(frame).toContain('~ git 2.47.0 → 2.47.1');
  expect(frame).toContain('docs: ✗ CLAUDE.md tools block is stale');
  expect(frame).toContain('rules: ✗ 1 name programs no longer installed');
  await h.press(KEYS.enter);
  expect(h.frame()).toContain('1 Suggestions · 1/12');
  h.unmount();
});

it.each([
  [{ packages: null, docsStale: false, orphanRules: [] }, true],
  [{ packages: { added: [], removed: [], updated: [] }, docsStale: null, orphanRules: [] }, true],
  [{ packages: { added: ['x'], removed: [], updated: [] }, docsStale: false, orphanRules: [] }, false],
  [{ packages: null, docsStale: true, orphanRules: [] }, false],
  [{ packages: null, docsStale: false, orphanRules: ['Bash(gimp:*)'] }, false],
])('nothing new for %j: %s', (report, expected) => {
  expect(nothingNew(report)).toBe(expected);
});
