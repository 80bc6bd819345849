import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyState } from '../../src/core/types.js';
import { realClientOrSkip } from '../helpers/real-client.js';
import { runCli } from '../helpers/run-cli.js';
import type { CallSpec } from '../helpers/transcript-builder.js';
import { HomeBuilder } from '../helpers/transcript-builder.js';

const NOW = '2026-03-01T12:00:00Z';
const DAY = 86_400_000;

interface VerifyJson {
  id: string;
  rule: string;
  scope: string;
  target: string;
  verify: VerifyState | null;
  skipped: string | null;
}

const n = (count: number, spec: CallSpec): CallSpec[] => Array.from({ length: count }, () => spec);

let home = '';
let app = '';
beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), 'clearance-verify-'));
  const b = new HomeBuilder(home);
  app = b.project('app');
  const calls: CallSpec[] = [
    ...n(30, { command: 'cargo test', answer: 'approve' }),
    ...n(20, { command: 'cargo test --release', answer: 'approve' }),
    ...n(3, { command: 'cargo publish', answer: 'deny' }),
  ];
  for (let s = 0; s < 8; s++) {
    b.session(
      app,
      new Date(Date.parse(NOW) - (s + 1) * DAY),
      calls.filter((_, i) => i % 8 === s),
    );
  }
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

function cli(command: string, args: string[]) {
  return runCli([command, '--home', home, '--db', path.join(home, 'state.db'), '--now', NOW, ...args]);
}

async function cargoProposal(): Promise<string> {
  const out = await cli('suggest', ['--json']);
  expect(out.code).toBe(0);
  const s = (JSON.parse(out.stdout) as { suggestions: { id: string; rule: string }[] }).suggestions.find(
    (p) => p.rule === 'Bash(cargo test *)',
  );
  expect(s).toBeDefined();
  return s!.id;
}

describe('clearance verify without a client', () => {
  it('falls back to clearance’s own matcher in one line, stores nothing', async () => {
    const id = await cargoProposal();
    const out = await cli('verify', ['--json', '--client', path.join(home, 'missing', 'claude'), id]);
    expect(out.code).toBe(0);
    expect(out.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /no Claude Code binary at .*missing\/claude; falling back to clearance's own matcher/,
      ),
    ]);
    const [p] = (JSON.parse(out.stdout) as { proposals: VerifyJson[] }).proposals;
    expect(p!.rule).toBe('Bash(cargo test *)');
    expect(p!.verify!.summary).toMatch(
      /^no client; predicted by clearance's own matcher: runs 2 of your 2 commands/,
    );
    expect(p!.verify!.covered).toBe(2);
    expect(p!.verify!.denied).toBe(1);
    const shown = await cli('suggest', ['--json']);
    const again = (JSON.parse(shown.stdout) as { suggestions: { id: string; verify: unknown }[] })
      .suggestions;
    expect(again.find((s) => s.id === id)!.verify).toBeNull();
  });

  it('apply of an unverified proposal says so in one line, and still plans it', async () => {
    const id = await cargoProposal();
    const out = await cli('apply', ['--dry-run', id]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      `note: 1 proposal is not verified with your Claude Code (check first: clearance verify ${id})`,
    );
    expect(out.stdout).toContain('+      "Bash(cargo test *)"');
  });

  it('suggest --verify without a client says so once and still lists the proposals', async () => {
    const out = await cli('suggest', ['--verify', '--client', path.join(home, 'missing', 'claude')]);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/^clearance: no Claude Code binary at .*; falling back/);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stdout).toMatch(/Bash\(cargo test \*\).* · /);
  });

  it('rejects an unknown id with exit 2', async () => {
    const out = await cli('verify', ['--client', path.join(home, 'missing'), 'ffffffffff']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/unknown proposal id ffffffffff/);
  });
});

describe('clearance verify with the real client', () => {
  const binary = realClientOrSkip();
  it.skipIf(binary === null)(
    'replays covered, denied and dangerous calls; stores the state that suggest and apply show',
    async () => {
      const id = await cargoProposal();
      // a private TMPDIR, so the check that nothing is left behind sees only this run's dirs
      const privateTmp = mkdtempSync(path.join(home, 'tmp-'));
      const savedTmp = process.env.TMPDIR;
      process.env.TMPDIR = privateTmp;
      const out = await cli('verify', ['--json', '--client', binary!, id]).finally(() => {
        if (savedTmp === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = savedTmp;
      });
      expect(out.code).toBe(0);
      expect(out.stderr).toMatch(/verifying 1 proposal\(s\) with Claude Code 2\.1\.328/);
      const [p] = (JSON.parse(out.stdout) as { proposals: VerifyJson[] }).proposals;
      expect(p!.skipped).toBeNull();
      const v = p!.verify!;
      expect(v).toMatchObject({
        status: 'verified',
        clientVersion: '2.1.328',
        covered: 2,
        coveredOk: 2,
        denied: 1,
        deniedRun: 0,
        variantsRun: 0,
      });
      expect(v.variants).toBeGreaterThan(5);
      expect(v.summary).toMatch(
        /^verified with Claude Code 2\.1\.328: runs 2 of your 2 commands unprompted, 0 of the 1 you denied, 0 of \d+ dangerous variants/,
      );
      // the throwaway home is gone
      expect(readdirSync(privateTmp)).toEqual([]);

      const applied = await cli('apply', ['--dry-run', id]);
      expect(applied.stdout).not.toContain('not verified');

      // a budget too small to start: nothing verified, nothing overwritten, one line each
      const late = await cli('verify', ['--json', '--timeout', '1', '--client', binary!, id]);
      const [q] = (JSON.parse(late.stdout) as { proposals: VerifyJson[] }).proposals;
      expect(q!.skipped).toMatch(/time ran out/);

      const text = await cli('suggest', []);
      expect(text.stdout).toMatch(/Bash\(cargo test \*\).*✓cc2\.1\.328/);
      const json = await cli('suggest', ['--json']);
      const shown = (JSON.parse(json.stdout) as { suggestions: { id: string; verify: VerifyState | null }[] })
        .suggestions;
      expect(shown.find((s) => s.id === id)!.verify).toMatchObject({
        status: 'verified',
        clientVersion: '2.1.328',
      });
    },
    240_000,
  );
});
