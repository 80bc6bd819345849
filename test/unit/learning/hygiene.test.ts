import { describe, expect, it } from 'vitest';
import { bashForm, canonicalRule, learnHygiene } from '../../../src/core/learning/index.js';
import type { SettingsSource } from '../../../src/core/learning/index.js';
import { bashItems } from '../../../src/core/learning/index.js';
import { bash, ops, options, source } from './evidence.js';

const PROJECT = '/home/u/work/app';
const user = (rules: Parameters<typeof source>[3]) =>
  source('/home/u/.claude/settings.json', 'user', '/home/u/.claude', rules);
const local = (rules: Parameters<typeof source>[3]) =>
  source(`${PROJECT}/.claude/settings.local.json`, 'local', PROJECT, rules);

function hygiene(
  sources: SettingsSource[],
  matched: (rule: string) => boolean | null = () => true,
  denied: string[] = [],
) {
  return learnHygiene(
    {
      sources,
      matchedInWindow: (rule) => matched(rule),
      denied: bashItems(
        denied.map((c) => bash(c, { answer: 'denied' })),
        ops,
      ),
      version: '2.1.38',
    },
    ops,
    options(sources),
  ).map((s) => ({
    kind: s.kind,
    rule: s.rule,
    replaces: s.replaces,
    target: s.target,
    why: s.reason.split(':')[0],
  }));
}

