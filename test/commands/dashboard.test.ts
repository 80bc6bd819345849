// The dashboard commands without a terminal: a plain summary, or one line after a quiet rebuild.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const dirs: string[] = [];
function emptyWorld(): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'clearance-dash-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'home'));
  return [
    '--home',
    path.join(dir, 'home'),
    '--root',
    path.join(dir, 'root'),
    '--db',
    path.join(dir, 'db.sqlite'),
  ];
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('dashboard commands without a TTY', () => {
  it.each([[[]], [['dashboard']], [['review']]])(
    'clearance %j prints a plain summary and exits 0',
    async (argv) => {
      const result = await runCli([...argv, ...emptyWorld()]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('0 proposals pending');
      expect(result.stdout).toContain('run clearance in a terminal to review them');
    },
  );

  it('review --post-rebuild with nothing new prints one line and exits 0', async () => {
    const result = await runCli(['review', '--post-rebuild', ...emptyWorld()]);
    expect(result).toEqual({
      code: 0,
      stdout: 'clearance: nothing new since the last rebuild (package set unchanged, docs current)\n',
      stderr: '',
    });
  });
});
