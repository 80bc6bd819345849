// The risk policy: ONE table deciding, for a Bash simple command, its risk class and the broadest
// rule level clearance may ever propose for it. Everything about "is this safe to generalize" is
// decided here, so a reviewer can audit the policy in one screen instead of chasing scattered ifs.

import type { ParsedCommand, RiskClass, RuleLevel } from './types.js';

/** The Bash rule breadths, narrowest first. */
export type BashLevel = 'exact' | 'subcommand' | 'program';

/** How readily an allow rule may be proposed for a class. */
export type AutoAllow = 'yes' | 'more-evidence' | 'overwhelming' | 'never';

/** One row of the policy table. */
export interface RiskEntry {
  /** Program basenames the row applies to. */
  programs: string[];
  /** Subcommand path prefix (`['push']`, `['flake','check']`); absent = any. */
  sub?: string[];
  /** The row applies only when an argument matches (flags such as `-rf`, `--force`). */
  args?: RegExp;
  /** The row applies only when the command has no argument after the program (a shell reading stdin). */
  noArgs?: boolean;
  risk: RiskClass;
  /** Broadest level clearance may propose; `null` = never an allow rule. */
  maxLevel: BashLevel | null;
  why: string;
}

const ro = (programs: string[], why = 'read-only tool'): RiskEntry => ({
  programs,
  risk: 'read-only',
  maxLevel: 'program',
  why,
});

