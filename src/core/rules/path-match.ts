// Read/Edit path rules: gitignore-style patterns resolved the way Claude Code resolves them
// (reference claude-code.md §1.3 "Read / Edit"): `//abs`, `~/home`, `/relative-to-settings-source`,
// `./cwd` or bare (bare filenames match at any depth).

import path from 'node:path';

/** Where a path pattern is anchored and what it means for one rule kind. */
export interface PathContext {
  /** Directory single-slash patterns resolve against (settings source's base dir). */
  baseDir: string;
  cwd: string;
  home: string;
  kind: 'allow' | 'ask' | 'deny';
}

const cache = new Map<string, RegExp>();

/** Translate one gitignore-style glob (no anchoring) into a regex body. */
function globBody(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i] ?? '';
    // `dir/**` covers dir itself too (Grep/Glob on the directory).
    if (c === '/' && glob.slice(i) === '/**') {
      out += '(?:/.*)?';
      break;
    }
    if (c === '\\' && i + 1 < glob.length) {
      out += (glob[i + 1] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += 1;
    } else if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        out += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        const inner = glob
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${inner}]`;
        i = close;
      }
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

function compiled(key: string, source: string): RegExp {
  let re = cache.get(key);
  if (!re) {
    try {
      re = new RegExp(source, 's');
    } catch {
      // An invalid character class (`[z-a]`) makes the pattern match nothing rather than throw.
      re = /(?!)/;
    }
    if (cache.size > 5000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

function joinAbs(dir: string, rest: string): string {
  const joined = path.posix.join(dir, rest);
  return joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
}

/**
 * The regex a path pattern compiles to in a context. A match on the path or any of its parent
 * directories counts (a directory pattern covers what is inside it, as in gitignore).
 */
export function pathPatternRegex(pattern: string, ctx: PathContext): RegExp {
  let p = pattern.trim();
  let anchored: string;
  if (p.startsWith('//')) anchored = joinAbs('/', p.slice(2));
  else if (p === '~' || p.startsWith('~/')) anchored = joinAbs(ctx.home, p.slice(1));
  else if (p.startsWith('/')) anchored = joinAbs(ctx.baseDir, p.slice(1));
  else {
    if (p.startsWith('./')) p = p.slice(2);
    else {
      const trimmed = p.replace(/\/+$/, '');
      const singleSegmentDir = /^[^/]+\/(?:\*\*)?$/.test(p);
      const bareName = !trimmed.includes('/');
      // Bare names match at any depth; deny/ask `secrets/**` matches any `secrets` dir at any depth.
      if (bareName || (singleSegmentDir && ctx.kind !== 'allow')) {
        const body = globBody(trimmed.replace(/\/\*\*$/, ''));
        const scope = ctx.kind === 'allow' ? `${escapeAbs(ctx.cwd)}/(?:.*/)?` : '(?:.*/)?';
        const key = `any|${ctx.kind}|${ctx.cwd}|${trimmed}`;
        return compiled(key, `^${scope}${body}$`);
      }
    }
    anchored = joinAbs(ctx.cwd, p);
  }
  const key = `abs|${anchored}`;
  return compiled(key, `^${globBody(anchored)}$`);
}

function escapeAbs(dir: string): string {
  return globBody(dir.replace(/[*?[\\]/g, '\\$&')).replace(/\/$/, '');
}

/** Normalize a tool's file path: absolute, `..` resolved, no trailing slash. */
export function normalizeFilePath(file: string, cwd: string, home: string): string {
  let f = file.trim();
  if (f === '~' || f.startsWith('~/')) f = home + f.slice(1);
  const abs = path.posix.isAbsolute(f) ? f : path.posix.join(cwd, f);
  const normal = path.posix.normalize(abs);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

/** True when a path rule's pattern covers an absolute file path (the path itself or a parent dir). */
export function pathPatternMatches(pattern: string, file: string, ctx: PathContext): boolean {
  const re = pathPatternRegex(pattern, ctx);
  let current = normalizeFilePath(file, ctx.cwd, ctx.home);
  for (;;) {
    if (re.test(current)) return true;
    const parent = path.posix.dirname(current);
    if (parent === current) return false;
    current = parent;
  }
}
