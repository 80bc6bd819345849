// Replay a user's own calls through their own client, inertly, under (a copy of) their own
// permission settings — the engine of `check --verify` and `verify`. The user's project becomes
// the throwaway project and their home the throwaway home (paths in commands and rules are moved
// with them), and only the `permissions` of each settings file is copied: hooks, apiKeyHelper,
// statusLine, env and MCP servers would run the user's own programs, which a replay must not.
import path from 'node:path';
import type { PermissionMode } from '../../core/types.js';
import type { Paths } from '../../runtime/paths.js';
import type { CheckCall } from '../check-service.js';
import { findGitRoot, readSettingsFile, readSettingsInForce } from '../settings-reader.js';
import type { HomeSettings } from './run-client.js';
import { runClient } from './run-client.js';

/** What the client did with one replayed call. */
export interface ClientAnswer {
  decision: 'runs' | 'prompts' | 'refused' | 'invalid';
  /** The client's own words (its tool_result text, first line), paths put back. */
  reason: string;
}

/** One rule to add to the copied settings (a proposal as it would be after apply). */
export interface AddedRule {
  rule: string;
  kind: 'allow' | 'ask' | 'deny';
  scope: 'user' | 'project' | 'local';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replace the user's project and home in every string by `{P}` / `{H}` (the project first: it is usually inside the home). */
export function moveToPlaceholders<T>(value: T, project: string, home: string): T {
  const swap = (text: string): string => {
    let out = text;
    for (const [from, to] of [
      [project, '{P}'],
      [home, '{H}'],
    ] as const) {
      if (from === '/' || from === '') continue;
      out = out.replace(new RegExp(`${escapeRegExp(from)}(?![\\w.-])`, 'g'), to);
    }
    return out;
  };
  if (typeof value === 'string') return swap(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => moveToPlaceholders(v, project, home)) as T;
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, moveToPlaceholders(v, project, home)]),
    ) as T;
  }
  return value;
}

/** The project a directory belongs to (its git root, else itself): it becomes the throwaway project. */
export function projectOf(cwd: string): string {
  return findGitRoot(cwd) ?? cwd;
}

/**
 * The settings in force for `cwd` as throwaway-home settings: each file's `permissions` only, paths
 * moved to the placeholders, plus `added` rules. Managed rules are folded into the user file (a
 * throwaway home cannot hold a managed file; a managed deny still denies there).
 */
export function homeSettingsFor(paths: Paths, cwd: string, added: readonly AddedRule[] = []): HomeSettings {
  const project = projectOf(cwd);
  const perms: Record<'user' | 'project' | 'local', Record<string, unknown>> = {
    user: {},
    project: {},
    local: {},
  };
  const present = new Set<string>();
  const atRoot = new Set([
    path.join(project, '.claude', 'settings.json'),
    path.join(project, '.claude', 'settings.local.json'),
  ]);
  for (const source of readSettingsInForce(paths, cwd).value) {
    if (source.scope === 'cli') continue;
    // a project file below the root is copied where it is (nestedSettingsFiles)
    if ((source.scope === 'project' || source.scope === 'local') && !atRoot.has(source.path)) continue;
    const json = readSettingsFile(source.path).value.json;
    const permissions = isObject(json) && isObject(json.permissions) ? json.permissions : {};
    const scope = source.scope === 'managed' ? 'user' : source.scope;
    present.add(scope);
    const into = perms[scope];
    for (const [key, v] of Object.entries(permissions)) {
      if (Array.isArray(v) && Array.isArray(into[key])) into[key] = [...(into[key] as unknown[]), ...v];
      else into[key] = v;
    }
  }
  for (const a of added) {
    present.add(a.scope);
    const list = Array.isArray(perms[a.scope][a.kind]) ? (perms[a.scope][a.kind] as unknown[]) : [];
    perms[a.scope][a.kind] = [...list, a.rule];
  }
  const out: HomeSettings = {};
  for (const scope of ['user', 'project', 'local'] as const) {
    if (present.has(scope))
      out[scope] = moveToPlaceholders({ permissions: perms[scope] }, project, paths.home);
  }
  return out;
}

/**
 * Project settings files below the project root (`<cwd>/.claude/settings.json` when `cwd` is a
 * subdirectory), as files of the throwaway project at the same place: `permissions` only.
 */
