import type * as ProposalsModule from '../../src/app/proposals.js';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/apply.js';
import type { Suggestion } from '../../src/core/types.js';
import { latestDecisions } from '../../src/store/decisions-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { suggestion, testContext } from '../helpers/suggestion-builder.js';

// The learning and ingest helpers own these; here they return hand-made proposals so the tests
// are about apply, not about learning. Decision memory is applied as the real loadProposals does.
const proposals = vi.hoisted(() => ({ list: [] as Suggestion[] }));
vi.mock('../../src/app/proposals.js', async (importOriginal) => {
  const { filterRemembered } = await import('../../src/store/decisions-repo.js');
  return {
    ...(await importOriginal<typeof ProposalsModule>()),
    loadProposals: (ctx: { openStore(): Parameters<typeof filterRemembered>[0] }) =>
      Promise.resolve(filterRemembered(ctx.openStore(), proposals.list)),
  };
});
vi.mock('../../src/sources/scan.js', () => ({ runScan: () => Promise.resolve({}) }));

const FIXTURES = path.join(import.meta.dirname, '../fixtures/apply');

/** A temp home with two projects: `company` (the 115-rule file) and `devenv` (no trailing newline). */
function world(): { home: string; company: string; devenv: string; user: string } {
  const { home } = testContext();
  const company = path.join(home, 'code/company/.claude/settings.local.json');
  const devenv = path.join(home, 'code/devenv/.claude/settings.local.json');
  for (const [file, fixture] of [
    [company, 'company-config.json'],
    [devenv, 'ai-quality-devenv-settings.local.json'],
  ] as const) {
    mkdirSync(path.dirname(file), { recursive: true });
    copyFileSync(path.join(FIXTURES, fixture), file);
    chmodSync(file, 0o644);
  }
  return { home, company, devenv, user: path.join(home, '.claude/settings.json') };
}

function standardProposals(w: ReturnType<typeof world>): Suggestion[] {
  return [
    suggestion({ id: 'a1cargo', rule: 'Bash(cargo test *)', target: w.company, confidence: 0.93 }),
    suggestion({
      id: 'a2rmrf',
      kind: 'deny',
      rule: 'Bash(rm -rf *)',
      target: w.devenv,
      confidence: 0.9,
      risk: 'destructive',
    }),
    suggestion({ id: 'a3low', rule: 'Bash(make *)', target: w.company, confidence: 0.6 }),
    suggestion({
      id: 'c1write',
      kind: 'remove',
      rule: 'Write(/**)',
      target: w.company,
      confidence: 1,
      reason: 'invalid: never consulted',
    }),
  ];
}

const rulesOf = (file: string, list = 'allow'): string[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as { permissions: Record<string, string[]> }).permissions[list] ??
  [];

