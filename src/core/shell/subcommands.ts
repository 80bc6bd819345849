// The one table of multi-level CLIs: which global flags take a value (so `git -C /p log` finds
// `log`), and which first-level words open a second level (`nix flake check`, `npm run build`,
// `docker compose up`). Rules and usage generalize at the subcommand this table yields.

interface CliSpec {
  /** Flags (before or between subcommand words) that consume the next word as their value. */
  flagsWithValue: string[];
  /** First-level words that take a second level; 'all' = every first-level word does. */
  groups: string[] | 'all';
  /** First-level words that never take a second level, used with groups 'all'. */
  leaves?: string[];
  /** Operations are flags (`nix-env -iA`, `pacman -S`): the first word is the subcommand even if it starts with '-'. */
  flagIsSubcommand?: boolean;
  /** Words like `+nightly` (cargo toolchains) that are skipped like flags. */
  skipPlus?: boolean;
  /** `--` ends the global options and the subcommand follows (`git -- reset --hard` runs reset). */
  dashDashThenSubcommand?: boolean;
}

const NODE_PM: CliSpec = {
  flagsWithValue: ['--filter', '-F', '--prefix', '-C', '--dir', '--workspace', '-w', '--cwd'],
  groups: ['run', 'run-script', 'workspace', 'exec', 'dlx', 'x', 'cache', 'config', 'pm'],
};
const CONTAINER: CliSpec = {
  flagsWithValue: [
    '-H',
    '--host',
    '--context',
    '-c',
    '--config',
    '--log-level',
    '-l',
    '-f',
    '--file',
    '-p',
    '--project-name',
    '--profile',
    '--env-file',
    '--project-directory',
    '--connection',
    '--url',
    '--remote',
  ],
  groups: [
    'compose',
    'container',
    'image',
    'network',
    'volume',
    'system',
    'buildx',
    'builder',
    'context',
    'manifest',
    'swarm',
    'node',
    'service',
    'stack',
    'secret',
    'plugin',
    'config',
    'trust',
    'machine',
    'pod',
    'generate',
    'kube',
  ],
};

