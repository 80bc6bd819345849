// `clearance install-hooks [--remove]`: merge (or remove) our hook entries in the user's
// ~/.claude/settings.json, keeping every other key and hook. Idempotent, conflict-checked, backed up.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from '../context.js';
import { say } from '../context.js';
import { UserError } from '../errors.js';
import { ConflictError, textHash, writeFileAtomic } from '../writers/atomic.js';
import {
  configuredNixFile,
  nixStoreLinkTarget,
  storeLinkRefusal,
  writeNixModel,
} from '../writers/nix-settings-writer.js';

/** The hook events clearance listens to. */
export const HOOK_EVENTS = ['PermissionRequest', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure'] as const;

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

/** True when a handler runs `clearance hook` (by any path to the bin). */
export function isOurHandler(handler: unknown): boolean {
  if (handler === null || typeof handler !== 'object') return false;
  const command = (handler as HookHandler).command;
  return typeof command === 'string' && /(?:^|[\s/])clearance(?:\.js)?["']?\s+hook\s*$/.test(command.trim());
}

/** The command written into settings: the absolute path of the running bin when known. */
export function hookCommand(argv1: string | undefined): string {
  let bin: string;
  if (argv1 && /clearance(?:\.js)?$/.test(argv1)) bin = path.resolve(argv1);
  else {
    // not started through the bin (tests): the package's own bin, found above this module
    let dir = path.dirname(fileURLToPath(import.meta.url));
    while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    bin = path.join(dir, 'bin', 'clearance.js');
  }
  return `${/[\s"'$]/.test(bin) ? JSON.stringify(bin) : bin} hook`;
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
  for (const event of HOOK_EVENTS) {
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
    if (!remove) kept.push({ matcher: '*', hooks: [{ type: 'command', command }] });
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
    const command = ctx.flags.remove ? null : hookCommand(process.argv[1]);
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
  const next = mergeHooks(settings, hookCommand(process.argv[1]), remove);
  const content = `${JSON.stringify(next, null, 2)}\n`;
  if (text !== null && content === text) {
    say(ctx, remove ? `no clearance hooks in ${file}` : `hooks already installed in ${file}`);
    return 0;
  }
  if (text === null && remove) {
    say(ctx, `no clearance hooks in ${file}`);
    return 0;
  }
  if (text !== null) {
    const backup = `${file}.clearance-backup-${ctx.now.toISOString().replace(/[:.]/g, '-')}`;
    copyFileSync(file, backup);
  }
  try {
    writeFileAtomic(file, content, { expectedHash: text === null ? null : textHash(text) });
  } catch (error) {
    if (error instanceof ConflictError)
      throw new UserError(`${file} changed while clearance was writing it; run again`);
    throw error;
  }
  say(
    ctx,
    remove
      ? `removed the clearance hooks from ${file}`
      : `installed clearance hooks (${HOOK_EVENTS.join(', ')}) in ${file}`,
  );
  return 0;
}
