import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from '../runtime/context.js';
import { say } from '../runtime/context.js';
import { UsageError, UserError } from '../runtime/errors.js';
import type { Recording } from '../sources/claude-client/conformance.js';
import {
  diffRecordings,
  loadMatrix,
  matrixCases,
  recordMatrix,
} from '../sources/claude-client/conformance.js';
import type { LocatedClient } from '../sources/claude-client/locate.js';
import { locateForContext, nativeBinary, platformPackage } from '../sources/claude-client/locate.js';
import { clientVersion } from '../sources/claude-client/run-client.js';

/** The recording the matrix ships with: the pinned client's decisions. */
export const BASELINE_RECORDING = 'claude-code-2.1.328.json';

/** The shipped `conformance/` folder, found by walking up from this module (src/ or dist/src/). */
export function conformanceDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '../../..']) {
    const dir = path.resolve(here, up, 'conformance');
    if (existsSync(path.join(dir, 'matrix.json'))) return dir;
  }
  throw new UserError('the conformance matrix is missing from this install (conformance/matrix.json)');
}

/** Install one client version with npm into clearance's state dir (once), never into the project. */
function installVersion(ctx: CommandContext, version: string): LocatedClient {
  const dir = path.join(ctx.paths.stateDir, 'clients', version);
  const binary = path.join(dir, 'node_modules', '@anthropic-ai', platformPackage(), 'claude');
  if (!existsSync(binary)) {
    ctx.io.stderr.write(`clearance: installing Claude Code ${version} with npm into ${dir} (once)…\n`);
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync(
        'npm',
        [
          'install',
          '--prefix',
          dir,
          '--ignore-scripts',
          '--no-fund',
          '--no-audit',
          '--loglevel=error',
          `@anthropic-ai/claude-code@${version}`,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 },
      );
    } catch (error) {
      const err = error as { stderr?: Buffer; message?: string };
      // npm's first line is often just the code (`npm error code ETARGET`): the next says why
      const lines = (err.stderr?.toString('utf8') || err.message || '')
        .split('\n')
        .map((l) => l.replace(/^npm (error|ERR!)\s*/, '').trim())
        .filter((l) => l !== '' && !l.startsWith('A complete log'));
      const why = lines.find((l) => !/^code \w+$/.test(l)) ?? lines[0];
      throw new UserError(`could not install Claude Code ${version} with npm: ${why ?? 'npm failed'}`);
    }
  }
  const native = existsSync(binary) ? binary : nativeBinary(path.join(dir, 'node_modules', '.bin', 'claude'));
  const v = native ? clientVersion(native) : null;
  if (!native || v === null) {
    throw new UserError(
      `Claude Code ${version} installed in ${dir} but its binary for this platform does not start`,
    );
  }
  return { binary: native, version: v };
}

function findClient(ctx: CommandContext): LocatedClient {
  const flag = ctx.flags.client;
  if (flag !== undefined && /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(flag)) return installVersion(ctx, flag);
  const located = locateForContext(ctx);
  if (!located.client)
    throw new UserError(`${located.problem ?? 'no client'}; or give a version: --client 2.1.x`);
  return located.client;
}

function callText(tool: string, input: Record<string, unknown>): string {
  if (tool === 'Bash' && typeof input.command === 'string') return input.command;
  const main = input.file_path ?? input.url ?? input.path ?? input.notebook_path;
  return typeof main === 'string' ? `${tool}(${main})` : `${tool}(${JSON.stringify(input)})`;
}

/**
 * `clearance conformance [--client PATH|VERSION] [--record FILE] [--json] [GROUP...]`: run the
 * conformance matrix against a client and print the cases whose decision changed against the
 * recording of the pinned client — how a maintainer checks a new Claude Code release.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const dir = conformanceDir();
  const matrix = loadMatrix(path.join(dir, 'matrix.json'));
  const baseline = JSON.parse(
    readFileSync(path.join(dir, 'recorded', BASELINE_RECORDING), 'utf8'),
  ) as Recording;
  const known = new Set(matrix.groups.map((g) => g.id));
  const unknown = ctx.args.find((g) => !known.has(g));
  if (unknown !== undefined)
    throw new UsageError(`no matrix group ${unknown} (groups: ${[...known].join(', ')})`);
  const groups = ctx.args.length > 0 ? ctx.args : undefined;
  const client = findClient(ctx);
  const cases = matrixCases(matrix).filter(({ group }) => !groups || groups.includes(group.id));
  ctx.io.stderr.write(
    `clearance: running ${cases.length} matrix case(s) through Claude Code ${client.version}, inertly in temp dirs…\n`,
  );
  const started = Date.now();
  const recording = await recordMatrix(matrix, {
    binary: client.binary,
    concurrency: 2,
    ...(groups ? { groups } : {}),
    onGroup: (group, done, total) => {
      if (ctx.io.stderr.isTTY)
        ctx.io.stderr.write(`\r\u001b[Kclearance: ${done}/${total} groups (${group.id})`);
    },
  });
  if (ctx.io.stderr.isTTY) ctx.io.stderr.write('\r\u001b[K');
  const seconds = (Date.now() - started) / 1000;
  if (ctx.flags.record) {
    const file = path.resolve(ctx.flags.record);
    writeFileSync(file, `${JSON.stringify({ ...recording, version: client.version }, null, 2)}\n`);
    ctx.io.stderr.write(`clearance: recording written to ${file}\n`);
  }
  const byId = new Map(cases.map((c) => [c.case.id, c]));
  const scoped: Recording = {
    ...baseline,
    cases: Object.fromEntries(Object.entries(baseline.cases).filter(([id]) => byId.has(id))),
  };
  const changed = diffRecordings(scoped, recording).flatMap((d) => {
    const c = byId.get(d.id);
    if (!c) return [];
    return [
      {
        id: d.id,
        category: c.group.category,
        call: callText(c.case.tool, c.case.input),
        before: d.before,
        after: d.after,
        text: recording.cases[d.id]?.text ?? '',
      },
    ];
  });
  const summary = `Claude Code ${client.version} vs recorded ${baseline.version}: ${changed.length} of ${cases.length} case(s) changed (${seconds.toFixed(0)} s)`;
  if (ctx.flags.json) {
    say(
      ctx,
      JSON.stringify(
        {
          client: { version: client.version, binary: client.binary },
          baseline: baseline.version,
          cases: cases.length,
          changed,
          seconds: Math.round(seconds),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  for (const c of changed) {
    say(ctx, `${c.id}  [${c.category}]  ${c.call}  ${c.before ?? 'none'} → ${c.after ?? 'none'}`);
    if (c.text) say(ctx, `    ${c.text.split('\n')[0]}`);
  }
  say(ctx, summary);
  return 0;
}
