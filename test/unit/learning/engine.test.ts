import { beforeAll, describe, expect, it } from 'vitest';
import { learn } from '../../../src/core/learning/index.js';
import type { EvidenceCall } from '../../../src/core/learning/index.js';
import { ruleMatchesCall } from '../../../src/core/rules/index.js';
import type { Suggestion } from '../../../src/core/types.js';
import { HOME, bash, loadParser, ops, options, source, times, toolCall } from './evidence.js';

beforeAll(loadParser);

const spread = (command: string, n: number, extra: Parameters<typeof bash>[1] = {}): EvidenceCall[] =>
  times(n, (i) => bash(command, { daysAgo: 1 + (i % 10), session: `s${i % 6}`, ...extra }));

const rules = (suggestions: Suggestion[], kind = 'allow'): string[] =>
  suggestions.filter((s) => s.kind === kind).map((s) => s.rule);

function covers(rule: string, command: string, calls: EvidenceCall[]): boolean {
  const call = calls.find((c) => c.target === command);
  return (call?.segments ?? []).some((segment) =>
    ruleMatchesCall(
      rule,
      { tool: 'Bash', input: { command: segment.text }, segments: [segment], cwd: '/', home: HOME },
      { baseDir: '/', kind: 'allow' },
    ),
  );
}

describe('learn: the failures of the earlier tool are impossible', () => {
  it('learns cargo test and never rm, however often rm was approved', () => {
    const calls = [...spread('cargo test', 40), ...spread('rm -rf target', 40)];
    const out = learn(calls, ops, options()).suggestions;
    expect(rules(out)).toContain('Bash(cargo test *)');
    expect(rules(out).filter((r) => r.includes('rm'))).toEqual([]);
  });

  it('never lets `git status && rm -rf x` through on any learned rule', () => {
    const calls = spread('git status && rm -rf x', 40);
    const out = learn(calls, ops, options()).suggestions;
    expect(out.filter((s) => s.kind === 'allow' && covers(s.rule, 'git status && rm -rf x', calls))).toEqual(
      [],
    );
  });

  it('proposes no allow rule but an ask rule for a command denied 5 times and approved once', () => {
    const calls = [...spread('make deploy', 5, { answer: 'denied' }), ...spread('make deploy', 1)];
    const out = learn(calls, ops, options()).suggestions;
    expect(rules(out)).toEqual([]);
    expect(out.map((s) => [s.kind, s.rule])).toEqual([['ask', 'Bash(make deploy)']]);
  });

  it('proposes deny for a command refused repeatedly and never approved', () => {
    const calls = [...spread('git push --force origin main', 4, { answer: 'denied' })];
    const out = learn(calls, ops, options()).suggestions;
    expect(out.map((s) => [s.kind, s.rule])).toEqual([['deny', 'Bash(git push --force origin main)']]);
  });

  it('proposes nothing for calls already covered by a rule in force', () => {
    const settings = source('/home/u/work/app/.claude/settings.local.json', 'local', '/home/u/work/app', {
      allow: ['Bash(cargo build *)'],
    });
    const out = learn(spread('cargo build --release', 30), ops, options([settings])).suggestions;
    expect(out).toEqual([]);
  });

  it.each([
    ['one approval', spread('cargo test', 1)],
    ['built-in read-only commands', spread('git status', 30)],
    [
      'secrets in a command never become an exact rule',
      spread('curl -H "Authorization: Bearer __REDACTED__" https://x', 30),
    ],
  ])('proposes nothing for %s', (_label, calls) => {
    expect(learn(calls, ops, options()).suggestions).toEqual([]);
  });

  it('never writes a secret from the evidence into any proposal', () => {
    const calls = [
      ...spread('PGPASSWORD=hunter2 psql -h db -c "select 1"', 30),
      ...spread('GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789 gh pr list', 30),
    ];
    const text = JSON.stringify(learn(calls, ops, options()).suggestions);
    expect(text).not.toMatch(/hunter2|ghp_abcdef/);
  });
});

