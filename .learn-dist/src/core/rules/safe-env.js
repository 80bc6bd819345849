// Env assignments allow rules may look through (`NODE_ENV=test npm test` still matches
// `Bash(npm test *)`). Anything that can change what runs (PATH, LD_PRELOAD, NODE_OPTIONS,
// PYTHONPATH, BASH_ENV, GIT_SSH_COMMAND, …) is not here: with it in front, allow rules do not match.
// Deny/ask rules match through any assignment.
/** Env names whose leading assignment does not stop an allow rule from matching. */
export const SAFE_ENV_NAMES = new Set([
    'NODE_ENV',
    'CI',
    'DEBUG',
    'TZ',
    'LANG',
    'LANGUAGE',
    'TERM',
    'NO_COLOR',
    'FORCE_COLOR',
    'CLICOLOR',
    'CLICOLOR_FORCE',
    'COLUMNS',
    'LINES',
    'RUST_LOG',
    'RUST_BACKTRACE',
    'CARGO_TERM_COLOR',
    'CARGO_INCREMENTAL',
    'PYTHONUNBUFFERED',
    'PYTHONDONTWRITEBYTECODE',
    'PYTHONWARNINGS',
    'GOOS',
    'GOARCH',
    'CGO_ENABLED',
    'GOFLAGS',
    'PAGER',
    'GIT_PAGER',
    'MANPAGER',
    'LESS',
    'VERBOSE',
    'LOG_LEVEL',
    'NIXPKGS_ALLOW_UNFREE',
    'NIXPKGS_ALLOW_INSECURE',
    'NIXPKGS_ALLOW_BROKEN',
]);
/** True when an assignment to `name` in front of a command keeps allow rules applicable. */
export function isSafeEnvName(name) {
    return SAFE_ENV_NAMES.has(name) || /^LC_[A-Z]+$/.test(name);
}
//# sourceMappingURL=safe-env.js.map