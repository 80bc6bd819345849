// File, web and MCP generalization: Read/Edit outside the project → `Read(//dir/**)` at the
// narrowest directory covering the evidence (never `/` or the home itself), WebFetch → one rule per
// domain, MCP → one rule per tool (server-wide only when many tools were approved and none denied).

import type { RiskVerdict } from '../risk-policy.js';
import type { Suggestion } from '../types.js';
import { groupBy } from './bash.js';
import { alternative, measure, toSuggestion } from './patterns.js';
import type { Item, Pattern, PatternStats } from './patterns.js';
import type { EvidenceCall, LearnOptions, RuleOps } from './types.js';

/** Tools whose paths Read rules govern. */
export const READ_TOOLS = new Set(['Read', 'Grep', 'Glob', 'LSP', 'NotebookRead']);
/** Tools whose paths Edit rules govern. */
export const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

const READ_ONLY: RiskVerdict = {
  risk: 'read-only',
  maxLevel: 'program',
  autoAllow: 'yes',
  why: ['reads files'],
};
const FILE_WRITE: RiskVerdict = {
  risk: 'file-write',
  maxLevel: 'program',
  autoAllow: 'more-evidence',
  why: ['writes files outside the project'],
};
const SECRETS: RiskVerdict = {
  risk: 'privilege',
  maxLevel: null,
  autoAllow: 'never',
  why: ['credentials directory'],
};
const WEB: RiskVerdict = {
  risk: 'read-only',
  maxLevel: 'program',
  autoAllow: 'yes',
  why: ["Claude's fetch tool"],
};
const MCP_READ: RiskVerdict = {
  risk: 'read-only',
  maxLevel: 'program',
  autoAllow: 'yes',
  why: ['MCP read tool'],
};
const MCP_OTHER: RiskVerdict = {
  risk: 'unknown',
  maxLevel: 'program',
  autoAllow: 'more-evidence',
  why: ['MCP tool'],
};

const SENSITIVE = [
  '.ssh',
  '.gnupg',
  '.aws',
  '.config/gh',
  '.password-store',
  '.netrc',
  '.docker',
  '.kube',
  '.config/sops',
];

