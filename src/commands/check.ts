import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CommandContext } from '../runtime/context.js';
import { complain, say } from '../runtime/context.js';
import { redactCommand, redactText } from '../core/redact.js';
import type { PermissionMode } from '../core/types.js';
import { UsageError, UserError } from '../runtime/errors.js';
import type { CheckCall, CheckResult } from '../sources/check-service.js';
import { FILE_TOOLS, parseCallArg } from '../sources/claude-client/call-arg.js';
import { checkCalls } from '../sources/check-service.js';
import type { ClientAnswer } from '../sources/claude-client/replay.js';
import { homeSettingsFor, nestedSettingsFiles, replayCalls } from '../sources/claude-client/replay.js';
import { locateForContext } from '../sources/claude-client/locate.js';

const MODES: readonly PermissionMode[] = [
  'default',
  'acceptEdits',
  'plan',
  'auto',
  'dontAsk',
  'bypassPermissions',
];

/** A relative file path is relative to the working directory, as the client takes it. */
function anchor(call: CheckCall, cwd: string): CheckCall {
  const field = FILE_TOOLS[call.tool];
  const value = field ? call.input[field] : undefined;
  if (typeof value !== 'string' || path.isAbsolute(value) || value.startsWith('~')) return call;
  return { tool: call.tool, input: { ...call.input, [field!]: path.resolve(cwd, value) } };
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function shownFile(file: string | null, home: string): string | null {
  if (file === null) return null;
  return file.startsWith(`${home}/`) ? `~/${file.slice(home.length + 1)}` : file;
}

/** `clearance check [--json] [--cwd DIR] [--mode MODE] [--verify] COMMAND…` */
export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length === 0) {
    throw new UsageError(
      'check: give at least one command, e.g. clearance check "git status" "Read(/etc/hosts)"',
    );
  }
  const mode = ctx.flags.mode;
  if (mode !== undefined && !MODES.includes(mode as PermissionMode)) {
    throw new UsageError(`--mode: one of ${MODES.join(', ')}; got ${mode}`);
  }
  const cwd = path.resolve(ctx.flags.cwd ?? process.cwd());
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) throw new UserError(`--cwd: not a directory: ${cwd}`);
  const calls = ctx.args.map((arg) => anchor(parseCallArg(arg), cwd));
  const { results, problems } = await checkCalls(ctx.paths, cwd, calls, mode as PermissionMode | undefined);
  const [first] = problems;
  if (first)
    complain(ctx, `${problems.length} problem(s) reading your settings; first: ${redactText(first.message)}`);

  let answers: (ClientAnswer | null)[] | null = null;
  let clientVersion: string | null = null;
  if (ctx.flags.verify) {
    const located = locateForContext(ctx);
    if (!located.client) {
      complain(ctx, `--verify: ${located.problem}; showing clearance's own prediction only`);
    } else {
      clientVersion = located.client.version;
      const replay = await replayCalls({
        binary: located.client.binary,
        settings: homeSettingsFor(ctx.paths, cwd),
        calls,
        cwd,
        home: ctx.paths.home,
        mode: (mode as PermissionMode | undefined) ?? 'default',
        timeoutMs: (ctx.flags.timeout ?? 120) * 1000,
        inCwd: true,
        extraFiles: nestedSettingsFiles(ctx.paths, cwd),
        onProgress: (line) => ctx.io.stderr.write(`${line}\n`),
      });
      if (replay.problem)
        complain(ctx, `--verify: ${replay.problem}; showing clearance's own prediction only`);
      else answers = replay.answers;
    }
  }

  const display = (r: CheckResult, i: number): string => redactCommand(ctx.args[i] ?? r.command);
  if (ctx.flags.json) {
    const json = results.map((r, i) => ({
      command: display(r, i),
      cwd: r.cwd,
      decision: r.decision,
      reason: redactText(r.reason),
      rule: r.rule === null ? null : redactCommand(r.rule),
      file: r.file,
      ...(ctx.flags.verify
        ? {
            client: answers?.[i]
              ? {
                  version: clientVersion,
                  decision: answers[i].decision,
                  reason: redactText(answers[i].reason),
                }
              : null,
          }
        : {}),
    }));
    say(ctx, JSON.stringify({ results: json }, null, 2));
    return 0;
  }
  const rows = results.map((r, i) => {
    const where = r.file && !r.reason.includes(r.file) ? ` (${shownFile(r.file, ctx.paths.home)})` : '';
    const row = [r.decision, display(r, i), `${redactText(r.reason)}${where}`];
    if (answers) {
      const a = answers[i] ?? null;
      row.push(
        a === null
          ? 'client: no answer'
          : a.decision === r.decision
            ? `client: ${a.decision} (agrees)`
            : `client: ${a.decision} (DISAGREES: ${redactText(a.reason)})`,
      );
    }
    return row;
  });
  for (const line of table(rows)) say(ctx, line);
  if (answers) {
    const agree = results.filter((r, i) => answers[i]?.decision === r.decision).length;
    say(ctx, `Claude Code ${clientVersion}: agrees with clearance on ${agree} of ${results.length}.`);
  }
  return 0;
}
