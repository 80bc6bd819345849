import type { CommandContext } from '../context.js';
import { complain } from '../context.js';

/** `clearance install-hooks` is not built yet: say so in one line and exit 2. */
export async function run(ctx: CommandContext): Promise<number> {
  complain(ctx, 'install-hooks is not available in this build yet');
  return 2;
}
