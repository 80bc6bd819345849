// Real terminal sessions: the built CLI's demo in tmux with NO_COLOR. At 80×24: help scrolled to
// its last key, then approve, undo, approve, apply-confirm and quit. At 120×35: the Usage pane
// scrolled row by row (the cursor always drawn), edit breadth, and the demo's quit note. Needs
// `npm run build` first (npm test does it).
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

let current = session;
const screen = (): string => tmux('capture-pane', '-t', current, '-p');

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

const keys = (...k: string[]): string => tmux('send-keys', '-t', current, ...k);

let keptDir: string | null = null;
afterAll(() => {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  if (keptDir) rmSync(keptDir, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)('dashboard in a real terminal (tmux, NO_COLOR)', () => {
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

    // Help at 80×24 scrolls: the first page says where it is, G reaches the last key of the table.
    keys('?');
    const help = await waitFor(/lines 1–\d+ of \d+/);
    expect(help).toContain('keys (Esc or ? closes)');
    expect(help).not.toContain('search the keys');
    keys('G');
    await waitFor(/search the keys/);
    keys('/');
    keys('-l', 'undo');
    await waitFor(/\/undo▏ — 1 key/);
    keys('Escape');
    keys('Escape');
    await waitFor(/enter evidence/);
    expect(screen()).not.toContain('keys (Esc or ? closes)');

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

  it('120×35: Usage scrolls with the cursor always drawn; edit breadth; the demo quit note', async () => {
    current = 'wide';
    tmux(
      'new-session', '-d', '-s', current, '-x', '120', '-y', '35',
      `env -u CI NO_COLOR=1 TERM=xterm-256color node ${cli} demo; echo "EXIT=$?"; sleep 120`,
    ); // prettier-ignore
    await waitFor(/\d+ proposals/, 120_000);

    keys('3');
    const usage = await waitFor(/3 Usage · 1\/(\d+)/);
    const total = Number(/3 Usage · 1\/(\d+)/.exec(usage)![1]);
    expect(total).toBeGreaterThan(23);
    const tools = new Set<string>();
    for (let row = 1; row <= total; row += 1) {
      const shown = await waitFor(new RegExp(`3 Usage · ${row}/${total}`));
      // the cursor's row is on screen at every position (it once hid in the window's middle)
      const cursor = /│ › │ (\S+)/.exec(shown);
      expect(cursor, `cursor drawn at row ${row}`).not.toBeNull();
      tools.add(cursor![1]!);
      keys('j');
    }
    expect(tools.size).toBe(total);

    // Edit breadth opens on a breadth that may be taken; Enter takes it and the row shows it.
    // (a Bash rule: it has other breadths to pick from; a path rule may have none)
    keys('1');
    keys('/');
    keys('-l', 'cargo build');
    keys('Enter');
    await waitFor(/\/cargo build — \d+ match/);
    keys('g');
    keys('e');
    const dialog = await waitFor(/Edit breadth of /);
    const picked = dialog.split('\n').find((l) => l.includes('║›'))!;
    expect(picked).not.toContain('✗');
    const newRule = /║›\s+(\S.*?)\s{2,}/.exec(picked)![1]!;
    keys('Enter');
    const edited = await waitFor(/edited (.+) → (.+) — A to apply/);
    expect(/edited .+ → (.+) — A to apply/.exec(edited)![1]).toBe(newRule);
    expect(edited.split('\n').find((l) => l.includes('✎'))).toContain(newRule);

    // Quitting the demo with that decision unapplied never points `clearance apply` at the real home.
    keys('q');
    await waitFor(/Quit with 1 unapplied decision\? \[y\/N\]/);
    keys('y');
    const after = await waitFor(/EXIT=\d+/);
    expect(after).toContain('EXIT=0');
    const note = after.replace(/\n/g, ' ');
    expect(note).toContain('1 demo decision not applied; the demo home is removed with them');
    expect(note).not.toContain('clearance apply');
  }, 240_000);
});
