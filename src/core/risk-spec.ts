// The wildcard specification: ONE table saying, per program and per subcommand, whether a
// wildcard rule (`Bash(prog *)`, `Bash(prog sub *)`) may ever be proposed, and why. Allowlist
// first: a wildcard is proposed only where a row here says that EVERYTHING the real client would
// let it match is in the row's risk class. A program or subcommand without a row gets exact rules
// at most, however harmless the approved commands looked: a wildcard is judged by what it could
// match, never by what the user happened to approve. Each row cites its reason (the man page flag
// that writes, deletes, runs another program, reaches the network or escalates).
//
// "client refuses" notes forms the real client refuses by itself under a wildcard
// (docs/../reference real-client.md §3: `find -exec/-execdir/-delete` are refused even under
// `Bash(find *)`); such a form alone does not block a wildcard, but every other form must be safe.

import type { RiskClass } from './types.js';

/** One row: a program (basename), optionally a subcommand path, and whether its wildcard is safe. */
export interface WildcardSpec {
  programs: readonly string[];
  /** Subcommand path (as core/shell's subcommandOf yields it); absent = the program level. */
  sub?: readonly string[];
  /** Script/target names a row covers when `sub` ends in '<name>' (npm run <name>, make <name>). */
  names?: RegExp;
  /** The class of everything the wildcard could match. */
  risk: RiskClass;
  /** May the wildcard be proposed? */
  wildcard: boolean;
  /** Why: for `wildcard: false` the form that is not in the class, for `true` why none is. */
  why: string;
  /** Forms the real client refuses (asks about) by itself under this wildcard. */
  clientRefuses?: string;
  /**
   * The conformance-matrix cases that prove `clientRefuses` (conformance/matrix.json): each is a
   * call the wildcard's words match and the recorded client did not run.
   */
  provenBy?: readonly string[];
  /**
   * Forms the wildcard also matches that run the project's own toolchain configured from the
   * command line (config flags, variables). Listed so a reviewer sees them; the adversarial corpus
   * keeps them in residual.tsv.
   */
  accepted?: string;
}

const readOnly = (programs: string[], why: string): WildcardSpec => ({
  programs,
  risk: 'read-only',
  wildcard: true,
  why,
});
const no = (programs: string[], risk: RiskClass, why: string, sub?: string[]): WildcardSpec =>
  sub ? { programs, sub, risk, wildcard: false, why } : { programs, risk, wildcard: false, why };
const sub = (
  programs: string[],
  path: string[],
  risk: RiskClass,
  why: string,
  accepted?: string,
): WildcardSpec =>
  accepted
    ? { programs, sub: path, risk, wildcard: true, why, accepted }
    : { programs, sub: path, risk, wildcard: true, why };

/** Script and target names that build, test or check (never deploy, release, publish, clean). */
const BUILD_NAMES =
  /^(?:build|test|tests|lint|typecheck|type-check|check|format|fmt|compile|bench|coverage|dev|start|watch|preview|e2e|ci|unit|verify|assemble)(?::[\w:.-]+)?$/;

const NPM_CONFIG =
  'npm-style config flags after the script name (`--script-shell=…`, `--userconfig=…`) configure the run';

/**
 * Test runners, type checkers, linters and formatters: every form runs or checks the project itself
 * and no flag names another program (the classifier in risk-policy.ts uses the same list).
 */
export const PROJECT_CHECKERS: readonly string[] = [
  'tox',
  'nox',
  'golangci-lint',
  'pytest',
  'tsc',
  'vitest',
  'jest',
  'eslint',
  'prettier',
  'ruff',
  'mypy',
  'black',
  'shellcheck',
  'nixfmt',
  'alejandra',
  'statix',
  'deadnix',
  'rustfmt',
  'gofmt',
];

