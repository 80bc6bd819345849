import type { CommandContext } from '../runtime/context.js';
import { openDashboard } from './dashboard.js';

/**
 * `clearance review [--post-rebuild]`: the dashboard opened on what needs a decision. After a
 * rebuild it first shows what changed in the package set; when nothing did it prints one line.
 */
export async function run(ctx: CommandContext): Promise<number> {
  return openDashboard(ctx, { mode: ctx.flags.postRebuild ? 'post-rebuild' : 'review' });
}
