// Env assignments allow rules may look through (`NODE_ENV=test npm test` still matches
// `Bash(npm test *)`), as the real client 2.1.328 was recorded doing (conformance/matrix.json, groups
// env and env-readonly). Anything that can change what runs (PATH, LD_PRELOAD, NODE_OPTIONS,
// PYTHONPATH, BASH_ENV, GIT_SSH_COMMAND, GOFLAGS, …) is not here, and neither are names the client
// asks about although they look harmless (DEBUG, PAGER, GIT_PAGER, LESS, VERBOSE, LOG_LEVEL,
// CARGO_TERM_COLOR, NIXPKGS_ALLOW_*). Values count too: only a plain unquoted word, non-empty, and a
// locale for LANG/LC_* (`LANG=C` passes, `LANG=1`, `CI=`, `NODE_ENV='x'`, `X=$Y` do not).
// Deny/ask rules match through any assignment.

/** Env names whose leading assignment does not stop an allow rule from matching. */
export const SAFE_ENV_NAMES: ReadonlySet<string> = new Set([
  'NODE_ENV',
  'CI',
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
  'PYTHONUNBUFFERED',
  'PYTHONDONTWRITEBYTECODE',
  'GOOS',
  'GOARCH',
  'CGO_ENABLED',
  'GIT_TERMINAL_PROMPT',
]);

/** True when an assignment to `name` in front of a command keeps allow rules applicable (value unseen). */
export function isSafeEnvName(name: string): boolean {
  return SAFE_ENV_NAMES.has(name) || /^LC_[A-Z]+$/.test(name);
}

const PLAIN_VALUE = /^[A-Za-z0-9_./-]+$/;
const LOCALE_VALUE = /^(?:C|POSIX|C\.UTF-8|[a-z]{2,3}(?:_[A-Z]{2})?(?:\.[A-Za-z0-9-]+)?)$/;

/**
 * True when `name=value` (value as written, unquoted word) in front of a command keeps allow rules
 * applicable. Called at parse time; only the verdict is stored.
 */
export function isSafeEnvAssignment(name: string, value: string): boolean {
  if (!isSafeEnvName(name) || !PLAIN_VALUE.test(value)) return false;
  if (name === 'LANG' || name === 'LANGUAGE' || name.startsWith('LC_')) return LOCALE_VALUE.test(value);
  return true;
}

/** The env verdict of a segment: the parse-time value check when known, else the names alone. */
export function segmentEnvSafe(segment: { envNames: readonly string[]; envSafe?: boolean }): boolean {
  if (segment.envNames.length === 0) return true;
  return (segment.envSafe ?? true) && segment.envNames.every(isSafeEnvName);
}