/** The table. Rows for the same program and path are alternatives; any `wildcard: false` row wins. */
export const WILDCARD_SPEC: readonly WildcardSpec[] = [
  // ---- read-only tools: no flag writes, deletes, runs a program or reaches the network
  readOnly(
    ['ls', 'cat', 'head', 'tail', 'wc', 'grep', 'egrep', 'fgrep', 'stat', 'du', 'df', 'pwd'],
    'read files/metadata only; no flag writes or runs a program (coreutils/grep man pages)',
  ),
  readOnly(
    [
      'echo',
      'printf',
      'uname',
      'whoami',
      'id',
      'printenv',
      'uptime',
      'nproc',
      'realpath',
      'which',
      'whereis',
    ],
    'print only (GNU coreutils); `printf -v` is a bash builtin assignment',
  ),
  readOnly(
    [
      'diff',
      'cmp',
      'cut',
      'tr',
      'column',
      'basename',
      'dirname',
      'readlink',
      'seq',
      'sleep',
      'true',
      'false',
    ],
    'filters/compare: output to stdout only; no output-file or exec flag',
  ),
  readOnly(
    ['sha256sum', 'md5sum', 'b2sum', 'sha1sum', 'ps', 'pgrep', 'lsof', 'free', 'procs', 'type', 'test'],
    'read-only inspection; `-c` of the *sum tools reads a list',
  ),
  readOnly(
    ['jq', 'eza', 'exa', 'lsd', 'dust', 'duf', 'tokei', 'hexdump', 'nm', 'objdump', 'strings', 'difft'],
    'read-only viewers; jq has no system()/write builtin',
  ),
  {
    programs: ['mkdir', 'touch'],
    risk: 'file-write',
    wildcard: true,
    why: 'create directories/empty files or update times only; never overwrite content',
  },
  no(['sort'], 'file-write', 'sort -o FILE writes; --compress-program=PROG runs a program'),
  no(['uniq'], 'file-write', 'uniq IN OUT writes OUT'),
  no(['tree'], 'file-write', 'tree -o FILE writes'),
  no(['xxd'], 'file-write', 'xxd -r writes; `xxd IN OUT` writes OUT'),
  no(['file'], 'file-write', 'file -C compiles a magic file (writes .mgc)'),
  no(['date'], 'privilege', 'date -s/--set sets the system clock'),
  no(['hostname'], 'privilege', '`hostname NAME` sets the host name'),
  no(['less', 'more', 'most'], 'inline-code', 'less -o/--log-file writes; `+!cmd`/`!` run a shell'),
  no(['man'], 'inline-code', 'man -P/--pager PAGER and -H/--html BROWSER run a program'),
  no(['bat', 'delta'], 'inline-code', '--pager PAGER runs a program'),
  no(['rg'], 'inline-code', 'rg --pre COMMAND runs a program on every file'),
  no(['fd', 'fdfind'], 'inline-code', 'fd -x/--exec, -X/--exec-batch run a program'),
  {
    programs: ['find'],
    risk: 'read-only',
    wildcard: true,
    why: 'find -exec/-execdir/-ok/-okdir run a program, -delete deletes, -fprint/-fprint0/-fprintf/-fls write: every one of them the client asks about even under Bash(find *), and a start point outside the working directory is blocked',
    clientRefuses:
      '"find with \'-exec\' executes commands or modifies files — cannot be auto-allowed by a Bash(find …) rule" for every action that runs, deletes or writes; an outside start point is blocked',
    provenBy: [
      'find-003',
      'find-004',
      'find-005',
      'find-006',
      'find-007',
      'find-009',
      'find-forms-001',
      'find-forms-002',
      'find-forms-003',
      'find-forms-004',
      'find-forms-005',
      'find-forms-006',
      'find-forms-009',
      'find-forms-010',
    ],
  },
  no(
    ['journalctl'],
    'destructive',
    'journalctl --vacuum-time/--vacuum-size/--vacuum-files delete journals; --rotate/--flush write',
  ),
  no(['tldr'], 'network', 'tldr --update downloads pages'),
  no(['ldd'], 'inline-code', 'ldd may execute the inspected binary (ld.so --list)'),
  no(['htop', 'btm', 'top'], 'destructive', 'interactive: k/F9 kill processes'),
  no(['nix-store'], 'destructive', 'nix-store --delete/--gc delete store paths'),
  no(['env', 'printenv0'], 'inline-code', '`env CMD` runs CMD (and env -S splits a command line)'),
  no(
    ['sed'],
    'file-write',
    'sed -i writes files; the `e` command and s///e run commands; w/W and s///w write',
  ),
  no(
    ['awk', 'gawk', 'mawk', 'nawk'],
    'inline-code',
    'awk system(), `print | "cmd"`, `"cmd" | getline` run commands; print > file writes',
  ),

  // ---- test runners, checkers, formatters: every form runs or checks the project itself
  ...PROJECT_CHECKERS.map((program): WildcardSpec => ({
    programs: [program],
    risk: 'build-test',
    wildcard: true,
    why: 'runs/checks/formats the project; no flag names a program to run',
    ...(program === 'pytest'
      ? { accepted: 'pytest --basetemp=DIR clears DIR; -p MODULE loads a plugin' }
      : program === 'prettier' || program === 'eslint' || program === 'ruff'
        ? { accepted: '--write/--fix rewrite the files named; --plugin/--config load project code' }
        : program === 'tox' || program === 'nox'
          ? { accepted: 'tox -x/--override KEY=VALUE and nox -f NOXFILE change what runs' }
          : {}),
  })),

  // ---- git: only subcommands with no destructive, exec, output-file or network form
  sub(
    ['git'],
    ['commit'],
    'vcs-write',
    "records a commit (reflog keeps the old HEAD); hooks are the repo's own",
  ),
  sub(['git'], ['add'], 'vcs-write', 'stages files; no flag deletes or runs a program'),
  sub(
    ['git'],
    ['stash', 'push'],
    'vcs-write',
    'stash push saves changes (recoverable); clear/drop are other subcommands',
  ),
  no(['git'], 'inline-code', 'git cherry-pick/revert --strategy=NAME runs git-merge-NAME from PATH', [
    'cherry-pick',
  ]),
  no(['git'], 'inline-code', 'git cherry-pick/revert --strategy=NAME runs git-merge-NAME from PATH', [
    'revert',
  ]),
  sub(['git'], ['status'], 'read-only', 'prints the status; no output or exec flag'),
  sub(['git'], ['blame'], 'read-only', 'reads; --contents reads a file'),
  sub(['git'], ['rev-parse'], 'read-only', 'prints object names; no output or exec flag'),
  sub(['git'], ['ls-files'], 'read-only', 'lists the index; no output or exec flag'),
  sub(['git'], ['ls-tree'], 'read-only', 'lists a tree object; no output or exec flag'),
  sub(['git'], ['describe'], 'read-only', 'names a commit; no output or exec flag'),
  sub(['git'], ['merge-base'], 'read-only', 'prints a commit; no output or exec flag'),
  sub(['git'], ['for-each-ref'], 'read-only', 'lists refs (--format only formats)'),
  sub(
    ['git'],
    ['cat-file'],
    'read-only',
    'prints objects (textconv comes from config, not the command line)',
  ),
  no(['git'], 'vcs-write', 'git has destructive subcommands: no program-level wildcard'),
  no(['git'], 'file-write', 'git log/show/diff/whatchanged --output=FILE writes any file', ['log']),
  no(['git'], 'file-write', 'git diff --output=FILE writes any file', ['diff']),
  no(['git'], 'file-write', 'git show --output=FILE writes any file', ['show']),
  no(['git'], 'inline-code', 'git grep -O/--open-files-in-pager=PAGER runs a program', ['grep']),
  no(['git'], 'destructive', 'git checkout -- . / -f discards changes', ['checkout']),
  no(['git'], 'destructive', 'git switch -f/--discard-changes discards changes', ['switch']),
  no(['git'], 'destructive', 'git restore discards working-tree changes', ['restore']),
  no(['git'], 'destructive', 'git reset --hard/--merge/--keep discard changes', ['reset']),
  no(['git'], 'destructive', 'git branch -D/-M/-f delete or move branches', ['branch']),
  no(['git'], 'destructive', 'git tag -d/-f delete or move tags', ['tag']),
  no(['git'], 'inline-code', 'git rebase -x/--exec CMD runs a command', ['rebase']),
  no(['git'], 'network', 'git fetch --upload-pack=CMD runs a program; -f overwrites refs', ['fetch']),
  no(['git'], 'network', 'git pull --upload-pack=CMD runs a program; merges fetched code', ['pull']),
  no(['git'], 'network', 'git push publishes; --force/--delete/+ref rewrite the remote', ['push']),
  no(['git'], 'inline-code', 'git merge -s STRATEGY runs git-merge-STRATEGY', ['merge']),
  no(['git'], 'destructive', 'git mv -f overwrites', ['mv']),
  no(['git'], 'destructive', 'git stash clear/drop delete stashes', ['stash']),
  no(['git'], 'destructive', 'git worktree remove --force deletes a worktree', ['worktree']),
  no(['git'], 'inline-code', 'git init --template copies hooks', ['init']),
  no(['git'], 'file-write', 'git apply --unsafe-paths/--directory writes anywhere', ['apply']),
  no(['git'], 'inline-code', 'git config sets core.pager/alias.*/core.hooksPath (programs)', ['config']),
  no(['git'], 'network', 'git remote set-url/add/remove change where code goes', ['remote']),
  no(['git'], 'destructive', 'git reflog expire/delete drop history', ['reflog']),

  // ---- cargo / go / node package managers / make: the project's own build
  ...['build', 'test', 'check', 'clippy', 'fmt', 'doc', 'bench'].map((s) =>
    sub(
      ['cargo'],
      [s],
      'build-test',
      `cargo ${s} builds/runs the project's own code`,
      'cargo --config KEY=VALUE (target.*.runner, build.rustc-wrapper) names a program',
    ),
  ),
  no(['cargo'], 'build-test', 'cargo run -- ARGS runs the project binary with any arguments', ['run']),
  no(['go'], 'inline-code', 'go test -exec/-toolexec CMD runs a program', ['test']),
  no(['go'], 'inline-code', 'go build -toolexec CMD runs a program', ['build']),
  no(['go'], 'inline-code', 'go vet -vettool=PROG runs a program', ['vet']),
  no(['go'], 'inline-code', 'go run runs any module (`go run pkg@latest` downloads and runs)', ['run']),
  no(['go'], 'inline-code', 'go generate runs the commands of //go:generate lines', ['generate']),
  sub(['go'], ['fmt'], 'build-test', 'go fmt runs gofmt -l -w on the packages'),
  ...['npm', 'pnpm', 'yarn', 'bun'].flatMap((pm): WildcardSpec[] => [
    sub([pm], ['test'], 'build-test', `${pm} test runs the project's test script`, NPM_CONFIG),
    {
      programs: [pm],
      sub: ['run', '<name>'],
      names: BUILD_NAMES,
      risk: 'build-test',
      wildcard: true,
      why: `${pm} run <build/test script> runs the project's own script`,
      accepted: NPM_CONFIG,
    },
    {
      programs: [pm],
      sub: ['<name>'],
      names: /^(?:build|lint|typecheck|format)$/,
      risk: 'build-test',
      wildcard: pm !== 'npm',
      why: `${pm} <script> runs the project's own script (npm: builtin commands)`,
      accepted: NPM_CONFIG,
    },
  ]),
  ...['npx', 'bunx', 'pnpx'].flatMap((runner): WildcardSpec[] =>
    ['vitest', 'tsc', 'eslint', 'prettier', 'jest'].map((tool) =>
      sub(
        [runner],
        [tool],
        'build-test',
        `${runner} ${tool} runs the named test/check tool (fixed package name)`,
        'tool config files are project code',
      ),
    ),
  ),
  ...['make', 'just', 'gmake'].map((program): WildcardSpec => ({
    programs: [program],
    sub: ['<name>'],
    names: BUILD_NAMES,
    risk: 'build-test',
    wildcard: true,
    why: `${program} <build/test target> runs the project's own recipe`,
    accepted: `${program} VAR=VALUE (SHELL=, CC=) overrides what the recipe runs`,
  })),
  ...['mvn', 'gradle', 'gradlew', './gradlew', 'dotnet', 'mix'].map((program): WildcardSpec => ({
    programs: [program],
    sub: ['<name>'],
    names: /^(?:test|build|check|compile|package|verify|assemble)$/,
    risk: 'build-test',
    wildcard: true,
    why: `${program} test/build runs the project's own build`,
    accepted: 'build-tool properties/init scripts (-D…, --init-script) configure the run',
  })),
  ...['test', 'fmt', 'lint', 'check'].map((s) =>
    sub(['deno'], [s], 'build-test', `deno ${s} runs/checks the project`),
  ),

  // ---- nix: reads and the project's own builds; launchers and system changes never
  ...[['build'], ['flake', 'check'], ['fmt']].map((path) =>
    sub(
      ['nix'],
      path,
      'build-test',
      `nix ${path.join(' ')} builds/checks in the sandbox`,
      'nix --option KEY VALUE (post-build-hook, …) configures nix',
    ),
  ),
  ...[
    ['flake', 'show'],
    ['flake', 'metadata'],
    ['path-info'],
    ['why-depends'],
    ['log'],
    ['derivation', 'show'],
    ['search'],
  ].map((path) =>
    sub(
      ['nix'],
      path,
      'read-only',
      `nix ${path.join(' ')} evaluates/reads only`,
      'nix --option KEY VALUE configures nix',
    ),
  ),
  no(['nix'], 'inline-code', 'nix develop -c/--command CMD runs a command', ['develop']),
  no(['nix'], 'inline-code', 'nix shell … --command CMD runs a command', ['shell']),
  no(['nix'], 'inline-code', 'nix run INSTALLABLE -- ARGS runs any package', ['run']),

  // ---- clusters, clouds, services: read forms only
  ...[['get'], ['describe'], ['logs'], ['top'], ['explain'], ['version']].map((path) =>
    sub(['kubectl'], path, 'read-only', `kubectl ${path[0]} reads the cluster`),
  ),
  ...[
    ['ps'],
    ['images'],
    ['logs'],
    ['inspect'],
    ['version'],
    ['info'],
    ['compose', 'ps'],
    ['compose', 'logs'],
  ].map((path) => sub(['docker', 'podman'], path, 'read-only', `${path.join(' ')} reads container state`)),
  no(['docker', 'podman'], 'file-write', 'docker build -o/--output DEST writes anywhere', ['build']),
  ...[
    ['pr', 'view'],
    ['pr', 'list'],
    ['pr', 'diff'],
    ['pr', 'checks'],
    ['issue', 'view'],
    ['issue', 'list'],
    ['run', 'view'],
    ['run', 'list'],
  ].map((path) => sub(['gh'], path, 'read-only', `gh ${path.join(' ')} reads GitHub`)),
  ...[['status'], ['list-units'], ['list-timers'], ['is-active'], ['is-enabled'], ['cat'], ['show']].map(
    (path) => sub(['systemctl'], path, 'read-only', `systemctl ${path[0]} reads unit state`),
  ),
  ...[['plan'], ['validate'], ['fmt'], ['show']].map((path) =>
    sub(
      ['terraform', 'tofu'],
      path,
      'build-test',
      `terraform ${path[0]} plans/checks/formats the project (its providers are project code)`,
      'terraform plan -out=FILE writes the plan file where told',
    ),
  ),
  no(['nix'], 'file-write', 'nix eval --write-to PATH writes files', ['eval']),
  no(['helm'], 'file-write', 'helm template --output-dir DIR writes files', ['template']),
  ...[['list'], ['lint'], ['status']].map((path) =>
    sub(['helm'], path, 'read-only', `helm ${path[0]} reads`),
  ),
];

