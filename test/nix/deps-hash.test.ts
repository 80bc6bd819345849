import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nixEnv, which } from './tools.js';

const repo = path.resolve(import.meta.dirname, '../..');
const script = path.join(repo, 'scripts/npm-deps.js');
const work = mkdtempSync(path.join(tmpdir(), 'clearance-deps-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface LockEntry {
  version: string;
  integrity: string;
  resolved?: string;
}
const lock = JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

function node(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
}

// A one-dependency project cut from the real lockfile: its tarball is in the npm cache after `npm ci`.
function tinyProject(dir: string, integrity = lock.packages['node_modules/react']?.integrity): string {
  const react = lock.packages['node_modules/react'];
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'tiny', version: '1.0.0', dependencies: { react: react?.version } }),
  );
  writeFileSync(
    path.join(dir, 'package-lock.json'),
    JSON.stringify({
      name: 'tiny',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'tiny', version: '1.0.0', dependencies: { react: react?.version } },
        'node_modules/react': { version: react?.version, integrity, license: 'MIT' },
      },
    }),
  );
  return path.join(dir, 'package-lock.json');
}

describe('the lockfile the dependency step reads', () => {
  it('pins versions and integrity only: no entry carries a resolved URL', () => {
    const withUrl = Object.entries(lock.packages).filter(([key, entry]) => key !== '' && entry.resolved);
    expect(withUrl).toEqual([]);
  });

  it.each(['flake.nix', 'nix/package.nix', 'nix/npm-deps.nix', 'scripts/npm-deps.js', 'nix/README.md'])(
    '%s names no package registry host',
    (file) => {
      expect(readFileSync(path.join(repo, file), 'utf8')).not.toMatch(/registry\.|npmjs|yarnpkg|npmmirror/i);
    },
  );
});

describe('the fixed-output step (scripts/npm-deps.js)', () => {
  it('installs offline: the rewritten lockfile points npm ci at the verified tarballs', () => {
    const dir = mkdtempSync(path.join(work, 'tiny-'));
    const lockFile = tinyProject(dir);
    expect(node(['fetch', lockFile, path.join(dir, 'deps')]).status).toBe(0);
    writeFileSync(lockFile, node(['lock', lockFile, path.join(dir, 'deps')]).stdout);
    // An empty cache and --offline: exactly the Nix build sandbox's situation.
    const ci = spawnSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        npm_config_cache: path.join(dir, 'empty-cache'),
        npm_config_update_notifier: 'false',
      },
    });
    expect(ci.status).toBe(0);
    const installed = JSON.parse(readFileSync(path.join(dir, 'node_modules/react/package.json'), 'utf8')) as {
      version: string;
    };
    expect(installed.version).toBe(lock.packages['node_modules/react']?.version);
  });

  it('refuses a tarball whose bytes do not match the lockfile integrity', () => {
    const dir = mkdtempSync(path.join(work, 'bad-'));
    const forged = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;
    const result = node(['fetch', tinyProject(dir, forged), path.join(dir, 'deps')]);
    expect(result.status).not.toBe(0);
    expect(existsSync(path.join(dir, 'deps')) ? readdirSync(path.join(dir, 'deps')) : []).toEqual([]);
  });

  it('rejects a lockfile entry with a resolved URL', () => {
    const dir = mkdtempSync(path.join(work, 'resolved-'));
    const lockFile = tinyProject(dir);
    const data = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, LockEntry> };
    data.packages['node_modules/react']!.resolved = 'https://example.invalid/react.tgz';
    writeFileSync(lockFile, JSON.stringify(data));
    const result = node(['list', lockFile]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/resolved/);
  });
});

const nix = which('nix');
describe.skipIf(!nix)(
  nix ? 'nix/npm-deps.hash' : 'nix/npm-deps.hash (skipped: nix is not on PATH; apt-get install nix-bin)',
  () => {
    it('is the NAR hash of the dependency directory the lockfile pins (run nix/update-deps-hash.sh after a lockfile change)', () => {
      const out = path.join(work, 'deps');
      const fetched = node(['fetch', path.join(repo, 'package-lock.json'), out]);
      expect(fetched.stderr).toMatch(/tarballs/);
      const hashed = spawnSync(nix ?? 'nix', ['hash', 'path', out], { encoding: 'utf8', env: nixEnv });
      expect(hashed.stdout.trim()).toBe(readFileSync(path.join(repo, 'nix/npm-deps.hash'), 'utf8').trim());
    });
  },
);
