import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Suggestion } from '../../src/core/types.js';
import { filterRemembered, latestDecisions } from '../../src/store/decisions-repo.js';
import { openDb } from '../../src/store/db.js';
import { runCli } from '../helpers/run-cli.js';
import { suggestion, testContext } from '../helpers/suggestion-builder.js';

const proposals = vi.hoisted(() => ({ list: [] as Suggestion[] }));
vi.mock('../../src/app/proposals.js', async () => {
  const { filterRemembered: remembered } = await import('../../src/store/decisions-repo.js');
  return {
    loadProposals: (ctx: { openStore(): Parameters<typeof remembered>[0] }) =>
      Promise.resolve(remembered(ctx.openStore(), proposals.list)),
  };
});
vi.mock('../../src/sources/scan.js', () => ({ runScan: () => Promise.resolve({}) }));

const FIXTURE = path.join(import.meta.dirname, '../fixtures/apply/nixos-automation-settings.local.json');

function world(): { home: string; file: string; created: string; original: string } {
  const { home } = testContext();
  const file = path.join(home, 'code/auto/.claude/settings.local.json');
  mkdirSync(path.dirname(file), { recursive: true });
  copyFileSync(FIXTURE, file);
  chmodSync(file, 0o644);
  const created = path.join(home, 'code/fresh/.claude/settings.local.json');
  proposals.list = [
    suggestion({ id: 'u-cargo', rule: 'Bash(cargo test *)', target: file }),
    suggestion({ id: 'u-fresh', rule: 'Bash(make *)', target: created }),
  ];
  return { home, file, created, original: readFileSync(file, 'utf8') };
}

const db = (home: string) => openDb(path.join(home, '.local/state/clearance/clearance.db'));

describe('clearance undo', () => {
  it('restores every file of the newest apply byte for byte and records it', async () => {
    const w = world();
    const applied = await runCli(['apply', '--yes', '--home', w.home]);
    const id = /apply (\S+) \(undo with/.exec(applied.stdout)?.[1];
    const result = await runCli(['undo', '--home', w.home]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`restored ${w.file}\nrestored ${w.created}\napply ${id} undone\n`);
    expect(readFileSync(w.file, 'utf8')).toBe(w.original);
    expect(existsSync(w.created)).toBe(false);
    const audit = readFileSync(path.join(path.dirname(w.file), 'permissions_auto_generated.md'), 'utf8');
    expect(audit).toMatch(new RegExp(`## 2026-.* — apply ${id}[\\s\\S]*## 2026-.* — undo of apply ${id}`));
    expect(audit).toContain('- No longer added: `allow: Bash(cargo test *)`');
    const store = db(w.home);
    expect([...latestDecisions(store).values()].map((d) => d.state)).toEqual(['undone', 'undone']);
    // an undone proposal is pending again
    expect(filterRemembered(store, proposals.list).map((s) => s.id)).toEqual(['u-cargo', 'u-fresh']);
    store.close();
  });

  it('leaves a file changed since the apply alone and explains, exit 1', async () => {
    const w = world();
    const applied = await runCli(['apply', '--yes', '--home', w.home]);
    const id = /apply (\S+) \(undo with/.exec(applied.stdout)?.[1] ?? '';
    const edited = readFileSync(w.file, 'utf8').replace(
      '"Bash(bat:*)",',
      '"Bash(bat:*)",\n      "Bash(mine)",',
    );
    writeFileSync(w.file, edited);
    const result = await runCli(['undo', id, '--home', w.home]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `clearance: ${w.file}: changed since apply ${id}; left as it is (its backup: ${path.join(w.home, '.local/state/clearance/backups', id)}/${w.file.replace(/\//g, '%2F')})\n`,
    );
    expect(result.stdout).toBe(
      `restored ${w.created}\napply ${id} only partly undone; fix the files above and run clearance undo ${id} again\n`,
    );
    expect(readFileSync(w.file, 'utf8')).toBe(edited);
    // put the apply's content back, and the undo can finish
    const again = await runCli(['undo', id, '--home', w.home]);
    expect(again.code).toBe(1);
    writeFileSync(w.file, edited.replace('\n      "Bash(mine)",', ''));
    const finish = await runCli(['undo', id, '--home', w.home]);
    expect([finish.code, readFileSync(w.file, 'utf8')]).toEqual([0, w.original]);
  });

  it('says so when the backup was pruned, and leaves the file', async () => {
    const w = world();
    const applied = await runCli(['apply', '--yes', '--home', w.home]);
    const id = /apply (\S+) \(undo with/.exec(applied.stdout)?.[1] ?? '';
    rmSync(path.join(w.home, '.local/state/clearance/backups', id), { recursive: true });
    const after = readFileSync(w.file, 'utf8');
    const result = await runCli(['undo', '--home', w.home]);
    expect([result.code, result.stderr]).toEqual([
      1,
      `clearance: ${w.file}: its backup is gone (only the newest 20 applies keep backups); left as it is\n`,
    ]);
    expect(readFileSync(w.file, 'utf8')).toBe(after);
  });

  it.each([
    { args: [], line: 'clearance: nothing to undo: no apply recorded\n', code: 1 },
    {
      args: ['20990101T000000000Z-dead'],
      line: 'clearance: no apply with id 20990101T000000000Z-dead\n',
      code: 1,
    },
    { args: ['a', 'b'], line: 'clearance: undo takes at most one apply id\n', code: 2 },
  ])('undo $args → exit $code, one line', async ({ args, line, code }) => {
    const w = world();
    const result = await runCli(['undo', ...args, '--home', w.home]);
    expect([result.code, result.stderr]).toEqual([code, line]);
  });

  it('an apply is undone once; undo then moves to the apply before it', async () => {
    const w = world();
    proposals.list = [proposals.list[0] as Suggestion];
    await runCli(['apply', '--yes', '--home', w.home]);
    proposals.list = [suggestion({ id: 'u-second', rule: 'Bash(cargo build *)', target: w.file })];
    const second = await runCli(['apply', '--yes', '--home', w.home]);
    const secondId = /apply (\S+) \(undo with/.exec(second.stdout)?.[1] ?? '';
    await runCli(['undo', '--home', w.home]);
    const twice = await runCli(['undo', secondId, '--home', w.home]);
    expect([twice.code, twice.stderr]).toEqual([1, `clearance: apply ${secondId} was already undone\n`]);
    const first = await runCli(['undo', '--home', w.home]);
    expect([first.code, readFileSync(w.file, 'utf8')]).toEqual([0, w.original]);
  });
});
