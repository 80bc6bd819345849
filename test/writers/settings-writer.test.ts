import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleEdit } from '../../src/core/settings-edit.js';
import { textHash } from '../../src/writers/atomic.js';
import {
  backupName,
  cleanStaleTemps,
  planSettingsFile,
  pruneBackups,
  writeSettingsFile,
} from '../../src/writers/settings-writer.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/apply');

function project(fixture?: string): { dir: string; file: string; state: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'clearance-writer-'));
  const file = path.join(dir, 'proj', '.claude', 'settings.local.json');
  if (fixture) {
    mkdirSync(path.dirname(file), { recursive: true });
    copyFileSync(path.join(FIXTURES, fixture), file);
    chmodSync(file, 0o644);
  }
  return { dir, file, state: path.join(dir, 'state') };
}

const add = (rule: string, list: 'allow' | 'ask' | 'deny' = 'allow'): RuleEdit => ({ op: 'add', list, rule });

/** Lines only in `before` and only in `after` (a multiset difference): what really changed. */
function changedLines(before: string, after: string): { gone: string[]; new: string[] } {
  const count = (text: string) => {
    const m = new Map<string, number>();
    for (const l of text.split('\n')) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const a = count(before);
  const b = count(after);
  const only = (x: Map<string, number>, y: Map<string, number>) =>
    [...x].flatMap(([l, n]) => Array<string>(Math.max(0, n - (y.get(l) ?? 0))).fill(l));
  return { gone: only(a, b).sort(), new: only(b, a).sort() };
}

describe('settings writer on real settings files', () => {
  it.each([
    {
      fixture: 'nixos-automation-settings.local.json',
      edits: [add('Bash(cargo test *)')],
      gone: ['      "WebFetch(domain:github.com)"'],
      new: ['      "Bash(cargo test *)"', '      "WebFetch(domain:github.com)",'],
    },
    {
      fixture: 'company-config.json',
      edits: [add('Bash(cargo test *)'), add('Bash(rm -rf *)', 'deny')],
      gone: ['      "WebSearch"'],
      new: [
        '    "deny": [',
        '    ],',
        '      "Bash(cargo test *)"',
        '      "Bash(rm -rf *)"',
        '      "WebSearch",',
      ].sort(),
    },
    {
      fixture: 'ai-quality-devenv-settings.local.json',
      edits: [add('Bash(rm -rf *)', 'deny')],
      gone: ['    "deny": [],'],
      new: ['    "deny": [', '      "Bash(rm -rf *)"', '    ],'].sort(),
    },
  ])(
    '$fixture: only the named rules change, every other byte stays',
    ({ fixture, edits, gone, new: added }) => {
      const { file, state } = project(fixture);
      const before = readFileSync(file, 'utf8');
      const outcome = writeSettingsFile(planSettingsFile(file, edits), edits, { backupDir: state });
      const after = readFileSync(file, 'utf8');
      expect(outcome.status).toBe('written');
      expect(changedLines(before, after)).toEqual({ gone, new: added });
      const old = JSON.parse(before) as { permissions: Record<string, unknown> };
      const now = JSON.parse(after) as { permissions: Record<string, unknown> };
      expect(Object.keys(now)).toEqual(Object.keys(old));
      expect({ ...now, permissions: null }).toEqual({ ...old, permissions: null });
      expect(after.endsWith('\n')).toBe(before.endsWith('\n'));
    },
  );

  it('keeps the multi-line heredoc rule and the // paths exactly', () => {
    const { file, state } = project('nixos-automation-settings.local.json');
    const edits = [add('Bash(cargo build *)')];
    writeSettingsFile(planSettingsFile(file, edits), edits, { backupDir: state });
    const before = JSON.parse(
      readFileSync(path.join(FIXTURES, 'nixos-automation-settings.local.json'), 'utf8'),
    ) as {
      permissions: { allow: string[] };
    };
    const after = JSON.parse(readFileSync(file, 'utf8')) as { permissions: { allow: string[] } };
    expect(after.permissions.allow).toEqual([...before.permissions.allow, 'Bash(cargo build *)']);
  });

  it('removes an invalid Write(...) rule from the company file and nothing else', () => {
    const { file, state } = project('company-config.json');
    const edits: RuleEdit[] = [{ op: 'remove', list: 'allow', rule: 'Write(/**)' }];
    writeSettingsFile(planSettingsFile(file, edits), edits, { backupDir: state });
    expect(
      changedLines(
        readFileSync(path.join(FIXTURES, 'company-config.json'), 'utf8'),
        readFileSync(file, 'utf8'),
      ),
    ).toEqual({
      gone: ['      "Write(/**)",'],
      new: [],
    });
  });

  it('is idempotent: the second write changes nothing and makes no backup', () => {
    const { file, state } = project('company-config.json');
    const edits = [add('Bash(cargo test *)')];
    writeSettingsFile(planSettingsFile(file, edits), edits, { backupDir: path.join(state, 'one') });
    const once = readFileSync(file, 'utf8');
    const second = writeSettingsFile(planSettingsFile(file, edits), edits, {
      backupDir: path.join(state, 'two'),
    });
    expect([second.status, readFileSync(file, 'utf8') === once, existsSync(path.join(state, 'two'))]).toEqual(
      ['unchanged', true, false],
    );
  });

  it('backs up the previous content before writing', () => {
    const { file, state } = project('ai-quality-devenv-settings.local.json');
    const before = readFileSync(file, 'utf8');
    const edits = [add('Bash(eza *)')];
    const outcome = writeSettingsFile(planSettingsFile(file, edits), edits, { backupDir: state });
    expect(outcome.backupPath).toBe(path.join(state, backupName(file)));
    expect(readFileSync(outcome.backupPath ?? '', 'utf8')).toBe(before);
    // settings may carry tokens in env: the backup is for the user's eyes only
    expect([statSync(outcome.backupPath ?? '').mode & 0o777, statSync(state).mode & 0o777]).toEqual([
      0o600, 0o700,
    ]);
    expect(outcome.afterHash).toBe(textHash(readFileSync(file, 'utf8')));
  });

  it('creates .claude/ and the file when they are missing', () => {
    const { file, state } = project();
    const edits = [add('Bash(cargo test *)')];
    const plan = planSettingsFile(file, edits);
    const outcome = writeSettingsFile(plan, edits, { backupDir: state });
    expect([outcome.status, outcome.backupPath]).toEqual(['written', null]);
    expect(plan.diff).toMatch(/^--- \/dev\/null\n/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      permissions: { allow: ['Bash(cargo test *)'] },
    });
  });
});

