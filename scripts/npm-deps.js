#!/usr/bin/env node
// Dependency tarballs for the Nix build, without naming any registry host (DESIGN.md §9).
//
//   node scripts/npm-deps.js fetch LOCKFILE OUTDIR   write every tarball the lockfile pins into OUTDIR
//   node scripts/npm-deps.js lock LOCKFILE DEPSDIR   print LOCKFILE with `resolved` pointing into DEPSDIR
//   node scripts/npm-deps.js list LOCKFILE           print the selected name@version integrity triples
//
// `fetch` is the builder of the fixed-output derivation nix/npm-deps.nix and the test
// test/nix/deps-hash.test.ts runs the very same code, so the directory the test hashes is the
// directory Nix hashes. Each tarball is found in the local npm cache by its integrity (the
// cache is content-addressed) or in $NPM_DEPS_DIR, else fetched with `npm pack NAME@VERSION` (npm's own default
// registry); either way its bytes are checked against the lockfile's integrity before they
// are written, so the output depends on nothing but the lockfile.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Platforms the flake builds for. Optional native packages for other systems (darwin, win32,
// android, ppc64, …) are left out: npm skips them on Linux anyway, and leaving them out keeps
// the download small. x64 and arm64 are both kept, so one hash serves both flake systems.
const wantedOs = 'linux';
const wantedCpus = ['x64', 'arm64'];

function fail(message) {
  process.stderr.write(`npm-deps: ${message}\n`);
  process.exit(1);
}

/** Lock entries the build needs, one per name@version, sorted; throws on anything we cannot pin. */
export function selectPackages(lock) {
  if (!lock || typeof lock !== 'object' || !lock.packages)
    fail('lockfile has no "packages" (lockfileVersion 2 or 3 needed)');
  const byId = new Map();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.link || entry.inBundle) continue;
    if (!key.includes('node_modules/')) continue; // workspace folders are part of the source
    if (entry.os && !entry.os.includes(wantedOs)) continue;
    if (entry.cpu && !entry.cpu.some((cpu) => wantedCpus.includes(cpu))) continue;
    const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!entry.version || !entry.integrity) fail(`${key}: no version or integrity in the lockfile`);
    if (entry.resolved)
      fail(`${key}: has a "resolved" URL; the lockfile must carry versions and integrity only`);
    const id = `${name}@${entry.version}`;
    const seen = byId.get(id);
    if (seen && seen.integrity !== entry.integrity)
      fail(`${id}: two different integrity hashes in the lockfile`);
    byId.set(id, {
      id,
      name,
      version: entry.version,
      integrity: entry.integrity,
      file: tarballName(name, entry.version),
    });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The file name a package's tarball gets in the output: `@scope/name` → `@scope+name-1.2.3.tgz`. */
export function tarballName(name, version) {
  return `${name.replace('/', '+')}-${version}.tgz`;
}

/** True when `bytes` match one of the hashes of an SRI `integrity` string. */
export function matchesIntegrity(bytes, integrity) {
  return integrity.split(/\s+/).some((item) => {
    const dash = item.indexOf('-');
    const algorithm = item.slice(0, dash);
    if (!['sha512', 'sha384', 'sha256', 'sha1'].includes(algorithm)) return false;
    return createHash(algorithm).update(bytes).digest('base64') === item.slice(dash + 1).split('?')[0];
  });
}

// npm's cache (cacache) stores content under content-v2/<algorithm>/<hex of the digest>.
function cachedContent(cacheDir, integrity) {
  for (const item of integrity.split(/\s+/)) {
    const dash = item.indexOf('-');
    const hex = Buffer.from(item.slice(dash + 1), 'base64').toString('hex');
    const file = path.join(
      cacheDir,
      '_cacache',
      'content-v2',
      item.slice(0, dash),
      hex.slice(0, 2),
      hex.slice(2, 4),
      hex.slice(4),
    );
    if (existsSync(file)) return file;
  }
  return undefined;
}