describe('learn: breadth, syntax and scope', () => {
  it.each([
    [
      'a read-only tool generalizes to program level',
      // (jq is in the client's read-only set since 2.1.328: it needs no rule; `yq -i` writes)
      ['nm -C a.o', 'nm -D b.so', 'nm c.o'],
      'Bash(nm *)',
    ],
    [
      'a build runner generalizes to subcommand level',
      ['cargo test', 'cargo test -p core', 'cargo test --release'],
      'Bash(cargo test *)',
    ],
    [
      'npm scripts keep the script name',
      ['npm run build', 'npm run build -- --watch'],
      'Bash(npm run build *)',
    ],
    [
      'git writes stay at subcommand level',
      ['git commit -m one', 'git commit -m two', 'git commit --amend'],
      'Bash(git commit *)',
    ],
  ])('%s', (_label, commands, expected) => {
    const calls = commands.flatMap((c) => spread(c, 8));
    expect(rules(learn(calls, ops, options()).suggestions)).toEqual([expected]);
  });

  it('never widens a tool that can run programs through a flag (Bash(fd *) would allow fd -x rm)', () => {
    // plain `fd` runs unprompted since 2.1.328 (read-only set): nothing to propose for it
    const plain = ['fd -e ts', 'fd -e rs src', 'fd Cargo.toml'].flatMap((c) => spread(c, 8));
    expect(rules(learn(plain, ops, options()).suggestions)).toEqual([]);
    // with -x it needs approval, and is never widened to the program
    const running = ['fd -e ts -x wc -l', 'fd -e rs -x wc -l src'].flatMap((c) => spread(c, 8));
    const proposed = rules(learn(running, ops, options()).suggestions);
    expect(proposed.filter((rule) => rule.includes('*'))).toEqual([]);
  });

  it('never widens network egress beyond an exact rule', () => {
    const calls = times(60, (i) =>
      bash('curl -s https://api.example.com/health', { daysAgo: 1 + (i % 20), session: `s${i}` }),
    );
    const out = learn(calls, ops, options()).suggestions;
    expect(out.map((s) => [s.rule, s.level, s.risk])).toEqual([
      ['Bash(curl -s https://api.example.com/health)', 'exact', 'network'],
    ]);
  });

  it('does not generalize over a denied call', () => {
    const calls = [
      ...spread('npm run build', 10),
      ...spread('npm run test', 10),
      ...spread('npm run deploy', 1, { answer: 'denied' }),
    ];
    const out = learn(calls, ops, options()).suggestions;
    expect(rules(out).sort()).toEqual(['Bash(npm run build *)', 'Bash(npm run test *)']);
    expect(out.every((s) => s.deniedCovered === 0)).toBe(true);
  });

  it.each([
    ['2.0.76', 'Bash(cargo test:*)'],
    ['2.1.0', 'Bash(cargo test *)'],
  ])('writes the rule syntax of Claude Code %s', (version, expected) => {
    expect(rules(learn(spread('cargo test', 10, { version }), ops, options()).suggestions)).toEqual([
      expected,
    ]);
  });

  it('uses the newest version seen when versions are mixed', () => {
    const calls = [
      ...spread('cargo test', 10, { version: '2.0.70' }),
      ...spread('cargo test', 2, { version: '2.1.3' }),
    ];
    expect(rules(learn(calls, ops, options()).suggestions)).toEqual(['Bash(cargo test *)']);
  });

  it.each([
    [
      'one project → its local settings',
      ['/home/u/work/app'],
      'project',
      '/home/u/work/app/.claude/settings.local.json',
    ],
    [
      'two projects → the user file',
      ['/home/u/work/app', '/home/u/work/lib'],
      'user',
      '/home/u/.claude/settings.json',
    ],
  ])('scope: %s', (_label, projects, scope, target) => {
    const calls = projects.flatMap((project) => spread('cargo clippy', 6, { project }));
    const [s] = learn(calls, ops, options()).suggestions;
    expect([s?.scope, s?.target]).toEqual([scope, target]);
  });

  it('never proposes two rules where one covers the other', () => {
    const calls = [
      'nix flake check',
      'nix flake check --all-systems',
      'nix build .#app',
      'nix build',
    ].flatMap((c) => spread(c, 8));
    const out = rules(learn(calls, ops, options()).suggestions);
    expect(out.sort()).toEqual(['Bash(nix build *)', 'Bash(nix flake check *)']);
  });

  it('fills every field a reviewer needs', () => {
    const calls = spread('cargo test', 12);
    const [s] = learn(calls, ops, options()).suggestions;
    expect(s).toMatchObject({
      kind: 'allow',
      rule: 'Bash(cargo test *)',
      level: 'subcommand',
      risk: 'build-test',
      promptsSaved: 12,
      deniedCovered: 0,
      examples: ['cargo test'],
      evidence: { approvals: 12, denials: 0, sessions: 6, projects: 1 },
    });
    expect(s?.id).toMatch(/^[0-9a-f]{12}$/);
    expect(s?.history.reduce((n, d) => n + d.approvals, 0)).toBe(12);
    expect(s?.alternatives.map((a) => [a.rule, a.blockedBy !== null])).toEqual([
      ['Bash(cargo *)', true],
      ['Bash(cargo test)', false],
    ]);
  });

  it('counts only the last 30 days as prompts saved', () => {
    const calls = [
      ...times(5, (i) => bash('cargo test', { daysAgo: 40 + i, session: `o${i}` })),
      ...spread('cargo test', 8),
    ];
    const [s] = learn(calls, ops, options()).suggestions;
    expect(s?.promptsSaved).toBe(8);
  });
});

