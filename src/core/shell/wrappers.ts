// Wrapper stripping exactly as Claude Code normalizes commands before matching (reference
// claude-code.md §1.3 "Normalization before matching"): the wrapper and its own options go, the
// wrapped program is what a rule sees. `direnv exec`, `npx`, `sudo`, `env` … are NOT stripped.

/** The wrappers Claude Code strips, in one place. `xargs` only when it has no flags. */
export const STRIPPED_WRAPPERS: readonly string[] = [
  'timeout',
  'time',
  'nice',
  'nohup',
  'stdbuf',
  'command',
  'builtin',
  'noglob',
  'xargs',
];

const DURATION = /^\d+(?:\.\d+)?[smhd]?$/;

// Each returns how many words after the wrapper name are its own options/arguments, or null when
// the word sequence is not a wrapper use (e.g. `command -v foo` is a lookup, not a wrapper).
type OptionSkipper = (args: readonly string[]) => number | null;

const skipTimeout: OptionSkipper = (args) => {
  let i = 0;
  while (i < args.length) {
    const a = args[i] ?? '';
    if (a === '-s' || a === '--signal' || a === '-k' || a === '--kill-after') i += 2;
    else if (/^(?:--signal=|--kill-after=|-s\S|-k\S)/.test(a)) i += 1;
    else if (a === '--foreground' || a === '--preserve-status' || a === '-v' || a === '--verbose') i += 1;
    else break;
  }
  return DURATION.test(args[i] ?? '') ? i + 1 : null;
};

const skipTime: OptionSkipper = (args) => {
  let i = 0;
  while (i < args.length) {
    const a = args[i] ?? '';
    if (a === '-o' || a === '-f' || a === '--output' || a === '--format') i += 2;
    else if (
      /^-[pvaq]+$/.test(a) ||
      /^--(?:portability|verbose|append|quiet)$/.test(a) ||
      /^--(?:output|format)=/.test(a)
    )
      i += 1;
    else break;
  }
  return i;
};

const skipNice: OptionSkipper = (args) => {
  const a = args[0] ?? '';
  if (a === '-n' || a === '--adjustment') return 2;
  if (/^(?:-n[+-]?\d+|-[+-]?\d+|--adjustment=[+-]?\d+)$/.test(a)) return 1;
  return 0;
};

const skipStdbuf: OptionSkipper = (args) => {
  let i = 0;
  while (i < args.length) {
    const a = args[i] ?? '';
    if (a === '-i' || a === '-o' || a === '-e') i += 2;
    else if (/^(?:-[ioe]\S+|--(?:input|output|error)=\S+)$/.test(a)) i += 1;
    else break;
  }
  return i;
};

const skipCommand: OptionSkipper = (args) => {
  let i = 0;
  while ((args[i] ?? '').startsWith('-') && args[i] !== '--') {
    // `command -v x` / `-V` prints where x is; it runs nothing.
    if (/[vV]/.test(args[i] ?? '')) return null;
    i += 1;
  }
  return args[i] === '--' ? i + 1 : i;
};

const skipNothing: OptionSkipper = () => 0;

// Bare xargs only: with flags Claude Code keeps it (the parser records the program it runs as an
// inner view instead).
const skipBareXargs: OptionSkipper = (args) => ((args[0] ?? '').startsWith('-') ? null : 0);

const SKIPPERS: Readonly<Record<string, OptionSkipper>> = {
  timeout: skipTimeout,
  time: skipTime,
  nice: skipNice,
  nohup: skipNothing,
  stdbuf: skipStdbuf,
  command: skipCommand,
  builtin: skipNothing,
  noglob: skipNothing,
  xargs: skipBareXargs,
};

/**
 * How many leading words of argv are wrappers (with their options), and which wrappers they were:
 * `timeout 30 nice -n 5 cargo test` → { skip: 5, wrappers: ['timeout', 'nice'] }. A wrapper with
 * nothing after it is the program itself (`time` alone, `xargs` alone).
 */
export function stripWrappers(argv: readonly string[]): { skip: number; wrappers: string[] } {
  const wrappers: string[] = [];
  let at = 0;
  for (;;) {
    const name = argv[at] ?? '';
    const skipper = Object.hasOwn(SKIPPERS, name) ? SKIPPERS[name] : undefined;
    if (!skipper) break;
    const own = skipper(argv.slice(at + 1));
    if (own === null || at + 1 + own >= argv.length) break;
    wrappers.push(name);
    at += 1 + own;
  }
  return { skip: at, wrappers };
}

const XARGS_VALUE_FLAGS = new Set([
  '-I',
  '-n',
  '-P',
  '-L',
  '-d',
  '-E',
  '-s',
  '-a',
  '--max-args',
  '--max-procs',
  '--delimiter',
  '--arg-file',
  '--max-lines',
  '--eof',
  '--max-chars',
  '--replace',
]);

