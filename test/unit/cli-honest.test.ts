// The command line says what it does: --json where it is documented, a command's own --help, flag
// names as typed, explicit inputs that fail instead of falling back, and next steps on a broken store.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const dirs: string[] = [];
function home(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'clearance-cli-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('--json', () => {
  it.each([[['dashboard']], [['review']], [['apply', '--dry-run']], [['undo']], [['install-hooks']]])(
    'clearance %j --json prints one JSON document (or fails with one line)',
    async (argv) => {
      const h = home();
      const result = await runCli([...argv, '--json', '--home', h, '--root', h]);
      if (result.code === 0) expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
      else expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stdout === '' || result.stdout.trim().startsWith('{')).toBe(true);
    },
  );
});

describe('help', () => {
  it('<command> --help prints that command, not the global help', async () => {
    const result = await runCli(['apply', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^clearance apply /);
    expect(result.stdout).toContain('--min-confidence');
    expect(result.stdout).not.toContain('clearance collect');
  });

  it('the global help lists apply --min-confidence and docs --flake', async () => {
    const result = await runCli(['--help']);
    expect(result.stdout).toMatch(/clearance apply .*--min-confidence/);
    expect(result.stdout).toMatch(/clearance docs .*--flake/);
  });
});

describe('flags and inputs', () => {
  it('names --min-confidence as typed when its value is not a number', async () => {
    const result = await runCli(['suggest', '--min-confidence', 'abc', '--home', home()]);
    expect([result.code, result.stderr]).toEqual([2, 'clearance: --min-confidence: not a number\n']);
  });

  it('suggest --project on a missing directory is an error, not an empty list', async () => {
    const h = home();
    const result = await runCli(['suggest', '--project', path.join(h, 'nope'), '--home', h]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--project .*nope: no such directory/);
  });

  it('replay --train-until after the newest evidence says there is nothing to test on', async () => {
    const h = home();
    const result = await runCli([
      'replay',
      '--train-until',
      '2099-01-01',
      '--home',
      h,
      '--now',
      '2026-03-01T00:00:00Z',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--train-until 2099-01-01 is after/);
  });

  it.each([
    ['--packages', 'missing.nix'],
    ['--flake', 'missing-flake'],
  ])('docs %s on a missing input fails with its own error, no fallback', async (flag, name) => {
    const h = home();
    const result = await runCli(['docs', flag, path.join(h, name), '--home', h, '--root', h]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(name);
    // one line: the input's own failure, not a fallback's complaint after it
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(`clearance: ${flag} `)]);
  });
});

describe('a corrupt store', () => {
  it('gives a next step, and undo still restores from the backups on disk', async () => {
    const h = home();
    const project = path.join(h, 'p');
    mkdirSync(path.join(project, '.claude'), { recursive: true });
    const settings = path.join(project, '.claude', 'settings.local.json');
    writeFileSync(settings, '{"permissions":{"allow":[]}}\n');
    // an apply recorded normally
    const { executeApply, planApply } = await import('../../src/app/apply.js');
    const { testContext, suggestion } = await import('../helpers/suggestion-builder.js');
    const ctx = testContext({ home: h });
    await executeApply(
      ctx,
      planApply(ctx, [suggestion({ rule: 'Bash(cargo test *)', target: settings })]),
      'yes',
    );
    ctx.openStore().close();
    const db = path.join(h, '.local', 'state', 'clearance', 'clearance.db');
    copyFileSync(db, `${db}.good`);
    writeFileSync(db, 'this is not a database, just junk bytes '.repeat(200));
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    const broken = await runCli(['suggest', '--home', h]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/move it aside: mv /);
    const undo = await runCli(['undo', '--home', h]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain(`restored ${settings}`);
  });
});