describe('settings writer refuses and leaves the file alone', () => {
  it.each([
    {
      name: 'malformed JSON',
      setup: (file: string) => writeFileSync(file, '{"permissions": {"allow": ["Bash(ls)",]}}\n'),
      reason: /^\S+settings\.local\.json: not valid JSON \(.*\); not touching it$/,
    },
    {
      name: 'a read-only file (mode 0444, honoured even as root)',
      setup: (file: string) => {
        writeFileSync(file, '{}\n');
        chmodSync(file, 0o444);
      },
      reason: /settings\.local\.json: is read-only \(mode 444\); not changing it$/,
    },
    {
      name: 'a directory where the file should be',
      setup: (file: string) => mkdirSync(file),
      reason: /settings\.local\.json: is a directory, not a settings file$/,
    },
  ])('$name', ({ setup, reason }) => {
    const { file, state } = project();
    mkdirSync(path.dirname(file), { recursive: true });
    setup(file);
    const before = snapshot(file);
    const edits = [add('Bash(cargo test *)')];
    const outcome = writeSettingsFile(planSettingsFile(file, edits), edits, { backupDir: state });
    expect(outcome.status).toBe('refused');
    expect(outcome.reason).toMatch(reason);
    expect(snapshot(file)).toEqual(before);
    expect(existsSync(state)).toBe(false);
  });

  it('a .claude that is a file: the write fails with one line and nothing is created', () => {
    const { file, state } = project();
    mkdirSync(path.dirname(path.dirname(file)), { recursive: true });
    writeFileSync(path.dirname(file), 'not a directory');
    const edits = [add('Bash(cargo test *)')];
    const outcome = writeSettingsFile(planSettingsFile(file, edits), edits, { backupDir: state });
    expect(outcome.status).toBe('refused');
    expect(outcome.reason).toMatch(/settings\.local\.json: cannot (read|write) it \(ENOTDIR/);
    expect(readFileSync(path.dirname(file), 'utf8')).toBe('not a directory');
  });

  it('changed since read: re-plans once and keeps the other writer’s change', () => {
    const { file, state } = project('company-config.json');
    const edits = [add('Bash(cargo test *)')];
    const plan = planSettingsFile(file, edits);
    const theirs = readFileSync(file, 'utf8').replace(
      '"Bash(git:*)",',
      '"Bash(git:*)",\n      "Bash(theirs)",',
    );
    writeFileSync(file, theirs);
    const outcome = writeSettingsFile(plan, edits, { backupDir: state });
    const allow = (JSON.parse(readFileSync(file, 'utf8')) as { permissions: { allow: string[] } }).permissions
      .allow;
    expect(outcome.status).toBe('written');
    expect([allow.includes('Bash(theirs)'), allow.at(-1)]).toEqual([true, 'Bash(cargo test *)']);
    expect(readFileSync(outcome.backupPath ?? '', 'utf8')).toBe(theirs);
  });

  it('changed again during the retry: refuses, and the other writer’s content stays', () => {
    const { file, state } = project('company-config.json');
    const edits = [add('Bash(cargo test *)')];
    let n = 0;
    const outcome = writeSettingsFile(planSettingsFile(file, edits), edits, {
      backupDir: state,
      faults: (step) => {
        if (step === 'before-write') writeFileSync(file, `{"someone": ${++n}}\n`);
      },
    });
    expect(outcome.status).toBe('refused');
    expect(outcome.reason).toMatch(
      /settings\.local\.json: changed again while clearance was writing it; nothing written/,
    );
    expect(readFileSync(file, 'utf8')).toBe('{"someone": 2}\n');
  });
});

/** What a user would see at the path: file content, or a directory's listing. */
function snapshot(file: string): string {
  return statSync(file).isDirectory() ? `dir: ${readdirSync(file).join(',')}` : readFileSync(file, 'utf8');
}

describe('housekeeping', () => {
  it('cleans temp files of dead writers, never the settings file or a live writer’s temp', () => {
    const { file } = project('company-config.json');
    const dir = path.dirname(file);
    const dead = path.join(dir, '.settings.local.json.clearance-999999999-1.tmp');
    const live = path.join(dir, `.settings.local.json.clearance-${process.pid}-1.tmp`);
    writeFileSync(dead, '{"half');
    writeFileSync(live, '{"half');
    expect(cleanStaleTemps(file)).toEqual([dead]);
    expect(readdirSync(dir).sort()).toEqual([path.basename(live), 'settings.local.json']);
  });

  it('prunes backups to the newest N applies', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'clearance-backups-'));
    for (let i = 10; i < 35; i++) mkdirSync(path.join(root, `202611${i}T000000Z-abcd`));
    pruneBackups(root, 20);
    expect(readdirSync(root).sort()[0]).toBe('20261115T000000Z-abcd');
    expect(readdirSync(root)).toHaveLength(20);
  });
});
