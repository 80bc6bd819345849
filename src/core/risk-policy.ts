// The risk policy: the table classifying ONE concrete simple command — its risk class, and whether
// an allow rule may name it at all (the flags that delete, write, run a program, reach the network
// or escalate make it `never`). How broad a rule may be is not decided here but by the wildcard
// specification (risk-spec.ts), which judges a wildcard by everything it could match; the levels in
// this table can only narrow that, never widen it. The evidence bar follows from the class.

import { PROJECT_CHECKERS, wildcardVerdict } from './risk-spec.js';
import { awkRisk, sedRisk } from './shell/text-programs.js';
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
  /** The row applies only when this predicate holds on the arguments (short flags expanded). */
  test?: (args: readonly string[]) => boolean;
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

/** `git -c KEY=VALUE` / `git config KEY VALUE` keys whose value is a program or command line. */
const GIT_PROGRAM_KEYS =
  /^(?:alias\.|core\.(?:pager|editor|sshcommand|fsmonitor|hookspath|askpass|gitproxy|worktree)|diff\.(?:external|[\w.-]+\.(?:textconv|command))|merge\.[\w.-]+\.driver|filter\.|credential\.|gpg\.|sequence\.editor|pager\.|uploadpack\.|receivepack\.|protocol\.|remote\.[\w.-]+\.(?:uploadpack|receivepack|proxy)|difftool\.|mergetool\.|http\.proxy|ssh\.|include|web\.browser|browser\.|man\.|instaweb\.|sendemail\.)/i;

/** Verbs that delete or stop things in the many cloud/service CLIs (`aws … delete-*`, `pulumi destroy`). */
const DESTRUCTIVE_VERB =
  /^(?:[\w.-]*[-:])?(?:delete|deletion|destroy|remove|rm|rb|rmi|purge|drop|terminate|uninstall|prune|wipe|erase|deregister|unregister|revoke|disable|kill|stop|reset|undo|detach|shred|nuke|teardown|down)(?:[-:][\w.-]*)?$/i;

/** Cloud, cluster and service CLIs: read verbs are read-only, the rest reach and change a remote. */
const REMOTE_CLIS = [
  'aws',
  'gcloud',
  'gsutil',
  'az',
  'doctl',
  'flyctl',
  'fly',
  'heroku',
  'pulumi',
  'terraform',
  'tofu',
  'helm',
  'vault',
  'kubectl',
  'oc',
  'firebase',
  'vercel',
  'netlify',
  'wrangler',
  'supabase',
  'railway',
  'glab',
  'consul',
  'nomad',
  'eksctl',
  'linode-cli',
  'hcloud',
  'openstack',
  'ibmcloud',
  'oci',
];

const LAUNCHER_PROGRAMS = [
  'taskset',
  'chrt',
  'script',
  'op',
  'aws-vault',
  'dotenv',
  'tmux',
  'screen',
  'unbuffer',
  'firejail',
  'systemd-run',
  'caffeinate',
  'strace',
  'ltrace',
  'chroot',
  'nsenter',
  'unshare',
  'runuser',
  'setpriv',
  'fakeroot',
  'proxychains',
  'proxychains4',
  'torsocks',
  'pipenv',
  'bundle',
  'pnpx',
  'bunx',
];

const has = (args: readonly string[], re: RegExp): boolean => args.some((a) => re.test(a));
const firstWord = (args: readonly string[]): string => {
  // the first word that is not an option (global options with values skipped, as git reads them)
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? '';
    if (
      a === '-c' ||
      a === '-C' ||
      a === '--git-dir' ||
      a === '--work-tree' ||
      a === '--namespace' ||
      a === '--config-env'
    )
      i += 1;
    else if (a !== '--' && !a.startsWith('-')) return a;
  }
  return '';
};

/** The config keys a git command sets: `-c KEY=VALUE` / `--config-env KEY=…` globals and `git config KEY`. */
function gitConfigKeys(args: readonly string[]): string[] {
  const keys: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? '';
    if (a === '-c' || a === '--config-env') keys.push(args[i + 1] ?? '');
    else if (a.startsWith('--config-env=')) keys.push(a.slice(13));
  }
  if (firstWord(args) === 'config') {
    const after = args.slice(args.indexOf('config') + 1).filter((a) => !a.startsWith('-'));
    if (after[0] !== undefined) keys.push(after[0]);
  }
  return keys;
}