/** Index in argv (argv[0] = 'xargs') of the program xargs runs after its flags, or null. */
export function xargsProgramIndex(argv: readonly string[]): number | null {
  let i = 1;
  while (i < argv.length) {
    const a = argv[i] ?? '';
    if (a === '--') return i + 1 < argv.length ? i + 1 : null;
    if (!a.startsWith('-') || a === '-') return i;
    i += XARGS_VALUE_FLAGS.has(a) ? 2 : 1;
  }
  return null;
}

/**
 * What a launcher runs: `start` = argv index of the inner command (it runs to the end), or `body`
 * = a shell command line it runs (`script -c '…'`, `watch 'a | b'`, `tmux run-shell '…'`). Claude
 * Code does not strip these (a rule sees the launcher), so the inner command is only a view: for
 * risk, deny/ask learning and usage — never something an allow rule on the launcher may cover.
 */
export type LauncherInner = { label: string; start: number } | { label: string; body: string };

// Options that take a value, per launcher (so the value is not taken for the inner program).
const VALUE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  env: ['-u', '--unset', '-C', '--chdir'],
  exec: ['-a'],
  taskset: [],
  ionice: ['-c', '--class', '-n', '--classdata'],
  chrt: ['-T', '--sched-runtime', '-P', '--sched-period', '-D', '--sched-deadline'],
  sudo: [
    '-u',
    '--user',
    '-g',
    '--group',
    '-C',
    '--close-from',
    '-D',
    '--chdir',
    '-h',
    '--host',
    '-p',
    '--prompt',
    '-r',
    '--role',
    '-t',
    '--type',
    '-U',
    '--other-user',
    '-T',
    '--command-timeout',
    '-R',
    '--chroot',
  ],
  doas: ['-u', '-C'],
  watch: ['-n', '--interval', '-d', '-q', '--equexit', '--errexit'],
  flock: ['-w', '--timeout', '-E', '--conflict-exit-code'],
  ssh: [
    '-b',
    '-c',
    '-D',
    '-E',
    '-e',
    '-F',
    '-I',
    '-i',
    '-J',
    '-L',
    '-l',
    '-m',
    '-O',
    '-o',
    '-p',
    '-Q',
    '-R',
    '-S',
    '-W',
    '-w',
    '-B',
  ],
  uv: [
    '--with',
    '--with-requirements',
    '--with-editable',
    '--python',
    '-p',
    '--directory',
    '--project',
    '--package',
    '--extra',
    '--group',
    '--env-file',
    '--index',
    '--index-url',
    '--extra-index-url',
    '-w',
    '--from',
    '--only-group',
    '--no-group',
  ],
  npx: ['-p', '--package', '--prefix', '-w', '--workspace'],
  npm: ['-p', '--package', '--prefix', '-w', '--workspace'],
  dotenv: ['-e', '-v', '-p', '-c'],
  'systemd-run': [
    '-p',
    '--property',
    '-u',
    '--unit',
    '-E',
    '--setenv',
    '--description',
    '--slice',
    '-M',
    '--machine',
    '-H',
    '--host',
    '--working-directory',
    '--uid',
    '--gid',
    '--nice',
  ],
  caffeinate: ['-t', '-w'],
  strace: ['-o', '-e', '-s', '-a', '-b', '-E', '-I', '-O', '-S', '-U', '-X', '-P'],
  ltrace: ['-o', '-e', '-s', '-a', '-n', '-u', '-A', '-D', '-F', '-l', '-L'],
  runuser: ['-u', '--user', '-g', '--group', '-G', '--supp-group', '-s', '--shell', '-w'],
  chroot: ['--userspec', '--groups'],
  unshare: [
    '--map-user',
    '--map-group',
    '--propagation',
    '--setgroups',
    '-S',
    '-G',
    '--root',
    '-R',
    '--wd',
    '-w',
  ],
  nsenter: ['-t', '--target', '-S', '--setuid', '-G', '--setgid', '--wd', '-w', '-r', '--root'],
  mise: ['-C', '--cd', '-E', '--env', '-j', '--jobs'],
};

const GENERIC_LAUNCHERS = new Set([
  'setsid',
  'unbuffer',
  'firejail',
  'systemd-run',
  'caffeinate',
  'strace',
  'ltrace',
  'runuser',
  'setpriv',
  'fakeroot',
  'proxychains',
  'proxychains4',
  'torsocks',
  'unshare',
  'nsenter',
  'sudo',
  'doas',
  'exec',
]);

