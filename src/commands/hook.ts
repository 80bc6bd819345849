// `clearance hook`: the Claude Code hook entry point. It must never slow down or break Claude Code:
// bounded stdin, one appended spool line, no output, exit 0 whatever happens. bin/clearance.js
// loads this module directly (no meow/ink), so it imports only node built-ins and redaction.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { CommandContext } from '../context.js';
import { redactCommand, redactInput, redactText } from '../core/redact.js';
import { resolvePaths } from '../paths.js';
import { inputHash } from '../sources/transcript-reader.js';

/** Bytes of stdin kept; the rest is drained and dropped. */
export const HOOK_STDIN_CAP = 1024 * 1024;
// Claude Code closes stdin right after writing; a stdin that never ends must not hang the hook.
const STDIN_TIMEOUT_MS = 3000;
const MAX_FIELD = 8 * 1024;

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

/** Rule strings from a PermissionRequest's `permission_suggestions` (`Bash(npm test *)`). */
export function suggestedRules(suggestions: unknown): string[] {
  if (!Array.isArray(suggestions)) return [];
  const rules: string[] = [];
  for (const s of suggestions as unknown[]) {
    if (s === null || typeof s !== 'object') continue;
    const entry = s as { type?: unknown; behavior?: unknown; rules?: unknown };
    if (entry.type !== 'addRules' || (entry.behavior !== undefined && entry.behavior !== 'allow')) continue;
    if (!Array.isArray(entry.rules)) continue;
    for (const r of entry.rules as unknown[]) {
      if (r === null || typeof r !== 'object') continue;
      const { toolName, ruleContent } = r as { toolName?: unknown; ruleContent?: unknown };
      if (typeof toolName !== 'string') continue;
      rules.push(
        typeof ruleContent === 'string' && ruleContent !== ''
          ? `${toolName}(${redactCommand(ruleContent)})`
          : toolName,
      );
    }
  }
  return rules;
}

function short(value: unknown, max = 256): string | null {
  return typeof value === 'string' ? redactText(value.slice(0, max)) : null;
}

function bounded(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(redactInput(input))) {
    out[k] = typeof v === 'string' && v.length > MAX_FIELD ? `${v.slice(0, MAX_FIELD)}…` : v;
  }
  const json = JSON.stringify(out);
  return json.length > 4 * MAX_FIELD ? { truncated: true } : out;
}

/** The spool line for one hook stdin payload (redacted; tool outputs dropped). */
export function spoolRecord(raw: Buffer, now: number): Record<string, unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ts: now, event: 'invalid', bytes: raw.length };
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { ts: now, event: 'invalid', bytes: raw.length };
  }
  const p = payload as Record<string, unknown>;
  const input =
    p.tool_input !== null && typeof p.tool_input === 'object' && !Array.isArray(p.tool_input)
      ? (p.tool_input as Record<string, unknown>)
      : null;
  const record: Record<string, unknown> = {
    ts: now,
    event: short(p.hook_event_name, 64) ?? 'unknown',
    session_id: short(p.session_id, 128),
    tool_name: short(p.tool_name, 256),
    tool_use_id: short(p.tool_use_id, 128),
    permission_mode: short(p.permission_mode, 32),
    cwd: short(p.cwd, 4096),
    agent_id: short(p.agent_id, 128),
  };
  if (input) {
    record.input_hash = inputHash(input);
    record.tool_input = bounded(input);
  }
  if (p.permission_suggestions !== undefined) record.suggestions = suggestedRules(p.permission_suggestions);
  // an error line often echoes the command: redacted as one
  if (typeof p.error === 'string') record.error = redactCommand(p.error.split('\n', 1)[0]!.slice(0, 256));
  if (typeof p.is_interrupt === 'boolean') record.is_interrupt = p.is_interrupt;
  return record;
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
