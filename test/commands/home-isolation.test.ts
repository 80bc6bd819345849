// `--home` is a promise: with it, nothing outside the home is read or written. Someone trying
// clearance on a copy of their home must not have their real projects changed.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { HomeBuilder } from '../helpers/transcript-builder.js';
import type { CallSpec } from '../helpers/transcript-builder.js';

const NOW = '2026-03-01T12:00:00Z';
const DAY = 86_400_000;
const n = (count: number, spec: CallSpec): CallSpec[] => Array.from({ length: count }, () => spec);

let top = '';
let home = '';
let outside = '';
let inside = '';

/** Every path under `dir` (files and dirs), relative, sorted. */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort();
}

beforeAll(() => {
  top = mkdtempSync(path.join(tmpdir(), 'clearance-isolation-'));
  home = path.join(top, 'home-copy');
  mkdirSync(home);
  // the "real" project the copied transcripts name: a git repo outside the copied home
  outside = path.join(top, 'real-home', 'code', 'api');
  mkdirSync(path.join(outside, '.git'), { recursive: true });
  const b = new HomeBuilder(home);
  inside = b.project('app');
  for (let s = 0; s < 8; s++) {
    const start = new Date(Date.parse(NOW) - (s + 1) * DAY);
    b.session(outside, start, n(6, { command: 'cargo test', answer: 'approve' }));
    b.session(inside, start, n(6, { command: 'npm test', answer: 'approve' }));
  }
});
afterAll(() => rmSync(top, { recursive: true, force: true }));

describe('--home isolation', () => {
  // in this order: apply settles the proposals the two before it look at
  it('suggest shows a proposal for a project outside --home, marked as skipped', async () => {
    const result = await runCli(['suggest', '--home', home, '--now', NOW]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(outside);
    expect(
      (result.stdout + result.stderr).split('\n').filter((l) => l.includes('outside --home')),
    ).toHaveLength(1);
  });

  it('dry run names what lies outside too, and writes nothing anywhere', async () => {
    const before = tree(top);
    const result = await runCli(['apply', '--dry-run', '--home', home, '--now', NOW]);
    expect(result.stdout + result.stderr).toContain('outside --home');
    // the store lives inside the home; nothing else appears
    expect(tree(top).filter((p) => !p.includes('.local/state'))).toEqual(
      before.filter((p) => !p.includes('.local/state')),
    );
  });

  it('apply --yes writes inside --home only, and says in one line what it skipped outside', async () => {
    const before = tree(path.join(top, 'real-home'));
    const result = await runCli(['apply', '--yes', '--home', home, '--now', NOW]);
    expect(tree(path.join(top, 'real-home'))).toEqual(before);
    expect(existsSync(path.join(outside, '.claude'))).toBe(false);
    expect(existsSync(path.join(inside, '.claude', 'settings.local.json'))).toBe(true);
    const skipped = (result.stdout + result.stderr).split('\n').filter((l) => l.includes('outside --home'));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toContain(outside);
    expect(result.code).toBe(0);
  });
});

describe('--home and a repository around it', () => {
  it('a project without its own .git gets its settings inside the home, not at a repo root above it', async () => {
    const around = mkdtempSync(path.join(tmpdir(), 'clearance-around-'));
    try {
      mkdirSync(path.join(around, '.git'));
      const h = path.join(around, 'home');
      const b = new HomeBuilder(h);
      const project = path.join(h, 'work', 'loose');
      mkdirSync(project, { recursive: true });
      for (let s = 0; s < 8; s++)
        b.session(
          project,
          new Date(Date.parse(NOW) - (s + 1) * DAY),
          n(6, { command: 'cargo test', answer: 'approve' }),
        );
      const result = await runCli(['suggest', '--json', '--home', h, '--now', NOW]);
      const targets = (JSON.parse(result.stdout) as { suggestions: { target: string }[] }).suggestions.map(
        (s) => s.target,
      );
      expect(targets).toContain(path.join(project, '.claude', 'settings.local.json'));
      expect(targets.filter((t) => !t.startsWith(`${h}/`))).toEqual([]);
    } finally {
      rmSync(around, { recursive: true, force: true });
    }
  });
});

describe('--home must name a directory', () => {
  let cwd = '';
  let work = '';
  beforeAll(() => {
    cwd = process.cwd();
    work = mkdtempSync(path.join(tmpdir(), 'clearance-homeflag-'));
    writeFileSync(path.join(work, 'a-file'), 'x');
    process.chdir(work);
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(work, { recursive: true, force: true });
  });

  it.each([
    [['--home'], 2, /--home needs a value/],
    [['scan', '--home'], 2, /--home needs a value/],
    // relative to the temp cwd: run against a clearance without the check, it must not litter /
    [['scan', '--home', 'missing-home'], 1, /--home missing-home: no such directory/],
    [['suggest', '--home', 'a-file'], 1, /--home a-file: not a directory/],
  ])('%j exits %i with one line, creating nothing', async (argv, code, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(work)).toEqual(['a-file']);
  });
});

describe('the demo', () => {
  it('is isolated like --home: every proposal targets a file inside the demo dir', async () => {
    const result = await runCli(['demo', '--json', '--keep']);
    const kept = /demo kept in (\S+)/.exec(result.stdout)?.[1];
    try {
      expect(result.code).toBe(0);
      expect(kept).toBeDefined();
      const json = result.stdout.slice(0, result.stdout.lastIndexOf('}') + 1);
      const targets = (JSON.parse(json) as { suggestions: { target: string }[] }).suggestions.map(
        (s) => s.target,
      );
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.filter((t) => !t.startsWith(`${kept}/`))).toEqual([]);
    } finally {
      if (kept) rmSync(kept, { recursive: true, force: true });
    }
  }, 120_000);
});