describe('learn: files, web and MCP', () => {
  it.each([
    [
      'reads outside the project → the narrowest directory',
      ['/etc/nixos/configuration.nix', '/etc/nixos/hardware.nix'],
      ['Read(//etc/nixos/**)'],
    ],
    ['reads in a credentials directory → nothing', ['/home/u/.ssh/config', '/home/u/.ssh/known_hosts'], []],
    ['reads directly in the home → exact files, never ~/**', ['/home/u/.bashrc'], ['Read(//home/u/.bashrc)']],
    ['reads inside the project → nothing', ['/home/u/work/app/src/main.rs'], []],
  ])('%s', (_label, paths, expected) => {
    const calls = paths.flatMap((p) =>
      times(6, (i) => toolCall('Read', p, { daysAgo: 1 + i, session: `s${i}` })),
    );
    expect(rules(learn(calls, ops, options()).suggestions)).toEqual(expected);
  });

  it('learns a WebFetch domain and an MCP tool', () => {
    const calls = [
      ...times(6, (i) =>
        toolCall('WebFetch', `https://docs.rs/serde/${i}`, { daysAgo: 1 + i, session: `s${i}` }),
      ),
      ...times(6, (i) => toolCall('mcp__github__get_issue', null, { daysAgo: 1 + i, session: `s${i}` })),
    ];
    expect(rules(learn(calls, ops, options()).suggestions).sort()).toEqual([
      'WebFetch(domain:docs.rs)',
      'mcp__github__get_issue',
    ]);
  });
});

describe('learn: edits inside a project', () => {
  const edits = (paths: string[], n = 6, answer: 'approved' | 'denied' = 'approved') =>
    paths.flatMap((p) => times(n, (i) => toolCall('Edit', p, { daysAgo: 1 + i, session: `s${i}`, answer })));

  it('proposes one rule per top-level directory, never the project root', () => {
    const calls = edits([
      '/home/u/work/app/src/a.rs',
      '/home/u/work/app/src/b/c.rs',
      '/home/u/work/app/tests/t.rs',
      '/home/u/work/app/README.md',
    ]);
    expect(rules(learn(calls, ops, options()).suggestions).sort()).toEqual([
      'Edit(//home/u/work/app/src/**)',
      'Edit(//home/u/work/app/tests/**)',
    ]);
  });

  it('does not cover a directory where an edit was denied', () => {
    const calls = [
      ...edits(['/home/u/work/app/config/app.toml']),
      ...edits(['/home/u/work/app/config/prod.toml'], 1, 'denied'),
    ];
    expect(rules(learn(calls, ops, options()).suggestions)).toEqual([]);
  });
});

describe('learn: what else a rule would match', () => {
  it('lists commands seen without a prompt that the rule also covers', () => {
    const seen = [
      { text: 'cargo test --doc', subcommand: ['test'] },
      { text: 'cargo build', subcommand: ['build'] },
    ];
    const [s] = learn(spread('cargo test', 10), ops, options([], { seenCommands: () => seen })).suggestions;
    expect(s?.alsoMatches).toEqual(['cargo test --doc']);
  });
});

describe('learn: deny and ask', () => {
  it.each([
    ['a read-only tool refused a few times', 'rg -n TODO src'],
    ['a built-in read-only command', 'git status'],
  ])('proposes no deny/ask for %s', (_label, command) => {
    expect(learn(spread(command, 6, { answer: 'denied' }), ops, options()).suggestions).toEqual([]);
  });

  it('gathers refusals of one program at program level when no single command repeats', () => {
    const calls = ['kill 1', 'kill 2', 'kill -9 3'].flatMap((c) => spread(c, 1, { answer: 'denied' }));
    expect(learn(calls, ops, options()).suggestions.map((s) => [s.kind, s.rule])).toEqual([
      ['deny', 'Bash(kill *)'],
    ]);
  });
});