function rowMatches(row: WildcardSpec, program: string, words: readonly string[]): boolean {
  if (!row.programs.includes(program)) return false;
  const path = row.sub ?? [];
  if (path.length !== words.length) return false;
  return path.every((w, i) => (w === '<name>' ? row.names?.test(words[i] ?? '') === true : w === words[i]));
}

/** The verdict of the spec on a wildcard over `program words… *`. */
export interface WildcardVerdict {
  allowed: boolean;
  risk: RiskClass;
  why: string;
}

/**
 * May `Bash(program words… *)` be proposed? Only when a row allows exactly that prefix and no row
 * for it says no. Programs and paths without a row: never (exact rules at most).
 */
export function wildcardVerdict(program: string, words: readonly string[]): WildcardVerdict {
  const rows = WILDCARD_SPEC.filter((row) => rowMatches(row, program, words));
  const refusal = rows.find((row) => !row.wildcard);
  if (refusal) return { allowed: false, risk: refusal.risk, why: refusal.why };
  const allow = rows.find((row) => row.wildcard);
  if (allow) return { allowed: true, risk: allow.risk, why: allow.why };
  return {
    allowed: false,
    risk: 'unknown',
    why:
      words.length === 0
        ? `no wildcard specification for ${program}: exact rules only`
        : `no wildcard specification for ${program} ${words.join(' ')}: exact rules only`,
  };
}