describe('clearance apply', () => {
  it('--yes writes the pending additive proposals at or above 0.8, with backup and audit entry', async () => {
    const w = world();
    proposals.list = standardProposals(w);
    const result = await runCli(['apply', '--yes', '--home', w.home]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`wrote ${w.company}\nwrote ${w.devenv}\n`);
    expect(rulesOf(w.company).slice(-1)).toEqual(['Bash(cargo test *)']);
    expect(rulesOf(w.company)).toContain('Write(/**)');
    expect(rulesOf(w.company)).not.toContain('Bash(make *)');
    expect(rulesOf(w.devenv, 'deny')).toEqual(['Bash(rm -rf *)']);
    const audit = readFileSync(path.join(path.dirname(w.company), 'permissions_auto_generated.md'), 'utf8');
    expect(audit).toContain('### Added `Bash(cargo test *)` to `allow`');
    expect(audit).toContain('- Decided by: the user, with `clearance apply --yes` (no prompt)');
    expect(audit).toContain('`PGPASSWORD=__REDACTED__ cargo test --all`');
    expect(audit).not.toContain('hunter2');
    const backups = readdirSync(path.join(w.home, '.local/state/clearance/backups'));
    expect(backups).toHaveLength(1);
  });

  it('is idempotent: a second run writes nothing and says so', async () => {
    const w = world();
    proposals.list = standardProposals(w);
    await runCli(['apply', '--yes', '--home', w.home]);
    const after = readFileSync(w.company, 'utf8');
    const second = await runCli(['apply', '--yes', '--home', w.home]);
    const byId = await runCli(['apply', '--yes', '--home', w.home, 'a1cargo']);
    expect([second.code, second.stdout]).toEqual([
      0,
      'nothing to apply: no pending proposal at or above confidence 0.80 (1 below it); 1 cleanup proposal need --include-cleanup\n',
    ]);
    expect(byId.code).toBe(2);
    expect(readFileSync(w.company, 'utf8')).toBe(after);
  });

  it('re-applying a rule already in the file changes nothing', async () => {
    const w = world();
    proposals.list = [suggestion({ id: 'dup1', rule: 'Bash(git:*)', target: w.company })];
    const before = readFileSync(w.company, 'utf8');
    const result = await runCli(['apply', '--yes', '--home', w.home]);
    expect([result.code, result.stdout]).toEqual([
      0,
      `${w.company}: already up to date\n  Bash(git:*): already in permissions.allow\n`,
    ]);
    expect(readFileSync(w.company, 'utf8')).toBe(before);
  });

  it('--dry-run prints the exact diff per file and writes nothing', async () => {
    const w = world();
    proposals.list = standardProposals(w);
    const before = readFileSync(w.devenv, 'utf8');
    const result = await runCli(['apply', '--dry-run', '--home', w.home]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      [
        `${w.devenv}: 1 change`,
        `--- ${w.devenv}`,
        `+++ ${w.devenv}`,
        '@@ -13,7 +13,9 @@',
        '       "Read(//home/guyfawkes/nixos-config/modules/core/**)",',
        '       "Bash(eza:*)"',
        '     ],',
        '-    "deny": [],',
        '+    "deny": [',
        '+      "Bash(rm -rf *)"',
        '+    ],',
        '     "ask": [],',
        '     "defaultMode": "default"',
        '   },',
      ].join('\n'),
    );
    expect(result.stdout).toMatch(/dry run: nothing written\n$/);
    expect(readFileSync(w.devenv, 'utf8')).toBe(before);
    expect(existsSync(path.join(w.home, '.local/state/clearance/backups'))).toBe(false);
  });

  it('without a terminal and without --yes: shows the plan, writes nothing, exit 1', async () => {
    const w = world();
    proposals.list = standardProposals(w);
    const before = readFileSync(w.company, 'utf8');
    const result = await runCli(['apply', '--home', w.home]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('+      "Bash(cargo test *)"');
    expect(result.stderr).toBe(
      'clearance: nothing written: no terminal to confirm on; re-run with --yes to apply the changes above\n',
    );
    expect(readFileSync(w.company, 'utf8')).toBe(before);
  });

  it.each([
    { args: ['zzzz9'], line: 'clearance: unknown proposal id zzzz9 (see clearance suggest)\n' },
    { args: ['a1cargo', 'nope'], line: 'clearance: unknown proposal id nope (see clearance suggest)\n' },
  ])('unknown id $args → exit 2, one line, nothing written', async ({ args, line }) => {
    const w = world();
    proposals.list = standardProposals(w);
    const before = readFileSync(w.company, 'utf8');
    const result = await runCli(['apply', '--yes', '--home', w.home, ...args]);
    expect([result.code, result.stderr]).toEqual([2, line]);
    expect(readFileSync(w.company, 'utf8')).toBe(before);
  });

  it('by id: applies a low-confidence proposal and a cleanup, and nothing else', async () => {
    const w = world();
    proposals.list = standardProposals(w);
    const result = await runCli(['apply', '--yes', '--home', w.home, 'a3low', 'c1write']);
    expect(result.code).toBe(0);
    expect(rulesOf(w.company)).toContain('Bash(make *)');
    expect(rulesOf(w.company)).not.toContain('Write(/**)');
    expect(rulesOf(w.company)).not.toContain('Bash(cargo test *)');
    expect(rulesOf(w.devenv, 'deny')).toEqual([]);
  });

  it('--include-cleanup also applies removals at or above the threshold', async () => {
    const w = world();
    proposals.list = standardProposals(w);
    await runCli(['apply', '--yes', '--include-cleanup', '--home', w.home]);
    expect(rulesOf(w.company)).not.toContain('Write(/**)');
    expect(
      readFileSync(path.join(path.dirname(w.company), 'permissions_auto_generated.md'), 'utf8'),
    ).toContain('### Removed `Write(/**)` from `allow`');
  });

  it('a malformed file is refused with one line naming it, and nothing is written anywhere', async () => {
    const w = world();
    writeFileSync(w.company, '{"permissions": {"allow": [}}\n');
    const devenvBefore = readFileSync(w.devenv, 'utf8');
    proposals.list = standardProposals(w);
    const result = await runCli(['apply', '--yes', '--home', w.home]);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        new RegExp(`^clearance: ${w.company}: not valid JSON \\(.*\\); not touching it$`),
      ),
      `clearance: nothing written: fix the file above first (or apply the other proposals by id); not written: ${w.devenv}`,
    ]);
    expect(readFileSync(w.company, 'utf8')).toBe('{"permissions": {"allow": [}}\n');
    expect(readFileSync(w.devenv, 'utf8')).toBe(devenvBefore);
  });

  it('a malformed user settings.json stops an apply to several projects before any write', async () => {
    const w = world();
    mkdirSync(path.dirname(w.user), { recursive: true });
    writeFileSync(w.user, '{ "permissions": ');
    const before = [readFileSync(w.company, 'utf8'), readFileSync(w.devenv, 'utf8')];
    proposals.list = [
      ...standardProposals(w),
      suggestion({ id: 'u1user', rule: 'Bash(rg *)', target: w.user, scope: 'user', confidence: 0.95 }),
    ];
    const result = await runCli(['apply', '--yes', '--home', w.home]);
    expect(result.code).toBe(1);
    expect([readFileSync(w.company, 'utf8'), readFileSync(w.devenv, 'utf8')]).toEqual(before);
    expect(result.stdout).not.toContain('wrote ');
    expect(result.stderr).toContain(`not written: ${w.company}, ${w.devenv}`);
  });

  it('never writes a rule form Claude Code ignores', async () => {
    const w = world();
    proposals.list = [suggestion({ id: 'w1', rule: 'Write(/src/**)', target: w.company, confidence: 0.95 })];
    const before = readFileSync(w.company, 'utf8');
    const result = await runCli(['apply', '--yes', '--home', w.home]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `clearance: ${w.company}: Write(/src/**): Claude Code never consults Write(...) rules; use Edit(...)\n`,
    );
    expect(readFileSync(w.company, 'utf8')).toBe(before);
  });

  it('writes the good rule and refuses the ignored form next to it, exit 1', async () => {
    const w = world();
    proposals.list = [
      suggestion({ id: 'w2', rule: 'Glob(**/*.ts)', target: w.company, confidence: 0.95 }),
      suggestion({ id: 'g2', rule: 'Bash(cargo test *)', target: w.company, confidence: 0.95 }),
    ];
    const result = await runCli(['apply', '--yes', '--home', w.home]);
    expect([result.code, result.stderr]).toEqual([
      1,
      `clearance: ${w.company}: Glob(**/*.ts): Claude Code never consults Glob(...) rules; use Read(...)\n`,
    ]);
    expect(rulesOf(w.company).slice(-2)).toEqual(['WebSearch', 'Bash(cargo test *)']);
  });

  it('creates the user settings file and ~/.claude/ for a user-scope proposal', async () => {
    const w = world();
    proposals.list = [
      suggestion({
        id: 'u1',
        rule: 'WebFetch(domain:docs.rs)',
        target: w.user,
        scope: 'user',
        project: null,
      }),
    ];
    const result = await runCli(['apply', '--yes', '--home', w.home]);
    expect(result.code).toBe(0);
    expect(readFileSync(w.user, 'utf8')).toBe(
      '{\n  "permissions": {\n    "allow": [\n      "WebFetch(domain:docs.rs)"\n    ]\n  }\n}\n',
    );
    expect(existsSync(path.join(w.home, '.claude/permissions_auto_generated.md'))).toBe(true);
  });

  it('records applied decisions so the proposal is not made again', async () => {
    const w = world();
    proposals.list = standardProposals(w);
    const ctx = testContext({ home: w.home, flags: { yes: true } });
    await run(ctx);
    expect(
      [...latestDecisions(ctx.openStore()).values()].map((d) => [d.suggestionId, d.state, d.actor]),
    ).toEqual([
      ['a1cargo', 'applied', 'yes'],
      ['a2rmrf', 'applied', 'yes'],
    ]);
  });
});