/** Env assignments that name a program or its options (the pager, the editor, go's -toolexec). */
const PROGRAM_ENV =
  /^(?:PAGER|GIT_PAGER|MANPAGER|SYSTEMD_PAGER|LESS|LESSOPEN|LESSCLOSE|EDITOR|VISUAL|GIT_EDITOR|GIT_SSH|GIT_SSH_COMMAND|GIT_EXTERNAL_DIFF|GIT_ASKPASS|SSH_ASKPASS|BROWSER|SHELL|GOFLAGS|RUSTC_WRAPPER|RUSTFLAGS|CARGO_BUILD_RUSTC_WRAPPER|NODE_OPTIONS|LD_PRELOAD|LD_LIBRARY_PATH|PATH|BASH_ENV|ENV|PROMPT_COMMAND|PYTHONPATH|PYTHONSTARTUP|PERL5OPT|RUBYOPT|MAKEFLAGS|npm_config_.*|NPM_CONFIG_.*)$/;

/** True when a leading env assignment can change what program runs (never an allow rule). */
export function hasProgramEnv(envNames: readonly string[]): boolean {
  return envNames.some((name) => PROGRAM_ENV.test(name));
}

const READ_VERB =
  /^(?:describe|list|get|show|status|view|ls|plan|validate|fmt|version|template|lint|logs|top|explain|whoami|info|inspect|read|output|diff|search|help|checks)(?:-[\w-]*)?$/;
const WRITE_VERB =
  /^(?:put|create|update|apply|set|run|start|send|invoke|deploy|exec|sync|cp|mv|import|login|push|upgrade|install|scale|patch|attach|modify|edit|cordon|drain|rollout|replace|annotate|label|taint|merge|release|close|comment|secret|workflow|ssh|port-forward|proxy|cp)(?:-[\w-]*)?$/;

/** The first verb among the positional words of a cloud CLI call: read, write, or unknown (taken as write). */
function remoteVerb(args: readonly string[]): 'read' | 'write' {
  for (const a of args) {
    if (a.startsWith('-')) continue;
    if (READ_VERB.test(a)) return 'read';
    if (WRITE_VERB.test(a) || DESTRUCTIVE_VERB.test(a)) return 'write';
  }
  return 'write';
}

