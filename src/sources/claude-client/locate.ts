// Find the user's own Claude Code binary for `verify`, `check --verify` and `conformance`: the
// `--client` flag, else the usual install places. npm installs put a placeholder (`bin/claude.exe`)
// or a Node wrapper on PATH; the real native binary is in the platform package beside it, and only
// that one can be run inertly by the harness.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Paths } from '../../runtime/paths.js';
import { underRoot } from '../../runtime/paths.js';
import { clientVersion } from './run-client.js';

/** A client that starts, with its version. */
export interface LocatedClient {
  binary: string;
  version: string;
}

/** The outcome of a search: the client, or one line saying why there is none. */
export interface LocateResult {
  client: LocatedClient | null;
  /** Why no client (null when one was found). */
  problem: string | null;
}

/** Options of the search. */
export interface LocateOptions {
  /** `--client PATH`. */
  flag?: string | undefined;
  paths: Paths;
  env: NodeJS.ProcessEnv;
  /** True with `--home`: look only under the given home and root, never the real ones. */
  isolated: boolean;
  /** Override for tests: how to ask a binary its version. */
  version?: (binary: string) => string | null;
}

/** The npm platform package name for this machine (`claude-code-linux-x64`, `…-musl`). */
export function platformPackage(): string {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  const musl = process.platform === 'linux' && !report?.header?.glibcVersionRuntime ? '-musl' : '';
  return `claude-code-${process.platform}-${process.arch}${musl}`;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function packageName(dir: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return typeof pkg.name === 'string' ? pkg.name : null;
  } catch {
    return null;
  }
}

/**
 * The native binary behind a path: symlinks resolved, and an npm wrapper package
 * (`@anthropic-ai/claude-code` with `bin/claude.exe` or `cli-wrapper.cjs`) replaced by its platform
 * package's `claude`, nested or beside it.
 */
export function nativeBinary(candidate: string): string | null {
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return null;
  }
  if (!isFile(real)) return null;
  // bin/claude.exe → the package dir is one up; cli-wrapper.cjs sits in the package dir itself
  for (const pkgDir of [path.dirname(path.dirname(real)), path.dirname(real)]) {
    if (packageName(pkgDir) !== '@anthropic-ai/claude-code') continue;
    const platform = platformPackage();
    const exe = process.platform === 'win32' ? 'claude.exe' : 'claude';
    for (const dir of [
      path.join(pkgDir, 'node_modules', '@anthropic-ai', platform),
      path.join(path.dirname(pkgDir), platform),
    ]) {
      if (isFile(path.join(dir, exe))) return path.join(dir, exe);
    }
    // a postinstall that ran replaces the placeholder with the native binary itself
    return statSync(real).size > 1_000_000 ? real : null;
  }
  return real;
}

/** Where to look, in order (the flag alone when given). */
export function candidatePaths(options: LocateOptions): string[] {
  if (options.flag !== undefined) return [path.resolve(options.flag)];
  const { home, root } = options.paths;
  const within = (dir: string): boolean =>
    !options.isolated ||
    dir === home ||
    dir.startsWith(`${home}/`) ||
    (root !== '/' && (dir === root || dir.startsWith(`${root}/`)));
  const onPath = (options.env.PATH ?? '')
    .split(path.delimiter)
    .filter((d) => d !== '' && path.isAbsolute(d) && within(d))
    .map((d) => path.join(d, 'claude'));
  return [
    ...onPath,
    path.join(home, '.local', 'bin', 'claude'),
    path.join(home, '.claude', 'local', 'claude'),
    path.join(home, '.nix-profile', 'bin', 'claude'),
    underRoot(root, '/run/current-system/sw/bin/claude'),
  ];
}

/** Find the user's client and check that it starts (`claude --version`). */
export function locateClient(options: LocateOptions): LocateResult {
  const version = options.version ?? clientVersion;
  const seen = new Set<string>();
  for (const candidate of candidatePaths(options)) {
    if (!existsSync(candidate)) continue;
    const binary = nativeBinary(candidate);
    if (binary === null || seen.has(binary)) continue;
    seen.add(binary);
    const v = version(binary);
    if (v !== null) return { client: { binary, version: v }, problem: null };
    if (options.flag !== undefined) return { client: null, problem: `${binary} does not start` };
  }
  if (options.flag !== undefined) {
    return { client: null, problem: `no Claude Code binary at ${path.resolve(options.flag)}` };
  }
  return {
    client: null,
    problem: 'no Claude Code client found (install one, or pass --client PATH)',
  };
}

/** The search as a command runs it: `--client`, and with `--home` only under the given home and root. */
export function locateForContext(ctx: {
  flags: { client?: string | undefined; home?: string | undefined };
  paths: Paths;
  env: NodeJS.ProcessEnv;
}): LocateResult {
  return locateClient({
    flag: ctx.flags.client,
    paths: ctx.paths,
    env: ctx.env,
    isolated: ctx.flags.home !== undefined,
  });
}
