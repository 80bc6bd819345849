// Fewer rules that matter (issue 13): exact rules only for commands that come back, one rule
// syntax per settings file, and nothing for calls the real client runs without asking.
import { describe, expect, it } from 'vitest';
import { learn } from '../../../src/core/learning/index.js';
import type { EvidenceCall, RuleOps } from '../../../src/core/learning/index.js';
import { bash, ops, options, source, times } from './evidence.js';

const allowRules = (calls: EvidenceCall[], o = ops): string[] =>
  learn(calls, o, options())
    .suggestions.filter((s) => s.kind === 'allow')
    .map((s) => s.rule);

describe('exact rules need the same command to come back', () => {
  // a refused sibling blocks the wildcard, so only an exact rule could be proposed
  it.each([
    ['a commit message', 'git commit -m "fix the flaky parser test"', 'git commit --amend --no-edit'],
    ['a one-off compose command', 'docker compose up -d web', 'docker compose up -d db'],
    ['a timestamped argument', './gen.sh --stamp 20260102T1000', null],
  ])('%s approved 40 times in one sitting (over midnight): no exact rule', (_what, command, sibling) => {
    const calls = [
      ...times(40, (i) => bash(command, { daysAgo: 2 + (i % 2), session: 'one-sitting' })),
      ...(sibling ? [bash(sibling, { answer: 'denied', daysAgo: 5, session: 'other' })] : []),
    ];
    expect(allowRules(calls)).toEqual([]);
  });

  // (a test run: the ordinary evidence bar; a compose command would need overwhelming evidence)
  it('the same exact command back in another session is proposed', () => {
    const calls = [
      ...times(40, (i) => bash('cargo test -p web', { daysAgo: 2 + (i % 2), session: `s${i % 2}` })),
      bash('cargo test -p db', { answer: 'denied', daysAgo: 5, session: 'other' }),
    ];
    expect(allowRules(calls)).toEqual(['Bash(cargo test -p web)']);
  });
});

describe('one rule syntax per settings file', () => {
  it('a project file gets ` *` for every rule when its newest client is 2.1+, also for programs seen only under 2.0', () => {
    const calls = [
      ...times(12, (i) =>
        bash('cargo test --all', { daysAgo: 1 + (i % 6), session: `a${i % 6}`, version: '2.1.38' }),
      ),
      ...times(12, (i) =>
        bash('npm run build', { daysAgo: 20 + (i % 6), session: `b${i % 6}`, version: '2.0.76' }),
      ),
    ];
    const rules = allowRules(calls);
    expect(rules).toEqual(expect.arrayContaining(['Bash(cargo test *)', 'Bash(npm run build *)']));
    expect(rules.filter((r) => r.endsWith(':*)'))).toEqual([]);
  });

  it('a file whose newest client predates 2.1.0 gets `:*` throughout', () => {
    const calls = times(12, (i) =>
      bash('cargo test --all', { daysAgo: 1 + (i % 6), session: `a${i % 6}`, version: '2.0.76' }),
    );
    expect(allowRules(calls)).toContain('Bash(cargo test:*)');
  });
});

describe('one rule syntax per settings file, given what the file holds', () => {
  const calls = times(12, (i) =>
    bash('cargo test --all', { daysAgo: 1 + (i % 6), session: `a${i % 6}`, version: '2.1.38' }),
  );
  const local = (allow: string[]) =>
    source('/home/u/work/app/.claude/settings.local.json', 'local', '/home/u/work/app', { allow });

  it.each([
    ['only `:*` rules keeps `:*`', ['Bash(git status:*)', 'Bash(ls)'], 'Bash(cargo test:*)'],
    ['only ` *` rules gets ` *`', ['Bash(git status *)'], 'Bash(cargo test *)'],
    ['no prefix rule gets the newest syntax', ['Bash(ls)'], 'Bash(cargo test *)'],
    [
      'both (already mixed) gets the newest syntax',
      ['Bash(git status:*)', 'Bash(git log *)'],
      'Bash(cargo test *)',
    ],
  ])('a file with %s', (_what, allow, expected) => {
    const out = learn(calls, ops, options([local(allow)])).suggestions;
    expect(out.map((s) => s.rule)).toEqual([expected]);
  });
});

describe('nothing for calls the real client does not prompt for', () => {
  it('whatever the built-in read-only set holds never becomes an allow rule', () => {
    // the read-only set is core/rules' business; whatever it holds must flow through to learning
    const calls = [
      ...times(30, (i) => bash('rg -n "TODO" src', { daysAgo: 1 + (i % 8), session: `s${i % 8}` })),
      ...times(30, (i) => bash('fd -e ts src', { daysAgo: 1 + (i % 8), session: `s${i % 8}` })),
      ...times(30, (i) => bash('cargo test', { daysAgo: 1 + (i % 8), session: `s${i % 8}` })),
    ];
    const readOnly: RuleOps = {
      ...ops,
      isBuiltinReadOnly: (segment) =>
        ['rg', 'fd'].includes(segment.program) || ops.isBuiltinReadOnly(segment),
    };
    const rules = allowRules(calls, readOnly);
    expect(rules).toContain('Bash(cargo test *)');
    expect(rules.filter((r) => /^Bash\((rg|fd)\b/.test(r))).toEqual([]);
  });
});
