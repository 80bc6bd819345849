import { expect, it } from 'vitest';
import { KEYS, renderDashboard } from '../test/helpers/render-dashboard.js';
import { diffLines } from './ApplyDiffDialog.js';

it('A shows the exact per-file diff; Esc writes nothing, Enter writes', async () => {
  const h = await renderDashboard();
  await h.press('a', 'A');
  const frame = h.frame();
  expect(frame).toContain('Apply 1 decision to 1 file? Enter writes · Esc cancels');
  expect(frame).toContain('● /home/demo/.claude/settings.json  (+1 -0)');
  expect(frame).toContain('+      "Bash(git status:*)",');
  await h.press(KEYS.escape);
  expect(h.frame()).toContain('apply cancelled, nothing written');
  await h.press('A', KEYS.enter);
  expect(h.frame()).toContain('applied 1 rule to 1 file (clearance undo a1b2c3 reverts)');
  expect(h.frame()).toContain('[1 Suggestions (11)]');
  h.unmount();
});

it('a declarative plan shows the Nix diff and says it takes effect on the next rebuild', () => {
  const lines = diffLines([
    {
      path: '/home/demo/.claude/settings.json',
      nixFile: '/home/demo/nixos-config/clearance.nix',
      diff: '--- /home/demo/nixos-config/clearance.nix\n+++ /home/demo/nixos-config/clearance.nix\n+      "Bash(jq *)"',
      added: ['allow: Bash(jq *)'],
      removed: [],
      refusal: null,
    },
  ]);
  expect(lines.slice(0, 3)).toEqual([
    '● /home/demo/.claude/settings.json  (+1 -0)',
    '  written as Nix to /home/demo/nixos-config/clearance.nix; takes effect on the next rebuild',
    '--- /home/demo/nixos-config/clearance.nix',
  ]);
});
