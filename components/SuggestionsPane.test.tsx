import { describe, expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';

describe('SuggestionsPane', () => {
  it('marks kinds with words and symbols, hygiene included', async () => {
    const h = await renderDashboard();
    const frame = h.frame();
    expect(frame).toMatch(/\+ allow +Bash\(git status:\*\)/);
    expect(frame).toMatch(/! deny +Bash\(rg status:\*\)/);
    expect(frame).toMatch(/\? ask +Bash\(fd status:\*\)/);
    expect(frame).toMatch(/- remove +Bash\(jq legacy-6:\*\).*hygiene/);
    h.unmount();
  });

  it('shows decisions and marks without colour: ✓ approved, ✗ rejected, * marked', async () => {
    const h = await renderDashboard();
    await h.press('a', 'x', KEYS.enter, KEYS.space);
    const rows = h.frame().split('\n');
    expect(rows.find((r) => r.includes('Bash(git status:*)'))).toMatch(/ {2}✓/);
    expect(rows.find((r) => r.includes('Bash(npm status:*)'))).toMatch(/ {2}✗/);
    expect(rows.find((r) => r.includes('Bash(cargo status:*)'))).toMatch(/ \* /);
    expect(h.frame()).toContain('1 marked · 1 to apply (A)');
    h.unmount();
  });

  it('filters with / and shows the match count in the title', async () => {
    const h = await renderDashboard();
    await h.press('/', 'd', 'o', 'c', 'k');
    expect(h.frame()).toContain('1 Suggestions · /dock▏ — 1 match');
    expect(h.frame()).toContain('[1 Suggestions (1/12)]');
    await h.press(KEYS.escape);
    expect(h.frame()).toContain('1 Suggestions · 12 rows');
    h.unmount();
  });

  it('windows 10,000 rows to the screen and follows the cursor', async () => {
    const h = await renderDashboard({ suggestions: 10_000 });
    await h.press('G');
    const rows = h
      .frame()
      .split('\n')
      .filter((l) => l.includes('Bash('));
    expect(rows).toHaveLength(16);
    expect(rows.at(-1)).toMatch(/^║›/);
    h.unmount();
  });
});
