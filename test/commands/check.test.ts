import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { realClientOrSkip } from '../helpers/real-client.js';
import { HomeBuilder } from '../helpers/transcript-builder.js';

interface CheckJson {
  command: string;
  cwd: string;
  decision: string;
  reason: string;
  rule: string | null;
  file: string | null;
  client?: { version: string; decision: string; reason: string } | null;
}

let home = '';
let app = '';
let other = '';
beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), 'clearance-check-'));
  const b = new HomeBuilder(home);
  app = b.project('app');
  other = b.project('other');
  b.settings(path.join(home, '.claude', 'settings.json'), {
    allow: ['Bash(git status)', 'Read(//etc/**)'],
    deny: ['Bash(rm *)'],
  });
  b.settings(path.join(app, '.claude', 'settings.json'), {
    allow: ['Bash(npm test *)', 'WebFetch(domain:example.com)', 'Edit(src/**)'],
    ask: ['Bash(git push *)'],
  });
  mkdirSync(path.join(app, 'src'), { recursive: true });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function check(args: string[], cwd = app) {
  return runCli(['check', '--home', home, '--db', path.join(home, 'state.db'), '--cwd', cwd, ...args]);
}

async function checkJson(args: string[], cwd = app): Promise<CheckJson[]> {
  const result = await check(['--json', ...args], cwd);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { results: CheckJson[] }).results;
}

describe('clearance check', () => {
  it('answers one object per command, in the order given, with the deciding rule and file', async () => {
    const results = await checkJson([
      'npm test -- --watch',
      'rm -rf build',
      'git status',
      'git push origin main',
    ]);
    expect(results.map((r) => [r.command, r.decision, r.rule])).toEqual([
      ['npm test -- --watch', 'runs', 'Bash(npm test *)'],
      ['rm -rf build', 'refused', 'Bash(rm *)'],
      ['git status', 'runs', 'Bash(git status)'],
      ['git push origin main', 'prompts', 'Bash(git push *)'],
    ]);
    expect(results[0]!.file).toBe(path.join(app, '.claude', 'settings.json'));
    expect(results[1]!.file).toBe(path.join(home, '.claude', 'settings.json'));
    expect(results.every((r) => r.cwd === app)).toBe(true);
  });

  it('says why nothing applies: no rule, a path outside the working directory', async () => {
    const results = await checkJson(['cargo build', 'Read(~/notes.txt)']);
    expect(results.map((r) => [r.decision, r.rule, r.file])).toEqual([
      ['prompts', null, null],
      ['prompts', null, null],
    ]);
    // the client's own words where it has any ("This command requires approval")
    expect(results[0]!.reason).toMatch(/requires approval/);
    expect(results[1]!.reason).toMatch(/outside the working directory/);
  });

  it('reads the settings in force for --cwd: another project lacks the project rules', async () => {
    const [inApp] = await checkJson(['npm test'], app);
    const [inOther] = await checkJson(['npm test'], other);
    expect(inApp!.decision).toBe('runs');
    expect(inOther!.decision).toBe('prompts');
    expect(inOther!.cwd).toBe(other);
  });

  it.each([
    ['Read(/etc/hosts)', 'runs', 'Read(//etc/**)'],
    ['WebFetch(https://example.com/page)', 'runs', 'WebFetch(domain:example.com)'],
    ['WebFetch(https://elsewhere.example.org/)', 'prompts', null],
    ['Edit(src/a.ts)', 'runs', 'Edit(src/**)'],
    ['Edit(README.md)', 'prompts', null],
    ['Bash(git status)', 'runs', 'Bash(git status)'],
  ])('takes the Tool(arg) form %s', async (arg, decision, rule) => {
    const [r] = await checkJson([arg]);
    expect([r!.command, r!.decision, r!.rule]).toEqual([arg, decision, rule]);
  });

  it('prints one aligned line per command', async () => {
    const result = await check(['git status', 'rm -rf build']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^runs {5}git status {4}/);
    expect(lines[1]).toMatch(/^refused {2}rm -rf build {2}/);
    expect(lines[1]).toContain('~/.claude/settings.json');
  });

  it.each([
    [[], /give at least one command/],
    [['--mode', 'sideways', 'ls'], /--mode: one of/],
  ])('rejects bad usage %j with exit 2', async (args, message) => {
    const result = await check(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('takes --mode: bypassPermissions runs what default would ask', async () => {
    const [r] = await checkJson(['--mode', 'bypassPermissions', 'cargo build']);
    expect(r!.decision).toBe('runs');
  });

  it('--verify without a client says so in one line and keeps its own answer', async () => {
    const result = await check(['--verify', '--client', path.join(home, 'no-such-claude'), 'git status']);
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/no Claude Code binary at .*no-such-claude/);
    expect(result.stdout).toMatch(/^runs/);
  });
});

describe('clearance check --verify (real client)', () => {
  const binary = realClientOrSkip();
  it.skipIf(binary === null)(
    'adds the real client answer, which agrees on plain cases',
    async () => {
      const out = await check([
        '--json',
        '--verify',
        '--client',
        binary!,
        'git status',
        'rm -rf build',
        'cargo build',
      ]);
      expect(out.code).toBe(0);
      expect(out.stderr).toMatch(/replaying 3 call/);
      const results = (JSON.parse(out.stdout) as { results: CheckJson[] }).results;
      expect(results.map((r) => [r.decision, r.client?.decision, r.client?.version])).toEqual([
        ['runs', 'runs', '2.1.328'],
        ['refused', 'refused', '2.1.328'],
        ['prompts', 'prompts', '2.1.328'],
      ]);
    },
    180_000,
  );

  it.skipIf(binary === null)(
    'starts the client in a --cwd below the project, with the settings file found there',
    async () => {
      const sub = path.join(app, 'tools');
      mkdirSync(sub, { recursive: true });
      new HomeBuilder(home).settings(path.join(sub, '.claude', 'settings.json'), {
        allow: ['Bash(cargo build *)'],
      });
      const out = await check(['--json', '--verify', '--client', binary!, 'cargo build --release'], sub);
      const [r] = (JSON.parse(out.stdout) as { results: CheckJson[] }).results;
      expect([r!.decision, r!.file, r!.client?.decision]).toEqual([
        'runs',
        path.join(sub, '.claude', 'settings.json'),
        'runs',
      ]);
    },
    180_000,
  );
});
