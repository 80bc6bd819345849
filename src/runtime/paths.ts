import { homedir } from 'node:os';
import path from 'node:path';

/** Every location clearance reads or writes, resolved once from flags and environment. */
export interface Paths {
  /** The user's home (`--home`, else $HOME). */
  home: string;
  /** True with `--home`: nothing outside `home` (and `--root`, `--db`) is read or written. */
  isolated: boolean;
  /** Prefix for system paths (`--root`, else '/'). */
  root: string;
  /** Directory of clearance's own state (database, hook spool, backups index). */
  stateDir: string;
  /** SQLite database file. */
  dbPath: string;
  /** Hook spool: one JSON line per hook event (`clearance hook`, the Node hook of older installs). */
  spoolPath: string;
  /** Hook spool dir: one file per hook event, written by the installed shell hook (hookScript). */
  spoolDir: string;
  /** The shell hook `install-hooks` writes and points Claude Code at: a stable path, not a checkout. */
  hookScript: string;
  /** Claude Code config dirs to read transcripts from (`<dir>/projects/**.jsonl`). */
  claudeDirs: string[];
  /** `~/.claude` (or $CLAUDE_CONFIG_DIR's first entry): user settings live here. */
  userClaudeDir: string;
  /** `~/.claude/settings.json`. */
  userSettings: string;
  /** Managed settings file, re-rooted under `--root`. */
  managedSettings: string;
  xdgDataHome: string;
  xdgConfigHome: string;
}

/** Options that decide the paths. */
export interface PathOptions {
  home?: string | undefined;
  root?: string | undefined;
  db?: string | undefined;
  env: NodeJS.ProcessEnv;
}

/** Re-root an absolute system path under `root` ('/' leaves it unchanged). */
export function underRoot(root: string, absolute: string): string {
  return root === '/' ? absolute : path.join(root, absolute);
}

/**
 * Resolve every path. With `--home`, environment overrides that point elsewhere (XDG_*,
 * CLAUDE_CONFIG_DIR, HISTFILE) are ignored, so tests and the demo never see the real home.
 */
export function resolvePaths(options: PathOptions): Paths {
  const { env } = options;
  const isolated = options.home !== undefined;
  const home = path.resolve(options.home ?? env.HOME ?? homedir());
  const root = path.resolve(options.root ?? '/');
  const fromEnv = (name: string): string | undefined => (isolated ? undefined : env[name] || undefined);
  const xdgState = fromEnv('XDG_STATE_HOME') ?? path.join(home, '.local', 'state');
  const xdgDataHome = fromEnv('XDG_DATA_HOME') ?? path.join(home, '.local', 'share');
  const xdgConfigHome = fromEnv('XDG_CONFIG_HOME') ?? path.join(home, '.config');
  const stateDir = path.join(xdgState, 'clearance');
  const configured = fromEnv('CLAUDE_CONFIG_DIR')
    ?.split(',')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => path.resolve(d));
  const claudeDirs = configured?.length
    ? configured
    : [path.join(home, '.claude'), path.join(xdgConfigHome, 'claude')];
  const userClaudeDir = configured?.[0] ?? path.join(home, '.claude');
  return {
    home,
    isolated,
    root,
    stateDir,
    dbPath: path.resolve(options.db ?? path.join(stateDir, 'clearance.db')),
    spoolPath: path.join(stateDir, 'hook-spool.jsonl'),
    spoolDir: path.join(stateDir, 'hook-spool'),
    hookScript: path.join(stateDir, 'hook.sh'),
    claudeDirs,
    userClaudeDir,
    userSettings: path.join(userClaudeDir, 'settings.json'),
    managedSettings: underRoot(root, '/etc/claude-code/managed-settings.json'),
    xdgDataHome,
    xdgConfigHome,
  };
}

/** True when `file` is `dir` or lies under it (lexically; callers resolve links first when it matters). */
export function isWithin(dir: string, file: string): boolean {
  const relative = path.relative(path.resolve(dir), path.resolve(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * May clearance read or write `file`? Always without `--home`; with it, only inside the home:
 * transcripts copied from a real home name real project dirs, which must stay untouched.
 */
export function mayTouch(paths: Pick<Paths, 'home' | 'isolated'>, file: string): boolean {
  return !paths.isolated || isWithin(paths.home, file);
}

/** The one line saying what `--home` kept clearance from touching (null when nothing). */
export function outsideHomeLine(paths: Pick<Paths, 'home'>, dirs: string[]): string | null {
  const unique = [...new Set(dirs)].sort();
  if (unique.length === 0) return null;
  const shown = unique.slice(0, 3).join(', ') + (unique.length > 3 ? `, … ${unique.length - 3} more` : '');
  return `skipped ${unique.length} project${unique.length === 1 ? '' : 's'} outside --home ${paths.home} (not read or written): ${shown}`;
}

/** The project dir a proposal belongs to (for a project rule, the dir above its `.claude/`). */
export function projectOf(s: { project: string | null; target: string }): string {
  return s.project ?? path.dirname(path.dirname(s.target));
}
