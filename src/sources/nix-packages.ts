// Readers of the Nix package set, best available first (DESIGN.md §4, reference §1):
//   1. `nix eval --json` of the configured flake (pname, version, description, mainProgram);
//   2. the live system profiles, whose bin/ symlinks name the store path of each binary's package;
//   3. the hand-written packages.nix files (with their imports), parsed with the Nix grammar.
// Every reader returns {value, problems}; a missing nix, a failed evaluation or an unreadable file
// is one clear problem line, never a crash.
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { displayVersion, parseDrvName, storePathName } from '../core/nix/drv-name.js';
import { packageSetFromFiles } from '../core/nix/package-set.js';
import type { PackageSetResult } from '../core/nix/package-set.js';
import { parsePackagesNix } from '../core/nix/packages-nix.js';
import type { InstalledPackage, PackageSet, ParsedPackagesFile } from '../core/nix/types.js';
import type { Problem } from '../core/types.js';
import { underRoot } from '../runtime/paths.js';

// ---------------------------------------------------------------------------------------------
// 3. packages.nix files

/** Parse a packages.nix and every file it imports (relative to the importing file, cycle-safe). */
export function readPackagesNixFiles(file: string): {
  value: ParsedPackagesFile[];
  problems: Problem[];
  /** `file:line` of the first syntax error: Nix would refuse the file, so nothing read is trusted. */
  syntaxError: string | null;
} {
  const problems: Problem[] = [];
  let syntaxError: string | null = null;
  const files: ParsedPackagesFile[] = [];
  const seen = new Set<string>();
  const visit = (target: string, importedBy: string | null): void => {
    const resolved = path.resolve(target);
    if (seen.has(resolved)) return;
    seen.add(resolved);
    let text: string;
    try {
      text = readFileSync(resolved, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      const why = code === 'ENOENT' ? 'not found' : code;
      problems.push({
        source: resolved,
        message: importedBy ? `import ${resolved} (from ${importedBy}): ${why}` : `${resolved}: ${why}`,
      });
      return;
    }
    const parsed = parsePackagesNix(text, resolved);
    files.push(parsed);
    if (parsed.syntaxErrors.length > 0 && syntaxError === null)
      syntaxError = `${resolved}:${parsed.syntaxErrors[0] ?? 1}`;
    problems.push(...parsed.problems);
    for (const imported of parsed.imports) {
      // A directory import means its default.nix, as in Nix.
      let next = path.resolve(path.dirname(resolved), imported);
      if (existsSync(next) && lstatSync(next).isDirectory()) next = path.join(next, 'default.nix');
      visit(next, resolved);
    }
  };
  visit(file, null);
  // A file whose lists could not be followed must not look like a system without packages.
  if (files.length > 0 && files.every((f) => f.entries.length === 0)) {
    const options = files.reduce((n, f) => n + f.packageOptions, 0);
    problems.push({
      source: path.resolve(file),
      message:
        options === 0
          ? `${path.resolve(file)}: no package list understood (no environment.systemPackages, home.packages, users.users.<name>.packages or packages in it or its imports)`
          : `${path.resolve(file)}: no packages understood in its ${options} package list${options === 1 ? '' : 's'}; pass --flake to read the evaluated list`,
    });
  }
  return { value: files, problems, syntaxError };
}

/** The package set of a packages.nix file and its imports. */
export function readPackagesNix(file: string): PackageSetResult & { syntaxError: string | null } {
  const { value, problems, syntaxError } = readPackagesNixFiles(file);
  return {
    // No entry at all is "not understood" (a problem says so), not a system without packages.
    value:
      syntaxError === null && value.some((f) => f.entries.length > 0)
        ? packageSetFromFiles(value, path.resolve(file))
        : null,
    problems,
    syntaxError,
  };
}

/** The flake directory: `--flake` (a path, `#host` allowed), else /etc/nixos when it has flake.nix. */
export function discoverFlake(
  root: string,
  flag: string | undefined,
): { dir: string; host: string | null } | null {
  if (flag) {
    const [ref = '', host] = flag.split('#');
    return { dir: path.resolve(ref.replace(/^path:/, '')), host: host || null };
  }
  const dir = underRoot(root, '/etc/nixos');
  return existsSync(path.join(dir, 'flake.nix')) ? { dir, host: null } : null;
}

/** The packages.nix of a flake (or of /etc/nixos): the usual places, first found wins. */
export function discoverPackagesNix(root: string, flakeDir: string | null): string | null {
  const dirs = [flakeDir, underRoot(root, '/etc/nixos')].filter((d): d is string => d !== null);
  for (const dir of dirs) {
    for (const candidate of ['modules/core/packages.nix', 'modules/packages.nix', 'packages.nix']) {
      const file = path.join(dir, candidate);
      if (existsSync(file)) return file;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// 2. live system

// buildEnv aggregates: a link into one of these is followed once more to reach the real package.
const ENV_NAMES = new Set(['system-path', 'home-manager-path', 'user-environment', 'profile']);
const MAX_HOPS = 40;

/** The profile bin directories of the live system, re-rooted under --root / --home. */
export function liveProfileDirs(root: string, home: string, user: string): string[] {
  return [
    underRoot(root, '/run/current-system/sw/bin'),
    underRoot(root, `/etc/profiles/per-user/${user}/bin`),
    path.join(home, '.nix-profile', 'bin'),
  ];
}

// Resolve `logical` (an absolute path as the system would see it) inside `root`, following
// symlinks component by component; absolute link targets are re-rooted, and nothing may leave
// the root. Returns the logical path reached, or null when it escapes or loops.
function resolveInRoot(root: string, logical: string): string | null {
  let parts = logical.split('/').filter(Boolean);
  let done: string[] = [];
  let hops = 0;
  while (parts.length > 0) {
    const part = parts.shift() ?? '';
    if (part === '.') continue;
    if (part === '..') {
      if (done.length === 0) return null;
      done.pop();
      continue;
    }
    const candidate = [...done, part];
    const onDisk = underRoot(root, `/${candidate.join('/')}`);
    let target: string | null = null;
    try {
      if (lstatSync(onDisk).isSymbolicLink()) target = readlinkSync(onDisk);
    } catch {
      // missing components stay as they are: the caller checks existence
    }
    if (target === null) {
      done = candidate;
      continue;
    }
    if (++hops > MAX_HOPS) return null;
    parts = [...target.split('/').filter(Boolean), ...parts];
    if (target.startsWith('/')) done = [];
  }
  return `/${done.join('/')}`;
}

// A logical path relative to root, from an on-disk path under it ('/' root: unchanged).
function logicalOf(root: string, onDisk: string): string | null {
  if (root === '/') return onDisk;
  const rel = path.relative(root, onDisk);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return `/${rel}`;
}

/** What one binary's link says: the store name of its package, or a problem. */
function packageOfBinary(
  root: string,
  logicalLink: string,
): { store: string | null; problem: string | null } {
  let current = logicalLink;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const onDisk = underRoot(root, current);
    let target: string;
    try {
      if (!lstatSync(onDisk).isSymbolicLink()) {
        const store = storePathName(current);
        return { store, problem: store ? null : `${current}: not a link into /nix/store` };
      }
      target = readlinkSync(onDisk);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'not found under the root' : (code ?? 'unreadable');
      return {
        store: null,
        problem: current === logicalLink ? `${current}: ${why}` : `${logicalLink} → ${current}: ${why}`,
      };
    }
    const followed = followTarget(root, path.posix.dirname(current), target);
    if (followed.store !== undefined) return { store: followed.store, problem: null };
    if (followed.next === null) return { store: null, problem: `${current}: link leaves the root` };
    current = followed.next;
  }
  return { store: null, problem: `${logicalLink}: too many links` };
}

// One link step. Absolute targets are re-rooted and relative ones resolved inside the root (a
// logical path can never climb above '/'), so no link leads outside --root. A link straight into
// a package ends the walk; a link into an aggregate (system-path, home-manager-path) goes on.
function followTarget(
  root: string,
  logicalDir: string,
  target: string,
): { store?: string; next: string | null } {
  const next = target.startsWith('/') ? path.posix.normalize(target) : path.posix.join(logicalDir, target);
  const store = storePathName(next);
  if (store && !ENV_NAMES.has(store)) return { store, next };
  const parent = resolveInRoot(root, path.posix.dirname(next));
  return { next: parent === null ? null : path.posix.join(parent, path.posix.basename(next)) };
}

// The logical (inside-root) directory a profile bin dir stands for. ~/.nix-profile may live outside
// --root (with --home): its link target is a system path, so that is re-rooted.
function logicalProfileDir(root: string, dir: string): string | null {
  const inside = logicalOf(root, dir);
  if (inside !== null) return resolveInRoot(root, inside);
  try {
    const profile = path.dirname(dir);
    if (!lstatSync(profile).isSymbolicLink()) return null;
    const target = readlinkSync(profile);
    if (!target.startsWith('/')) return null;
    return resolveInRoot(root, path.posix.join(target, path.basename(dir)));
  } catch {
    return null;
  }
}

/** The live system's binary → package map from the profile bin directories (missing dirs skipped). */
export function readLiveSystem(root: string, dirs: string[]): PackageSetResult {
  const problems: Problem[] = [];
  const binaries: Record<string, string> = {};
  const packages = new Map<string, InstalledPackage>();
  const seenDirs: string[] = [];
  for (const dir of dirs) {
    const resolvedDir = logicalProfileDir(root, dir);
    if (resolvedDir === null) continue;
    let names: string[];
    try {
      names = readdirSync(underRoot(root, resolvedDir)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        problems.push({
          source: dir,
          message: `${dir}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
        });
      }
      continue;
    }
    seenDirs.push(dir);
    for (const bin of names) {
      // NixOS deletes `.foo-wrapped` links from bin; dotfiles are never commands.
      if (bin.startsWith('.')) continue;
      const { store, problem } = packageOfBinary(root, path.posix.join(resolvedDir, bin));
      if (problem) problems.push({ source: dir, message: problem });
      if (!store) continue;
      const { name, version } = parseDrvName(store);
      // The first profile wins a name clash, like PATH order (system before per-user before ~/.nix-profile).
      if (!Object.hasOwn(binaries, bin)) binaries[bin] = name;
      const known = packages.get(name);
      if (known) known.bins = [...new Set([...(known.bins ?? []), bin])].sort();
      else
        packages.set(name, {
          name,
          attr: null,
          version: version ? displayVersion(version) : null,
          description: null,
          section: null,
          mainProgram: null,
          bins: [bin],
        });
    }
  }
  if (seenDirs.length === 0) return { value: null, problems };
  return {
    value: {
      source: 'live-system',
      origin: seenDirs.join(':'),
      packages: [...packages.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      binaries,
      disabled: [],
      sections: [],
    },
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// 1. nix eval

/** The `--apply` function of reference §1b: one plain record per package (never an `outPath` key). */
export const APPLY_PACKAGES = [
  'map (p: {',
  '  name = p.name or null;',
  '  pname = p.pname or (builtins.parseDrvName (p.name or "")).name;',
  '  version = p.version or (builtins.parseDrvName (p.name or "")).version;',
  '  description = p.meta.description or null;',
  '  mainProgram = p.meta.mainProgram or null;',
  '  storePath = p.outPath or null;',
  '})',
].join('\n');

/** Options for running nix. */
export interface NixRunOptions {
  env: NodeJS.ProcessEnv;
  /** Milliseconds before the evaluation is killed (default 120 s: a real flake pulls in nixpkgs). */
  timeoutMs?: number;
}

/** Run a nix command (no shell) and parse its JSON stdout; failures become one problem line. */
export function runNixJson(
  command: string,
  args: string[],
  options: NixRunOptions,
): Promise<{ value: unknown; problems: Problem[] }> {
  const timeout = options.timeoutMs ?? 120_000;
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env: options.env, timeout, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const fail = (message: string) => resolve({ value: null, problems: [{ source: command, message }] });
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT')
            return fail(`${command} not found on PATH: install Nix or pass --packages FILE`);
          if (error.killed) return fail(`${command} eval timed out after ${Math.round(timeout / 1000)} s`);
          // nix's own error line ("error: path '…' does not exist"), not the --show-trace hint after it
          const lines = stderr
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith('warning:') && !l.startsWith("(use '--show-trace'"));
          const own = lines.find((l) => l.startsWith('error:')) ?? lines.at(-1);
          return fail(`${command} eval failed: ${own ?? `exit ${String(error.code)}`}`);
        }
        try {
          resolve({ value: JSON.parse(stdout) as unknown, problems: [] });
        } catch {
          fail(`${command} eval printed no JSON`);
        }
      },
    );
  });
}

/** A package set from the JSON list `APPLY_PACKAGES` produces; bad records are problems. */
export function packagesFromEvalJson(json: unknown, origin: string): PackageSetResult {
  if (!Array.isArray(json)) {
    return {
      value: null,
      problems: [{ source: origin, message: 'nix eval: expected a JSON list of packages' }],
    };
  }
  const problems: Problem[] = [];
  const packages = new Map<string, InstalledPackage>();
  const binaries: Record<string, string> = {};
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  json.forEach((item: unknown, index) => {
    const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const name = str(record.pname) ?? (str(record.name) ? parseDrvName(str(record.name) ?? '').name : null);
    if (!name) {
      problems.push({ source: origin, message: `nix eval: package ${index} has no name` });
      return;
    }
    const mainProgram = str(record.mainProgram);
    if (mainProgram && !Object.hasOwn(binaries, mainProgram)) binaries[mainProgram] = name;
    if (packages.has(name)) return;
    packages.set(name, {
      name,
      attr: null,
      version: str(record.version),
      description: str(record.description),
      section: null,
      mainProgram,
      bins: null,
    });
  });
  return {
    value: {
      source: 'nix-eval',
      origin,
      packages: [...packages.values()],
      binaries,
      disabled: [],
      sections: [],
    },
    problems,
  };
}

/** `nix eval --json` of a flake host's environment.systemPackages, with the §1b shapes. */
export async function readNixEval(
  flake: { dir: string; host: string | null },
  options: NixRunOptions,
): Promise<PackageSetResult> {
  const host = flake.host ?? os.hostname();
  const ref = `path:${flake.dir}#nixosConfigurations."${host}".config.environment.systemPackages`;
  const args = [
    'eval',
    '--json',
    '--extra-experimental-features',
    'nix-command flakes',
    ref,
    '--apply',
    APPLY_PACKAGES,
  ];
  const { value, problems } = await runNixJson('nix', args, options);
  if (problems.length > 0) return { value: null, problems };
  return packagesFromEvalJson(value, `${flake.dir}#${host}`);
}

// ---------------------------------------------------------------------------------------------
// One interface

/** Where to look; built from the command context. */
export interface PackageSetOptions {
  root: string;
  home: string;
  user: string;
  env: NodeJS.ProcessEnv;
  /** `--flake`, else /etc/nixos/flake.nix under root is tried. */
  flake?: string | undefined;
  /** `--packages`, else the flake's packages.nix is looked for. */
  packagesFile?: string | undefined;
  /** Skip `nix eval` (e.g. no flake wanted, or tests). */
  noEval?: boolean;
  timeoutMs?: number;
}

/** The combined result, with which readers answered. */
export interface CombinedPackageSet {
  value: PackageSet | null;
  problems: Problem[];
  /** Readers that produced something, best first. */
  used: PackageSet['source'][];
  /** The packages.nix that was read, if any. */
  packagesFile: string | null;
  /** `file:line` of a syntax error in packages.nix or its imports (commands exit non-zero). */
  syntaxError?: string | null;
}

/**
 * The package set, best available first. The packages the user chose come from packages.nix when
 * there is one (NixOS adds coreutils, curl, … to the evaluated list; those are not the user's
 * tools); the binary map comes from the live system and mainProgram; descriptions fall back to
 * meta.description. The set's `source` names the best reader that answered.
 */
export async function readPackageSet(options: PackageSetOptions): Promise<CombinedPackageSet> {
  const problems: Problem[] = [];
  const used: PackageSet['source'][] = [];
  const flake = discoverFlake(options.root, options.flake);

  let evaluated: PackageSet | null = null;
  if (flake && !options.noEval) {
    const result = await readNixEval(flake, { env: options.env, timeoutMs: options.timeoutMs });
    problems.push(...result.problems);
    evaluated = result.value;
    if (evaluated) used.push('nix-eval');
  }

  const live = readLiveSystem(options.root, liveProfileDirs(options.root, options.home, options.user));
  problems.push(...live.problems);
  if (live.value) used.push('live-system');

  const packagesFile = options.packagesFile
    ? path.resolve(options.packagesFile)
    : discoverPackagesNix(options.root, flake?.dir ?? null);
  let chosen: PackageSet | null = null;
  let syntaxError: string | null = null;
  if (packagesFile) {
    const result = readPackagesNix(packagesFile);
    syntaxError = result.syntaxError;
    problems.push(...result.problems);
    chosen = result.value;
    if (chosen) used.push('packages-nix');
  }

  const best = evaluated ?? live.value ?? chosen;
  if (!best) return { value: null, problems, used, packagesFile, syntaxError };
  const binaries = { ...(evaluated?.binaries ?? {}), ...(live.value?.binaries ?? {}) };
  const meta = new Map<string, InstalledPackage>();
  for (const p of [...(live.value?.packages ?? []), ...(evaluated?.packages ?? [])]) meta.set(p.name, p);
  const packages = chosen
    ? chosen.packages.map((p) => {
        const known = meta.get(p.name) ?? (p.attr ? meta.get(p.attr.split('.').pop() ?? '') : undefined);
        return known
          ? {
              ...p,
              version: p.version ?? known.version,
              description: p.description ?? known.description,
              mainProgram: p.mainProgram ?? known.mainProgram,
              bins: p.bins ?? known.bins,
            }
          : p;
      })
    : best.packages;
  return {
    value: {
      source: best.source,
      origin: best.origin,
      packages,
      binaries,
      disabled: chosen?.disabled ?? [],
      sections: chosen?.sections ?? [],
    },
    problems,
    used,
    packagesFile: chosen ? packagesFile : null,
    syntaxError,
  };
}
