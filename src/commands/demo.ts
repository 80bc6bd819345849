import type { CommandContext } from '../context.js';
import { complain, say } from '../context.js';
import { buildDemoHome } from '../demo/build-home.js';
import { resolvePaths } from '../paths.js';
import { openDb, type Db } from '../store/db.js';
import { openDashboard } from './dashboard.js';

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
    return await openDashboard(demoCtx, { mode: 'dashboard' });
  } finally {
    process.off('exit', removeOnExit);
    db?.close();
    if (ctx.flags.keep)
      say(ctx, `demo kept in ${demo.dir} (--home ${demo.home} --root ${demo.root} --db ${demo.db})`);
    else demo.remove();
  }
}