/** Multi-level CLIs by program basename. */
export const SUBCOMMAND_TABLE: Readonly<Record<string, CliSpec>> = {
  git: {
    flagsWithValue: [
      '-C',
      '-c',
      '--git-dir',
      '--work-tree',
      '--namespace',
      '--exec-path',
      '--config-env',
      '--super-prefix',
    ],
    dashDashThenSubcommand: true,
    groups: [
      'stash',
      'remote',
      'worktree',
      'submodule',
      'bisect',
      'lfs',
      'notes',
      'sparse-checkout',
      'reflog',
      'flow',
    ],
  },
  nix: {
    flagsWithValue: [
      '--option',
      '--extra-experimental-features',
      '--experimental-features',
      '-I',
      '--include',
      '--log-format',
      '--store',
      '--eval-store',
    ],
    groups: [
      'flake',
      'profile',
      'store',
      'registry',
      'derivation',
      'hash',
      'key',
      'nar',
      'daemon',
      'realisation',
      'config',
      'doctor',
    ],
  },
  'nix-env': {
    flagsWithValue: ['-f', '--file', '-p', '--profile', '-I'],
    groups: [],
    flagIsSubcommand: true,
  },
  'nix-store': { flagsWithValue: ['--option'], groups: [], flagIsSubcommand: true },
  'nix-channel': { flagsWithValue: [], groups: [], flagIsSubcommand: true },
  npm: NODE_PM,
  pnpm: NODE_PM,
  yarn: NODE_PM,
  bun: NODE_PM,
  // `npx vitest run` runs the vitest binary: its name is what a rule keeps (`-c` takes a command line)
  npx: { flagsWithValue: ['-p', '--package', '-c', '--call', '--prefix', '-w', '--workspace'], groups: [] },
  bunx: { flagsWithValue: ['-p', '--package'], groups: [] },
  pnpx: { flagsWithValue: ['-p', '--package', '-c'], groups: [] },
  cargo: {
    flagsWithValue: ['-C', '--config', '-Z', '--color', '--manifest-path'],
    groups: [],
    skipPlus: true,
  },
  go: { flagsWithValue: ['-C'], groups: ['mod', 'tool', 'work'] },
  docker: CONTAINER,
  podman: CONTAINER,
  'docker-compose': { flagsWithValue: CONTAINER.flagsWithValue, groups: [] },
  kubectl: {
    flagsWithValue: [
      '-n',
      '--namespace',
      '--context',
      '--kubeconfig',
      '--cluster',
      '--user',
      '-s',
      '--server',
      '--as',
      '-l',
      '--selector',
      '-o',
      '--output',
      '-f',
      '--filename',
      '-c',
      '--container',
    ],
    groups: ['config', 'rollout', 'auth', 'top', 'certificate', 'set', 'create', 'plugin'],
  },
  systemctl: {
    flagsWithValue: [
      '-H',
      '--host',
      '-M',
      '--machine',
      '-t',
      '--type',
      '-p',
      '--property',
      '-n',
      '--lines',
      '-o',
      '--output',
      '--state',
      '--signal',
      '-s',
      '--root',
    ],
    groups: [],
  },
  journalctl: { flagsWithValue: [], groups: [] },
  gh: {
    flagsWithValue: ['-R', '--repo', '--hostname'],
    groups: 'all',
    leaves: ['api', 'browse', 'status', 'completion', 'help', 'version'],
  },
  uv: {
    flagsWithValue: [
      '--directory',
      '--project',
      '-p',
      '--python',
      '--with',
      '--index-url',
      '--extra-index-url',
      '--cache-dir',
      '--config-file',
    ],
    groups: ['pip', 'tool', 'python', 'cache', 'self'],
  },
  pip: { flagsWithValue: ['--python', '--cache-dir', '--log'], groups: [] },
  pip3: { flagsWithValue: ['--python', '--cache-dir', '--log'], groups: [] },
  pipx: { flagsWithValue: [], groups: [] },
  just: {
    flagsWithValue: ['-f', '--justfile', '-d', '--working-directory', '--set', '--dotenv-path', '--shell'],
    groups: [],
  },
  make: {
    flagsWithValue: ['-C', '--directory', '-f', '--file', '--makefile', '-I', '--include-dir', '-o', '-W'],
    groups: [],
  },
  gmake: { flagsWithValue: ['-C', '--directory', '-f', '--file'], groups: [] },
  'home-manager': { flagsWithValue: ['-f', '--file', '--flake', '-b', '-I', '-A', '--option'], groups: [] },
  'nixos-rebuild': {
    flagsWithValue: [
      '--flake',
      '-I',
      '--target-host',
      '--build-host',
      '-p',
      '--profile-name',
      '--option',
      '--specialisation',
    ],
    groups: [],
  },
  'darwin-rebuild': { flagsWithValue: ['--flake', '-I', '--option'], groups: [] },
  deno: { flagsWithValue: ['--config', '-c'], groups: ['task'] },
  poetry: {
    flagsWithValue: ['-C', '--directory', '-P', '--project'],
    groups: ['env', 'cache', 'self', 'source', 'debug'],
  },
  terraform: { flagsWithValue: [], groups: ['state', 'workspace', 'providers'] },
  tofu: { flagsWithValue: [], groups: ['state', 'workspace', 'providers'] },
  brew: { flagsWithValue: [], groups: ['services', 'bundle'] },
  apt: { flagsWithValue: ['-o', '-c', '-t'], groups: [] },
  'apt-get': { flagsWithValue: ['-o', '-c', '-t'], groups: [] },
  dnf: { flagsWithValue: ['--setopt', '-c'], groups: [] },
  pacman: { flagsWithValue: [], groups: [], flagIsSubcommand: true },
  rustup: { flagsWithValue: [], groups: ['toolchain', 'component', 'target', 'override', 'self', 'set'] },
  helm: {
    flagsWithValue: ['-n', '--namespace', '--kube-context', '--kubeconfig'],
    groups: ['repo', 'plugin', 'registry', 'dependency', 'show', 'get'],
  },
  aws: {
    flagsWithValue: ['--profile', '--region', '--output', '--endpoint-url', '--query'],
    groups: 'all',
    leaves: ['help'],
  },
  gcloud: {
    flagsWithValue: ['--project', '--account', '--configuration', '--format'],
    groups: 'all',
    leaves: ['help', 'init', 'info', 'version'],
  },
  az: {
    flagsWithValue: ['--subscription', '-o', '--output', '--query'],
    groups: 'all',
    leaves: ['login', 'logout', 'version', 'upgrade'],
  },
  flatpak: { flagsWithValue: [], groups: [] },
  snap: { flagsWithValue: [], groups: [] },
  mise: { flagsWithValue: ['-C', '--cd', '-E', '--env'], groups: ['plugins', 'settings', 'config'] },
  asdf: { flagsWithValue: [], groups: ['plugin'] },
  dotnet: { flagsWithValue: [], groups: ['tool', 'new', 'nuget', 'workload'] },
  conda: { flagsWithValue: ['-n', '--name', '-p', '--prefix'], groups: ['env', 'config'] },
  mvn: { flagsWithValue: ['-f', '--file', '-s', '--settings', '-pl', '--projects'], groups: [] },
  gradle: { flagsWithValue: ['-p', '--project-dir', '-b', '--build-file'], groups: [] },
  gradlew: { flagsWithValue: ['-p', '--project-dir', '-b', '--build-file'], groups: [] },
  mix: { flagsWithValue: [], groups: [] },
  bundle: { flagsWithValue: ['--gemfile'], groups: [] },
  rails: { flagsWithValue: ['-e', '--environment'], groups: [] },
  composer: { flagsWithValue: ['-d', '--working-dir'], groups: [] },
  tmux: { flagsWithValue: ['-L', '-S', '-f', '-t'], groups: [] },
  launchctl: { flagsWithValue: [], groups: [] },
  sops: { flagsWithValue: [], groups: [] },
  ollama: { flagsWithValue: [], groups: [] },
};