/** The forms that write, delete, run another program, reach the network or escalate (each row cites the flag). */
function DANGER_ROWS(): RiskEntry[] {
  const never = (
    programs: string[],
    risk: RiskClass,
    why: string,
    more: Partial<RiskEntry> = {},
  ): RiskEntry => ({
    programs,
    risk,
    maxLevel: null,
    why,
    ...more,
  });
  const exact = (
    programs: string[],
    risk: RiskClass,
    why: string,
    more: Partial<RiskEntry> = {},
  ): RiskEntry => ({
    programs,
    risk,
    maxLevel: 'exact',
    why,
    ...more,
  });
  return [
    // git: global options and config naming a program, and every destructive/exec form
    never(
      ['git'],
      'inline-code',
      'git -c/config KEY naming a program (core.pager, alias.*, core.sshCommand, hooksPath)',
      {
        test: (args) => gitConfigKeys(args).some((key) => GIT_PROGRAM_KEYS.test(key)),
      },
    ),
    never(['git'], 'inline-code', 'git --exec-path / --upload-pack / --receive-pack name a program', {
      args: /^(?:--exec-path|--upload-pack|--receive-pack|--exec)(?:=|$)/,
    }),
    never(['git'], 'inline-code', 'git clone/fetch/ls-remote/archive -u names the upload-pack program', {
      test: (args) =>
        ['clone', 'fetch', 'pull', 'ls-remote', 'archive'].includes(firstWord(args)) && args.includes('-u'),
    }),
    never(['git'], 'destructive', 'git reset --merge/--keep discard changes', {
      sub: ['reset'],
      args: /^--(?:merge|keep)$/,
    }),
    never(['git'], 'destructive', 'git checkout -p/--ours/--theirs/HEAD -- discard changes', {
      sub: ['checkout'],
      args: /^(?:-p|--patch|--ours|--theirs|--overlay|--no-overlay)$/,
    }),
    never(['git'], 'destructive', 'git switch -f/--discard-changes/-C discard changes or reset a branch', {
      sub: ['switch'],
      args: /^(?:-f|--force|--discard-changes|-C|--force-create)$/,
    }),
    never(['git'], 'destructive', 'git restore (without --staged) discards working-tree changes', {
      sub: ['restore'],
      test: (args) => !args.includes('--staged') || args.includes('--worktree') || args.includes('-W'),
    }),
    never(['git'], 'destructive', 'git tag -d/-f delete or move a tag', {
      sub: ['tag'],
      args: /^(?:-d|--delete|-f|--force)$/,
    }),
    never(['git'], 'inline-code', 'git rebase -x/--exec runs a command', {
      sub: ['rebase'],
      args: /^(?:-x|--exec)(?:=|$)/,
    }),
    never(['git'], 'destructive', 'git fetch/pull -f/--force/--prune overwrite or delete refs', {
      test: (args) =>
        ['fetch', 'pull'].includes(firstWord(args)) && has(args, /^(?:-f|--force|--prune-tags)$/),
    }),
    never(['git'], 'file-write', 'git log/diff/show --output=FILE writes any file', {
      args: /^--output(?:=|$)/,
    }),
    never(['git'], 'inline-code', 'git grep -O/--open-files-in-pager runs a pager', {
      sub: ['grep'],
      args: /^(?:-O|--open-files-in-pager)/,
    }),
    never(['git'], 'destructive', 'git worktree remove/prune delete worktrees', {
      sub: ['worktree', 'remove'],
    }),
    never(['git'], 'destructive', 'git worktree prune deletes worktree data', { sub: ['worktree', 'prune'] }),
    never(['git'], 'destructive', 'git reflog expire/delete drop history', {
      sub: ['reflog'],
      args: /^(?:expire|delete)$/,
    }),
    never(['git'], 'destructive', 'git gc --prune / git prune delete objects', {
      sub: ['gc'],
      args: /^--prune/,
    }),
    never(['git'], 'destructive', 'git prune deletes objects', { sub: ['prune'] }),
    never(['git'], 'destructive', 'git remote remove/rm drop a remote', { sub: ['remote', 'remove'] }),
    never(['git'], 'destructive', 'git remote remove/rm drop a remote', { sub: ['remote', 'rm'] }),
    exact(['git'], 'network', 'git remote add/set-url change where code goes', { sub: ['remote', 'add'] }),
    exact(['git'], 'network', 'git remote add/set-url change where code goes', {
      sub: ['remote', 'set-url'],
    }),
    never(['git'], 'inline-code', 'git submodule foreach runs a command', { sub: ['submodule', 'foreach'] }),
    never(['git'], 'destructive', 'git submodule deinit -f drops submodule trees', {
      sub: ['submodule', 'deinit'],
    }),
    never(['git'], 'inline-code', 'git bisect run runs a command', { sub: ['bisect', 'run'] }),
    never(['git'], 'inline-code', 'git difftool/mergetool -x/--extcmd/-t run a program', {
      sub: ['difftool'],
    }),
    never(['git'], 'inline-code', 'git difftool/mergetool -x/--extcmd/-t run a program', {
      sub: ['mergetool'],
    }),
    never(['git'], 'destructive', 'git update-ref -d deletes a ref', {
      sub: ['update-ref'],
      args: /^(?:-d|--stdin)$/,
    }),
    exact(['git'], 'vcs-write', 'git update-ref/symbolic-ref/replace move refs', { sub: ['update-ref'] }),
    never(['git'], 'destructive', 'git replace -d / notes prune|remove delete', {
      sub: ['replace'],
      args: /^(?:-d|--delete|-f)$/,
    }),
    never(['git'], 'destructive', 'git notes prune/remove delete notes', {
      sub: ['notes'],
      args: /^(?:prune|remove)$/,
    }),
    never(['git'], 'destructive', 'git mv -f overwrites the destination', {
      sub: ['mv'],
      args: /^(?:-f|--force)$/,
    }),
    never(
      ['git'],
      'inline-code',
      'git merge/pull/rebase/cherry-pick/revert -s STRATEGY runs git-merge-STRATEGY',
      {
        test: (args) =>
          (['merge', 'pull', 'rebase'].includes(firstWord(args)) &&
            has(args, /^(?:-s|--strategy)(?:=.*)?$/)) ||
          // for cherry-pick and revert `-s` is --signoff
          (['cherry-pick', 'revert'].includes(firstWord(args)) && has(args, /^--strategy(?:=.*)?$/)),
      },
    ),
    never(['git'], 'inline-code', 'git init/clone --template copies hooks', {
      test: (args) => ['init', 'clone'].includes(firstWord(args)) && has(args, /^--template(?:=|$)/),
    }),
    never(['git'], 'destructive', 'git apply --unsafe-paths/--directory write outside the tree', {
      sub: ['apply'],
      args: /^--(?:unsafe-paths|directory)/,
    }),
    never(['git'], 'destructive', 'git lfs prune/migrate rewrite or delete objects', {
      sub: ['lfs'],
      args: /^(?:prune|migrate)$/,
    }),
    exact(['git'], 'vcs-write', 'git repack/maintenance/symbolic-ref/replace/config change the repository', {
      test: (args) =>
        ['repack', 'maintenance', 'symbolic-ref', 'replace', 'config', 'lfs', 'am', 'init'].includes(
          firstWord(args),
        ),
    }),
    exact(['git'], 'network', 'git clone/ls-remote/archive --remote reach a remote', {
      test: (args) => ['clone', 'ls-remote', 'remote', 'fetch', 'pull', 'archive'].includes(firstWord(args)),
    }),

    // files: forms that destroy content or open permissions
    never(
      ['cp', 'mv', 'ln', 'install'],
      'destructive',
      'copying/moving/linking /dev/null over a file empties it',
      { args: /^\/dev\/null$/ },
    ),
    never(['ln'], 'destructive', 'ln -f/-sf replaces the destination', {
      args: /^-[a-zA-Z]*f[a-zA-Z]*$|^--force$/,
    }),
    never(['rsync'], 'destructive', 'rsync --delete*/--remove-source-files delete files', {
      args: /^--(?:delete|del$|remove-source-files)/,
    }),
    never(['rsync', 'scp'], 'inline-code', 'rsync -e/--rsync-path and scp -S run a program', {
      args: /^(?:-e|--rsh|--rsync-path|-S)(?:=.*)?$/,
    }),
    never(['chmod'], 'destructive', 'chmod setuid/world-writable/000 modes', {
      args: /^(?:[0-7]?[0-7]?7[0-7]?[0-7]$|[0-7]*[4-7][0-7]{3}|0*00+$|[ugoa]*[+=][rwxXt]*s|[oa]*[+=][rwx]*w|000)/,
    }),
    exact(['tee', 'install', 'truncate'], 'file-write', 'tee/install write any file named'),
    never(['unlink', 'srm', 'wipe'], 'destructive', 'deletes files'),
    never(
      [
        'passwd',
        'chpasswd',
        'usermod',
        'useradd',
        'groupadd',
        'groupdel',
        'gpasswd',
        'swapoff',
        'swapon',
        'mount',
        'umount',
        'timedatectl',
        'hostnamectl',
        'setcap',
        'modprobe',
        'rmmod',
        'insmod',
        'sysctl',
        'iptables',
        'nft',
        'ufw',
        'visudo',
        'sudoedit',
        'launchctl',
        'chroot',
        'nsenter',
        'unshare',
        'runuser',
        'setpriv',
        'csrutil',
        'spctl',
        'diskutil',
        'losetup',
        'cryptsetup',
        'lvremove',
        'vgremove',
        'zpool',
        'zfs',
      ],
      'privilege',
      'changes users, mounts, kernel, firewall or system settings',
    ),
    never(['date'], 'privilege', 'date -s/--set sets the clock', { args: /^(?:-s|--set)(?:=.*)?$/ }),
    never(['hostname'], 'privilege', '`hostname NAME` renames the host', {
      test: (args) => args.some((a) => !a.startsWith('-')),
    }),
    never(
      ['journalctl'],
      'destructive',
      'journalctl --vacuum-*/--rotate/--flush/--setup-keys/--relinquish-var change journals',
      {
        args: /^--(?:vacuum-|rotate|flush|setup-keys|relinquish-var|sync|update-catalog)/,
      },
    ),
    never(['xxd'], 'file-write', 'xxd -r writes binary; `xxd IN OUT` writes OUT', {
      test: (args) => {
        if (args.includes('-r') || args.includes('-revert')) return true;
        const positionals = args.filter(
          (a, i) =>
            !a.startsWith('-') &&
            !/^-(?:l|s|c|g|o|n|len|seek|cols|groupsize|offset|name)$/.test(args[i - 1] ?? ''),
        );
        return positionals.length > 1;
      },
    }),
    never(['man'], 'inline-code', 'man -P/--pager and -H/--html run a program', {
      args: /^(?:-P|--pager|-H|--html)/,
    }),
    never(['bat', 'delta', 'git'], 'inline-code', '--pager PAGER runs a program', {
      args: /^--pager(?:=|$)/,
    }),
    never(
      ['less', 'more'],
      'inline-code',
      'less -o/--log-file write, +cmd runs less commands (! is a shell)',
      { args: /^(?:-o|-O|--log-file|--LOG-FILE|\+)/ },
    ),
    never(['sort'], 'inline-code', 'sort -o writes, --compress-program runs a program', {
      args: /^(?:-o|--output|--compress-program)/,
    }),
    never(['uniq'], 'file-write', 'uniq IN OUT writes OUT', {
      test: (args) => args.filter((a) => !a.startsWith('-')).length > 1,
    }),
    never(['tree'], 'file-write', 'tree -o FILE writes', { args: /^-o/ }),
    never(
      ['tar', 'bsdtar', 'gtar'],
      'inline-code',
      'tar --to-command/-I/--use-compress-program/--checkpoint-action run a program',
      {
        args: /^(?:--to-command|-I|--use-compress-program|--checkpoint-action|--info-script|--new-volume-script|-F|--rsh-command)/,
      },
    ),
    never(['zip'], 'inline-code', 'zip -TT/--unzip-command runs a program', {
      args: /^(?:-TT|--unzip-command)/,
    }),
    never(['ssh'], 'inline-code', 'ssh -o ProxyCommand/LocalCommand run a program', {
      args: /^(?:-o)?(?:ProxyCommand|LocalCommand|PermitLocalCommand|KnownHostsCommand)/i,
    }),
    never(
      ['vim', 'vi', 'nvim', 'view', 'ex', 'emacs', 'nano', 'ed', 'code', 'subl'],
      'inline-code',
      'editors run commands (-c :!cmd, --eval, !)',
    ),
    never(['yq'], 'file-write', 'yq -i writes in place', { args: /^(?:-i|--inplace)/ }),
    never(['perl', 'ruby'], 'inline-code', 'perl/ruby -i/-n/-p with -e run inline code', {
      args: /^-[a-zA-Z]*[eEi]/,
    }),
    never(['go'], 'inline-code', 'go -exec/-toolexec/-vettool name a program', {
      args: /^-(?:exec|toolexec|vettool)(?:=|$)/,
    }),
    never(['go'], 'inline-code', 'go run runs any module; go generate runs //go:generate commands', {
      test: (args) => ['run', 'generate'].includes(firstWord(args)),
    }),
    exact(['go'], 'package-install', 'go get/install/mod download/tidy fetch modules', {
      test: (args) => ['get', 'install', 'mod', 'work'].includes(firstWord(args)),
    }),
    never(['cargo'], 'inline-code', 'cargo --config KEY=VALUE can name a runner or rustc wrapper', {
      args: /^--config(?:=|$)/,
    }),
    exact(['cargo'], 'package-install', 'cargo add/remove/update/uninstall change dependencies', {
      test: (args) => ['add', 'remove', 'rm', 'update', 'uninstall', 'install'].includes(firstWord(args)),
    }),
    never(
      ['npm', 'pnpm', 'yarn', 'bun'],
      'inline-code',
      'npm --script-shell / config set / set-script / pkg set choose what runs',
      {
        args: /^(?:--script-shell|--userconfig|--globalconfig|--node-options|set-script|--shell)(?:=.*)?$/,
      },
    ),
    never(['npm', 'pnpm', 'yarn', 'bun'], 'inline-code', 'npm config set / pkg set choose what runs', {
      test: (args) =>
        ((args[0] === 'config' || args[0] === 'pkg' || args[0] === 'set') && args.includes('set')) ||
        args[0] === 'set',
    }),
    exact(['npm', 'pnpm', 'yarn', 'bun'], 'package-install', 'npm ci/install/exec/dlx fetch packages', {
      test: (args) =>
        [
          'ci',
          'install',
          'i',
          'add',
          'exec',
          'x',
          'dlx',
          'audit',
          'init',
          'create',
          'global',
          'upgrade',
          'up',
          'unlink',
          'rebuild',
          'dedupe',
          'prune',
        ].includes(firstWord(args)),
    }),
    never(['make', 'gmake'], 'inline-code', 'make -f/--eval/SHELL= choose what a recipe runs', {
      args: /^(?:-f|--file|--makefile|-E|--eval|SHELL=|\.SHELLFLAGS=|MAKESHELL=)/,
    }),
    never(['pytest'], 'destructive', 'pytest --basetemp=DIR clears DIR', { args: /^--basetemp/ }),
    never(['docker', 'podman'], 'privilege', 'docker --privileged / -v /:… give root on the host', {
      args: /^(?:--privileged|--pid=host|--net=host|--cap-add.*|-v\/|\/:|--volume=\/:)/,
    }),
    never(['docker', 'podman'], 'destructive', 'docker stop/rm/prune/down remove containers or data', {
      test: (args) => args.some((a) => DESTRUCTIVE_VERB.test(a) && !a.startsWith('-')),
    }),
    exact(['docker', 'podman'], 'network', 'docker push/login/pull reach a registry', {
      args: /^(?:push|login|pull)$/,
    }),
    never(['deno'], 'download-exec', 'deno run/eval runs code (a URL is downloaded)', {
      args: /^(?:run|eval|https?:.*)$/,
    }),
    never(['bash', 'sh', 'zsh', 'dash', 'ksh'], 'download-exec', '`bash -s`/`-i` runs what it reads', {
      args: /^-[a-z]*[si]$/,
    }),
    never(['python', 'python3', 'python2'], 'inline-code', 'python -m MODULE runs any module', {
      args: /^-m$/,
    }),
    never(['python', 'python3', 'python2'], 'inline-code', 'python -I -c … runs inline code', {
      args: /^-[a-zA-Z]*c$/,
    }),
    never(
      ['lua', 'Rscript', 'julia', 'osascript', 'tclsh', 'expect', 'wish', 'iex', 'pwsh', 'powershell'],
      'inline-code',
      'runs code',
    ),
    never(['sed', 'gsed'], 'inline-code', 'sed `e` command / s///e run a command', {
      test: (args) => sedRisk(args) === 'inline-code',
    }),
    exact(['sed', 'gsed'], 'file-write', 'sed -i / w / W / s///w write files', {
      test: (args) => sedRisk(args) === 'file-write',
    }),
    never(
      ['awk', 'gawk', 'mawk', 'nawk'],
      'inline-code',
      'awk system()/pipes/getline from a command/-f script run commands',
      {
        test: (args) => awkRisk(args) === 'inline-code',
      },
    ),
    exact(['awk', 'gawk', 'mawk', 'nawk'], 'file-write', 'awk print > FILE writes', {
      test: (args) => awkRisk(args) === 'file-write',
    }),
    // the cloud/cluster/service CLIs: read verbs only read; every other verb changes a remote
    exact(REMOTE_CLIS, 'network', 'changes a remote service (no read verb)', {
      test: (args) => remoteVerb(args) !== 'read',
    }),
    {
      programs: REMOTE_CLIS,
      risk: 'read-only',
      maxLevel: 'subcommand',
      why: 'a read verb',
      test: (args) => remoteVerb(args) === 'read',
    },
    never(REMOTE_CLIS, 'destructive', 'a delete/destroy/terminate verb', {
      test: (args) => args.some((a) => DESTRUCTIVE_VERB.test(a)),
    }),
    never(['gh'], 'network', 'gh api can write anything', {
      args: /^(?:-X|--method|-f|-F|--field|--raw-field|--input)(?:=.*)?$/,
    }),
    never(['nix-store'], 'destructive', 'nix-store --delete/--gc delete store paths', {
      args: /^--(?:delete|gc)$/,
    }),
    never(['nix'], 'destructive', 'nix profile remove/wipe-history, store gc/delete', {
      test: (args) => {
        const words = args.filter((a) => !a.startsWith('-'));
        return (
          ['profile', 'store'].includes(words[0] ?? '') &&
          ['remove', 'wipe-history', 'rollback', 'gc', 'delete', 'optimise'].includes(words[1] ?? '')
        );
      },
    }),
    exact(
      ['nix'],
      'package-install',
      'nix profile install/upgrade, flake update/lock, registry add change what is installed or pinned',
      {
        test: (args) =>
          ['profile', 'registry', 'channel'].includes(firstWord(args)) ||
          (firstWord(args) === 'flake' && args.some((a) => a === 'update' || a === 'lock')),
      },
    ),
    exact(['cargo', 'go'], 'unknown', 'cargo/go run hand their arguments to a program the spec cannot see', {
      test: (args) => firstWord(args) === 'run',
    }),
    exact(['go'], 'file-write', 'go build/test -o FILE writes any file', { args: /^-o$/ }),
    exact(['nix'], 'file-write', 'nix eval --write-to PATH writes files', { args: /^--write-to(?:=|$)/ }),
    exact(['helm'], 'file-write', 'helm template --output-dir DIR writes files', {
      args: /^--output-dir(?:=|$)/,
    }),
    exact(
      ['npm', 'pnpm', 'yarn', 'bun'],
      'network',
      'npm login/publish/unpublish/deprecate/owner/access/token reach the registry',
      {
        args: /^(?:login|logout|adduser|publish|unpublish|deprecate|owner|access|token|team|dist-tag|star|unstar|hook|org)$/,
      },
    ),
    exact(['mix'], 'package-install', 'mix deps.* fetch dependencies', {
      test: (args) => /^deps\./.test(firstWord(args)) || firstWord(args) === 'archive.install',
    }),
    exact(['dotnet'], 'package-install', 'dotnet add/tool/workload install packages', {
      test: (args) => ['add', 'tool', 'workload', 'restore', 'nuget'].includes(firstWord(args)),
    }),
    {
      programs: ['npx', 'pnpx', 'bunx'],
      risk: 'build-test',
      maxLevel: 'subcommand',
      why: 'npx <test/check tool> with a spec row',
      test: (args) => ['vitest', 'tsc', 'eslint', 'prettier', 'jest'].includes(firstWord(args)),
    },
    {
      programs: ['tox', 'golangci-lint', 'nox'],
      risk: 'build-test',
      maxLevel: 'program',
      why: "runs the project's tests/linters",
    },
    {
      programs: ['sed', 'gsed', 'awk', 'gawk', 'mawk', 'nawk'],
      risk: 'read-only',
      maxLevel: 'exact',
      why: 'a text filter whose program neither runs nor writes',
    },
    {
      programs: ['*'],
      risk: 'read-only',
      maxLevel: 'exact',
      why: '`prog --version`/`--help` alone prints and exits',
      test: isVersionQuery,
    },
    {
      programs: ['tar', 'bsdtar', 'gtar'],
      risk: 'read-only',
      maxLevel: 'exact',
      why: 'tar -t lists an archive',
      test: (args) =>
        has(args, /^-[a-zA-Z]*t|^--list$/) &&
        !has(args, /^-[a-zA-Z]*[cxru]|^--(?:create|extract|get|append|update|delete)/),
    },
    {
      programs: ['tar', 'bsdtar', 'gtar', 'zip', 'unzip', 'gzip', 'gunzip', 'bzip2', 'xz', 'zstd', '7z'],
      risk: 'file-write',
      maxLevel: 'exact',
      why: 'archivers write (and extraction may overwrite) files',
    },
    {
      programs: ['unzip'],
      risk: 'read-only',
      maxLevel: 'exact',
      why: 'unzip -l/-t lists or tests an archive',
      test: (args) => has(args, /^-[lZtv]+$/),
    },
    // launchers: what they run is a segment of its own (its class is added where the call is known)
    exact(
      LAUNCHER_PROGRAMS,
      'unknown',
      'runs another command: exact rules only, judged by the inner command',
    ),
    never(['tmux', 'screen'], 'inline-code', 'tmux send-keys/run-shell run a shell command', {
      args: /^(?:send-keys|send|run-shell|run|respawn-pane|new-window|split-window|new-session|-X|stuff)$/,
    }),
    never(['script'], 'inline-code', 'script -c CMD runs a command', { args: /^(?:-c|--command)(?:=.*)?$/ }),
    never(['env'], 'inline-code', 'env -S splits and runs a command line', {
      args: /^(?:-S|--split-string)/,
    }),
  ];
}