function npmCacheDir() {
  if (process.env.npm_config_cache) return process.env.npm_config_cache;
  const result = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : path.join(process.env.HOME ?? '/', '.npm');
}

// One `npm pack` run per batch; names that npm would give the same file go to separate batches.
function packBatches(missing) {
  const batches = [];
  for (const pkg of missing) {
    const npmFile = `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`;
    let batch = batches.find((b) => !b.has(npmFile));
    if (!batch) batches.push((batch = new Map()));
    batch.set(npmFile, pkg);
  }
  return batches;
}

function fetchAll(lockFile, outDir) {
  const packages = selectPackages(JSON.parse(readFileSync(lockFile, 'utf8')));
  mkdirSync(outDir, { recursive: true });
  const cacheDir = npmCacheDir();
  const missing = [];
  for (const pkg of packages) {
    // NPM_DEPS_DIR: an earlier output of this script (the Nix check phase points it at the store copy).
    const earlier = process.env.NPM_DEPS_DIR && path.join(process.env.NPM_DEPS_DIR, pkg.file);
    const cached = earlier && existsSync(earlier) ? earlier : cachedContent(cacheDir, pkg.integrity);
    if (cached && matchesIntegrity(readFileSync(cached), pkg.integrity))
      copyFileSync(cached, path.join(outDir, pkg.file));
    else missing.push(pkg);
  }
  const work = mkdtempSync(path.join(tmpdir(), 'npm-deps-'));
  try {
    for (const batch of packBatches(missing)) {
      const specs = [...batch.values()].map((pkg) => `${pkg.name}@${pkg.version}`);
      const result = spawnSync(
        'npm',
        ['pack', '--silent', '--ignore-scripts', '--pack-destination', work, ...specs],
        {
          cwd: work,
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      if (result.status !== 0)
        fail(`npm pack failed (exit ${result.status ?? result.signal}) for ${specs.length} packages`);
      for (const [npmFile, pkg] of batch) {
        const file = path.join(work, npmFile);
        if (!existsSync(file)) fail(`npm pack did not write ${npmFile}`);
        if (!matchesIntegrity(readFileSync(file), pkg.integrity))
          fail(`${pkg.id}: tarball does not match the lockfile's integrity`);
        renameSync(file, path.join(outDir, pkg.file));
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // Only the pinned tarballs, with fixed modes: the output's NAR hash then depends on the lockfile alone.
  const wanted = new Set(packages.map((pkg) => pkg.file));
  for (const file of readdirSync(outDir)) {
    if (!wanted.has(file)) rmSync(path.join(outDir, file), { recursive: true, force: true });
    else chmodSync(path.join(outDir, file), 0o444);
  }
  process.stderr.write(
    `npm-deps: ${packages.length} tarballs (${packages.length - missing.length} from the npm cache)\n`,
  );
}

function rewriteLock(lockFile, depsDir) {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
  const byId = new Map(selectPackages(lock).map((pkg) => [pkg.id, pkg]));
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.link || entry.inBundle || !key.includes('node_modules/')) continue;
    const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const pkg = byId.get(`${name}@${entry.version}`);
    if (pkg) entry.resolved = `file:${path.join(path.resolve(depsDir), pkg.file)}`;
  }
  return `${JSON.stringify(lock, null, 2)}\n`;
}

const [command, lockFile, dir] = process.argv.slice(2);
if (command === 'fetch' && lockFile && dir) fetchAll(lockFile, dir);
else if (command === 'lock' && lockFile && dir) writeFileSync(1, rewriteLock(lockFile, dir));
else if (command === 'list' && lockFile)
  writeFileSync(
    1,
    selectPackages(JSON.parse(readFileSync(lockFile, 'utf8')))
      .map((p) => `${p.id} ${p.integrity}\n`)
      .join(''),
  );
else fail('usage: npm-deps.js fetch LOCKFILE OUTDIR | lock LOCKFILE DEPSDIR | list LOCKFILE');
