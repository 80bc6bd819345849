// Bash specifier matching against ONE simple command's text (compound commands are split by the
// shell model first; a rule never spans an operator). Semantics from reference claude-code.md §1.3.

import { stripWrappers } from '../shell/wrappers.js';
import type { CommandSegment } from '../types.js';
import type { ParsedRule } from './parse-rule.js';

interface CompiledWildcard {
  re: RegExp;
  /** Literal text every match starts with: a cheap reject before the regex. */
  lead: string;
}

const wildcardCache = new Map<string, CompiledWildcard>();

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileWildcard(pattern: string): CompiledWildcard {
  const cached = wildcardCache.get(pattern);
  if (cached) return cached;
  let body = pattern;
  let tail = '';
  if (/(?:^|[^\\]) \*$/.test(body)) {
    body = body.slice(0, -2);
    tail = '(?: .*)?';
  }
  let out = '';
  let lead = '';
  let leadOpen = true;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i] ?? '';
    if (c === '\\' && i + 1 < body.length) {
      const literal = body[i + 1] ?? '';
      out += escapeRegex(literal);
      if (leadOpen) lead += literal;
      i += 1;
    } else if (c === '*') {
      out += '.*';
      leadOpen = false;
    } else {
      out += escapeRegex(c);
      if (leadOpen) lead += c;
    }
  }
  const compiledWildcard = { re: new RegExp(`^${out}${tail}$`, 's'), lead };
  if (wildcardCache.size > 5000) wildcardCache.clear();
  wildcardCache.set(pattern, compiledWildcard);
  return compiledWildcard;
}

/**
 * `*` anywhere spans anything (spaces included); a trailing ` *` is a word boundary, so `ls *`
 * matches `ls` and `ls -la` but not `lsof`, while `ls*` matches both. `\*` is a literal star.
 */
export function wildcardRegex(pattern: string): RegExp {
  return compileWildcard(pattern).re;
}

function wildcardMatches(pattern: string, text: string): boolean {
  const { re, lead } = compileWildcard(pattern);
  return text.startsWith(lead) && re.test(text);
}

/** True when a Bash rule's specifier matches one command text (already wrapper/env stripped). */
export function bashSpecifierMatches(rule: ParsedRule, text: string): boolean {
  const t = text.trim();
  switch (rule.form) {
    case 'tool':
      return true;
    case 'bash-exact':
      return t === (rule.pattern ?? '').trim();
    case 'bash-prefix': {
      const prefix = (rule.pattern ?? '').trim();
      if (t === prefix) return true;
      if (!t.startsWith(prefix)) return false;
      // Word boundary, except after a prefix that already ends in punctuation (`python3 -:*`).
      return t[prefix.length] === ' ' || /[^A-Za-z0-9_]$/.test(prefix);
    }
    case 'bash-wildcard':
      return wildcardMatches((rule.pattern ?? '').trim(), t);
    default:
      return false;
  }
}

/** A Bash specifier compiled once: its text test and, when every match starts with a fixed word, that word. */
export interface CompiledBashSpecifier {
  test: (text: string) => boolean;
  /** First word every matching text has (an index key), or null when it can vary (`ls*`, `* install`). */
  firstWord: string | null;
}

const firstWordOf = (text: string): string => {
  const space = text.indexOf(' ');
  return space < 0 ? text : text.slice(0, space);
};

/** Compile a Bash rule's specifier (forms 'tool', 'bash-exact', 'bash-prefix', 'bash-wildcard'); null for others. */
export function compileBashSpecifier(rule: ParsedRule): CompiledBashSpecifier | null {
  const pattern = (rule.pattern ?? '').trim();
  switch (rule.form) {
    case 'tool':
      return { test: () => true, firstWord: null };
    case 'bash-exact':
      return { test: (t) => t === pattern, firstWord: firstWordOf(pattern) };
    case 'bash-prefix': {
      const loose = /[^A-Za-z0-9_]$/.test(pattern);
      const test = (t: string): boolean =>
        t === pattern || (t.startsWith(pattern) && (loose || t[pattern.length] === ' '));
      // A punctuation-ended prefix without a space (`./:*`) can end inside the first word.
      return { test, firstWord: loose && !pattern.includes(' ') ? null : firstWordOf(pattern) };
    }
    case 'bash-wildcard': {
      const { re, lead } = compileWildcard(pattern);
      const boundaryOnly = /(?:^|[^\\]) \*$/.test(pattern) && !hasStar(pattern.slice(0, -2));
      const firstWord = lead.includes(' ') ? firstWordOf(lead) : boundaryOnly && lead !== '' ? lead : null;
      return { test: (t) => t.startsWith(lead) && re.test(t), firstWord };
    }
    default:
      return null;
  }
}

