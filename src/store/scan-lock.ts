// An advisory lock file beside the store, held for the length of a scan. SQLite's own locks make
// a second writer fail ("database is locked") once its busy timeout runs out, and a cold scan can
// hold the write lock for longer than any timeout worth waiting blind. So a second clearance waits
// here instead, says once that it does, and then scans only what the first one left (usually
// nothing). A lock whose process is gone (kill -9) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { UserError } from '../runtime/errors.js';

/** How long a scan waits for another before giving up with a next step. */
export const SCAN_LOCK_WAIT_MS = 10 * 60 * 1000;
const POLL_MS = 100;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function tryTake(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // no lock possible (read-only state dir): scan without it, SQLite still serialises writers
    return true;
  }
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Run `work` holding the scan lock for `dbPath`. `onWait` is called once, with the holder's pid,
 * when another clearance holds it. In-memory stores need no lock.
 */
export async function withScanLock<T>(
  dbPath: string,
  onWait: (pid: number | null) => void,
  work: () => Promise<T>,
  waitMs = SCAN_LOCK_WAIT_MS,
): Promise<T> {
  if (dbPath === ':memory:') return work();
  const lockPath = `${dbPath}.scan-lock`;
  const started = Date.now();
  let told = false;
  let emptySince: number | null = null;
  while (!tryTake(lockPath)) {
    const pid = holder(lockPath);
    // a holder that died, or a file left empty by a kill between create and write, is stale
    const stale = pid !== null ? !alive(pid) : (emptySince ??= Date.now()) < Date.now() - 2000;
    if (stale) {
      // take over only if it is still the file we judged stale
      if (holder(lockPath) === pid) {
        try {
          unlinkSync(lockPath);
        } catch {
          // someone else took it over first
        }
      }
      continue;
    }
    if (pid !== null) emptySince = null;
    if (!told) {
      told = true;
      onWait(pid);
    }
    if (Date.now() - started > waitMs) {
      throw new UserError(
        `another clearance (pid ${pid ?? '?'}) has been scanning for ${Math.round(waitMs / 60000)} minutes; ` +
          `end it, or remove ${lockPath} if no clearance is running`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    if (holder(lockPath) === process.pid) {
      try {
        unlinkSync(lockPath);
      } catch {
        // already gone
      }
    }
  }
}
