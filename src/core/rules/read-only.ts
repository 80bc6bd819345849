// Claude Code's built-in read-only commands: they never prompt in any mode and are not
// configurable, so they never need rules and never count as prompts. The set and its flag checks
// follow what the real client 2.1.328 was recorded doing (conformance/matrix.json, group readonly):
// wider than the docs (`rg`, `fd`, `jq`, `sed -n`, `ps`, `md5sum`, `docker ps` …) and narrower
// (`env`, `printenv`, `git show-ref`, `uniq FILE`, `… | xargs cat` prompt). A program the matrix
// has no case for stays out. Paths outside the working directory are checked separately
// (bash-paths.ts), as are env assignments' values and shell constructs (evaluate.ts).

import { programName } from '../shell/parse-command.js';
import type { CommandSegment } from '../types.js';
import { segmentEnvSafe } from './safe-env.js';

type ArgCheck = (args: readonly string[]) => boolean;

const always: ArgCheck = () => true;
const noFlag =
  (...flags: string[]): ArgCheck =>
  (args) =>
    !args.some((a) =>
      flags.some(
        (f) =>
          a === f ||
          a.startsWith(`${f}=`) ||
          (f.length === 2 && !f.startsWith('--') && a.startsWith(f) && a.length > 2 && !a.startsWith('--')),
      ),
    );
const onlyFlags: ArgCheck = (args) => args.every((a) => a.startsWith('-'));
const positionals = (args: readonly string[]): string[] =>
  args.filter((a) => !a.startsWith('-') || a === '-');

const FIND_WRITES = [
  '-exec',
  '-execdir',
  '-ok',
  '-okdir',
  '-delete',
  '-fprint',
  '-fprint0',
  '-fprintf',
  '-fls',
];

// `fd -x`/`-X` run a command per match; also inside a short-flag cluster (`-Hx`).
const fdCheck: ArgCheck = (args) =>
  !args.some(
    (a) => a === '--exec' || a === '--exec-batch' || (/^-[A-Za-z]*[xX]/.test(a) && !a.startsWith('--')),
  );

// A sed script that only prints: addresses (`1`, `$`, `1,3`, `/re/`) and `p`, `;`-separated.
const SED_PRINT_ONLY = /^[\s\d,$p;!~+-]*$/;
function sedScriptPrintsOnly(script: string): boolean {
  return SED_PRINT_ONLY.test(script.replace(/\/(?:[^/\\]|\\.)*\//g, ''));
}

/** `sed -n 'Np'`: quiet and print-only; `-i`, `w`, `e`, script files and plain `sed s/…/` are not. */
export function sedIsReadOnly(args: readonly string[]): boolean {
  let quiet = false;
  const scripts: string[] = [];
  let positionalScript = true;
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? '';
    if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-e' || a === '--expression') {
      scripts.push(args[i + 1] ?? '');
      positionalScript = false;
      i += 1;
    } else if (a.startsWith('--expression=')) {
      scripts.push(a.slice('--expression='.length));
      positionalScript = false;
    } else if (/^-[nEersuz]+$/.test(a)) quiet ||= a.includes('n');
    else if (a.startsWith('-')) return false;
    else if (positionalScript) {
      scripts.push(a);
      positionalScript = false;
    }
  }
  return quiet && scripts.length > 0 && scripts.every(sedScriptPrintsOnly);
}

const versionOnly =
  (...flags: string[]): ArgCheck =>
  (args) =>
    args.length === 1 && flags.includes(args[0] ?? '');

/** Read-only programs and, where flags can make them write, the check their args must pass. */
const READ_ONLY: Readonly<Record<string, ArgCheck>> = {
  ls: always,
  cat: always,
  echo: always,
  printf: noFlag('-v'),
  pwd: always,
  head: always,
  tail: always,
  grep: always,
  egrep: always,
  fgrep: always,
  find: (args) => !args.some((a) => FIND_WRITES.includes(a)),
  wc: always,
  which: always,
  type: always,
  diff: always,
  stat: always,
  du: always,
  cd: always,
  file: always,
  tree: noFlag('-o'),
  realpath: always,
  basename: always,
  dirname: always,
  readlink: always,
  whoami: always,
  id: always,
  uname: always,
  true: always,
  false: always,
  ':': always,
  test: always,
  '[': always,
  '[[': always,
  date: noFlag('-s', '--set'),
  hostname: onlyFlags,
  sort: noFlag('-o', '--output'),
  uniq: (args) => positionals(args).length === 0,
  cut: always,
  tr: always,
  nl: always,
  rg: noFlag('--pre', '--pre-glob'),
  fd: fdCheck,
  jq: always,
  sed: sedIsReadOnly,
  ps: always,
  md5sum: always,
  sha1sum: always,
  sha256sum: always,
  base64: always,
  od: always,
  hexdump: always,
  strings: always,
  cmp: always,
  comm: always,
  seq: always,
  sleep: always,
  uptime: always,
  free: always,
  df: always,
  column: always,
  man: noFlag('-P', '--pager', '-H', '--html', '-B', '--browser', '-R', '--recode'),
  lsof: always,
  tac: always,
  rev: always,
  fold: always,
  fmt: always,
  paste: always,
  expand: always,
  unexpand: always,
  numfmt: always,
  expr: always,
  locale: always,
  nproc: always,
  arch: always,
  groups: always,
  netstat: always,
  ss: noFlag('-K', '--kill'),
  ip: (args) =>
    ['addr', 'address', 'a'].includes(args[0] ?? '') &&
    (args.length === 1 || (args.length === 2 && ['show', 'list'].includes(args[1] ?? ''))),
  docker: (args) => ['ps', 'images', 'logs'].includes(args[0] ?? ''),
  python3: versionOnly('--version', '-V'),
  node: versionOnly('--version', '-v'),
};