function hasStar(text: string): boolean {
  return /(?:^|[^\\])(?:\\\\)*\*/.test(text);
}

/** The first word of a command text (the index key compiled specifiers are filed under). */
export function commandFirstWord(text: string): string {
  return firstWordOf(text.trim());
}

const SUDO_VALUE_FLAGS = new Set([
  '-u',
  '-g',
  '-h',
  '-p',
  '-C',
  '-D',
  '-r',
  '-t',
  '-U',
  '--user',
  '--group',
  '--host',
  '--prompt',
  '--chdir',
]);

// Deny/ask match through `env`, `sudo`, `doas`, `watch` and `exec` (`exec rm x` is refused under a
// deny on rm, recorded from 2.1.328).
function stripPrivilegeAndEnv(argv: readonly string[]): string[] | null {
  let at = 0;
  let changed = false;
  for (let guard = 0; guard < 8; guard += 1) {
    const name = argv[at] ?? '';
    let next = at + 1;
    if (name === 'env') {
      while (next < argv.length) {
        const a = argv[next] ?? '';
        if (a === '-u' || a === '--unset' || a === '-C' || a === '--chdir' || a === '-S') next += 2;
        else if (a.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) next += 1;
        else break;
      }
    } else if (name === 'sudo' || name === 'doas') {
      while (next < argv.length && (argv[next] ?? '').startsWith('-')) {
        const a = argv[next] ?? '';
        next += a === '--' ? 1 : SUDO_VALUE_FLAGS.has(a) ? 2 : 1;
        if (a === '--') break;
      }
    } else if (name === 'exec') {
      while (next < argv.length && (argv[next] ?? '').startsWith('-')) {
        next += argv[next] === '-a' ? 2 : 1;
      }
    } else if (name === 'watch') {
      while (next < argv.length && (argv[next] ?? '').startsWith('-')) {
        const a = argv[next] ?? '';
        next += a === '-n' || a === '--interval' || a === '-q' || a === '--equexit' ? 2 : 1;
      }
    } else {
      const { skip } = stripWrappers(argv.slice(at));
      if (skip === 0) break;
      next = at + skip;
    }
    if (next >= argv.length) break;
    at = next;
    changed = true;
  }
  return changed ? argv.slice(at) : null;
}

/**
 * The texts a rule of the given kind is matched against for one segment. Allow rules see the segment
 * as Claude Code normalizes it (wildcard and prefix rules also with runs of spaces/tabs collapsed:
 * `npm  run build` matches `Bash(npm run *)`, while `npm  test` does not match `Bash(npm test)`);
 * deny/ask rules also see it through `env`/`sudo`/`watch`/`exec`, as plain argv (quotes removed, so a
 * deny cannot be dodged by quoting) and by program basename (`/bin/rm x` is refused under a deny on
 * rm). `git -C dir sub` is not `git sub` to any rule (recorded from 2.1.328). An ANSI-C quoted
 * program (`$'rm' x`) is not unquoted by the client, so deny rules do not see through it either.
 */
export function segmentTexts(
  segment: CommandSegment,
  kind: 'allow' | 'ask' | 'deny' | 'allow-loose',
): string[] {
  const texts = new Set<string>([segment.text]);
  if (kind === 'allow-loose') {
    texts.add(segment.text.replace(/[ \t]+/g, ' ').trim());
    return [...texts];
  }
  if (kind !== 'allow' && !segment.text.startsWith("$'")) {
    texts.add(segment.argv.join(' '));
    const slash = segment.program.lastIndexOf('/');
    if (slash >= 0 && slash < segment.program.length - 1) {
      texts.add([segment.program.slice(slash + 1), ...segment.argv.slice(1)].join(' '));
    }
    const inner = stripPrivilegeAndEnv(segment.argv);
    if (inner) texts.add(inner.join(' '));
  }
  return [...texts];
}