describe('clearance apply on a terminal', () => {
  function interactive(w: ReturnType<typeof world>, answers: string) {
    const ctx = testContext({ home: w.home });
    return { ...ctx, interactive: true, io: { ...ctx.io, stdin: Readable.from([answers]) } };
  }

  it.each([
    { answers: 'y\ny\n', company: true, devenv: true },
    { answers: 'y\nn\n', company: true, devenv: false },
    { answers: 'n\ny\n', company: false, devenv: true },
    { answers: 'q\n', company: false, devenv: false },
    { answers: 'maybe\ny\nq\n', company: true, devenv: false },
    { answers: '', company: false, devenv: false },
  ])('answers $answers', async ({ answers, company, devenv }) => {
    const w = world();
    proposals.list = standardProposals(w);
    const ctx = interactive(w, answers);
    const code = await run(ctx);
    expect(code).toBe(0);
    expect(ctx.out()).toContain(`Apply 1 changes to ${w.company}? [y/n/r(eview each)/q] `);
    expect([rulesOf(w.company).includes('Bash(cargo test *)'), rulesOf(w.devenv, 'deny').length > 0]).toEqual(
      [company, devenv],
    );
  });

  it('r reviews each proposal of the file', async () => {
    const w = world();
    proposals.list = [
      suggestion({ id: 'r1', rule: 'Bash(cargo test *)', target: w.company }),
      suggestion({ id: 'r2', rule: 'Bash(cargo build *)', target: w.company }),
    ];
    const ctx = interactive(w, 'r\nn\ny\n');
    expect(await run(ctx)).toBe(0);
    expect(ctx.out()).toContain(
      '  allow Bash(cargo test *) (confidence 90%, risk build-test, saves 12 prompts)? [y/n/q] ',
    );
    expect(rulesOf(w.company).slice(-2)).toEqual(['WebSearch', 'Bash(cargo build *)']);
    expect(
      readFileSync(path.join(path.dirname(w.company), 'permissions_auto_generated.md'), 'utf8'),
    ).toContain('the user, approving the batch at the `apply` prompt');
  });
});
