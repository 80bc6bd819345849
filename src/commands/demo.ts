import type { CommandContext } from '../runtime/context.js';
import { complain, say } from '../runtime/context.js';
import { buildDemoHome } from '../demo/build-home.js';
import { resolvePaths } from '../runtime/paths.js';
import { openDb, type Db } from '../store/db.js';
import { openDashboard } from './dashboard.js';
import { loadProposals } from '../app/proposals.js';
import { locateForContext } from '../sources/claude-client/locate.js';
import { runScan } from '../sources/scan.js';
import { verifiable } from '../app/verify.js';
import { verifyProposals } from './verify.js';

/** Proposals the demo checks with a real client before it opens (a few: it should open quickly). */
const DEMO_VERIFY_COUNT = 4;

/**
 * With the user's own Claude Code installed, verify the demo's top proposals so the dashboard shows
 * real badges; without one, one line on how to get them.
 */
async function verifyDemo(ctx: CommandContext, demoCtx: CommandContext): Promise<void> {
  const located = locateForContext(ctx);
  if (!located.client) {
    complain(
      ctx,
      `${located.problem}: the dashboard's ✓/✗ verify badges need one (npm install -g @anthropic-ai/claude-code, or --client PATH)`,
    );
    return;
  }
  await runScan(demoCtx);
  const top = (await loadProposals(demoCtx, { includeHygiene: false }))
    .filter(verifiable)
    .sort((a, b) => b.promptsSaved - a.promptsSaved)
    .slice(0, DEMO_VERIFY_COUNT);
  await verifyProposals(
    { ...demoCtx, flags: { ...demoCtx.flags, client: located.client.binary, timeout: 60 } },
    top,
  );
}

/**
 * The line after quitting the demo with unapplied decisions. A plain `clearance apply` would act
 * on the user's real home, not the demo's (which is removed unless --keep): say what is true.
 */
export function demoUnappliedNote(
  count: number,
  kept: { home: string; root: string; db: string } | null,
): string {
  const decisions = `${count} demo decision${count === 1 ? '' : 's'}`;
  if (kept)
    return `${decisions} not applied — they stay in the kept demo: clearance apply --home ${kept.home} --root ${kept.root} --db ${kept.db}`;
  return `${decisions} not applied; the demo home is removed with them. To review your own Claude Code history, run clearance (nothing is written until you apply).`;
}

/**
 * `clearance demo [--keep]`: the dashboard on a generated, realistic home in a temp dir. Every path
 * (home, root, database) points inside it, so no real file is read or touched; the dir is removed
 * on exit unless --keep.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const demo = await buildDemoHome(ctx.now);
  let db: Db | undefined;
  // A crash or a signal may end the process without reaching `finally`: remove the dir on exit too.
  const removeOnExit = (): void => demo.remove();
  if (!ctx.flags.keep) process.once('exit', removeOnExit);
  try {
    for (const note of demo.notes) complain(ctx, note);
    const flags = { ...ctx.flags, home: demo.home, root: demo.root, db: demo.db };
    const demoCtx: CommandContext = {
      ...ctx,
      flags,
      paths: resolvePaths({ home: demo.home, root: demo.root, db: demo.db, env: ctx.env }),
      openStore: () => (db ??= openDb(demo.db)),
    };
    await verifyDemo(ctx, demoCtx);
    return await openDashboard(demoCtx, {
      mode: 'dashboard',
      unappliedNote: (count) => demoUnappliedNote(count, ctx.flags.keep ? demo : null),
    });
  } finally {
    process.off('exit', removeOnExit);
    db?.close();
    if (ctx.flags.keep)
      say(ctx, `demo kept in ${demo.dir} (--home ${demo.home} --root ${demo.root} --db ${demo.db})`);
    else demo.remove();
  }
}
