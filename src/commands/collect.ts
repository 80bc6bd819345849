import type { CommandContext } from '../runtime/context.js';
import { complain, say } from '../runtime/context.js';
import { UsageError, UserError, oneLine } from '../runtime/errors.js';
import { DEFAULT_OTLP_PORT, claudeCodeOtelEnv, startOtlpReceiver } from '../sources/otlp-receiver.js';

function portOf(ctx: CommandContext): number {
  const port = ctx.flags.port ?? DEFAULT_OTLP_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port: not a port number: ${port}`);
  return port;
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `clearance collect [--port N] [--print-env]`: receive Claude Code's OpenTelemetry log events on
 * 127.0.0.1 and store its tool decisions until SIGINT/SIGTERM; `--print-env` prints the
 * environment Claude Code needs to send them here.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const port = portOf(ctx);
  if (ctx.flags.printEnv) {
    const env = claudeCodeOtelEnv(port);
    if (ctx.flags.json) say(ctx, JSON.stringify(env, null, 2));
    else for (const [name, value] of Object.entries(env)) say(ctx, `export ${name}=${value}`);
    return 0;
  }
  const db = ctx.openStore();
  const receiver = await startOtlpReceiver({ db, port }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UserError(
        `port ${port} on 127.0.0.1 is in use (another clearance collect?); pick one with --port`,
      );
    throw new UserError(`cannot listen on 127.0.0.1:${port}: ${oneLine(error)}`);
  });
  const signal = untilSignal();
  say(ctx, `clearance collect: receiving on ${receiver.endpoint} (Ctrl-C stops)`);
  say(ctx, `  for Claude Code: eval "$(clearance collect --print-env --port ${receiver.port})"`);
  await signal;
  await receiver.close();
  const { stats } = receiver;
  say(
    ctx,
    `clearance collect: stopped; ${stats.requests} requests, ${stats.decisions} tool decisions (${stats.inserted} new)`,
  );
  if (stats.rejected > 0 || stats.problems > 0)
    complain(
      ctx,
      `${stats.rejected} requests refused, ${stats.problems} decision events without decision/source`,
    );
  return 0;
}
