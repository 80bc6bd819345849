import { homedir } from 'node:os';
import path from 'node:path';
/** Re-root an absolute system path under `root` ('/' leaves it unchanged). */
export function underRoot(root, absolute) {
    return root === '/' ? absolute : path.join(root, absolute);
}
/**
 * Resolve every path. With `--home`, environment overrides that point elsewhere (XDG_*,
 * CLAUDE_CONFIG_DIR, HISTFILE) are ignored, so tests and the demo never see the real home.
 */
export function resolvePaths(options) {
    const { env } = options;
    const isolated = options.home !== undefined;
    const home = path.resolve(options.home ?? env.HOME ?? homedir());
    const root = path.resolve(options.root ?? '/');
    const fromEnv = (name) => (isolated ? undefined : env[name] || undefined);
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
        root,
        stateDir,
        dbPath: path.resolve(options.db ?? path.join(stateDir, 'clearance.db')),
        spoolPath: path.join(stateDir, 'hook-spool.jsonl'),
        claudeDirs,
        userClaudeDir,
        userSettings: path.join(userClaudeDir, 'settings.json'),
        managedSettings: underRoot(root, '/etc/claude-code/managed-settings.json'),
        xdgDataHome,
        xdgConfigHome,
    };
}
//# sourceMappingURL=paths.js.map