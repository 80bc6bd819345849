import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEEP_BACKUPS, executeApply, planApply } from '../../src/app/apply.js';
import { latestDecisions, recordDecision } from '../../src/store/decisions-repo.js';
import { suggestion, testContext } from '../helpers/suggestion-builder.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/apply/nixos-automation-settings.local.json');

function setup() {
  const ctx = testContext();
  const file = path.join(ctx.home, 'code/p/.claude/settings.local.json');
  mkdirSync(path.dirname(file), { recursive: true });
  copyFileSync(FIXTURE, file);
  chmodSync(file, 0o644);
  return { ctx, file, original: readFileSync(file, 'utf8') };
}

const allowOf = (file: string): string[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as { permissions: { allow: string[] } }).permissions.allow;

describe('planApply', () => {
  it('groups proposals per target file and writes nothing', () => {
    const { ctx, file, original } = setup();
    const other = path.join(ctx.home, 'code/q/.claude/settings.local.json');
    const plans = planApply(ctx, [
      suggestion({ id: 'x1', rule: 'Bash(cargo test *)', target: file }),
      suggestion({ id: 'x2', rule: 'Bash(make *)', target: other }),
      suggestion({ id: 'x3', rule: 'Bash(bat:*)', target: file }),
    ]);
    expect(plans.map((p) => [p.path, p.added, p.removed, p.refusal, p.notes])).toEqual([
      [file, ['allow: Bash(cargo test *)'], [], null, ['Bash(bat:*): already in permissions.allow']],
      [other, ['allow: Bash(make *)'], [], null, []],
    ]);
    expect(plans[1]?.diff).toMatch(/^--- \/dev\/null\n\+\+\+ /);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('a removal of a rule held by two lists is refused unless the proposal names the list', () => {
    const { ctx, file } = setup();
    writeFileSync(file, '{"permissions":{"allow":["Bash(x)"],"deny":["Bash(x)"]}}\n');
    const [vague] = planApply(ctx, [suggestion({ id: 'r1', kind: 'remove', rule: 'Bash(x)', target: file })]);
    const [named] = planApply(ctx, [
      suggestion({ id: 'r2', kind: 'remove', rule: 'Bash(x)', target: file, list: 'allow' }),
    ]);
    expect(vague?.notes).toEqual([
      'skipped Bash(x): is in more than one of allow/deny; say which (or edit the file by hand)',
    ]);
    expect(named?.removed).toEqual(['allow: Bash(x)']);
  });

  it('uses the breadth the user chose with e (decision memory)', async () => {
    const { ctx, file } = setup();
    const s = suggestion({ id: 'e1', rule: 'Bash(cargo test -p core *)', target: file });
    recordDecision(ctx.openStore(), {
      suggestion: s,
      state: 'edited',
      editedRule: 'Bash(cargo test *)',
      actor: 'dashboard',
      now: ctx.now,
    });
    const plans = planApply(ctx, [s]);
    await executeApply(ctx, plans, 'dashboard');
    expect(allowOf(file).at(-1)).toBe('Bash(cargo test *)');
    expect(latestDecisions(ctx.openStore()).get('e1')).toMatchObject({
      state: 'applied',
      editedRule: 'Bash(cargo test *)',
    });
    expect(readFileSync(path.join(path.dirname(file), 'permissions_auto_generated.md'), 'utf8')).toContain(
      '- Breadth edited by the user (proposed `Bash(cargo test -p core *)`)',
    );
  });
});

describe('executeApply', () => {
  it('writes when the file changed elsewhere since the plan, keeping that change', async () => {
    const { ctx, file, original } = setup();
    const plans = planApply(ctx, [suggestion({ id: 'c1', rule: 'Bash(cargo test *)', target: file })]);
    writeFileSync(file, original.replace('"Bash(bat:*)",', '"Bash(bat:*)",\n      "Bash(theirs)",'));
    const result = await executeApply(ctx, plans, 'yes');
    expect([result.written, result.refused]).toEqual([[file], []]);
    expect(allowOf(file)).toEqual(expect.arrayContaining(['Bash(theirs)', 'Bash(cargo test *)']));
  });

  it('refuses when the change itself would now differ from the diff the user saw', async () => {
    const { ctx, file, original } = setup();
    const plans = planApply(ctx, [suggestion({ id: 'c2', rule: 'Bash(cargo test *)', target: file })]);
    const theirs = original.replace('"Bash(bat:*)",', '"Bash(bat:*)",\n      "Bash(cargo test *)",');
    writeFileSync(file, theirs);
    const result = await executeApply(ctx, plans, 'yes');
    expect(result.refused).toEqual([
      {
        path: file,
        reason: `${file}: changed since the diff was shown; nothing written, run apply again to see the new diff`,
      },
    ]);
    expect(readFileSync(file, 'utf8')).toBe(theirs);
  });

  it('a write failing midway stops the apply and says what was and was not written', async () => {
    const { ctx, file } = setup();
    const second = path.join(ctx.home, 'code/q/.claude/settings.local.json');
    const third = path.join(ctx.home, 'code/r/.claude/settings.local.json');
    const plans = planApply(ctx, [
      suggestion({ id: 'm1', rule: 'Bash(cargo test *)', target: file }),
      suggestion({ id: 'm2', rule: 'Bash(make *)', target: second }),
      suggestion({ id: 'm3', rule: 'Bash(just *)', target: third }),
    ]);
    let writes = 0;
    const result = await executeApply(ctx, plans, 'yes', {
      faults: (step) => {
        if (step === 'before-write' && ++writes === 2) throw new Error('disk full');
      },
    });
    expect(result.written).toEqual([file]);
    expect(result.notWritten).toEqual([second, third]);
    expect(result.refused).toEqual([{ path: second, reason: `${second}: cannot write it (disk full)` }]);
    expect([existsSync(second), existsSync(third)]).toEqual([false, false]);
  });

  it('a target that cannot be written stops the apply before any file changes', async () => {
    const { ctx, file, original } = setup();
    const blockedDir = path.join(ctx.home, 'code/q');
    mkdirSync(blockedDir, { recursive: true });
    writeFileSync(path.join(blockedDir, '.claude'), 'a file where the .claude dir would go');
    const blocked = path.join(blockedDir, '.claude/settings.local.json');
    const result = await executeApply(
      ctx,
      planApply(ctx, [
        suggestion({ id: 'b1', rule: 'Bash(cargo test *)', target: file }),
        suggestion({ id: 'b2', rule: 'Bash(make *)', target: blocked }),
      ]),
      'yes',
    );
    expect(result.written).toEqual([]);
    expect(result.notWritten).toEqual([file]);
    expect(result.refused.map((r) => r.path)).toEqual([blocked]);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('refuses a plan that carries no proposals', async () => {
    const { ctx, file } = setup();
    const result = await executeApply(
      ctx,
      [{ path: file, diff: '', added: [], removed: [], refusal: null }],
      'dashboard',
    );
    expect(result.refused).toEqual([
      { path: file, reason: `${file}: the plan carries no proposals; plan again` },
    ]);
  });

  it(`keeps backups of the newest ${KEEP_BACKUPS} applies`, async () => {
    const { ctx, file } = setup();
    for (let i = 0; i < KEEP_BACKUPS + 2; i++) {
      await executeApply(
        ctx,
        planApply(ctx, [suggestion({ id: `k${i}`, rule: `Bash(tool${i} *)`, target: file })]),
        'yes',
      );
    }
    expect(readdirSync(path.join(ctx.paths.stateDir, 'backups'))).toHaveLength(KEEP_BACKUPS);
  });

  it('writes through a symlinked settings file and keeps the link', async () => {
    const { ctx, file } = setup();
    const link = path.join(ctx.home, '.claude/settings.json');
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(file, link);
    const result = await executeApply(
      ctx,
      planApply(ctx, [suggestion({ id: 'l1', rule: 'Bash(just *)', target: link })]),
      'yes',
    );
    expect(result.written).toEqual([link]);
    expect([lstatSync(link).isSymbolicLink(), allowOf(file).at(-1)]).toEqual([true, 'Bash(just *)']);
  });

  it.each([
    {
      to: '/nix/store/0000-home-manager-files/settings.json',
      reason:
        'is managed by Nix (/nix/store/0000-home-manager-files/settings.json); change it in your Nix configuration',
    },
    {
      to: '/nonexistent/settings.json',
      reason: 'is a link to /nonexistent/settings.json, which does not exist; not changing it',
    },
  ])('refuses a link to $to and keeps the link', async ({ to, reason }) => {
    const { ctx } = setup();
    const link = path.join(ctx.home, '.claude/settings.json');
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(to, link);
    const result = await executeApply(
      ctx,
      planApply(ctx, [suggestion({ id: 'n1', rule: 'Bash(just *)', target: link })]),
      'yes',
    );
    expect(result.refused).toEqual([{ path: link, reason: `${link}: ${reason}` }]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});

describe('cleanup proposals', () => {
  it('"duplicate: the same rule twice" removes one copy, never the rule, and says so in the audit', async () => {
    const { ctx, file } = setup();
    writeFileSync(
      file,
      '{\n  "permissions": {\n    "allow": [\n      "Bash(git status:*)",\n      "Bash(git status:*)",\n      "Bash(npm run:*)"\n    ]\n  }\n}\n',
    );
    const dup = suggestion({
      id: 'd1',
      kind: 'remove',
      rule: 'Bash(git status:*)',
      target: file,
      reason: 'duplicate: the same rule twice in this file',
    });
    const plans = planApply(ctx, [dup]);
    expect(plans[0]?.notes).toEqual(['Bash(git status:*): it was there 2 times; one copy kept']);
    await executeApply(ctx, plans, 'yes');
    expect(allowOf(file)).toEqual(['Bash(git status:*)', 'Bash(npm run:*)']);
    expect(readFileSync(path.join(path.dirname(file), 'permissions_auto_generated.md'), 'utf8')).toContain(
      '- Note: it was there 2 times; one copy kept',
    );
  });

  it('a grouped removal takes away every rule of its family as one decision', async () => {
    const { ctx, file } = setup();
    const members = [
      'Bash(node scripts/migrate.mjs --to 1)',
      'Bash(node scripts/migrate.mjs --to 2)',
      'Bash(node scripts/migrate.mjs --to 3)',
    ];
    writeFileSync(
      file,
      `${JSON.stringify({ permissions: { allow: [members[0], 'Bash(make *)', ...members.slice(1)] } }, null, 2)}\n`,
    );
    const group = suggestion({
      id: 'g1',
      kind: 'remove',
      rule: members[0]!,
      replaces: members,
      family: 'Bash(node scripts/migrate.mjs …)',
      list: 'allow',
      target: file,
      reason: 'dead: 3 rules of one family matched nothing in 30 days',
    });
    const plans = planApply(ctx, [group]);
    expect(plans[0]?.removed).toEqual(members.map((r) => `allow: ${r}`));
    await executeApply(ctx, plans, 'yes');
    expect(allowOf(file)).toEqual(['Bash(make *)']);
    const decisions = latestDecisions(ctx.openStore());
    expect(decisions.get('g1')).toMatchObject({ state: 'applied', editedRule: null });
    const audit = readFileSync(path.join(path.dirname(file), 'permissions_auto_generated.md'), 'utf8');
    for (const member of members) expect(audit).toContain(member);
  });
});
