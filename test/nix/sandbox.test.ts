import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { which } from './tools.js';

const scripts = path.resolve(import.meta.dirname, '../../scripts');
const root = mkdtempSync(path.join(tmpdir(), 'clearance-sandbox-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// bwrap needs unprivileged user namespaces (or setuid); probe once with a trivial sandbox.
const bwrap = which('bwrap');
const probe = bwrap ? spawnSync(bwrap, ['--ro-bind', '/', '/', '--unshare-pid', 'true']) : undefined;
const skipReason = !bwrap
  ? 'bwrap is not installed (apt-get install bubblewrap)'
  : probe?.status !== 0
    ? `bwrap cannot create namespaces here: ${String(probe?.stderr).trim()}`
    : undefined;

let homes = 0;
/** A fresh home with a project, a private file elsewhere in it, and ~/.claude. */
function makeHome() {
  const home = path.join(root, `home-${++homes}`);
  const project = path.join(home, 'src', 'project');
  mkdirSync(project, { recursive: true });
  mkdirSync(path.join(home, '.ssh'));
  writeFileSync(path.join(home, '.ssh', 'id_ed25519'), 'PRIVATE');
  mkdirSync(path.join(home, '.claude'));
  return { home, project };
}

function sandboxed(
  variant: 'claude-sandboxed' | 'claude-airgapped',
  home: string,
  dir: string,
  shell: string,
) {
  const result = spawnSync(path.join(scripts, variant), [dir, '--', '-c', shell], {
    env: { PATH: process.env.PATH, HOME: home, CLAUDE_BIN: 'sh' },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Host pids whose command line is exactly `cmdline`. */
function processes(cmdline: string): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8') === cmdline;
    } catch {
      return false; // exited while we looked
    }
  });
}

/** Wait until `done()` holds, 5 s at most (the assertion after it tells whether it did). */
async function poll(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

const interfaces = (devFile: string) =>
  devFile
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0]!.trim())
    .filter(Boolean)
    .sort();

describe.skipIf(skipReason !== undefined)(
  skipReason ? `claude-sandboxed (skipped: ${skipReason})` : 'claude-sandboxed',
  () => {
    it.each(['claude-sandboxed', 'claude-airgapped'] as const)('%s hides the rest of the home', (variant) => {
      const { home, project } = makeHome();
      const run = sandboxed(variant, home, project, `ls -A "$HOME"; cat "$HOME/.ssh/id_ed25519"`);
      expect(run.out.trim().split('\n').sort()).toEqual(['.claude', '.claude.json', 'src']);
      expect(run.err).toMatch(/id_ed25519: No such file or directory/);
      expect(run.code).not.toBe(0);
    });

    it.each([
      ['the home', '"$HOME/note"'],
      ['the Nix store or /usr', existsSync('/nix/store') ? '/nix/store/note' : '/usr/note'],
      ['a sibling of the project', '"$HOME/src/note"'],
    ])('cannot write to %s', (_label, target) => {
      const { home, project } = makeHome();
      const run = sandboxed('claude-sandboxed', home, project, `echo x > ${target}`);
      expect(run.code).not.toBe(0);
      expect(run.err).toMatch(/Read-only file system|Permission denied/);
      expect(readdirSync(path.join(home, 'src'))).toEqual(['project']);
    });

    it('writes to the project directory and ~/.claude reach the real files', () => {
      const { home, project } = makeHome();
      const run = sandboxed(
        'claude-sandboxed',
        home,
        project,
        'pwd; echo made > made.txt; echo log > "$HOME/.claude/log"',
      );
      expect(run.code).toBe(0);
      expect(run.out.trim()).toBe(project);
      expect(readFileSync(path.join(project, 'made.txt'), 'utf8')).toBe('made\n');
      expect(readFileSync(path.join(home, '.claude', 'log'), 'utf8')).toBe('log\n');
    });

    it('claude-airgapped has no network interface but lo', () => {
      const { home, project } = makeHome();
      const run = sandboxed('claude-airgapped', home, project, 'cat /proc/net/dev');
      expect(interfaces(run.out)).toEqual(['lo']);
    });

    it('claude-sandboxed keeps the host network', () => {
      const { home, project } = makeHome();
      const run = sandboxed('claude-sandboxed', home, project, 'cat /proc/net/dev');
      expect(interfaces(run.out)).toEqual(interfaces(readFileSync('/proc/net/dev', 'utf8')));
    });

    it('runs in its own PID namespace with no capabilities', () => {
      const { home, project } = makeHome();
      const run = sandboxed('claude-sandboxed', home, project, 'echo $$; grep CapEff /proc/self/status');
      const [pid, caps] = run.out.trim().split('\n');
      expect(Number(pid)).toBeLessThan(10);
      expect(caps).toMatch(/^CapEff:\s+0+$/);
    });

    it.each([
      ['the home itself', (h: string) => h],
      ['a parent of the home', (h: string) => path.dirname(h)],
    ])('refuses to expose %s', (_label, pick) => {
      const { home } = makeHome();
      const run = sandboxed('claude-sandboxed', home, pick(home), 'true');
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/refusing to expose/);
    });

    it('processes inside die with the sandbox', async () => {
      const { home, project } = makeHome();
      const token = String(100000 + Math.floor(Math.random() * 800000));
      const outer = spawn(path.join(scripts, 'claude-sandboxed'), [project, '--', '-c', `sleep ${token}`], {
        env: { PATH: process.env.PATH, HOME: home, CLAUDE_BIN: 'sh' },
        stdio: 'ignore',
      });
      const sleepers = () => processes(`sleep\0${token}\0`);
      await poll(() => sleepers().length > 0);
      const started = sleepers();
      outer.kill('SIGKILL');
      await poll(() => sleepers().length === 0);
      expect(started).toHaveLength(1);
      expect(sleepers()).toEqual([]);
    });
  },
);

