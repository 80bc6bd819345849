// `clearance install-hooks [--remove]`: merge (or remove) our hook entries in the user's
// ~/.claude/settings.json, keeping every other key and hook. Idempotent, conflict-checked, backed up
// (into clearance's state dir, not ~/.claude). The hook is a POSIX sh script in the state dir
// (writers/hook-script.ts): a few ms per event where a Node hook costs tens.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { CommandContext } from '../runtime/context.js';
import { say } from '../runtime/context.js';
import { UserError } from '../runtime/errors.js';
import { ConflictError, textHash, writeFileAtomic } from '../writers/atomic.js';
import {
  configuredNixFile,
  nixStoreLinkTarget,
  storeLinkRefusal,
  writeNixModel,
} from '../writers/nix-settings-writer.js';
import { hookScriptCommand, installHookScript } from '../writers/hook-script.js';

/**
 * The hook events clearance listens to: a PermissionRequest is the exact "a prompt was shown";
 * a PreToolUse without one is the exact "no prompt". Whether a call then ran or was refused the
 * transcript already says, so PostToolUse/PostToolUseFailure are no longer hooked.
 */
export const HOOK_EVENTS = ['PermissionRequest', 'PreToolUse'] as const;
/** Events older installs hooked: our handlers there are removed on install and --remove. */
const ALL_EVENTS = [...HOOK_EVENTS, 'PostToolUse', 'PostToolUseFailure'] as const;

interface HookHandler {
  type?: unknown;
  command?: unknown;
  [key: string]: unknown;
}
interface HookGroup {
  matcher?: unknown;
  hooks?: unknown;
  [key: string]: unknown;
}

