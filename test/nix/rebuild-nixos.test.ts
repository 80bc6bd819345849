import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { which } from './tools.js';

const script = path.resolve(import.meta.dirname, '../../scripts/rebuild-nixos');
const root = mkdtempSync(path.join(tmpdir(), 'clearance-rebuild-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Each stub appends its argv (one line) to $STUB_LOG/<name>.log.
const record = 'printf "%s\\n" "$*" >> "$STUB_LOG/$(basename "$0").log"';
const stubs: Record<string, string> = {
  // Every evaluation builds a different system (as a second evaluation after an edit, a moved
  // flake input or a changed channel would): only the first one may ever be switched to.
  'nixos-rebuild': `${record}
[ "$1" = build ] || exit 0
[ "\${BUILD_EXIT:-0}" -eq 0 ] || exit "$BUILD_EXIT"
n=$(wc -l < "$STUB_LOG/nixos-rebuild.log")
[ "$n" -eq 1 ] || NEW_SYSTEM="$NEW_SYSTEM-$n"
ln -sfn "$NEW_SYSTEM" result`,
  'nix-env': `${record}
exit "\${PROFILE_EXIT:-0}"`,
  sudo: `${record}
while [ $# -gt 0 ]; do case "$1" in -u) shift 2 ;; -H) shift ;; *) break ;; esac; done
exec "$@"`,
  nvd: `${record}
echo "<<< $2"; echo ">>> $3"; echo "Version changes:"; echo "[U*] #1 ripgrep 14.1.0 -> 14.1.1"`,
  clearance: `${record}
echo "previous=$CLEARANCE_PREVIOUS_SYSTEM" >> "$STUB_LOG/clearance.log"
exit "\${REVIEW_EXIT:-0}"`,
  // Makes the script believe it runs as a normal user, so the switch goes through sudo.
  id: 'echo "${FAKE_UID:-1000}"',
  'nix-store': `case "$2" in
  */current) printf '%s\\n' /nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-ripgrep-14.1.0 /nix/store/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-bash-5.2 ;;
  *) printf '%s\\n' /nix/store/cccccccccccccccccccccccccccccccc-ripgrep-14.1.1 /nix/store/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-bash-5.2 ;;
esac`,
};

// Only the directories of the tools the wrapper needs, so a real nvd/dix/nix-store/sudo on the
// developer's PATH never stands in for a stub.
const toolPath = [
  ...new Set(
    [
      'bash',
      'sh',
      'env',
      'mktemp',
      'readlink',
      'sed',
      'sort',
      'comm',
      'basename',
      'dirname',
      'cat',
      'ln',
      'rm',
      'wc',
      'script',
    ]
      .map(which)
      .filter((tool): tool is string => tool !== undefined)
      .map((tool) => path.dirname(tool)),
  ),
].join(':');

interface Run {
  code: number | null;
  out: string;
  log: (name: string) => string;
}

interface Options {
  stdin?: string;
  tty?: boolean;
  env?: Record<string, string>;
  without?: string[];
}

let runs = 0;
function rebuild(args: string[], options: Options = {}): Run {
  const dir = path.join(root, `run-${++runs}`);
  const bin = path.join(dir, 'bin');
  const logs = path.join(dir, 'logs');
  for (const d of [
    bin,
    logs,
    path.join(dir, 'current'),
    path.join(dir, 'new', 'bin'),
    path.join(dir, 'flake'),
  ])
    mkdirSync(d, { recursive: true });
  // The built system's own activation program, as in a real NixOS toplevel.
  const activate = path.join(dir, 'new', 'bin', 'switch-to-configuration');
  writeFileSync(
    activate,
    '#!/bin/sh\nprintf "%s %s\\n" "$0" "$*" >> "$STUB_LOG/switch-to-configuration.log"\nexit "${SWITCH_EXIT:-0}"\n',
  );
  chmodSync(activate, 0o755);
  for (const [name, body] of Object.entries(stubs)) {
    if (options.without?.includes(name)) continue;
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  }
  const env = {
    PATH: `${bin}:${toolPath}`,
    HOME: dir,
    TERM: 'dumb',
    STUB_LOG: logs,
    NEW_SYSTEM: path.join(dir, 'new'),
    CLEARANCE_CURRENT_SYSTEM: path.join(dir, 'current'),
    CLEARANCE_SYSTEM_PROFILE: path.join(dir, 'profiles', 'system'),
    ...options.env,
  };
  const command = [script, '--flake', path.join(dir, 'flake'), ...args];
  // script(1) gives the wrapper a real terminal on stdin and stdout.
  const quoted = command.map((a) => `'${a}'`).join(' ');
  const result = options.tty
    ? spawnSync('script', ['-qec', quoted, '/dev/null'], {
        env,
        input: options.stdin ?? '',
        encoding: 'utf8',
      })
    : spawnSync(command[0]!, command.slice(1), { env, input: options.stdin ?? '', encoding: 'utf8' });
  return {
    code: result.status,
    out: `${result.stdout}${result.stderr}`,
    log: (name) => {
      const file = path.join(logs, `${name}.log`);
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
  };
}

describe('rebuild-nixos', () => {
  it('--dry-run builds and diffs, prints the switch commands, and never switches', () => {
    const run = rebuild(['--dry-run']);
    expect(run.code).toBe(0);
    expect(run.log('nixos-rebuild')).toMatch(/^build --flake \S+\/flake\n$/);
    expect(run.log('nvd')).toMatch(/^diff \S+\/current \S+\/new\n$/);
    expect(run.out).toContain('ripgrep 14.1.0 -> 14.1.1');
    expect(run.out).toMatch(
      /a switch would run:\n {2}sudo nix-env -p \S+\/profiles\/system --set \S+\/new\n {2}sudo \S+\/new\/bin\/switch-to-configuration switch\n/,
    );
    expect(run.log('sudo')).toBe('');
    expect(run.log('nix-env')).toBe('');
    expect(run.log('switch-to-configuration')).toBe('');
  });

  it.each([
    ['no answer', ''],
    ['n', 'n\n'],
    ['anything but yes', 'sure\n'],
  ])('asks before switching, default No (%s): nothing switched, exit 1', (_label, stdin) => {
    const run = rebuild([], { stdin });
    expect(run.code).toBe(1);
    expect(run.out).toContain('Switch to the new system? [y/N]');
    expect(run.log('nix-env')).toBe('');
    expect(run.log('switch-to-configuration')).toBe('');
  });

  it.each([
    ['--yes', ['--yes'], ''],
    ['-y', ['-y'], ''],
    ['answer y', [], 'y\n'],
  ])(
    'after %s switches to the very store path it built and showed, evaluating once',
    (_label, args, stdin) => {
      const run = rebuild(args, { stdin });
      expect(run.code).toBe(0);
      const built = /^diff \S+ (\S+)\n$/.exec(run.log('nvd'))?.[1];
      expect(built).toMatch(/\/new$/);
      expect(run.log('nixos-rebuild')).toMatch(/^build --flake \S+\/flake\n$/);
      expect(run.log('sudo')).toBe(
        `nix-env -p ${path.dirname(built!)}/profiles/system --set ${built}\n` +
          `${built}/bin/switch-to-configuration switch\n`,
      );
      expect(run.log('switch-to-configuration')).toBe(`${built}/bin/switch-to-configuration switch\n`);
    },
  );

  it('switches without sudo when it already runs as root', () => {
    const run = rebuild(['--yes'], { env: { FAKE_UID: '0' } });
    expect(run.code).toBe(0);
    expect(run.log('sudo')).toBe('');
    expect(run.log('nix-env')).toMatch(/^-p \S+ --set \S+\/new\n$/);
  });

  it('passes the arguments after -- to the one build', () => {
    const run = rebuild(['--yes', '--', '--show-trace']);
    expect(run.log('nixos-rebuild')).toMatch(/^build --flake \S+ --show-trace\n$/);
  });

  it('stops before switching when the build fails, with the build exit code', () => {
    const run = rebuild(['--yes'], { env: { BUILD_EXIT: '3' } });
    expect(run.code).toBe(3);
    expect(run.out).toContain('build failed (exit 3); nothing switched');
    expect(run.log('nix-env')).toBe('');
    expect(run.log('nvd')).toBe('');
  });

  it('never activates when the profile cannot be set', () => {
    const run = rebuild(['--yes'], { env: { PROFILE_EXIT: '5' } });
    expect(run.code).toBe(5);
    expect(run.out).toContain('could not set the system profile');
    expect(run.log('switch-to-configuration')).toBe('');
  });

  it('fails with the exit code of a failing switch-to-configuration', () => {
    const run = rebuild(['--yes'], { env: { SWITCH_EXIT: '4' } });
    expect(run.code).toBe(4);
    expect(run.out).toContain('switch-to-configuration failed (exit 4)');
  });

  it('lists added and removed store paths when neither nvd nor dix is installed', () => {
    const run = rebuild(['--dry-run'], { without: ['nvd'] });
    expect(run.out).toMatch(/Added:\s+\+ ripgrep-14\.1\.1\s+Removed:\s+- ripgrep-14\.1\.0/);
    expect(run.out).not.toContain('bash-5.2');
  });

  it.each([
    ['unknown flag', ['--frobnicate'], 2],
    ['--flake without a value', ['--flake'], 2],
    ['--help', ['--help'], 0],
  ])('%s exits %i without building', (_label, args, code) => {
    const run = rebuild(args);
    expect(run.code).toBe(code);
    expect(run.log('nixos-rebuild')).toBe('');
  });
});

// script(1) needs a pseudo-terminal; some build sandboxes have none.
const hasScript =
  which('script') && spawnSync('script', ['-qec', 'true', '/dev/null'], { stdio: 'ignore' }).status === 0;
describe.skipIf(!hasScript)(
  hasScript
    ? 'rebuild-nixos review'
    : 'rebuild-nixos review (skipped: script(1) from util-linux is not installed)',
  () => {
    it('opens clearance review --post-rebuild at a terminal, told which system it came from', () => {
      const run = rebuild(['--yes'], { tty: true });
      expect(run.code).toBe(0);
      expect(run.log('clearance')).toMatch(/^review --post-rebuild\nprevious=\S+\/current\n$/);
    });

    it.each([
      ['without a terminal', ['--yes'], false, {}],
      ['with --quick', ['--yes', '--quick'], true, {}],
      ['in CI', ['--yes'], true, { CI: '1' }],
      ['after a dry run', ['--dry-run'], true, {}],
    ])('skips the review %s', (_label, args, tty, env) => {
      const run = rebuild(args, { tty, env });
      expect(run.code).toBe(0);
      expect(run.log('clearance')).toBe('');
    });

    it('runs the review as the invoking user when the wrapper itself was started with sudo', () => {
      const run = rebuild(['--yes'], { tty: true, env: { FAKE_UID: '0', SUDO_USER: 'alice' } });
      expect(run.log('sudo')).toMatch(
        /^-u alice -H env CLEARANCE_PREVIOUS_SYSTEM=\S+ CLEARANCE_NEW_SYSTEM=\S+ \S+\/clearance review --post-rebuild\n$/,
      );
      expect(run.log('switch-to-configuration')).toMatch(/switch-to-configuration switch\n$/);
    });

    it('never fails the rebuild when the review fails', () => {
      const run = rebuild(['--yes'], { tty: true, env: { REVIEW_EXIT: '9' } });
      expect(run.log('clearance')).toContain('review --post-rebuild');
      expect(run.code).toBe(0);
    });
  },
);
