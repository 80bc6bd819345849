import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withScanLock } from '../../src/store/scan-lock.js';

const dirs: string[] = [];
function dbPath(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'clearance-lock-'));
  dirs.push(dir);
  return path.join(dir, 'clearance.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the scan lock', () => {
  it('takes over a lock left by a killed clearance without waiting', async () => {
    const db = dbPath();
    // a pid that existed and is gone: a finished child's
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(`${db}.scan-lock`, String(dead));
    const waits: (number | null)[] = [];
    expect(
      await withScanLock(
        db,
        (pid) => waits.push(pid),
        () => Promise.resolve('scanned'),
      ),
    ).toBe('scanned');
    expect(waits).toEqual([]);
    expect(existsSync(`${db}.scan-lock`)).toBe(false);
  });

  it('waits for a live holder, says so once, and goes on when it is done', async () => {
    const db = dbPath();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 400)']);
    writeFileSync(`${db}.scan-lock`, String(holder.pid));
    holder.on('exit', () => rmSync(`${db}.scan-lock`, { force: true }));
    const waits: (number | null)[] = [];
    const result = await withScanLock(
      db,
      (pid) => waits.push(pid),
      () => Promise.resolve('scanned'),
    );
    expect([result, waits]).toEqual(['scanned', [holder.pid]]);
  });
});
