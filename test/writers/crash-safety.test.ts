// Crash safety of the settings writer: a failure injected at every write step (our own steps
// through the `faults` hook, and inside writeFileAtomic by making node:fs calls fail) must leave
// the settings file as either the complete old or the complete new content, and no temp file.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as FsModule from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RuleEdit } from '../../src/core/settings-edit.js';
import type { WriteStep } from '../../src/writers/settings-writer.js';
import { planSettingsFile, writeSettingsFile } from '../../src/writers/settings-writer.js';

const injected = vi.hoisted(() => ({ fn: '', nth: 0, calls: new Map<string, number>() }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof FsModule>();
  const failing =
    <A extends unknown[], R>(name: string, real: (...args: A) => R) =>
    (...args: A): R => {
      const n = (injected.calls.get(name) ?? 0) + 1;
      injected.calls.set(name, n);
      if (injected.fn !== name || injected.nth !== n) return real(...args);
      if (name === 'writeSync') {
        // a torn write: half the bytes reach the temp file, then the disk fills up
        const [fd, text] = args as unknown as [number, string];
        fs.writeSync(fd, text.slice(0, Math.floor(text.length / 2)));
      }
      throw Object.assign(new Error(`injected ${name} failure`), { code: 'EIO' });
    };
  const mocked = {
    ...fs,
    writeSync: failing('writeSync', fs.writeSync),
    fsyncSync: failing('fsyncSync', fs.fsyncSync),
    renameSync: failing('renameSync', fs.renameSync),
    openSync: failing('openSync', fs.openSync),
  };
  return { ...mocked, default: mocked };
});

const FIXTURE = path.join(import.meta.dirname, '../fixtures/apply/company-config.json');
const edits: RuleEdit[] = [
  { op: 'add', list: 'allow', rule: 'Bash(cargo test *)' },
  { op: 'remove', list: 'allow', rule: 'Write(/**)' },
];

function setup(): { file: string; state: string; old: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'clearance-crash-'));
  const file = path.join(dir, '.claude', 'settings.json');
  mkdirSync(path.dirname(file));
  copyFileSync(FIXTURE, file);
  chmodSync(file, 0o644);
  return { file, state: path.join(dir, 'state'), old: readFileSync(file, 'utf8') };
}

const newContent = (() => {
  const { file, state } = setup();
  writeSettingsFile(planSettingsFile(file, edits), edits, { backupDir: state });
  return readFileSync(file, 'utf8');
})();

afterEach(() => {
  injected.fn = '';
  injected.nth = 0;
  injected.calls.clear();
});

describe('a failure at each step of our own write sequence', () => {
  it.each([
    { step: 'backup-written', expected: 'old' },
    { step: 'before-write', expected: 'old' },
    { step: 'after-write', expected: 'new' },
  ] satisfies { step: WriteStep; expected: string }[])(
    '$step → the $expected file, complete',
    ({ step, expected }) => {
      const { file, state, old } = setup();
      const outcome = writeSettingsFile(planSettingsFile(file, edits), edits, {
        backupDir: state,
        faults: (at) => {
          if (at === step) throw new Error(`crash at ${at}`);
        },
      });
      expect(outcome.status).toBe('refused');
      expect(readFileSync(file, 'utf8')).toBe(expected === 'old' ? old : newContent);
      expect(readdirSync(path.dirname(file))).toEqual(['settings.json']);
    },
  );
});

describe('a failure inside the atomic write (node:fs calls failing)', () => {
  // call order: backup = open, write, fsync, close; then the settings file through
  // writeFileAtomic = open temp, write, fsync, rename, open dir, fsync dir (best effort).
  it.each([
    { fn: 'openSync', nth: 1, what: 'backup cannot be created', expected: 'old' },
    { fn: 'writeSync', nth: 1, what: 'backup torn', expected: 'old' },
    { fn: 'fsyncSync', nth: 1, what: 'backup fsync fails', expected: 'old' },
    { fn: 'openSync', nth: 2, what: 'settings temp cannot be created', expected: 'old' },
    { fn: 'writeSync', nth: 2, what: 'settings temp torn (disk full)', expected: 'old' },
    { fn: 'fsyncSync', nth: 2, what: 'settings temp fsync fails', expected: 'old' },
    { fn: 'renameSync', nth: 1, what: 'the rename itself fails', expected: 'old' },
    { fn: 'fsyncSync', nth: 3, what: 'directory fsync after the rename fails', expected: 'new' },
  ])('$what → the $expected file, complete', ({ fn, nth, expected }) => {
    const { file, state, old } = setup();
    const plan = planSettingsFile(file, edits);
    injected.calls.clear();
    injected.fn = fn;
    injected.nth = nth;
    writeSettingsFile(plan, edits, { backupDir: state });
    injected.fn = '';
    expect(readFileSync(file, 'utf8')).toBe(expected === 'old' ? old : newContent);
    expect(readdirSync(path.dirname(file))).toEqual(['settings.json']);
  });

  it('after a failed write the next run succeeds and writes the complete new content', () => {
    const { file, state } = setup();
    injected.fn = 'renameSync';
    injected.nth = 1;
    const failed = writeSettingsFile(planSettingsFile(file, edits), edits, { backupDir: state });
    injected.fn = '';
    const retried = writeSettingsFile(planSettingsFile(file, edits), edits, { backupDir: state });
    expect([failed.status, retried.status]).toEqual(['refused', 'written']);
    expect(failed.reason).toMatch(/settings\.json: cannot write it \(injected renameSync failure\)$/);
    expect(readFileSync(file, 'utf8')).toBe(newContent);
  });
});