// Makes it obvious at the call site that a program basename was used for the lookup.
function specFor(programBase: string): CliSpec | undefined {
  return Object.hasOwn(SUBCOMMAND_TABLE, programBase) ? SUBCOMMAND_TABLE[programBase] : undefined;
}

/** True when `program` (basename) is a multi-level CLI that generalizes at the subcommand level. */
export function isMultiLevelCli(programBase: string): boolean {
  return specFor(programBase) !== undefined;
}

/**
 * The subcommand path of argv (argv[0] is the program): global flags and their values are skipped,
 * so `git -C /p -c a=b log -3` → ['log'], `systemctl --user restart x` → ['restart'],
 * `npm run build` → ['run', 'build'], `docker compose -f x.yml up` → ['compose', 'up'].
 */
export function subcommandOf(programBase: string, argv: readonly string[]): string[] {
  const spec = specFor(programBase);
  if (!spec) return [];
  const path: string[] = [];
  let i = 1;
  const nextPositional = (allowFlag: boolean): string | null => {
    while (i < argv.length) {
      const word = argv[i] ?? '';
      if (word === '--' && path.length === 0 && spec.dashDashThenSubcommand === true) {
        i += 1;
        continue;
      }
      if (word === '--') return null;
      if (allowFlag && word.startsWith('-') && word.length > 1) {
        i += 1;
        return word;
      }
      if (word.startsWith('-') && word.length > 1) {
        // `--flag=value` and `-C/p`-style attached values consume nothing more.
        const takesValue = spec.flagsWithValue.includes(word);
        i += takesValue ? 2 : 1;
        continue;
      }
      // A bare number before any subcommand is a flag's value (`make -j 4 test`), never a subcommand.
      if ((spec.skipPlus === true && word.startsWith('+')) || /^\d+$/.test(word)) {
        i += 1;
        continue;
      }
      i += 1;
      return word;
    }
    return null;
  };
  const first = nextPositional(spec.flagIsSubcommand === true);
  if (first === null) return path;
  path.push(first);
  const opensGroup =
    spec.groups === 'all' ? !(spec.leaves ?? []).includes(first) : spec.groups.includes(first);
  if (opensGroup) {
    const second = nextPositional(false);
    if (second !== null) path.push(second);
  }
  return path;
}