// A stand-in for the claude binary: says where it started, then runs the shell code it is given.
const STAND_IN = '#!/bin/sh\necho "started $0"\n[ $# -eq 0 ] || eval "$1"\n';

function install(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, STAND_IN);
  chmodSync(file, 0o755);
}

function run(
  home: string,
  args: string[],
  env: Record<string, string> = {},
  variant: 'claude-sandboxed' | 'claude-airgapped' = 'claude-sandboxed',
) {
  const result = spawnSync(path.join(scripts, variant), args, {
    env: { PATH: `${path.join(home, '.local', 'bin')}:${process.env.PATH ?? ''}`, HOME: home, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe.skipIf(skipReason !== undefined)(
  skipReason
    ? `claude-sandboxed with a claude under the home (skipped: ${skipReason})`
    : 'claude-sandboxed with a claude under the home',
  () => {
    it('starts the native installer’s claude (~/.local/bin/claude → ~/.local/share/claude/versions/X), read-only', () => {
      const { home, project } = makeHome();
      const version = path.join(home, '.local', 'share', 'claude', 'versions', '2.1.328');
      install(version);
      mkdirSync(path.join(home, '.local', 'bin'), { recursive: true });
      symlinkSync(version, path.join(home, '.local', 'bin', 'claude'));
      const result = run(home, [
        project,
        '--',
        'readlink "$HOME/.local/bin/claude"; command -v claude; ls -A "$HOME"; echo x > "$(dirname "$0")/new" || echo read-only',
      ]);
      expect(result.err).not.toMatch(/execvp|No such file/);
      expect(result.code).toBe(0);
      expect(result.out.split('\n')).toEqual([
        `started ${version}`,
        version,
        path.join(home, '.local', 'bin', 'claude'),
        '.claude',
        '.claude.json',
        '.local',
        'src',
        'read-only',
        '',
      ]);
      expect(result.err).toMatch(/Read-only file system/);
      expect(readdirSync(path.dirname(version))).toEqual(['2.1.328']);
    });

    it('finds ~/.local/bin/claude when it is not on PATH', () => {
      const { home, project } = makeHome();
      const version = path.join(home, '.local', 'share', 'claude', 'versions', '2.1.328');
      install(version);
      mkdirSync(path.join(home, '.local', 'bin'), { recursive: true });
      symlinkSync(version, path.join(home, '.local', 'bin', 'claude'));
      const result = spawnSync(path.join(scripts, 'claude-sandboxed'), [project], {
        env: { PATH: '/usr/bin:/bin', HOME: home },
        encoding: 'utf8',
      });
      expect(result.stdout).toBe(`started ${version}\n`);
    });

    it('starts a claude from ~/.nix-profile, a link to a profile outside the home', () => {
      const { home, project } = makeHome();
      const profile = path.join(root, `profile-${homes}`);
      install(path.join(profile, 'bin', 'claude'));
      symlinkSync(profile, path.join(home, '.nix-profile'));
      const result = run(home, [project, '--', 'ls "$HOME/.nix-profile/bin"'], {
        PATH: `${path.join(home, '.nix-profile', 'bin')}:/usr/bin:/bin`,
      });
      expect(result.code).toBe(0);
      expect(result.out).toBe(`started ${path.join(profile, 'bin', 'claude')}\nclaude\n`);
    });

    it('passes only the allowlisted variables and the --env additions', () => {
      const { home, project } = makeHome();
      install(path.join(home, '.local', 'bin', 'claude'));
      const result = run(
        home,
        ['--env', 'MY_SETTING', '--env', 'EXTRA=on', project, '--', 'env | cut -d= -f1 | sort'],
        {
          TERM: 'xterm-256color',
          LANG: 'C.UTF-8',
          LC_TIME: 'C',
          TZ: 'UTC',
          ANTHROPIC_API_KEY: 'sk-ant-test',
          CLAUDE_CODE_USE_BEDROCK: '0',
          OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://127.0.0.1:4318/v1/logs',
          MY_SETTING: '1',
          SSH_AUTH_SOCK: '/run/user/1000/ssh-agent',
          GITHUB_TOKEN: 'ghp_secret',
          AWS_SECRET_ACCESS_KEY: 'secret',
          DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
          UNRELATED: 'x',
        },
      );
      expect(result.code).toBe(0);
      // PWD is set by the shell inside; everything else came through the allowlist.
      expect(
        result.out
          .split('\n')
          .slice(1, -1)
          .filter((name) => name !== 'PWD' && name !== 'SHLVL' && name !== 'OLDPWD' && name !== '_'),
      ).toEqual([
        'ANTHROPIC_API_KEY',
        'CLAUDE_CODE_USE_BEDROCK',
        'EXTRA',
        'HOME',
        'LANG',
        'LC_TIME',
        'MY_SETTING',
        'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
        'PATH',
        'TERM',
        'TZ',
      ]);
    });

    it('refuses an --env that is not a variable name', () => {
      const { home, project } = makeHome();
      install(path.join(home, '.local', 'bin', 'claude'));
      const result = run(home, ['--env', 'A-B', project]);
      expect(result.code).toBe(2);
      expect(result.err).toContain('--env A-B: not a variable name');
    });
  },
);