describe('hygiene', () => {
  it('finds invalid and never-consulted rules', () => {
    const out = hygiene([user({ allow: ['Write(/tmp/**)', 'Read(/etc/nixos/**)', 'Bash(git:* push)'] })]);
    expect(out.map((s) => [s.kind, s.rule, s.replaces])).toEqual([
      ['replace', 'Edit(/tmp/**)', ['Write(/tmp/**)']],
      ['replace', 'Read(//etc/nixos/**)', ['Read(/etc/nixos/**)']],
      ['remove', 'Bash(git:* push)', ['Bash(git:* push)']],
    ]);
  });

  it.each([
    [
      'the same rule twice in one file',
      [local({ allow: ['Bash(cargo test *)', 'Bash(cargo test *)'] })],
      'Bash(cargo test *)',
    ],
    [
      'the legacy and the new syntax of one rule',
      [local({ allow: ['Bash(cargo test *)', 'Bash(cargo test:*)'] })],
      'Bash(cargo test:*)',
    ],
    [
      'a project rule already in the user file',
      [user({ allow: ['Bash(cargo test *)'] }), local({ allow: ['Bash(cargo test *)'] })],
      'Bash(cargo test *)',
    ],
  ])('finds duplicates: %s', (_label, sources, rule) => {
    expect(
      hygiene(sources)
        .filter((s) => s.why === 'duplicate')
        .map((s) => s.rule),
    ).toEqual([rule]);
  });

  it('removes the project copy of a duplicate, not the user one', () => {
    const out = hygiene([user({ allow: ['Bash(cargo test *)'] }), local({ allow: ['Bash(cargo test *)'] })]);
    expect(out.map((s) => s.target)).toEqual([`${PROJECT}/.claude/settings.local.json`]);
  });

  it('finds allow rules shadowed by a deny or ask rule', () => {
    const out = hygiene([
      user({ deny: ['Bash(git push *)'], ask: ['WebFetch'] }),
      local({ allow: ['Bash(git push origin main)', 'WebFetch(domain:x.org)', 'Bash(git log *)'] }),
    ]);
    expect(out.filter((s) => s.why === 'shadowed').map((s) => s.rule)).toEqual([
      'Bash(git push origin main)',
      'WebFetch(domain:x.org)',
    ]);
  });

  it('finds dead rules only where the window has evidence', () => {
    const matched = (rule: string): boolean | null =>
      rule === 'Bash(make *)' ? false : rule === 'Bash(just *)' ? null : true;
    const out = hygiene([local({ allow: ['Bash(make *)', 'Bash(just *)', 'Bash(cargo test *)'] })], matched);
    expect(out.map((s) => [s.kind, s.rule, s.why])).toEqual([['remove', 'Bash(make *)', 'dead']]);
  });

  it('groups dead rules by family: twenty dead `node scripts/migrate.mjs …` rules are one proposal', () => {
    const migrations = Array.from(
      { length: 20 },
      (_, i) => `Bash(node scripts/migrate.mjs --to 2025-${String(1 + (i % 12)).padStart(2, '0')}-${10 + i})`,
    );
    const dead = new Set([...migrations, 'Bash(make *)', 'Read(//srv/old/**)', 'Read(//srv/older/**)']);
    const sources = [
      local({
        allow: [
          ...migrations,
          'Bash(make *)',
          'Read(//srv/old/**)',
          'Read(//srv/older/**)',
          'Bash(cargo test *)',
        ],
      }),
    ];
    const out = learnHygiene(
      { sources, matchedInWindow: (rule) => !dead.has(rule), denied: [], version: '2.1.38' },
      ops,
      options(sources),
    );
    expect(out.map((s) => [s.kind, s.family ?? s.rule, s.replaces.length])).toEqual([
      ['remove', 'Bash(node scripts/migrate.mjs --to …)', 20],
      ['remove', 'Bash(make *)', 1],
      ['remove', 'Read(…)', 2],
    ]);
    expect(out[0]?.replaces).toEqual(migrations);
    expect(out[0]?.reason).toBe('dead: 20 rules of one family matched nothing in 30 days');
    expect(out[0]?.list).toBe('allow');
  });

  it('groups the other removals by family too: legacy `:*` copies of one program are one proposal', () => {
    const sources = [
      local({
        allow: [
          'Bash(git log *)',
          'Bash(git diff *)',
          'Bash(git show *)',
          'Bash(git log:*)',
          'Bash(git diff:*)',
          'Bash(git show:*)',
          'Bash(ls:*)',
          'Bash(ls *)',
        ],
      }),
    ];
    const out = learnHygiene(
      { sources, matchedInWindow: () => true, denied: [], version: '2.1.38' },
      ops,
      options(sources),
    );
    expect(out.map((s) => [s.kind, s.family ?? s.rule, s.replaces])).toEqual([
      ['remove', 'Bash(git …)', ['Bash(git log:*)', 'Bash(git diff:*)', 'Bash(git show:*)']],
      ['remove', 'Bash(ls:*)', ['Bash(ls:*)']],
    ]);
    expect(out[0]?.reason).toBe(
      'duplicate: 3 rules of one family (first: Bash(git log:*) is the same as Bash(git log *))',
    );
  });

  it('proposes removing exact rules for commands the client runs without asking, grouped by program', () => {
    // whatever core/rules' read-only set holds: here rg and fd besides its own
    const readOnly = {
      ...ops,
      isBuiltinReadOnly: (segment: Parameters<typeof ops.isBuiltinReadOnly>[0]) =>
        ['rg', 'fd'].includes(segment.program) || ops.isBuiltinReadOnly(segment),
    };
    const allow = [
      'Bash(rg -n "TODO" src)',
      "Bash(rg -n 'fixme' .)",
      'Bash(fd -e ts src)',
      'Bash(rg -n "a b" src)', // a quoted space: not judged by the simple split
      'Bash(rg foo && rm -rf x)',
      'Bash(cargo build --release)',
    ];
    const sources = [local({ allow })];
    const out = learnHygiene(
      { sources, matchedInWindow: () => true, denied: [], version: '2.1.38' },
      readOnly,
      options(sources),
    );
    expect(out.map((s) => [s.kind, s.family ?? s.rule, s.replaces, s.reason.split(':')[0]])).toEqual([
      ['remove', 'Bash(rg -n …)', ['Bash(rg -n "TODO" src)', "Bash(rg -n 'fixme' .)"], 'redundant'],
      ['remove', 'Bash(fd -e ts src)', ['Bash(fd -e ts src)'], 'redundant'],
    ]);
  });

  it('replaces one-off exact rules with one safe pattern', () => {
    const out = hygiene([
      local({
        allow: [
          'Bash(cargo test -p a)',
          'Bash(cargo test -p b)',
          'Bash(cargo test --doc)',
          'Bash(make deploy)',
        ],
      }),
    ]);
    expect(out.map((s) => [s.kind, s.rule, s.replaces])).toEqual([
      [
        'replace',
        'Bash(cargo test *)',
        ['Bash(cargo test -p a)', 'Bash(cargo test -p b)', 'Bash(cargo test --doc)'],
      ],
    ]);
  });

  it.each([
    ['a risky program', ['Bash(rm -rf a)', 'Bash(rm -rf b)', 'Bash(rm -rf c)'], []],
    [
      'a pattern covering denied evidence',
      ['Bash(npm run a)', 'Bash(npm run b)', 'Bash(npm run c)'],
      ['npm run deploy'],
    ],
  ])('never replaces one-off rules with %s', (_label, allow, denied) => {
    expect(hygiene([local({ allow })], () => true, denied).filter((s) => s.kind === 'replace')).toEqual([]);
  });

  it.each([
    ['Bash(x:*)', 'Bash(x *)'],
    ['Bash(x *)', 'Bash(x *)'],
    ['Bash(*)', 'Bash'],
    ['Bash(git status)', 'Bash(git status)'],
  ])('canonical form of %s is %s', (rule, canonical) => {
    expect(canonicalRule(rule)).toBe(canonical);
  });

  it('reads the form of Bash rules', () => {
    expect(
      ['Bash(a b:*)', 'Bash(a *)', 'Bash(* --version)', 'Bash(a b)', 'Read(x)'].map(
        (r) => bashForm(r)?.form ?? null,
      ),
    ).toEqual(['prefix', 'prefix', 'glob', 'exact', null]);
  });
});
