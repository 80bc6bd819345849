// One real terminal session: the built CLI's demo in tmux at 80×24 with NO_COLOR, driven through
// approve, undo, approve, apply-confirm and quit. Needs `npm run build` first (npm test does it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const cli = path.resolve('bin/clearance.js');
const socket = `clearance-e2e-${process.pid}`;
const session = 'demo';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

const screen = (): string => tmux('capture-pane', '-t', session, '-p');

// Bounded polling on the pane: returns the screen once it matches, fails with the screen after.
async function waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = screen();
    if (pattern.test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`pane never matched ${pattern}:\n${last}`);
}

const keys = (...k: string[]): string => tmux('send-keys', '-t', session, ...k);

let keptDir: string | null = null;
afterAll(() => {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  if (keptDir) rmSync(keptDir, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)('dashboard in a real terminal (tmux, 80×24, NO_COLOR)', () => {
  it('approve, undo, approve, apply with confirm, quit — and the settings file changed', async () => {
    expect(existsSync(path.resolve('dist/src/cli.js')), 'run npm run build first').toBe(true);
    tmux(
      'new-session', '-d', '-s', session, '-x', '80', '-y', '24',
      // CI=true (set by CI runners and inherited by tmux) makes clearance treat a terminal as
      // non-interactive; a user's terminal has no CI variable.
      `env -u CI NO_COLOR=1 TERM=xterm-256color node ${cli} demo --keep; echo "EXIT=$?"; sleep 120`,
    ); // prettier-ignore
    const loaded = await waitFor(/\d+ proposals; \d+ new calls? scanned/, 120_000);
    expect(loaded).toMatch(/\[1 Suggestions \(\d+\)\] 2 Confidence/);
    expect(loaded.split('\n').every((line) => line.length <= 80)).toBe(true);

    // Narrow to short rules so no line of the apply dialog wraps at 80 columns.
    keys('/');
    keys('-l', 'cargo');
    keys('Enter');
    // Typed in one burst, as a paste arrives: the filter must still see each key.
    await waitFor(/\/cargo — \d+ match/);

    keys('a');
    const approved = await waitFor(/approved (.+) — A to apply/);
    expect(approved).toContain('1 to apply (A)');

    keys('u');
    await waitFor(/undid: approved/);
    expect(screen()).not.toContain('to apply (A)');

    // The cursor moved on after the first approve: this approves the next proposal.
    keys('a');
    const again = await waitFor(/approved (.+) — A to apply/);
    const rule = /approved (.+) — A to apply/.exec(again)![1]!;
    keys('A');
    const diff = await waitFor(/Enter writes · Esc cancels/);
    expect(diff).toContain(`"${rule}"`);
    const file = /● (\S+settings(?:\.local)?\.json)/.exec(diff.replace(/║/g, ''))![1]!;

    keys('Enter');
    await waitFor(/applied 1 rule to 1 file/);
    keys('q');
    const after = await waitFor(/EXIT=\d+/);
    expect(after).toContain('EXIT=0');
    keptDir = /demo kept in (\S+)/.exec(after.replace(/\n/g, ''))![1]!;
    const settings = JSON.parse(readFileSync(file, 'utf8')) as { permissions: Record<string, string[]> };
    expect(Object.values(settings.permissions).flat()).toContain(rule);
  }, 240_000);
});