/** Index of the first word after the launcher's own options (from `at`), skipping option values. */
function afterOptions(argv: readonly string[], at: number, valueFlags: readonly string[] = []): number {
  let i = at;
  while (i < argv.length) {
    const a = argv[i] ?? '';
    if (a === '--') return i + 1;
    if (!a.startsWith('-') || a === '-') return i;
    i += valueFlags.includes(a) ? 2 : 1;
  }
  return i;
}

const at = (label: string, start: number, argv: readonly string[]): LauncherInner | null =>
  start < argv.length ? { label, start } : null;

const body = (label: string, text: string | undefined): LauncherInner | null =>
  text === undefined || text.trim() === '' ? null : { label, body: text };

/** The inner command of a launcher (`base` is argv[0]'s basename, subcommand its path), or null. */
export function launcherInner(
  base: string,
  subcommand: readonly string[],
  argv: readonly string[],
): LauncherInner | null {
  const flags = VALUE_FLAGS[base] ?? [];
  switch (base) {
    case 'env': {
      let i = 1;
      while (i < argv.length) {
        const a = argv[i] ?? '';
        if (a === '-S' || a === '--split-string')
          return body('env -S', [argv[i + 1] ?? '', ...argv.slice(i + 2)].join(' '));
        if (a.startsWith('--split-string='))
          return body('env -S', [a.slice(15), ...argv.slice(i + 1)].join(' '));
        if (/^-S./.test(a)) return body('env -S', [a.slice(2), ...argv.slice(i + 1)].join(' '));
        if (a === '--') {
          i += 1;
          break;
        }
        if (a.startsWith('-')) i += flags.includes(a) ? 2 : 1;
        else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) i += 1;
        else break;
      }
      return at('env', i, argv);
    }
    case 'taskset': {
      if (argv.some((a) => a === '-p' || a === '--pid' || /^-[a-z]*p/.test(a))) return null;
      const i = afterOptions(argv, 1);
      return at('taskset', i + 1, argv); // the CPU mask, then the command
    }
    case 'ionice':
      if (argv.some((a) => /^(?:-p|-P|-u|--pid|--pgid|--uid)$/.test(a))) return null;
      return at('ionice', afterOptions(argv, 1, flags), argv);
    case 'chrt': {
      if (argv.some((a) => a === '-p' || a === '--pid')) return null;
      const i = afterOptions(argv, 1, flags);
      return at('chrt', /^\d+$/.test(argv[i] ?? '') ? i + 1 : i, argv);
    }
    case 'script': {
      const i = argv.findIndex((a) => a === '-c' || a === '--command' || a.startsWith('--command='));
      if (i < 0) return null;
      const a = argv[i] ?? '';
      return body('script -c', a.startsWith('--command=') ? a.slice(10) : argv[i + 1]);
    }
    case 'op':
      return subcommand[0] === 'run' || argv[1] === 'run'
        ? at('op run', afterOptions(argv, 2, ['--env-file']), argv)
        : null;
    case 'aws-vault':
      return argv[1] === 'exec'
        ? at('aws-vault exec', afterOptions(argv, afterOptions(argv, 2, ['-d', '--duration']) + 1), argv)
        : null;
    case 'dotenv':
      return at('dotenv', afterOptions(argv, 1, flags), argv);
    case 'watch': {
      const i = afterOptions(argv, 1, flags);
      return i < argv.length ? body('watch', argv.slice(i).join(' ')) : null;
    }
    case 'tmux': {
      const verb = argv.findIndex((a, idx) => idx > 0 && /^(?:send-keys|send|run-shell|run)$/.test(a));
      if (verb < 0) return null;
      const isRun = argv[verb] === 'run-shell' || argv[verb] === 'run';
      const i = afterOptions(argv, verb + 1, ['-t', '-c', '-d', '-N']);
      if (isRun) return body('tmux run-shell', argv.at(-1));
      const keys = argv.slice(i).filter((k) => !/^(?:Enter|C-m|KPEnter|C-j)$/.test(k));
      return body('tmux send-keys', keys.join(' '));
    }
    case 'flock': {
      const c = argv.findIndex((a) => a === '-c' || a === '--command');
      if (c > 0) return body('flock', argv[c + 1]);
      const i = afterOptions(argv, 1, flags);
      return at('flock', i + 1, argv); // the lock file, then the command
    }
    case 'parallel': {
      const end = argv.findIndex((a) => a === ':::' || a === '::::' || a === ':::+');
      const i = afterOptions(argv, 1, [
        '-j',
        '--jobs',
        '-S',
        '--sshlogin',
        '--joblog',
        '-I',
        '--delay',
        '--timeout',
      ]);
      const words = argv.slice(i, end < 0 ? argv.length : end);
      return body('parallel', words.join(' '));
    }
    case 'ssh': {
      const i = afterOptions(argv, 1, flags);
      return i + 1 < argv.length ? body('ssh', argv.slice(i + 1).join(' ')) : null;
    }
    case 'uv':
      if (argv[1] === 'run') return at('uv run', afterOptions(argv, 2, flags), argv);
      if (argv[1] === 'tool' && argv[2] === 'run') return at('uv run', afterOptions(argv, 3, flags), argv);
      return null;
    case 'uvx':
    case 'pipx':
      if (base === 'pipx' && argv[1] !== 'run') return null;
      return at(`${base} run`, afterOptions(argv, base === 'pipx' ? 2 : 1, flags), argv);
    case 'poetry':
    case 'pipenv':
    case 'devbox':
      return argv[1] === 'run' ? at(`${base} run`, afterOptions(argv, 2), argv) : null;
    case 'npx':
    case 'pnpx':
    case 'bunx': {
      const c = argv.findIndex((a) => a === '-c' || a === '--call');
      if (c > 0) return body(`${base} -c`, argv[c + 1]);
      return at(base, afterOptions(argv, 1, VALUE_FLAGS.npx), argv);
    }
    case 'npm':
    case 'pnpm':
    case 'yarn':
    case 'bun': {
      const verb = subcommand[0];
      if (verb !== 'exec' && verb !== 'x' && verb !== 'dlx') return null;
      const v = argv.indexOf(verb);
      const c = argv.findIndex((a) => a === '-c' || a === '--call');
      if (c > 0) return body(`${base} ${verb} -c`, argv[c + 1]);
      return at(`${base} ${verb}`, afterOptions(argv, v + 1, VALUE_FLAGS.npm), argv);
    }
    case 'bundle':
      return argv[1] === 'exec' ? at('bundle exec', afterOptions(argv, 2, ['--gemfile']), argv) : null;
    case 'direnv':
      return argv[1] === 'exec' ? at('direnv exec', 3, argv) : null;
    case 'mise':
    case 'rtx': {
      if (argv[1] !== 'exec' && argv[1] !== 'x') return null;
      const dash = argv.indexOf('--');
      return dash > 0 ? at('mise exec', dash + 1, argv) : null;
    }
    case 'git': {
      const verb = subcommand[0];
      if (verb === 'rebase') {
        const x = argv.findIndex((a) => a === '-x' || a === '--exec' || a.startsWith('--exec='));
        if (x < 0) return null;
        const a = argv[x] ?? '';
        return body('git rebase --exec', a.startsWith('--exec=') ? a.slice(7) : argv[x + 1]);
      }
      if (verb === 'bisect' && subcommand[1] === 'run')
        return at('git bisect run', argv.indexOf('run') + 1, argv);
      if (verb === 'submodule' && subcommand[1] === 'foreach') {
        const i = afterOptions(argv, argv.indexOf('foreach') + 1);
        return i < argv.length ? body('git submodule foreach', argv.slice(i).join(' ')) : null;
      }
      return null;
    }
    case 'chroot': {
      const i = afterOptions(argv, 1, flags);
      return at('chroot', i + 1, argv); // the new root, then the command
    }
    default:
      if (!GENERIC_LAUNCHERS.has(base)) return null;
      if (base === 'sudo' || base === 'doas') {
        // sudo NAME=VALUE cmd: the assignments are sudo's
        let i = afterOptions(argv, 1, flags);
        while (/^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i] ?? '')) i += 1;
        return at(base, i, argv);
      }
      return at(base, afterOptions(argv, 1, flags), argv);
  }
}

/** Every label launcherInner gives (inner views carry it as their first wrapper). */
export const LAUNCHER_LABELS: readonly string[] = [
  ...GENERIC_LAUNCHERS,
  ...[
    'env',
    'env -S',
    'taskset',
    'ionice',
    'chrt',
    'script -c',
    'op run',
    'aws-vault exec',
    'dotenv',
    'watch',
  ],
  ...['tmux run-shell', 'tmux send-keys', 'flock', 'parallel', 'ssh', 'uv run', 'uvx run', 'pipx run'],
  ...['poetry run', 'pipenv run', 'devbox run', 'bundle exec', 'direnv exec', 'mise exec', 'chroot'],
  ...['git rebase --exec', 'git bisect run', 'git submodule foreach'],
  ...['npx', 'pnpx', 'bunx'].flatMap((r) => [r, `${r} -c`]),
  ...['npm', 'pnpm', 'yarn', 'bun'].flatMap((pm) =>
    ['exec', 'x', 'dlx'].flatMap((v) => [`${pm} ${v}`, `${pm} ${v} -c`]),
  ),
];
