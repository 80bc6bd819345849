import { undoApply, undoFromBackups, type UndoResult } from '../app/apply.js';
import type { CommandContext } from '../runtime/context.js';
import { complain, say } from '../runtime/context.js';
import { UsageError, UserError, oneLine } from '../runtime/errors.js';

/**
 * `clearance undo [APPLY-ID]` (default: the newest apply not yet undone): restore each file of
 * that apply from its backup when nobody changed it since; a changed file is left alone with a
 * one-line explanation and exit 1. Decision memory records 'undone', the audit trail gets an entry.
 */
export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length > 1) throw new UsageError('undo takes at most one apply id');
  let result: UndoResult;
  try {
    ctx.openStore();
    result = await undoApply(ctx, ctx.args[0]);
  } catch (error) {
    if (
      !(error instanceof UserError) ||
      !/database .* is not usable|cannot open database/.test(error.message)
    )
      throw error;
    // the store is broken, the backups are not: undo from the record kept beside them
    complain(ctx, `${oneLine(error).split(';')[0]}; undoing from the backups instead`);
    result = undoFromBackups(ctx, ctx.args[0]);
  }
  if (ctx.flags.json) {
    say(ctx, JSON.stringify(result, null, 2));
    return result.kept.length > 0 ? 1 : 0;
  }
  for (const file of result.restored) say(ctx, `restored ${file}`);
  for (const kept of result.kept) complain(ctx, kept.reason);
  say(
    ctx,
    result.kept.length === 0
      ? `apply ${result.applyId} undone`
      : `apply ${result.applyId} only partly undone; fix the files above and run clearance undo ${result.applyId} again`,
  );
  return result.kept.length > 0 ? 1 : 0;
}