// Order does not matter: every matching row applies and the most restrictive one wins.
/** The policy table (program / subcommand / flag pattern → class and broadest level). */
export const RISK_TABLE: RiskEntry[] = [
  // read-only tools: program level is fine
  ro(['jq', 'bat', 'eza', 'exa', 'tree', 'lsd', 'dust', 'duf', 'tokei', 'hexdump', 'xxd', 'file']),
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
  ...PROJECT_CHECKERS.map((program): RiskEntry => ({
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
  ...[['build'], ['flake', 'check'], ['develop'], ['fmt']].map((sub): RiskEntry => ({
    programs: ['nix'],
    sub,
    risk: 'build-test',
    maxLevel: 'subcommand',
    why: 'nix build',
  })),
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
  ...['mv', 'cp', 'ln', 'tee', 'patch', 'install', 'rsync'].map((program): RiskEntry => ({
    programs: [program],
    risk: 'file-write',
    maxLevel: 'exact',
    why: 'writes files',
  })),
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
  ...DANGER_ROWS(),
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
  if (
    !row.programs.includes(program) &&
    !row.programs.includes('*') &&
    !(program.startsWith('mkfs') && row.programs.includes('mkfs'))
  )
    return false;
  if (row.sub && !row.sub.every((word, i) => segment.subcommand[i] === word)) return false;
  const args = expandShortFlags(segment.argv.slice(1));
  if (row.noArgs)
    return (
      args.filter((a) => !a.startsWith('-') || a === '-').length === 0 &&
      !args.includes('-c') &&
      !isVersionQuery(args)
    );
  if (row.test && !row.test(args)) return false;
  if (row.args) return args.some((a) => row.args?.test(a) === true);
  return true;
}

function specificity(row: RiskEntry): number {
  return (row.sub?.length ?? 0) + (row.args || row.noArgs || row.test ? 10 : 0);
}

/** `prog --version` / `prog --help` alone: prints and exits, whatever the program. */
function isVersionQuery(args: readonly string[]): boolean {
  return args.length === 1 && /^(?:--version|-V|--help|-h|version)$/.test(args[0] ?? '');
}

/**
 * Arguments with combined short flags also given one by one, as getopt reads them: `-Dv` is `-D`
 * and `-v`, so `git branch -Dv x` meets the `-D` row. The combined word is kept too.
 */
export function expandShortFlags(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    out.push(a);
    if (/^-[A-Za-z]{2,}$/.test(a)) for (const c of a.slice(1)) out.push(`-${c}`);
  }
  return out;
}

function rank(level: BashLevel | null): number {
  return level === null ? -1 : LEVEL_RANK[level];
}

/** Classify one simple command: the worst class of every matching row, the narrowest level any row allows. */
export function classifySegment(segment: SegmentShape): RiskVerdict {
  const program = programBase(segment.program);
  const rows = RISK_TABLE.filter((row) => rowMatches(row, program, segment));
  const cap = specLevel(program, segment);
  if (rows.length === 0) {
    // Unknown programs: exact rules at most, on overwhelming evidence; a delete-like verb
    // (`pulumi destroy`, `foo rm`) is taken at its word.
    if (segment.argv.slice(1).some((a) => DESTRUCTIVE_VERB.test(a)))
      return {
        risk: 'destructive',
        maxLevel: null,
        autoAllow: 'never',
        why: ['unknown program with a delete verb'],
      };
    return { risk: 'unknown', maxLevel: 'exact', autoAllow: 'overwhelming', why: ['unknown program'] };
  }
  // The class comes from the most specific rows (a flag row beats a subcommand row beats the
  // program row: `git log` is read-only although git is not); the level cap from every row, so a
  // program row's cap (git: subcommand at most) always holds, and from the wildcard spec.
  const top = Math.max(...rows.map(specificity));
  let risk: RiskClass = 'read-only';
  let maxLevel: BashLevel | null = cap.level;
  const why = rows.map((row) => row.why);
  for (const row of rows) {
    if (specificity(row) === top && SEVERITY.indexOf(row.risk) < SEVERITY.indexOf(risk)) risk = row.risk;
    if (rank(row.maxLevel) < rank(maxLevel)) maxLevel = row.maxLevel;
  }
  if (cap.why) why.push(cap.why);
  return { risk, maxLevel, autoAllow: autoAllowFor(risk, maxLevel), why };
}

/**
 * The broadest wildcard the spec (risk-spec.ts) allows over this command: the program level, its
 * full subcommand path, or none (exact).
 */
function specLevel(program: string, segment: SegmentShape): { level: BashLevel; why: string | null } {
  if (wildcardVerdict(program, []).allowed) return { level: 'program', why: null };
  if (segment.subcommand.length > 0 && wildcardVerdict(program, segment.subcommand).allowed)
    return { level: 'subcommand', why: null };
  const verdict = wildcardVerdict(program, segment.subcommand);
  return { level: 'exact', why: verdict.why };
}

/** Classes that need overwhelming, recent evidence with no later refusal, even for an exact rule. */
export const OVERWHELMING_CLASSES: ReadonlySet<RiskClass> = new Set<RiskClass>([
  'network',
  'package-install',
  'vcs-write',
  'file-write',
  'unknown',
]);

function autoAllowFor(risk: RiskClass, maxLevel: BashLevel | null): AutoAllow {
  if (maxLevel === null) return 'never';
  // a file-write the spec lets generalize (mkdir, touch) only creates: no stronger bar
  if (risk === 'file-write' && maxLevel !== 'exact') return 'yes';
  if (OVERWHELMING_CLASSES.has(risk)) return 'overwhelming';
  if (RISKY_CLASSES.has(risk)) return 'never';
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