export function nestedSettingsFiles(paths: Paths, cwd: string): Record<string, string> {
  const project = projectOf(cwd);
  const out: Record<string, string> = {};
  for (const source of readSettingsInForce(paths, cwd).value) {
    if (source.scope !== 'project' && source.scope !== 'local') continue;
    const rel = path.relative(project, source.path);
    if (
      rel.startsWith('..') ||
      rel === path.join('.claude', 'settings.json') ||
      rel === path.join('.claude', 'settings.local.json')
    )
      continue;
    const json = readSettingsFile(source.path).value.json;
    const permissions = isObject(json) && isObject(json.permissions) ? json.permissions : {};
    out[rel] = `${JSON.stringify(moveToPlaceholders({ permissions }, project, paths.home), null, 2)}\n`;
  }
  return out;
}

const PATH_FIELDS = ['file_path', 'notebook_path', 'path'];

/** Options of one replay. */
export interface ReplayOptions {
  binary: string;
  settings: HomeSettings;
  calls: readonly CheckCall[];
  /** The user's directory the calls were made in (its project becomes the throwaway project). */
  cwd: string;
  home: string;
  mode: PermissionMode;
  timeoutMs: number;
  onProgress?: (line: string) => void;
  /** Start the client in the user's `cwd` (below its project) rather than the project root. */
  inCwd?: boolean;
  /** More files for the throwaway project (path relative to it → content), e.g. nestedSettingsFiles. */
  extraFiles?: Record<string, string>;
}

/** The client's answers, in the order of the calls (null: the client never answered that one). */
export interface ReplayResult {
  answers: (ClientAnswer | null)[];
  version: string | null;
  /** One line when the client could not be run at all. */
  problem: string | null;
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').trim().slice(0, 160);
}

/** Run the client once over the calls (one call a turn) and read back what it decided. */
export async function replayCalls(options: ReplayOptions): Promise<ReplayResult> {
  const project = projectOf(options.cwd);
  const files: Record<string, string> = {};
  const script = options.calls.map((call, i) => {
    const input = moveToPlaceholders(call.input, project, options.home);
    // a file the call names must exist in the throwaway project, or the client stops at validation
    for (const field of PATH_FIELDS) {
      const value = input[field];
      if (typeof value !== 'string' || call.tool === 'Write') continue;
      for (const [prefix, base] of [
        ['{P}/', ''],
        ['{H}/', '../'],
      ] as const) {
        if (value.startsWith(prefix) && !value.includes('*')) {
          const rel = `${base}${value.slice(prefix.length)}`;
          if (rel !== '' && rel !== '../' && !rel.startsWith('../../')) files[rel] = 'MARKER\n';
        }
      }
    }
    return [{ id: `toolu_replay_${String(i).padStart(4, '0')}`, tool: call.tool, input }];
  });
  options.onProgress?.(
    `clearance: replaying ${options.calls.length} call(s) through Claude Code, inertly in a temp dir…`,
  );
  let run;
  try {
    run = await runClient({
      binary: options.binary,
      script,
      settings: options.settings,
      mode: options.mode,
      files: { ...files, ...options.extraFiles },
      timeoutMs: options.timeoutMs,
      ...(options.inCwd && options.cwd !== project && options.cwd.startsWith(`${project}/`)
        ? { subdir: options.cwd.slice(project.length + 1) }
        : {}),
    });
  } catch (error) {
    return {
      answers: [],
      version: null,
      problem: `the client could not start (${firstLine(String(error))})`,
    };
  }
  const back = (text: string): string =>
    text.replaceAll(run.project, project).replaceAll(run.home, options.home).replaceAll(run.dir, '<tmp>');
  const answers = run.calls.map((c): ClientAnswer | null =>
    c.text.startsWith('(no result') ? null : { decision: c.outcome, reason: back(firstLine(c.text)) },
  );
  if (answers.every((a) => a === null) && answers.length > 0) {
    const why = firstLine(run.stderr) || 'it answered none of the calls';
    return { answers, version: null, problem: `the client did not run the replay (${why})` };
  }
  return { answers, version: run.version === 'unknown' ? null : run.version, problem: null };
}