// Order does not matter: every matching row applies and the most restrictive one wins.
/** The policy table (program / subcommand / flag pattern → class and broadest level). */
export const RISK_TABLE: RiskEntry[] = [
  // read-only tools: program level is fine
  ro(['jq', 'yq', 'bat', 'eza', 'exa', 'tree', 'lsd', 'dust', 'duf', 'tokei', 'hexdump', 'xxd', 'file']),
  ro([
    'ls',
    'cat',
    'head',
    'tail',
    'wc',
    'grep',
    'egrep',
    'fgrep',
    'which',
    'whereis',
    'stat',
    'du',
    'df',
    'pwd',
  ]),
  ro([
    'echo',
    'printf',
    'date',
    'uname',
    'whoami',
    'id',
    'env',
    'printenv',
    'hostname',
    'uptime',
    'nproc',
    'realpath',
  ]),
  ro([
    'diff',
    'cmp',
    'sort',
    'uniq',
    'cut',
    'tr',
    'column',
    'less',
    'more',
    'basename',
    'dirname',
    'readlink',
  ]),
  ro([
    'sha256sum',
    'md5sum',
    'b2sum',
    'nix-store',
    'ps',
    'pgrep',
    'lsof',
    'free',
    'htop',
    'btm',
    'procs',
    'man',
  ]),
  ro(['tldr', 'type', 'true', 'false', 'test', 'sleep', 'seq', 'ldd', 'nm', 'objdump', 'strings', 'difft']),
  // Read-only tools that can also run any program through a flag (rg --pre, fd --exec, find
  // -exec, bat/delta --pager). A Claude Code rule cannot exclude a flag, so `Bash(fd *)` would
  // approve `fd . -x rm {}` too: exact rules only.
  ...(
    [
      ['rg', 'rg --pre runs a program; a wildcard rule would allow it'],
      ['fd', 'fd --exec runs a program; a wildcard rule would allow it'],
      ['bat', 'bat --pager runs a program; a wildcard rule would allow it'],
      ['delta', 'delta --pager runs a program; a wildcard rule would allow it'],
    ] as const
  ).map(([program, why]): RiskEntry => ({ programs: [program], risk: 'read-only', maxLevel: 'exact', why })),
  // …and with the flag itself present, not even an exact allow
  {
    programs: ['rg'],
    args: /^--pre(=|$)/,
    risk: 'inline-code',
    maxLevel: null,
    why: 'rg --pre runs a program',
  },
  {
    programs: ['fd'],
    args: /^(-x|-X|--exec|--exec-batch)$/,
    risk: 'inline-code',
    maxLevel: null,
    why: 'fd --exec runs a program',
  },
  {
    programs: ['find'],
    risk: 'read-only',
    maxLevel: 'exact',
    why: 'find -exec/-delete runs or deletes; before Claude Code 2.1.113 a wildcard rule allowed them',
  },
  {
    programs: ['find'],
    args: /^-(exec|execdir|ok|okdir|delete|fprint.*)$/,
    risk: 'destructive',
    maxLevel: null,
    why: 'find -exec/-delete runs or deletes',
  },
  {
    programs: ['env'],
    args: /^[^-][^=]*$/,
    risk: 'inline-code',
    maxLevel: null,
    why: 'env runs another program',
  },

  // git: subcommand level at most; read-only forms, writes, and the destructive forms
  { programs: ['git'], risk: 'vcs-write', maxLevel: 'subcommand', why: 'git has destructive subcommands' },
  ...[
    'status',
    'diff',
    'log',
    'show',
    'blame',
    'rev-parse',
    'ls-files',
    'ls-tree',
    'grep',
    'describe',
    'shortlog',
    'reflog',
    'cat-file',
    'merge-base',
    'for-each-ref',
    'rev-list',
    'whatchanged',
  ].map((sub): RiskEntry => ({
    programs: ['git'],
    sub: [sub],
    risk: 'read-only',
    maxLevel: 'subcommand',
    why: 'read-only git form',
  })),
  ...[
    'commit',
    'add',
    'checkout',
    'switch',
    'stash',
    'restore',
    'merge',
    'rebase',
    'cherry-pick',
    'tag',
    'mv',
    'worktree',
    'fetch',
    'pull',
    'init',
    'apply',
    'am',
    'notes',
  ].map((sub): RiskEntry => ({
    programs: ['git'],
    sub: [sub],
    risk: 'vcs-write',
    maxLevel: 'subcommand',
    why: 'git write',
  })),
  // a wildcard on these would also cover their destructive flags (`git push *` covers `--force`)
  { programs: ['git'], sub: ['push'], risk: 'network', maxLevel: 'exact', why: 'git push publishes' },
  { programs: ['git'], sub: ['branch'], risk: 'vcs-write', maxLevel: 'exact', why: 'git branch * covers -D' },
  {
    programs: ['git'],
    sub: ['reset'],
    risk: 'vcs-write',
    maxLevel: 'exact',
    why: 'git reset * covers --hard',
  },
  {
    programs: ['git'],
    sub: ['remote'],
    risk: 'vcs-write',
    maxLevel: 'exact',
    why: 'git remote changes remotes',
  },
  {
    programs: ['git'],
    sub: ['config'],
    risk: 'vcs-write',
    maxLevel: 'exact',
    why: 'git config changes settings',
  },
  { programs: ['git'], sub: ['rm'], risk: 'destructive', maxLevel: null, why: 'git rm deletes files' },
  { programs: ['git'], sub: ['clean'], risk: 'destructive', maxLevel: null, why: 'git clean deletes files' },
  {
    programs: ['git'],
    sub: ['reset'],
    args: /^--hard$/,
    risk: 'destructive',
    maxLevel: null,
    why: 'git reset --hard',
  },
  {
    programs: ['git'],
    sub: ['push'],
    args: /^(--force|-f|--force-with-lease(=.*)?|--mirror|--delete|-d|\+.*)$/,
    risk: 'destructive',
    maxLevel: null,
    why: 'force push / remote delete',
  },
  {
    programs: ['git'],
    sub: ['branch'],
    args: /^(-D|-d|--delete|-M|--force|-f)$/,
    risk: 'destructive',
    maxLevel: null,
    why: 'git branch -D',
  },
  {
    programs: ['git'],
    sub: ['checkout'],
    args: /^(--|\.|-f|--force)$/,
    risk: 'destructive',
    maxLevel: null,
    why: 'git checkout -- discards changes',
  },
  {
    programs: ['git'],
    sub: ['stash'],
    args: /^(drop|clear)$/,
    risk: 'destructive',
    maxLevel: null,
    why: 'git stash drop',
  },
  { programs: ['git'], sub: ['filter-branch'], risk: 'destructive', maxLevel: null, why: 'rewrites history' },
  { programs: ['gh'], risk: 'network', maxLevel: 'subcommand', why: 'GitHub CLI' },
  ...[
    ['pr', 'view'],
    ['pr', 'list'],
    ['pr', 'diff'],
    ['pr', 'checks'],
    ['issue', 'view'],
    ['issue', 'list'],
    ['run', 'view'],
    ['run', 'list'],
  ].map((sub): RiskEntry => ({
    programs: ['gh'],
    sub,
    risk: 'read-only',
    maxLevel: 'subcommand',
    why: 'gh read form',
  })),
  { programs: ['gh'], sub: ['api'], risk: 'network', maxLevel: 'exact', why: 'gh api can write anything' },
  {
    programs: ['gh'],
    sub: ['repo', 'delete'],
    risk: 'destructive',
    maxLevel: null,
    why: 'deletes a repository',
  },

  // build and test runners: subcommand level
  ...[
    'cargo',
    'go',
    'mix',
    'gradle',
    './gradlew',
    'mvn',
    'dotnet',
    'deno',
    'bun',
    'zig',
    'stack',
    'cabal',
    'dune',
  ].map((program): RiskEntry => ({
    programs: [program],
    risk: 'build-test',
    maxLevel: 'subcommand',
    why: 'build/test runner',
  })),
  ...['npm', 'pnpm', 'yarn'].map((program): RiskEntry => ({
    programs: [program],
    risk: 'build-test',
    maxLevel: 'subcommand',
    why: 'package scripts',
  })),
  // task runners: a target can be anything (`make deploy`), so one target at a time
  ...['make', 'just', 'ninja', 'cmake', 'meson'].map((program): RiskEntry => ({
    programs: [program],
    risk: 'build-test',
    maxLevel: 'subcommand',
    why: 'task runner',
  })),
  // test runners, type checkers, linters, formatters: every form runs or checks the project
  ...[
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
  ].map((program): RiskEntry => ({
    programs: [program],
    risk: 'build-test',
    maxLevel: 'program',
    why: 'test runner / checker',
  })),
  ...[
    ['install'],
    ['add'],
    ['i'],
    ['ci'],
    ['remove'],
    ['uninstall'],
    ['update'],
    ['upgrade'],
    ['publish'],
    ['link'],
  ].flatMap((sub) =>
    ['npm', 'pnpm', 'yarn', 'bun', 'cargo', 'go', 'pip', 'pip3', 'uv', 'poetry', 'gem', 'nix-env', 'nix'].map(
      (program): RiskEntry => ({
        programs: [program],
        sub,
        risk: 'package-install',
        maxLevel: 'subcommand',
        why: 'installs or removes packages',
      }),
    ),
  ),
  {
    programs: ['npm', 'pnpm', 'yarn', 'cargo'],
    sub: ['publish'],
    risk: 'network',
    maxLevel: 'exact',
    why: 'publishes',
  },
  ...['npx', 'pnpx', 'bunx', 'uvx'].map((program): RiskEntry => ({
    programs: [program],
    risk: 'package-install',
    maxLevel: 'subcommand',
    why: 'runs a fetched package',
  })),
  ...['pip', 'pip3', 'uv', 'poetry'].map((program): RiskEntry => ({
    programs: [program],
    risk: 'package-install',
    maxLevel: 'subcommand',
    why: 'python packaging',
  })),

  // nix: read forms program-ish, builds subcommand, system switches destructive
  {
    programs: ['nix'],
    risk: 'build-test',
    maxLevel: 'subcommand',
    why: 'nix has system-changing subcommands',
  },
  ...[
    ['eval'],
    ['search'],
    ['flake', 'show'],
    ['flake', 'metadata'],
    ['path-info'],
    ['why-depends'],
    ['log'],
    ['derivation', 'show'],
    ['hash'],
  ].map((sub): RiskEntry => ({
    programs: ['nix'],
    sub,
    risk: 'read-only',
    maxLevel: 'subcommand',
    why: 'nix read form',
  })),
  ...[['build'], ['flake', 'check'], ['develop'], ['fmt'], ['flake', 'update'], ['flake', 'lock']].map(
    (sub): RiskEntry => ({
      programs: ['nix'],
      sub,
      risk: 'build-test',
      maxLevel: 'subcommand',
      why: 'nix build',
    }),
  ),
  {
    programs: ['nix'],
    sub: ['run'],
    risk: 'inline-code',
    maxLevel: 'exact',
    why: 'nix run executes a package',
  },
  {
    programs: ['nix'],
    sub: ['shell'],
    risk: 'inline-code',
    maxLevel: 'exact',
    why: 'nix shell --command executes',
  },
  { programs: ['nix-shell'], risk: 'inline-code', maxLevel: 'exact', why: 'nix-shell --run executes' },
  {
    programs: ['nix-build', 'nix-instantiate'],
    risk: 'build-test',
    maxLevel: 'subcommand',
    why: 'nix build',
  },
  {
    programs: ['nixos-rebuild', 'darwin-rebuild', 'home-manager'],
    risk: 'privilege',
    maxLevel: 'subcommand',
    why: 'changes the system',
  },
  ...[['build'], ['dry-build'], ['dry-activate'], ['build-vm']].map((sub): RiskEntry => ({
    programs: ['nixos-rebuild'],
    sub,
    risk: 'build-test',
    maxLevel: 'subcommand',
    why: 'builds only',
  })),
  ...[['switch'], ['boot'], ['test']].map((sub): RiskEntry => ({
    programs: ['nixos-rebuild', 'darwin-rebuild'],
    sub,
    risk: 'destructive',
    maxLevel: null,
    why: 'activates a system',
  })),
  { programs: ['nix-collect-garbage'], risk: 'destructive', maxLevel: 'exact', why: 'deletes store paths' },
  {
    programs: ['nix-collect-garbage'],
    args: /^(-d|--delete-old|--delete-older-than)$/,
    risk: 'destructive',
    maxLevel: null,
    why: 'deletes generations',
  },
  {
    programs: ['nix'],
    sub: ['store', 'gc'],
    risk: 'destructive',
    maxLevel: null,
    why: 'deletes store paths',
  },
  {
    programs: ['nix'],
    sub: ['store', 'delete'],
    risk: 'destructive',
    maxLevel: null,
    why: 'deletes store paths',
  },

  // containers and services
  { programs: ['docker', 'podman'], risk: 'unknown', maxLevel: 'subcommand', why: 'container runtime' },
  ...[
    ['ps'],
    ['images'],
    ['logs'],
    ['inspect'],
    ['version'],
    ['info'],
    ['compose', 'ps'],
    ['compose', 'logs'],
  ].map((sub): RiskEntry => ({
    programs: ['docker', 'podman'],
    sub,
    risk: 'read-only',
    maxLevel: 'subcommand',
    why: 'container read form',
  })),
  ...[['build'], ['compose', 'build']].map((sub): RiskEntry => ({
    programs: ['docker', 'podman'],
    sub,
    risk: 'build-test',
    maxLevel: 'subcommand',
    why: 'image build',
  })),
  ...[['run'], ['exec'], ['compose', 'run'], ['compose', 'exec']].map((sub): RiskEntry => ({
    programs: ['docker', 'podman'],
    sub,
    risk: 'inline-code',
    maxLevel: 'exact',
    why: 'runs arbitrary code',
  })),
  ...[
    ['rm'],
    ['rmi'],
    ['system', 'prune'],
    ['volume', 'rm'],
    ['volume', 'prune'],
    ['image', 'prune'],
    ['container', 'prune'],
    ['compose', 'down'],
    ['kill'],
  ].map((sub): RiskEntry => ({
    programs: ['docker', 'podman'],
    sub,
    risk: 'destructive',
    maxLevel: null,
    why: 'removes containers or data',
  })),
  { programs: ['kubectl'], risk: 'unknown', maxLevel: 'subcommand', why: 'cluster client' },
  ...[['get'], ['describe'], ['logs'], ['top'], ['explain'], ['version']].map((sub): RiskEntry => ({
    programs: ['kubectl'],
    sub,
    risk: 'read-only',
    maxLevel: 'subcommand',
    why: 'kubectl read form',
  })),
  ...[['delete'], ['drain'], ['scale'], ['replace']].map((sub): RiskEntry => ({
    programs: ['kubectl'],
    sub,
    risk: 'destructive',
    maxLevel: null,
    why: 'changes a cluster destructively',
  })),
  { programs: ['kubectl'], sub: ['exec'], risk: 'inline-code', maxLevel: 'exact', why: 'runs code in a pod' },
  { programs: ['systemctl'], risk: 'privilege', maxLevel: 'subcommand', why: 'service manager' },
  ...[['status'], ['list-units'], ['list-timers'], ['is-active'], ['is-enabled'], ['cat'], ['show']].map(
    (sub): RiskEntry => ({
      programs: ['systemctl'],
      sub,
      risk: 'read-only',
      maxLevel: 'subcommand',
      why: 'systemctl read form',
    }),
  ),
  ...[['stop'], ['disable'], ['mask'], ['kill'], ['poweroff'], ['reboot'], ['halt']].map(
    (sub): RiskEntry => ({
      programs: ['systemctl'],
      sub,
      risk: 'destructive',
      maxLevel: null,
      why: 'stops services',
    }),
  ),
  ro(['journalctl'], 'reads logs'),

  // privilege
  ...['sudo', 'doas', 'su', 'pkexec', 'run0'].map((program): RiskEntry => ({
    programs: [program],
    risk: 'privilege',
    maxLevel: null,
    why: 'runs as another user',
  })),
  // destruction
  ...[
    'rm',
    'rmdir',
    'dd',
    'shred',
    'wipefs',
    'truncate',
    'srm',
    'fdisk',
    'parted',
    'sgdisk',
    'kill',
    'pkill',
    'killall',
    'xkill',
    'reboot',
    'shutdown',
    'poweroff',
    'halt',
    'crontab',
    'userdel',
    'chattr',
  ].map((program): RiskEntry => ({
    programs: [program],
    risk: 'destructive',
    maxLevel: null,
    why: 'destroys data or processes',
  })),
  { programs: ['mkfs'], risk: 'destructive', maxLevel: null, why: 'formats a filesystem' },
  ...['chmod', 'chown', 'chgrp'].map((program): RiskEntry => ({
    programs: [program],
    risk: 'file-write',
    maxLevel: 'exact',
    why: 'changes permissions',
  })),
  ...['chmod', 'chown', 'chgrp'].map((program): RiskEntry => ({
    programs: [program],
    args: /^(-R|--recursive|-[a-zA-Z]*R[a-zA-Z]*)$/,
    risk: 'destructive',
    maxLevel: null,
    why: 'recursive permission change',
  })),
  // file writes: exact only (a wildcard on mv/cp/sed covers overwriting anything)
  ...['mv', 'cp', 'ln', 'tee', 'sed', 'awk', 'gawk', 'patch', 'install', 'rsync'].map(
    (program): RiskEntry => ({
      programs: [program],
      risk: 'file-write',
      maxLevel: 'exact',
      why: 'writes files',
    }),
  ),
  ...['mkdir', 'touch'].map((program): RiskEntry => ({
    programs: [program],
    risk: 'file-write',
    maxLevel: 'program',
    why: 'creates files or dirs only',
  })),
  {
    programs: ['awk', 'gawk'],
    args: /system\(|\|/,
    risk: 'inline-code',
    maxLevel: null,
    why: 'awk runs commands',
  },
  // inline code
  ...['bash', 'sh', 'zsh', 'fish', 'dash', 'ksh', 'nu'].flatMap((program): RiskEntry[] => [
    { programs: [program], risk: 'inline-code', maxLevel: 'exact', why: 'runs a script' },
    {
      programs: [program],
      args: /^-[a-z]*c$/,
      risk: 'inline-code',
      maxLevel: null,
      why: `${program} -c runs inline code`,
    },
    {
      programs: [program],
      noArgs: true,
      risk: 'download-exec',
      maxLevel: null,
      why: `${program} runs what it reads`,
    },
  ]),
  ...[
    'python',
    'python3',
    'python2',
    'node',
    'ruby',
    'perl',
    'php',
    'lua',
    'Rscript',
    'julia',
    'osascript',
  ].flatMap((program): RiskEntry[] => [
    { programs: [program], risk: 'inline-code', maxLevel: 'subcommand', why: 'runs a script' },
    {
      programs: [program],
      args: /^(-c|-e|-p|-E|--eval|--print|-r|-)$/,
      risk: 'inline-code',
      maxLevel: null,
      why: `${program} inline code`,
    },
    {
      programs: [program],
      noArgs: true,
      risk: 'download-exec',
      maxLevel: null,
      why: `${program} runs what it reads`,
    },
  ]),
  ...[
    'eval',
    'source',
    '.',
    'exec',
    'xargs',
    'watch',
    'setsid',
    'ionice',
    'flock',
    'parallel',
    'direnv',
    'devbox',
    'mise',
    'nohup',
    'time',
    'timeout',
    'nice',
    'stdbuf',
    'command',
    'builtin',
    'trap',
  ].map((program): RiskEntry => ({
    programs: [program],
    risk: 'inline-code',
    maxLevel: null,
    why: 'runs other code',
  })),
  // network egress
  ...[
    'curl',
    'wget',
    'ssh',
    'scp',
    'sftp',
    'nc',
    'ncat',
    'netcat',
    'socat',
    'ftp',
    'telnet',
    'mosh',
    'aria2c',
    'http',
    'xh',
    'rclone',
  ].map((program): RiskEntry => ({
    programs: [program],
    risk: 'network',
    maxLevel: 'exact',
    why: 'network egress',
  })),
  {
    programs: ['rsync'],
    args: /^[^-/.][^/]*:/,
    risk: 'network',
    maxLevel: 'exact',
    why: 'rsync to a remote',
  },
  {
    programs: ['curl', 'wget'],
    args: /^(-o|-O|--output|--remote-name|-T|--upload-file|-d|--data.*|-F|--form|-X)$/,
    risk: 'network',
    maxLevel: 'exact',
    why: 'download to file or upload',
  },
];

const LEVEL_RANK: Record<BashLevel, number> = { exact: 0, subcommand: 1, program: 2 };
// Most severe first: when several rows match, the worst class is reported.
const SEVERITY: RiskClass[] = [
  'download-exec',
  'privilege',
  'destructive',
  'inline-code',
  'network',
  'package-install',
  'file-write',
  'vcs-write',
  'unknown',
  'build-test',
  'read-only',
];

/** Classes never given a wildcard allow, and never auto-proposed at all except network with overwhelming evidence. */
export const RISKY_CLASSES: ReadonlySet<RiskClass> = new Set<RiskClass>([
  'privilege',
  'destructive',
  'inline-code',
  'download-exec',
  'network',
]);

/** The classification of one simple command. */
export interface RiskVerdict {
  risk: RiskClass;
  /** Broadest level an allow rule may have; null = none at all. */
  maxLevel: BashLevel | null;
  /** How readily an allow rule may be proposed at all. */
  autoAllow: AutoAllow;
  /** The policy rows that decided it. */
  why: string[];
}

/** The minimal shape of a segment the policy needs. */
export interface SegmentShape {
  program: string;
  subcommand: string[];
  argv: string[];
}

/** Basename of a program as written (`/usr/bin/rm` → `rm`, `./gradlew` stays a path-relative name). */
export function programBase(program: string): string {
  if (program.startsWith('./')) return program;
  const slash = program.lastIndexOf('/');
  return slash >= 0 ? program.slice(slash + 1) : program;
}

function rowMatches(row: RiskEntry, program: string, segment: SegmentShape): boolean {
  if (!row.programs.includes(program) && !(program.startsWith('mkfs') && row.programs.includes('mkfs')))
    return false;
  if (row.sub && !row.sub.every((word, i) => segment.subcommand[i] === word)) return false;
  const args = segment.argv.slice(1);
  if (row.noArgs)
    return args.filter((a) => !a.startsWith('-') || a === '-').length === 0 && !args.includes('-c');
  if (row.args) return args.some((a) => row.args?.test(a) === true);
  return true;
}

function specificity(row: RiskEntry): number {
  return (row.sub?.length ?? 0) + (row.args || row.noArgs ? 10 : 0);
}

function rank(level: BashLevel | null): number {
  return level === null ? -1 : LEVEL_RANK[level];
}

/** Classify one simple command: the worst class of every matching row, the narrowest level any row allows. */
export function classifySegment(segment: SegmentShape): RiskVerdict {
  const program = programBase(segment.program);
  const rows = RISK_TABLE.filter((row) => rowMatches(row, program, segment));
  if (rows.length === 0) {
    // unknown programs: never broader than their first word, and they need more evidence
    return { risk: 'unknown', maxLevel: 'subcommand', autoAllow: 'more-evidence', why: ['unknown program'] };
  }
  // The class comes from the most specific rows (a flag row beats a subcommand row beats the
  // program row: `git log` is read-only although git is not); the level cap from every row, so a
  // program row's cap (git: subcommand at most) always holds.
  const top = Math.max(...rows.map(specificity));
  let risk: RiskClass = 'read-only';
  let maxLevel: BashLevel | null = 'program';
  for (const row of rows) {
    if (specificity(row) === top && SEVERITY.indexOf(row.risk) < SEVERITY.indexOf(risk)) risk = row.risk;
    if (rank(row.maxLevel) < rank(maxLevel)) maxLevel = row.maxLevel;
  }
  return { risk, maxLevel, autoAllow: autoAllowFor(risk, maxLevel), why: rows.map((row) => row.why) };
}

function autoAllowFor(risk: RiskClass, maxLevel: BashLevel | null): AutoAllow {
  if (maxLevel === null) return 'never';
  if (risk === 'network') return 'overwhelming';
  if (RISKY_CLASSES.has(risk)) return 'never';
  if (risk === 'unknown' || risk === 'package-install') return 'more-evidence';
  return 'yes';
}

/** Whether `level` is within what the verdict allows. */
export function levelAllowed(verdict: RiskVerdict, level: BashLevel): boolean {
  return verdict.maxLevel !== null && LEVEL_RANK[level] <= LEVEL_RANK[verdict.maxLevel];
}

/** The worse of two classes (for a rule covering several commands). */
export function worseRisk(a: RiskClass, b: RiskClass): RiskClass {
  return SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b;
}

/** The verdict for a whole pattern: the rule's own prefix and every command it covers. */
export function combineVerdicts(verdicts: RiskVerdict[]): RiskVerdict {
  let risk: RiskClass = 'read-only';
  let maxLevel: BashLevel | null = 'program';
  const why = new Set<string>();
  for (const v of verdicts) {
    risk = worseRisk(risk, v.risk);
    if (rank(v.maxLevel) < rank(maxLevel)) maxLevel = v.maxLevel;
    for (const w of v.why) why.add(w);
  }
  return { risk, maxLevel, autoAllow: autoAllowFor(risk, maxLevel), why: [...why] };
}

const NETWORK_FETCHERS = new Set(['curl', 'wget', 'aria2c', 'http', 'xh', 'fetch']);
const INTERPRETERS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'fish',
  'python',
  'python3',
  'node',
  'ruby',
  'perl',
  'php',
]);

/**
 * A download piped into an interpreter (`curl … | sh`) is download-exec for every segment of the
 * command: the pipe is what makes it dangerous, which no single segment shows.
 */
export function isDownloadExec(parsed: Pick<ParsedCommand, 'segments'>): boolean {
  const programs = parsed.segments.map((s) => programBase(s.program));
  const fetchAt = programs.findIndex((p) => NETWORK_FETCHERS.has(p));
  return fetchAt >= 0 && programs.slice(fetchAt + 1).some((p) => INTERPRETERS.has(p));
}

/** True for levels an allow rule of that class would make risky (replay's "risky rules" count). */
export function isRiskyAllow(risk: RiskClass, level: RuleLevel): boolean {
  return RISKY_CLASSES.has(risk) && level !== 'exact';
}
