// The paths a shell command reads or writes, as the real client checks them before any allow rule
// (recorded from 2.1.328, conformance/matrix.json groups outside*, redirect*, path-edit-mode):
// a path command (`ls`, `cat`, `grep`, `git`, `cd`, …) naming a path outside the working
// directories is blocked even under a matching rule; a file-changing command (`touch`, `rm`, `cp`,
// `sed` without `-n`, …) or an output redirection needs approval even inside them (acceptEdits mode
// or an Edit allow rule lets the inside ones run). `du` and `fd` are not path-checked.

import path from 'node:path';
import { programName } from '../shell/parse-command.js';
import type { CommandSegment } from '../types.js';
import { sedIsReadOnly } from './read-only.js';

/** Commands whose path arguments are checked, with the client's words for what they do. */
export const PATH_COMMAND_VERBS: Readonly<Record<string, string>> = {
  cd: 'change directories to',
  ls: 'list files in',
  find: 'search files in',
  mkdir: 'create directories in',
  touch: 'create or modify files in',
  rm: 'remove files from',
  rmdir: 'remove directories from',
  mv: 'move files to/from',
  cp: 'copy files to/from',
  cat: 'concatenate files from',
  head: 'read the beginning of files from',
  tail: 'read the end of files from',
  sort: 'sort contents of files from',
  uniq: 'filter duplicate lines from files in',
  wc: 'count lines/words/bytes in files from',
  cut: 'extract columns from files in',
  paste: 'merge files from',
  column: 'format files from',
  file: 'examine file types in',
  stat: 'read file stats from',
  diff: 'compare files from',
  awk: 'process text from files in',
  strings: 'extract strings from files in',
  hexdump: 'display hex dump of files from',
  od: 'display octal dump of files from',
  base64: 'encode/decode files from',
  nl: 'number lines in files from',
  grep: 'search for patterns in files from',
  rg: 'search for patterns in files from',
  sed: 'edit files in',
  git: 'access files with git from',
  jq: 'process JSON from files in',
  sha256sum: 'compute hashes for files in',
  sha1sum: 'compute hashes for files in',
  md5sum: 'compute hashes for files in',
  tee: 'write files in',
};

/** Commands that create, change or remove the files they name. */
const WRITE_COMMANDS = new Set(['mkdir', 'touch', 'rm', 'rmdir', 'mv', 'cp', 'tee', 'sed']);

/** One path a segment acts on, resolved. */
export interface SegmentPath {
  /** Absolute, normalized (a glob cut back to the directory it starts from). */
  path: string;
  write: boolean;
}

const isFlag = (a: string): boolean => a.startsWith('-') && a !== '-';

// Positional arguments, leaving out the values of the given flags (`-e PATTERN`, `-m MESSAGE`).
function positionalsWithout(args: readonly string[], valueFlags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? '';
    if (valueFlags.includes(a)) i += 1;
    else if (!isFlag(a)) out.push(a);
  }
  return out;
}

// The first positional is a pattern/filter/script unless one is given by flag.
function skipFirstPositional(args: readonly string[], patternFlags: readonly string[]): string[] {
  const byFlag = args.some((a) => patternFlags.some((f) => a === f || a.startsWith(`${f}=`)));
  const positional = positionalsWithout(args, patternFlags);
  return byFlag ? positional : positional.slice(1);
}

// git options whose value is text, not a path (a commit message may well start with `/`).
const GIT_TEXT_FLAGS = ['-m', '--message', '--grep', '--author', '--format', '--pretty', '-S', '-G'];

/** The path arguments of a path command, as written (empty for other commands). */
export function pathArguments(segment: CommandSegment): { name: string; args: string[]; write: boolean } {
  const name = programName(segment);
  const args = segment.argv.slice(1);
  if (!Object.hasOwn(PATH_COMMAND_VERBS, name) || segment.program.includes('/'))
    return { name, args: [], write: false };
  const write = WRITE_COMMANDS.has(name) && !(name === 'sed' && sedIsReadOnly(args));
  switch (name) {
    case 'cd':
      // `cd` alone goes home; `cd -` somewhere unknown.
      return { name, args: [args.find((a) => !isFlag(a)) ?? '~'], write };
    case 'grep':
    case 'rg':
      return { name, args: skipFirstPositional(args, ['-e', '--regexp', '-f', '--file']), write };
    case 'sed':
      return { name, args: skipFirstPositional(args, ['-e', '--expression', '-f', '--file']), write };
    case 'jq': {
      const rest: string[] = [];
      for (let i = 0; i < args.length; i += 1) {
        const a = args[i] ?? '';
        if (a === '--arg' || a === '--argjson' || a === '--slurpfile' || a === '--rawfile') i += 2;
        else rest.push(a);
      }
      return { name, args: skipFirstPositional(rest, ['-f', '--from-file']), write };
    }
    case 'find': {
      const end = args.findIndex((a) => a.startsWith('-') || a === '(' || a === '!');
      const roots = end < 0 ? args : args.slice(0, end);
      return { name, args: roots.length > 0 ? roots : ['.'], write };
    }
    case 'git':
      return { name, args: positionalsWithout(args, GIT_TEXT_FLAGS).slice(1), write };
    default:
      return { name, args: args.filter((a) => !isFlag(a)), write };
  }
}

/** Resolve one argument as the shell would (`~`, `$HOME`), cut back to where a glob starts. */
export function resolveArgument(arg: string, dir: string, home: string): string {
  let a = arg;
  if (a === '~' || a.startsWith('~/')) a = home + a.slice(1);
  else if (/^\$(?:HOME|\{HOME\})(?:\/|$)/.test(a)) a = a.replace(/^\$(?:HOME|\{HOME\})/, home);
  const glob = a.search(/[*?[]/);
  if (glob >= 0) a = a.slice(0, a.lastIndexOf('/', glob) + 1) || '.';
  const abs = path.posix.isAbsolute(a) ? a : path.posix.join(dir, a);
  const normal = path.posix.normalize(abs);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

/** True when a file is one of the directories or inside one. */
export function isInsideDirs(file: string, dirs: readonly string[]): boolean {
  return dirs.some((d) => file === d || file.startsWith(d.endsWith('/') ? d : `${d}/`));
}