/** True when a handler runs `clearance hook` (by any path to the bin) or our installed hook.sh. */
export function isOurHandler(handler: unknown): boolean {
  if (handler === null || typeof handler !== 'object') return false;
  const command = (handler as HookHandler).command;
  if (typeof command !== 'string') return false;
  const text = command.trim();
  return /(?:^|[\s/])clearance(?:\.js)?["']?\s+hook\s*$/.test(text) || /\/clearance\/hook\.sh'?$/.test(text);
}

/** Settings with our hook entries merged in (add) or taken out (remove); other content untouched. */
export function mergeHooks(
  settings: Record<string, unknown>,
  command: string,
  remove: boolean,
): Record<string, unknown> {
  const hooks =
    settings.hooks !== null && typeof settings.hooks === 'object' && !Array.isArray(settings.hooks)
      ? { ...(settings.hooks as Record<string, unknown>) }
      : {};
  for (const event of ALL_EVENTS) {
    const groups = Array.isArray(hooks[event]) ? (hooks[event] as HookGroup[]) : [];
    // drop our handlers everywhere, then (for install) add one group of ours
    const kept: HookGroup[] = [];
    for (const group of groups) {
      if (group === null || typeof group !== 'object' || !Array.isArray(group.hooks)) {
        kept.push(group);
        continue;
      }
      const handlers = (group.hooks as unknown[]).filter((h) => !isOurHandler(h));
      if (handlers.length > 0) kept.push({ ...group, hooks: handlers });
    }
    if (!remove && (HOOK_EVENTS as readonly string[]).includes(event))
      kept.push({ matcher: '*', hooks: [{ type: 'command', command }] });
    if (kept.length > 0) hooks[event] = kept;
    else delete hooks[event];
  }
  const out = { ...settings };
  if (Object.keys(hooks).length > 0) out.hooks = hooks;
  else delete out.hooks;
  return out;
}

/** Run install-hooks. */
export async function run(ctx: CommandContext): Promise<number> {
  const file = ctx.paths.userSettings;
  // Declarative mode: writing the store link would replace it with a copy the next rebuild undoes.
  const storeLink = nixStoreLinkTarget(file);
  if (storeLink) {
    const nixFile = configuredNixFile(ctx);
    if (!nixFile)
      throw new UserError(
        storeLinkRefusal(
          file,
          storeLink,
          'enable programs.clearance.hooks with programs.claude-code (the home-manager module sets the hooks declaratively), or pass --nix-file FILE',
        ),
      );
    const command = ctx.flags.remove ? null : hookScriptCommand(installHookScript(ctx.paths));
    const result = writeNixModel(ctx, nixFile, (model) => ({ ...model, hookCommand: command }));
    say(
      ctx,
      result.changed
        ? `${nixFile}: clearance hooks ${command ? 'written' : 'removed'}; ${file} changes on the next rebuild`
        : `${nixFile}: ${command ? 'hooks already there' : 'no clearance hooks in it'}`,
    );
    return 0;
  }
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  let settings: Record<string, unknown> = {};
  if (text !== null && text.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UserError(`${file} is not valid JSON; fix it first (nothing was changed)`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new UserError(`${file} does not hold a JSON object; fix it first (nothing was changed)`);
    }
    settings = parsed as Record<string, unknown>;
  }
  const remove = ctx.flags.remove;
  // the script is (re)written on every install: an upgrade of clearance refreshes it
  const command = remove ? '' : hookScriptCommand(installHookScript(ctx.paths));
  const next = mergeHooks(settings, command, remove);
  const content = `${JSON.stringify(next, null, 2)}\n`;
  const tell = (fields: Record<string, unknown>, lines: string[]): number => {
    if (ctx.flags.json) say(ctx, JSON.stringify({ file, ...fields }, null, 2));
    else for (const line of lines) say(ctx, line);
    return 0;
  };
  if ((text !== null && content === text) || (text === null && remove)) {
    if (remove) return tell({ changed: false, installed: false }, [`no clearance hooks in ${file}`]);
    const cost = costLine(ctx);
    return tell({ changed: false, installed: true, script: ctx.paths.hookScript, cost }, [
      `hooks already installed in ${file}; ${cost}`,
    ]);
  }
  let backup: string | null = null;
  if (text !== null) {
    // in clearance's own state dir: ~/.claude is Claude Code's, and a backup there is litter
    const dir = path.join(ctx.paths.stateDir, 'backups', 'install-hooks');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    backup = path.join(dir, `settings.json.${new Date().toISOString().replace(/[:.]/g, '-')}`);
    copyFileSync(file, backup);
  }
  try {
    writeFileAtomic(file, content, { expectedHash: text === null ? null : textHash(text) });
  } catch (error) {
    if (error instanceof ConflictError)
      throw new UserError(`${file} changed while clearance was writing it; run again`);
    throw error;
  }
  if (remove)
    return tell({ changed: true, installed: false, backup }, [
      `removed the clearance hooks from ${file}`,
      ...(backup ? [`previous ${path.basename(file)} kept in ${backup}`] : []),
    ]);
  const cost = costLine(ctx);
  return tell(
    { changed: true, installed: true, events: HOOK_EVENTS, script: ctx.paths.hookScript, cost, backup },
    [
      `installed clearance hooks (${HOOK_EVENTS.join(', ')}) in ${file}: ${ctx.paths.hookScript}`,
      cost,
      ...(backup ? [`previous ${path.basename(file)} kept in ${backup}`] : []),
    ],
  );
}

/**
 * What the hook costs per event, measured here: the installed script run a few times on a sample
 * event into a scratch spool dir inside the state dir (removed after).
 */
function costLine(ctx: CommandContext): string {
  const scratch = path.join(ctx.paths.stateDir, `.hook-cost-${process.pid}`);
  try {
    const script = installHookScript({
      hookScript: path.join(scratch, 'hook.sh'),
      spoolDir: path.join(scratch, 'spool'),
    });
    const input = JSON.stringify({
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'ls' },
    });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const run = spawnSync(script, [], { input, stdio: ['pipe', 'ignore', 'ignore'] });
      if (run.status !== 0) return 'the hook adds a few ms per tool call (a sh script, no Node)';
      times.push(performance.now() - started);
    }
    const median = times.sort((a, b) => a - b)[2] ?? 0;
    return `the hook adds about ${median.toFixed(1)} ms per hooked event here (a sh script, no Node; 2 events per tool call at most)`;
  } catch {
    return 'the hook adds a few ms per tool call (a sh script, no Node)';
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
