// Shared by `clearance docs` and `clearance usage`: the package set for a command context.
import path from 'node:path';
import { complain } from '../context.js';
import { readPackageSet } from '../sources/nix-packages.js';
/** Read the package set the flags point at (--flake, --packages, --root, --home). */
export async function packageSetFor(ctx) {
    return readPackageSet({
        root: ctx.paths.root,
        home: ctx.paths.home,
        user: ctx.env.USER ?? path.basename(ctx.paths.home),
        env: ctx.env,
        flake: ctx.flags.flake,
        packagesFile: ctx.flags.packages,
    });
}
/** Report reader problems on stderr: the first one, and how many more. */
export function reportProblems(ctx, set) {
    const [first, ...rest] = set.problems;
    if (!first)
        return;
    complain(ctx, `${first.message}${rest.length > 0 ? ` (and ${rest.length} more problems)` : ''}`);
}
//# sourceMappingURL=nix-context.js.map