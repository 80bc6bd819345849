import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCall, parseRule, ruleProblems } from '../../../src/core/rules/index.js';
import type { RuleSource } from '../../../src/core/rules/index.js';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'settings');
const FILES = [
  'claude-nixos-automation-settings.local.json',
  'claude-nixos-automation-settings.json',
  'company-config.json',
  'ai-quality-devenv-settings.local.json',
];

function rulesIn(file: string): string[] {
  const json = JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as {
    permissions?: Record<string, unknown>;
  };
  const p = json.permissions ?? {};
  return ['allow', 'ask', 'deny'].flatMap((k) => (Array.isArray(p[k]) ? (p[k] as string[]) : []));
}

const ALL = FILES.flatMap((f) => rulesIn(f).map((rule) => [f, rule] as const));

describe('every rule in the real settings files', () => {
  it('has the expected number of rules', () => {
    expect(ALL).toHaveLength(25 + 0 + 115 + 4);
  });

  it.each(ALL)('%s: %j parses', (_file, rule) => {
    expect(parseRule(rule)).toHaveProperty('form');
  });
});

describe('classification of real rules', () => {
  it.each([
    ['Read(//home/guyfawkes/.claude/**)', 'path'],
    ['Bash(git add:*)', 'bash-prefix'],
    ['Bash(nixos-rebuild list-generations:*)', 'bash-prefix'],
    ['WebFetch(domain:github.com)', 'webfetch-domain'],
    ['WebSearch', 'tool'],
    ['WebFetch', 'tool'],
    ['Grep', 'tool'],
    ['*', 'tool-glob'],
    ['Read(/**)', 'path'],
    ['Write(/**)', 'path'],
    ['Glob(**)', 'path'],
  ])('%j → %j', (rule, form) => {
    expect(ALL.map(([, r]) => r)).toContain(rule);
    expect(parseRule(rule)).toMatchObject({ form });
  });

  it('reads the multi-line heredoc commit rule as one exact command', () => {
    const heredoc = ALL.map(([, r]) => r).find((r) => r.startsWith('Bash(git commit -m "$(cat <<'));
    expect(parseRule(heredoc ?? '')).toMatchObject({ form: 'bash-exact', tool: 'Bash' });
  });
});

describe('hygiene problems in the real files', () => {
  const userSource = {
    path: '/home/u/.claude/settings.json',
    scope: 'user' as const,
    baseDir: '/home/u/.claude',
  };
  it.each([
    ['Write(/**)', /never consulted.*Edit\(\/\*\*\)/],
    ['Glob(**)', /never consulted.*Read\(\*\*\)/],
    ['*', /skipped in allow/],
  ])('%j → %s', (rule, message) => {
    expect(ruleProblems(rule, userSource, 'allow')).toContainEqual(expect.stringMatching(message));
  });

  it('finds nothing wrong with ordinary rules', () => {
    const fine = [
      'Bash(git add:*)',
      'Read(//home/guyfawkes/.claude/**)',
      'WebFetch(domain:github.com)',
      'WebSearch',
    ];
    expect(fine.map((r) => ruleProblems(r, userSource, 'allow'))).toEqual(fine.map(() => []));
  });

  it('flags `Read(/**)` in a user file (it means ~/.claude/**) but not in a project file', () => {
    expect(ruleProblems('Read(/**)', userSource, 'allow')).toEqual([
      expect.stringMatching(/relative to \/home\/u\/.claude/),
    ]);
    expect(
      ruleProblems(
        'Read(/**)',
        { path: '/p/.claude/settings.json', scope: 'project', baseDir: '/p' },
        'allow',
      ),
    ).toEqual([]);
  });

  it('the "*" allow of the devenv template grants nothing', () => {
    const source: RuleSource = {
      path: '/p/.claude/settings.local.json',
      scope: 'local',
      baseDir: '/p',
      allow: rulesIn('ai-quality-devenv-settings.local.json'),
      ask: [],
      deny: [],
    };
    const call = { tool: 'Bash', input: { command: 'make' }, cwd: '/p', home: '/home/u' };
    expect(evaluateCall(call, [source]).decision).toBe('none');
  });
});

describe('ruleProblems', () => {
  const user = { path: '/home/u/.claude/settings.json', scope: 'user' as const, baseDir: '/home/u/.claude' };
  const project = { path: '/p/.claude/settings.json', scope: 'project' as const, baseDir: '/p' };
  it.each([
    ['Bash(', user, 'allow', /invalid rule/],
    ['Read(/home/u/notes/**)', user, 'allow', /relative to \/home\/u\/.claude.*\/\/home\/u\/notes/],
    ['Edit(/etc/nixos/**)', project, 'allow', /relative to \/p/],
    ['MultiEdit(/src/**)', project, 'allow', /never consulted/],
    ['NotebookEdit(/nb/**)', project, 'deny', /never consulted/],
    ['B*', user, 'allow', /skipped in allow/],
    ['mcp__*', user, 'allow', /skipped in allow/],
    ['Bash(git:* push)', user, 'allow', /only a prefix wildcard at the end/],
    ['Agent(model:opus)', user, 'allow', /only work in deny\/ask/],
    ['Bash(command:rm)', user, 'deny', /cannot name the primary field/],
    ['WebSearch(foo)', user, 'allow', /no specifier/],
  ] as const)('%j in %s (%s) → %s', (rule, source, kind, message) => {
    expect(ruleProblems(rule, source, kind)).toContainEqual(expect.stringMatching(message));
  });

  it.each([
    ['mcp__github__get_*', 'allow'],
    ['mcp__*', 'deny'],
    ['*', 'ask'],
    ['Read(//home/u/notes/**)', 'allow'],
    ['Agent(model:opus)', 'deny'],
  ] as const)('%j as %s is fine', (rule, kind) => {
    expect(ruleProblems(rule, user, kind)).toEqual([]);
  });

  it('infers the kind from the array the rule sits in', () => {
    expect(ruleProblems('mcp__*', { ...user, allow: [], ask: [], deny: ['mcp__*'] })).toEqual([]);
  });
});
