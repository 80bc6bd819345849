import type { CommandContext } from '../context.js';
import { complain } from '../context.js';

/** `clearance collect` is not built yet: say so in one line and exit 2. */
export async function run(ctx: CommandContext): Promise<number> {
  complain(ctx, 'collect is not available in this build yet');
  return 2;
}