/** The absolute path a file tool call touched, or null when it has none. */
export function absolutePath(call: EvidenceCall, home: string): string | null {
  const raw = call.target;
  if (!raw) return null;
  let p = raw.startsWith('~/') ? `${home}${raw.slice(1)}` : raw;
  if (!p.startsWith('/')) p = `${call.cwd.replace(/\/$/, '')}/${p}`;
  return normalize(p);
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

function under(p: string, dir: string): boolean {
  return dir === '/' ? true : p === dir || p.startsWith(`${dir}/`);
}

/** Whether a file call is outside its project (inside, Claude Code needs no Read rule). */
export function outsideProject(call: EvidenceCall, home: string): boolean {
  const p = absolutePath(call, home);
  return p !== null && !under(p, call.project) && !under(p, call.cwd);
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function commonDir(paths: string[]): string {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((parts) => parts[n] === first[n])) n += 1;
  return `/${first.slice(0, n).join('/')}`;
}

function isSensitive(p: string, home: string): boolean {
  return SENSITIVE.some((s) => under(p, `${home}/${s}`)) || under(p, '/root') || p.startsWith('/etc/shadow');
}

/** Too broad for a directory rule: `/`, a top-level dir, the home or anything above it. */
function tooBroad(dir: string, home: string): boolean {
  const depth = dir.split('/').filter(Boolean).length;
  return depth < 2 || dir === home || under(home, dir);
}

/** The anchor a path groups under: the first two levels, or home + one level below home. */
function anchorOf(p: string, home: string): string {
  const dir = dirname(p);
  if (under(dir, home) && dir !== home) {
    const rest = dir.slice(home.length + 1).split('/')[0] ?? '';
    return `${home}/${rest}`;
  }
  return `/${dir.split('/').filter(Boolean).slice(0, 2).join('/')}`;
}

function pathItems(calls: EvidenceCall[], tools: Set<string>, home: string, verdict: RiskVerdict): Item[] {
  return calls
    .filter((c) => tools.has(c.tool) && outsideProject(c, home))
    .map((call) => {
      const p = absolutePath(call, home) ?? '';
      return { call, segment: null, display: p, verdict: isSensitive(p, home) ? SECRETS : verdict };
    });
}

function pathPattern(
  tool: 'Read' | 'Edit',
  dir: string | null,
  file: string | null,
  verdict: RiskVerdict,
  min: number,
): Pattern {
  if (dir !== null) {
    return {
      rule: `${tool}(/${dir}/**)`,
      level: 'path',
      covers: (item) => under(item.display, dir) && item.display !== dir,
      verdict,
      minApprovals: min,
    };
  }
  const exact = file ?? '';
  return {
    rule: `${tool}(/${exact})`,
    level: 'path',
    covers: (item) => item.display === exact,
    verdict,
    minApprovals: min,
  };
}

function learnPaths(
  tool: 'Read' | 'Edit',
  approved: EvidenceCall[],
  denied: EvidenceCall[],
  ops: RuleOps,
  options: LearnOptions,
): Suggestion[] {
  const tools = tool === 'Read' ? READ_TOOLS : EDIT_TOOLS;
  const verdict = tool === 'Read' ? READ_ONLY : FILE_WRITE;
  const min = tool === 'Read' ? 2 : 3;
  const yes = pathItems(approved, tools, options.home, verdict);
  // a denied Edit of a path also argues against reading it freely, and the reverse
  const no = pathItems(denied, new Set([...READ_TOOLS, ...EDIT_TOOLS]), options.home, verdict);
  const out: Suggestion[] = [];
  for (const group of groupBy(yes, (i) => anchorOf(i.display, options.home)).values()) {
    const lca = commonDir(group.map((i) => dirname(i.display)));
    const chosen: PatternStats[] = [];
    const dirStats = tooBroad(lca, options.home)
      ? null
      : measure(pathPattern(tool, lca, null, verdict, min), group, no, ops, options);
    if (dirStats && dirStats.blockedBy === null) chosen.push(dirStats);
    else {
      // fall back to each directory, then each file
      const covered = new Set<Item>();
      for (const [dir, items] of groupBy(group, (i) => dirname(i.display))) {
        if (tooBroad(dir, options.home)) continue;
        const stats = measure(pathPattern(tool, dir, null, verdict, min), items, no, ops, options);
        if (stats.blockedBy === null) {
          chosen.push(stats);
          for (const i of items) covered.add(i);
        }
      }
      for (const [file, items] of groupBy(
        group.filter((i) => !covered.has(i)),
        (i) => i.display,
      )) {
        const stats = measure(pathPattern(tool, null, file, verdict, min), items, no, ops, options);
        if (stats.blockedBy === null) chosen.push(stats);
      }
    }
    for (const stats of chosen) {
      const alternatives = dirStats && dirStats !== stats ? [alternative(dirStats)] : [];
      out.push(
        toSuggestion('allow', stats, options, {
          reason: `${tool === 'Read' ? 'read' : 'edited'} outside the project ${stats.approvals} times, never denied`,
          alternatives,
        }),
      );
    }
  }
  return out;
}

const PROJECT_EDIT: RiskVerdict = {
  risk: 'file-write',
  maxLevel: 'program',
  autoAllow: 'yes',
  why: ['edits tracked files inside the project'],
};

/**
 * Edits inside a project: one `Edit(//<project>/<top dir>/**)` per top-level directory the user
 * approved edits in (absolute, so it means the same whichever base Claude Code resolves against).
 * Never the project root itself: that would also cover `.env` and other files beside the code.
 */
function learnProjectEdits(
  approved: EvidenceCall[],
  denied: EvidenceCall[],
  ops: RuleOps,
  options: LearnOptions,
): Suggestion[] {
  const inside = (calls: EvidenceCall[], tools: Set<string>): Item[] =>
    calls
      .filter((c) => tools.has(c.tool) && !outsideProject(c, options.home))
      .map((call) => ({
        call,
        segment: null,
        display: absolutePath(call, options.home) ?? '',
        verdict: PROJECT_EDIT,
      }))
      .filter(
        (item) =>
          item.display !== '' &&
          under(item.display, item.call.project) &&
          !isSensitive(item.display, options.home),
      );
  const yes = inside(approved, EDIT_TOOLS);
  const no = inside(denied, new Set([...EDIT_TOOLS, ...READ_TOOLS]));
  const out: Suggestion[] = [];
  for (const [project, items] of groupBy(yes, (i) => i.call.project)) {
    const topDir = (p: string): string | null => {
      const rest = p.slice(project.length + 1).split('/');
      return rest.length > 1 && rest[0] ? `${project}/${rest[0]}` : null;
    };
    for (const [dir, group] of groupBy(items, (i) => topDir(i.display) ?? '')) {
      if (dir === '') continue;
      const stats = measure(pathPattern('Edit', dir, null, PROJECT_EDIT, 3), group, no, ops, options);
      if (stats.blockedBy !== null) continue;
      out.push(
        toSuggestion('allow', stats, options, {
          reason: `edited files under ${dir.slice(project.length + 1)}/ ${stats.approvals} times, never denied`,
          alternatives: [],
          projects: [project],
        }),
      );
    }
  }
  return out;
}

function hostOf(call: EvidenceCall): string | null {
  try {
    return call.target ? new URL(call.target).hostname.toLowerCase().replace(/\.$/, '') : null;
  } catch {
    return null;
  }
}

function learnWeb(
  approved: EvidenceCall[],
  denied: EvidenceCall[],
  ops: RuleOps,
  options: LearnOptions,
): Suggestion[] {
  const toItems = (calls: EvidenceCall[]): Item[] =>
    calls
      .filter((c) => c.tool === 'WebFetch' && hostOf(c) !== null)
      .map((call) => ({ call, segment: null, display: hostOf(call) ?? '', verdict: WEB }));
  const yes = toItems(approved);
  const no = toItems(denied);
  const out: Suggestion[] = [];
  for (const [host, items] of groupBy(yes, (i) => i.display)) {
    const pattern: Pattern = {
      rule: `WebFetch(domain:${host})`,
      level: 'domain',
      covers: (item) => item.display === host,
      verdict: WEB,
      minApprovals: 2,
    };
    const stats = measure(pattern, items, no, ops, options);
    if (stats.blockedBy !== null) continue;
    out.push(
      toSuggestion('allow', stats, options, {
        reason: `fetched from ${host} ${stats.approvals} times, never denied`,
        alternatives: [],
      }),
    );
  }
  const search = approved
    .filter((c) => c.tool === 'WebSearch')
    .map((call) => ({ call, segment: null, display: 'WebSearch', verdict: WEB }));
  if (search.length > 0) {
    const noSearch = denied
      .filter((c) => c.tool === 'WebSearch')
      .map((call) => ({ call, segment: null, display: 'WebSearch', verdict: WEB }));
    const stats = measure(
      {
        rule: 'WebSearch',
        level: 'tool',
        covers: (i) => i.call.tool === 'WebSearch',
        verdict: WEB,
        minApprovals: 3,
      },
      search,
      noSearch,
      ops,
      options,
    );
    if (stats.blockedBy === null) {
      out.push(
        toSuggestion('allow', stats, options, {
          reason: `searched ${stats.approvals} times, never denied`,
          alternatives: [],
        }),
      );
    }
  }
  return out;
}

function mcpVerdict(tool: string): RiskVerdict {
  const name = tool.split('__').slice(2).join('__');
  return /^(get|list|search|read|fetch|query|view|show|find|describe|lookup)/i.test(name)
    ? MCP_READ
    : MCP_OTHER;
}

function learnMcp(
  approved: EvidenceCall[],
  denied: EvidenceCall[],
  ops: RuleOps,
  options: LearnOptions,
): Suggestion[] {
  const toItems = (calls: EvidenceCall[]): Item[] =>
    calls
      .filter((c) => c.tool.startsWith('mcp__'))
      .map((call) => ({ call, segment: null, display: call.tool, verdict: mcpVerdict(call.tool) }));
  const yes = toItems(approved);
  const no = toItems(denied);
  const out: Suggestion[] = [];
  const serverOf = (tool: string): string => tool.split('__').slice(0, 2).join('__');
  for (const [server, items] of groupBy(yes, (i) => serverOf(i.display))) {
    const perTool = [...groupBy(items, (i) => i.display).entries()].map(([tool, toolItems]) =>
      measure(
        {
          rule: tool,
          level: 'mcp-tool',
          covers: (i) => i.display === tool,
          verdict: mcpVerdict(tool),
          minApprovals: 2,
        },
        toolItems,
        no,
        ops,
        options,
      ),
    );
    const deniedOnServer = no.some((i) => serverOf(i.display) === server);
    const wide = perTool.filter((s) => s.blockedBy === null).length >= 3 && !deniedOnServer;
    const serverStats = measure(
      {
        rule: server,
        level: 'mcp-server',
        covers: (i) => serverOf(i.display) === server,
        verdict: MCP_OTHER,
        minApprovals: 6,
      },
      items,
      no,
      ops,
      options,
    );
    const chosen =
      wide && serverStats.blockedBy === null ? [serverStats] : perTool.filter((s) => s.blockedBy === null);
    for (const stats of chosen) {
      out.push(
        toSuggestion('allow', stats, options, {
          reason: `approved ${stats.approvals} times, never denied`,
          alternatives: [serverStats, ...perTool]
            .filter((s) => s !== stats)
            .slice(0, 4)
            .map(alternative),
        }),
      );
    }
  }
  return out;
}

/** Allow proposals for every non-Bash tool. */
export function learnOtherTools(
  approved: EvidenceCall[],
  denied: EvidenceCall[],
  ops: RuleOps,
  options: LearnOptions,
): Suggestion[] {
  return [
    ...learnPaths('Read', approved, denied, ops, options),
    ...learnPaths('Edit', approved, denied, ops, options),
    ...learnProjectEdits(approved, denied, ops, options),
    ...learnWeb(approved, denied, ops, options),
    ...learnMcp(approved, denied, ops, options),
  ];
}
