// Reads the Claude Code settings files whose permission rules are in force for a project
// (reference claude-code.md §1.1): managed (+ drop-ins), user, shared project and local project at
// the git repository root. Malformed files are problems naming the file, never exceptions.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RuleSource } from '../core/rules/evaluate.js';
import type { Problem, WithProblems } from '../core/types.js';
import { isWithin, type Paths } from '../runtime/paths.js';

/** The three rule arrays of a settings file (only string entries kept). */
export interface SettingsRules {
  allow: string[];
  ask: string[];
  deny: string[];
}

/** One settings file as read: its text and JSON for writers, its rules for the matcher. */
export interface SettingsFile {
  exists: boolean;
  json: unknown;
  rules: SettingsRules;
  text: string | null;
}

const KINDS = ['allow', 'ask', 'deny'] as const;

function emptyRules(): SettingsRules {
  return { allow: [], ask: [], deny: [] };
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Read one settings file. A missing file is `exists: false` with no problem. */
export function readSettingsFile(file: string): WithProblems<SettingsFile> {
  const problems: Problem[] = [];
  const missing: SettingsFile = { exists: false, json: null, rules: emptyRules(), text: null };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { value: missing, problems };
    problems.push({ source: file, message: `cannot read settings file: ${errorMessage(e)}` });
    return { value: missing, problems };
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') {
    return { value: { exists: true, json: null, rules: emptyRules(), text }, problems };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    problems.push({ source: file, message: `malformed JSON, its rules are ignored: ${errorMessage(e)}` });
    return { value: { exists: true, json: null, rules: emptyRules(), text }, problems };
  }
  return { value: { exists: true, json, rules: rulesOf(json, file, problems), text }, problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rulesOf(json: unknown, file: string, problems: Problem[]): SettingsRules {
  const rules = emptyRules();
  if (!isObject(json)) {
    problems.push({ source: file, message: 'settings file is not a JSON object' });
    return rules;
  }
  const permissions = json.permissions;
  if (permissions === undefined) return rules;
  if (!isObject(permissions)) {
    problems.push({ source: file, message: '"permissions" is not an object; its rules are ignored' });
    return rules;
  }
  for (const kind of KINDS) {
    const list = permissions[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push({ source: file, message: `permissions.${kind} is not an array; ignored` });
      continue;
    }
    const strings = list.filter((r): r is string => typeof r === 'string');
    if (strings.length < list.length) {
      problems.push({
        source: file,
        message: `permissions.${kind} has ${list.length - strings.length} non-string entries; skipped`,
      });
    }
    rules[kind] = strings;
  }
  return rules;
}

/**
 * The git repository root containing `dir` (walking up to the first `.git`), or null. For a linked
 * worktree (`.git` is a file pointing into `<main>/.git/worktrees/<name>`) the main checkout is
 * returned, as Claude Code ≥ 2.1.211 does for the local settings file.
 */
export function findGitRoot(dir: string, within?: string): string | null {
  let current = path.resolve(dir);
  // with --home the walk stops at the home: a repository around it is outside what may be touched
  const limit = within === undefined ? null : path.resolve(within);
  for (;;) {
    if (limit !== null && !isWithin(limit, current)) return null;
    const dotGit = path.join(current, '.git');
    if (existsSync(dotGit)) return mainCheckout(dotGit) ?? current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

function mainCheckout(dotGit: string): string | null {
  try {
    if (!statSync(dotGit).isFile()) return null;
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
    if (!m?.[1]) return null;
    const gitdir = path.resolve(path.dirname(dotGit), m[1]);
    const worktree = /^(.*)\/\.git\/worktrees\/[^/]+\/?$/.exec(gitdir);
    return worktree?.[1] ?? null;
  } catch {
    return null;
  }
}

interface ReadSource {
  source: RuleSource;
  /** Managed `allowManagedPermissionRulesOnly: true`: no other file's rules apply. */
  managedOnly: boolean;
}

function source(
  file: string,
  scope: RuleSource['scope'],
  baseDir: string,
  problems: Problem[],
): ReadSource | null {
  const read = readSettingsFile(file);
  problems.push(...read.problems);
  if (!read.value.exists) return null;
  const json = read.value.json;
  const permissions = isObject(json) ? json.permissions : undefined;
  const managedOnly =
    scope === 'managed' &&
    isObject(json) &&
    (json.allowManagedPermissionRulesOnly === true ||
      (isObject(permissions) && permissions.allowManagedPermissionRulesOnly === true));
  return { source: { path: file, scope, baseDir, ...read.value.rules }, managedOnly };
}

function managedDropIns(managedFile: string, problems: Problem[]): string[] {
  const dir = path.join(path.dirname(managedFile), 'managed-settings.d');
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => path.join(dir, name));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      problems.push({ source: dir, message: `cannot list managed settings drop-ins: ${errorMessage(e)}` });
    }
    return [];
  }
}

/**
 * Every settings file in force for a project (only files that exist): managed (+ drop-ins, under
 * --root), user, the project's `.claude/settings.json` (from the starting dir) and
 * `.claude/settings.local.json` at the git root — plus an older local file in the starting dir,
 * which Claude Code still reads. Without a project only managed and user apply; with managed
 * `allowManagedPermissionRulesOnly: true` only managed files do.
 */
export function readSettingsInForce(paths: Paths, projectDir: string | null): WithProblems<RuleSource[]> {
  const problems: Problem[] = [];
  const sources: (ReadSource | null)[] = [];
  const found = (): RuleSource[] => sources.flatMap((s) => (s ? [s.source] : []));
  const managedBase = path.dirname(paths.managedSettings);
  sources.push(source(paths.managedSettings, 'managed', managedBase, problems));
  for (const dropIn of managedDropIns(paths.managedSettings, problems)) {
    sources.push(source(dropIn, 'managed', managedBase, problems));
  }
  if (sources.some((s) => s?.managedOnly === true)) return { value: found(), problems };
  sources.push(source(paths.userSettings, 'user', paths.userClaudeDir, problems));
  // with --home, a project outside it is not read: only managed and user settings count for it
  if (projectDir !== null && (!paths.isolated || isWithin(paths.home, projectDir))) {
    const start = path.resolve(projectDir);
    sources.push(source(path.join(start, '.claude', 'settings.json'), 'project', start, problems));
    const gitRoot = findGitRoot(start, paths.isolated ? paths.home : undefined);
    // Claude Code keeps the local file at the repo root, except when the "repo" is the home dir.
    const localRoot =
      gitRoot !== null && path.resolve(gitRoot) !== path.resolve(paths.home) ? gitRoot : start;
    sources.push(
      source(path.join(localRoot, '.claude', 'settings.local.json'), 'local', localRoot, problems),
    );
    if (localRoot !== start) {
      sources.push(source(path.join(start, '.claude', 'settings.local.json'), 'local', start, problems));
    }
  }
  return { value: found(), problems };
}

/** Switches of newer clients that make calls refused instead of prompted (reference real-client.md §5). */
export interface PermissionSwitches {
  /** 2.1.319: a call that would prompt is refused. */
  denyInsteadOfPrompting: boolean;
  /** 2.1.257: reads outside the working directories are refused. */
  blockReadsOutsideWorkingDirectories: boolean;
  /** 2.1.314: writes outside the working directories are refused. */
  blockWritesOutsideWorkingDirectories: boolean;
}

const SWITCH_RANK: Record<RuleSource['scope'], number> = {
  user: 0,
  project: 1,
  local: 2,
  cli: 3,
  managed: 4,
};

/** The switches in force over these settings files: the most authoritative file that sets one wins. */
export function permissionSwitches(sources: readonly RuleSource[]): PermissionSwitches {
  const out: PermissionSwitches = {
    denyInsteadOfPrompting: false,
    blockReadsOutsideWorkingDirectories: false,
    blockWritesOutsideWorkingDirectories: false,
  };
  const ranked = [...sources].sort((a, b) => SWITCH_RANK[a.scope] - SWITCH_RANK[b.scope]);
  for (const s of ranked) {
    const json = readSettingsFile(s.path).value.json;
    const permissions = isObject(json) ? json.permissions : undefined;
    if (!isObject(permissions)) continue;
    for (const key of Object.keys(out) as (keyof PermissionSwitches)[])
      if (typeof permissions[key] === 'boolean') out[key] = permissions[key];
  }
  return out;
}
