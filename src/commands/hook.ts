// `clearance hook`: the Node hook entry point of older installs (install-hooks now installs a sh
// script, writers/hook-script.ts, which costs a few ms instead of a Node start-up). Kept so their
// settings keep working: bounded stdin, one appended spool line, no output, exit 0 whatever happens.
// bin/clearance.js loads this module directly (no meow/ink).
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { CommandContext } from '../runtime/context.js';
import { resolvePaths } from '../runtime/paths.js';
import { spoolRecord } from '../sources/hook-spool.js';

// parsing and redacting a hook payload is shared with `scan`, which reads the shell hook's files
export { spoolRecord, suggestedRules } from '../sources/hook-spool.js';

/** Bytes of stdin kept; the rest is drained and dropped. */
export const HOOK_STDIN_CAP = 1024 * 1024;
// Claude Code closes stdin right after writing; a stdin that never ends must not hang the hook.
const STDIN_TIMEOUT_MS = 3000;

/** Read at most `cap` bytes of a stream, draining the rest; resolves on end, error or timeout. */
export function readBounded(stream: Readable, cap = HOOK_STDIN_CAP): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let kept = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stream.removeAllListeners('data');
      resolve(Buffer.concat(parts));
    };
    const timer = setTimeout(finish, STDIN_TIMEOUT_MS);
    timer.unref();
    stream.on('data', (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (kept < cap) {
        const take = buf.subarray(0, cap - kept);
        parts.push(take);
        kept += take.length;
      }
    });
    stream.on('end', finish);
    stream.on('close', finish);
    stream.on('error', finish);
  });
}

/** Append one line to the spool with a single O_APPEND write. Never throws. */
export function appendSpool(spoolPath: string, record: Record<string, unknown>): void {
  try {
    mkdirSync(path.dirname(spoolPath), { recursive: true });
    const fd = openSync(spoolPath, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(record)}\n`);
    } finally {
      closeSync(fd);
    }
  } catch {
    // the hook must never fail Claude Code: a spool we cannot write loses one event, nothing more
  }
}

/** Entry for bin/clearance.js: minimal argv handling (`--home`, `--db` ignored), always exit 0. */
export async function runHookProcess(
  argv: string[],
  env: NodeJS.ProcessEnv,
  stdin: Readable,
): Promise<number> {
  try {
    const homeAt = argv.indexOf('--home');
    const home = homeAt !== -1 ? argv[homeAt + 1] : argv.find((a) => a.startsWith('--home='))?.slice(7);
    const paths = resolvePaths({ home, env });
    const raw = await readBounded(stdin);
    appendSpool(paths.spoolPath, spoolRecord(raw, Date.now()));
  } catch {
    // never fail Claude Code
  }
  return 0;
}

/** `clearance hook` through the regular CLI (tests, or when the bin short-circuit is bypassed). */
export async function run(ctx: CommandContext): Promise<number> {
  try {
    const raw = await readBounded(ctx.io.stdin);
    appendSpool(ctx.paths.spoolPath, spoolRecord(raw, Date.now()));
  } catch {
    // never fail Claude Code
  }
  return 0;
}
