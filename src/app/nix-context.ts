// Shared by `clearance docs` and `clearance usage`: the package set for a command context.
import path from 'node:path';
import type { CommandContext } from '../runtime/context.js';
import { complain } from '../runtime/context.js';
import { UserError } from '../runtime/errors.js';
import type { CombinedPackageSet } from '../sources/nix-packages.js';
import { readPackageSet } from '../sources/nix-packages.js';

/** Read the package set the flags point at (--flake, --packages, --root, --home). */
export async function packageSetFor(ctx: CommandContext): Promise<CombinedPackageSet> {
  return readPackageSet({
    root: ctx.paths.root,
    home: ctx.paths.home,
    user: ctx.env.USER ?? path.basename(ctx.paths.home),
    env: ctx.env,
    flake: ctx.flags.flake,
    packagesFile: ctx.flags.packages,
  });
}

/** Commands stop on a packages.nix Nix itself would refuse (the dashboard falls back instead). */
export function refuseSyntaxError(set: CombinedPackageSet): void {
  if (set.syntaxError) throw new UserError(`${set.syntaxError}: syntax error in packages.nix; nothing read`);
}

/** Report reader problems on stderr: the first one, and how many more. */
export function reportProblems(ctx: CommandContext, set: CombinedPackageSet): void {
  const [first, ...rest] = set.problems;
  if (!first) return;
  complain(ctx, `${first.message}${rest.length > 0 ? ` (and ${rest.length} more problems)` : ''}`);
}