// git subcommands that only read (global -C/-c make it "git in another dir/config": not counted).
const GIT_READ_ONLY: Readonly<Record<string, ArgCheck>> = {
  status: always,
  diff: noFlag('--output'),
  log: noFlag('--output'),
  show: noFlag('--output'),
  blame: always,
  shortlog: always,
  describe: always,
  'rev-parse': always,
  'rev-list': always,
  'ls-files': always,
  'ls-tree': always,
  'cat-file': always,
  grep: always,
  'merge-base': always,
  'for-each-ref': always,
  'name-rev': always,
  'ls-remote': always,
  whatchanged: always,
  'count-objects': always,
  'check-ignore': always,
  version: always,
  help: always,
  branch: (args) =>
    !args.some((a) =>
      /^(?:-[dDmMcCfu]|--(?:delete|move|copy|force|set-upstream-to|unset-upstream|edit-description|track|no-track))/.test(
        a,
      ),
    ) &&
    (positionals(args).length === 0 ||
      args.some(
        (a) =>
          a === '--list' ||
          a === '-l' ||
          a.startsWith('--contains') ||
          a.startsWith('--merged') ||
          a.startsWith('--no-merged') ||
          a.startsWith('--points-at'),
      )),
  tag: (args) => args.length === 0 || args.some((a) => a === '-l' || a === '--list'),
  remote: (args) =>
    args.every((a) => a === '-v' || a === '--verbose') || args[0] === 'show' || args[0] === 'get-url',
  stash: (args) => args[0] === 'list' || args[0] === 'show',
  worktree: (args) => args[0] === 'list',
  reflog: (args) => args.length === 0 || args[0] === 'show',
  config: (args) =>
    args.length > 0 &&
    args.some((a) => /^(?:--get|--get-all|--get-regexp|--list|-l)$/.test(a)) &&
    !args.some((a) => /^--(?:add|unset|unset-all|replace-all|rename-section|remove-section|edit)$/.test(a)),
};

function gitIsReadOnly(argv: readonly string[]): boolean {
  const sub = argv[1];
  if (sub === undefined || sub.startsWith('-')) return false;
  const check = Object.hasOwn(GIT_READ_ONLY, sub) ? GIT_READ_ONLY[sub] : undefined;
  return check !== undefined && check(argv.slice(2));
}

/** True when a segment is in Claude Code's built-in read-only set (never prompts). */
export function isBuiltinReadOnly(segment: CommandSegment): boolean {
  return !segment.redirects.some((r) => r !== '/dev/null') && isReadOnlyProgram(segment);
}

/**
 * The program and its arguments are in the read-only set (its output redirects aside: those need
 * their own approval, which an Edit allow rule can give).
 */
export function isReadOnlyProgram(segment: CommandSegment): boolean {
  if (!segmentEnvSafe(segment)) return false;
  if (segment.construct !== undefined && segment.inner !== true) return false;
  // `… | xargs cat` prompts: what xargs feeds the program is not known before it runs.
  if (segment.wrappers.includes('xargs')) return false;
  // Absolute/relative program paths (`./ls`) are not the builtin set.
  if (segment.program.includes('/')) return false;
  const name = programName(segment);
  const args = segment.argv.slice(1);
  // Expansions can turn into anything at run time.
  if (segment.argv.some((a) => a.includes('$(') || a.includes('`'))) return false;
  if (name === 'git') return gitIsReadOnly(segment.argv);
  const check = Object.hasOwn(READ_ONLY, name) ? READ_ONLY[name] : undefined;
  return check !== undefined && check(args);
}

const EXACT_ONLY_PROGRAMS = new Set(['watch', 'setsid', 'ionice', 'flock']);

/** True when Claude Code accepts only an exact rule for this segment (no prefix/wildcard approval). */
export function needsExactRule(segment: CommandSegment): boolean {
  const name = programName(segment);
  if (EXACT_ONLY_PROGRAMS.has(name)) return true;
  return name === 'find' && segment.argv.some((a) => FIND_WRITES.includes(a));
}
