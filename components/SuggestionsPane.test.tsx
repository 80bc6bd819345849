import { describe, expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';
import { fakeSuggestion } from './fake-backend.js';

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
    // the filter is gone and the cursor stays on the proposal it found
    expect(h.frame()).toMatch(/1 Suggestions · \d+\/12/);
    expect(h.frame()).toMatch(/║› .*Bash\(docker/);
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

  it('shows the row position in the title and the sort in the heading', async () => {
    const h = await renderDashboard();
    await h.press('j', 'j');
    expect(h.frame()).toContain('1 Suggestions · 3/12');
    await h.press('s');
    expect(h.frame()).toMatch(/conf▼/);
    expect(h.frame()).toContain('sorted by confidence');
    h.unmount();
  });

  it('after an edit the row shows the rule that will be written', async () => {
    const h = await renderDashboard();
    await h.press('e', KEYS.enter);
    const row = h
      .frame()
      .split('\n')
      .find((r) => r.includes('✎'));
    expect(row).toContain('Bash(git status --stat)');
    h.unmount();
  });

  it('at 80 columns distinct long rules still read distinct, and confidence reads as a percentage', async () => {
    const dirs = ['infra', 'web-ui', 'api-server'];
    const suggestions = dirs.map((dir, i) =>
      fakeSuggestion(i, {
        rule: `Edit(//tmp/clearance-demo-UZo8cb/home/work/${dir}/src/**)`,
        confidence: 0.94,
      }),
    );
    const h = await renderDashboard({ columns: 80, rows: 24, suggestions });
    const rows = h
      .frame()
      .split('\n')
      .filter((r) => r.includes('Edit('));
    expect(rows).toHaveLength(3);
    for (const [i, dir] of dirs.entries()) expect(rows[i]).toContain(`${dir}/src/**)`);
    expect(rows[0]).toContain('94%');
    h.unmount();
  });
});
