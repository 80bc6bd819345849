// Proposals for the dashboard, `suggest` and `apply`: evidence from the store, settings in force
// from disk, the learning engine in between, and decision memory applied last. No scan here:
// callers run `runScan` first when they want fresh evidence.

import path from 'node:path';
import { survivesAutoMode } from '../core/auto-mode.js';
import type { CommandContext } from '../runtime/context.js';
import { EDIT_TOOLS, READ_TOOLS, bashForm, learn, newestVersion } from '../core/learning/index.js';
import type { LearnOptions, RuleOps, SettingsSource } from '../core/learning/index.js';
import { rulesOps } from '../core/learning/rules-adapter.js';
import { replay } from '../core/replay.js';
import type { ReplayReport } from '../core/replay.js';
import { DEFAULT_HALF_LIFE_DAYS } from '../core/confidence.js';
import type { Problem, Suggestion } from '../core/types.js';
import { UsageError } from '../runtime/errors.js';
import { mayTouch } from '../runtime/paths.js';
import { findGitRoot, readSettingsInForce } from '../sources/settings-reader.js';
import type { Db } from '../store/db.js';
import { filterRemembered } from '../store/decisions-repo.js';
import { loadVerifyStates, verifyStateOf } from '../store/verify-repo.js';
import {
  hasEvidenceSince,
  knownProjects,
  latestVersion,
  loadAnsweredCalls,
  loadAutoModeCalls,
  seenUnpromptedCommands,
  windowSegments,
  windowToolCalls,
} from '../store/learning-repo.js';
import type { WindowProbe } from '../store/learning-repo.js';

/** Where a walk up to a git root must stop: the home under --home, nowhere otherwise. */
function homeLimit(ctx: CommandContext): string | undefined {
  return ctx.paths.isolated ? ctx.paths.home : undefined;
}

/** Default confidence below which allow proposals are not shown. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;
/** Window for "prompts saved" and dead rules. */
export const WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** Options of loadProposals. */
export interface ProposalOptions {
  project?: string | null;
  minConfidence?: number;
  includeHygiene?: boolean;
  /** Receives settings problems met on the way (malformed files): reported, never thrown. */
  problems?: Problem[];
}

function learnOptions(ctx: CommandContext, db: Db, minConfidence: number, problems: Problem[]): LearnOptions {
  const cache = new Map<string, SettingsSource[]>();
  const sourcesFor = (project: string): SettingsSource[] => {
    let sources = cache.get(project);
    if (!sources) {
      // with --home, a project outside it is not read: only the user and managed files count there
      const inside = project !== '' && mayTouch(ctx.paths, project);
      const read = readSettingsInForce(ctx.paths, inside ? project : null);
      problems.push(...read.problems.filter((p) => !problems.some((q) => q.message === p.message)));
      sources = read.value as SettingsSource[];
      cache.set(project, sources);
    }
    return sources;
  };
  const seen = new Map<string, { text: string; subcommand: string[] }[]>();
  return {
    now: ctx.now.getTime(),
    home: ctx.paths.home,
    userSettings: ctx.paths.userSettings,
    localSettingsFor: (project) =>
      path.join(
        (mayTouch(ctx.paths, project) ? findGitRoot(project, homeLimit(ctx)) : null) ?? project,
        '.claude',
        'settings.local.json',
      ),
    sourcesFor,
    minConfidence,
    windowDays: WINDOW_DAYS,
    halfLifeDays: DEFAULT_HALF_LIFE_DAYS,
    seenCommands: (program) => {
      let list = seen.get(program);
      if (!list) {
        list = seenUnpromptedCommands(db, program);
        seen.set(program, list);
      }
      return list;
    },
  };
}

function probesFor(db: Db, rule: string, since: number, project: string | null): WindowProbe[] | null {
  const form = bashForm(rule);
  if (form) {
    const program = form.text.split(' ')[0] ?? '';
    if (form.form === 'all' || program === '' || program.includes('*')) return null;
    return windowSegments(db, program, since, project);
  }
  const tool = /^([A-Za-z_][\w-]*)/.exec(rule)?.[1] ?? '';
  if (tool.startsWith('mcp__')) {
    const server = tool.split('__').slice(0, 2).join('__');
    return windowToolCalls(db, { prefix: `${server}__` }, since, project);
  }
  if (tool === 'Read') return windowToolCalls(db, { names: [...READ_TOOLS, ...EDIT_TOOLS] }, since, project);
  if (tool === 'Edit') return windowToolCalls(db, { names: [...EDIT_TOOLS] }, since, project);
  if (tool === '') return null;
  return windowToolCalls(db, { names: [tool] }, since, project);
}

/** Did an allow rule match any call in the window? null when the window has no evidence for the file. */
function deadRuleProbe(
  db: Db,
  ops: RuleOps,
  now: number,
): (rule: string, source: SettingsSource) => boolean | null {
  const since = now - WINDOW_DAYS * DAY_MS;
  return (rule, source) => {
    const project = source.scope === 'user' ? null : source.baseDir;
    if (!hasEvidenceSince(db, since, project)) return null;
    const probes = probesFor(db, rule, since, project);
    if (probes === null) return null;
    return probes.some((probe) =>
      ops.matches(
        rule,
        {
          call: {
            id: 'probe',
            ts: now,
            session: '',
            project: probe.project,
            cwd: probe.cwd,
            version: null,
            tool: probe.tool,
            answer: 'unknown',
            prompted: null,
            segments: probe.segment ? [probe.segment] : [],
            target: probe.target,
          },
          segment: probe.segment,
        },
        'allow',
        source.baseDir,
      ),
    );
  };
}

function hygieneSources(projects: string[], options: LearnOptions): SettingsSource[] {
  const byPath = new Map<string, SettingsSource>();
  for (const source of options.sourcesFor('')) byPath.set(source.path, source);
  for (const project of projects)
    for (const source of options.sourcesFor(project)) byPath.set(source.path, source);
  return [...byPath.values()];
}

/**
 * Problems in the settings files in force (user, managed, and each known project inside --home):
 * a malformed file's rules count for nothing, so more proposals appear; the user must hear of it.
 */
export function settingsProblems(ctx: CommandContext): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (list: Problem[]): void => {
    for (const p of list) {
      const key = `${p.source}\u0000${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(p);
    }
  };
  add(readSettingsInForce(ctx.paths, null).problems);
  for (const project of knownProjects(ctx.openStore()))
    if (mayTouch(ctx.paths, project)) add(readSettingsInForce(ctx.paths, project).problems);
  return problems;
}

/** Pending proposals: learned allow/deny/ask rules plus (by default) hygiene, minus remembered decisions. */
export async function loadProposals(
  ctx: CommandContext,
  options: ProposalOptions = {},
): Promise<Suggestion[]> {
  const db = ctx.openStore();
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const ops = rulesOps(ctx.paths.home);
  const learnOpts = learnOptions(ctx, db, minConfidence, options.problems ?? []);
  const calls = loadAnsweredCalls(db, { until: ctx.now.getTime() });
  const projectFilter = options.project ? path.resolve(options.project) : null;
  const projects = projectFilter ? [projectFilter] : knownProjects(db).sort();
  const hygiene =
    options.includeHygiene === false
      ? undefined
      : {
          sources: hygieneSources(projects, learnOpts),
          matchedInWindow: deadRuleProbe(db, ops, ctx.now.getTime()),
          version: newestVersion([...calls.map((c) => c.version), latestVersion(db)]),
        };
  let suggestions = learn(calls, ops, learnOpts, hygiene).suggestions;
  if (projectFilter) {
    const root = findGitRoot(projectFilter, homeLimit(ctx)) ?? projectFilter;
    suggestions = suggestions.filter(
      (s) =>
        s.scope === 'user' ||
        s.project === projectFilter ||
        s.project === root ||
        s.target.startsWith(`${root}/`),
    );
  }
  for (const s of suggestions) if (s.kind === 'allow') s.survivesAutoMode = survivesAutoMode(s.rule);
  // the verify state rides along, so suggest, apply and the dashboard all show the same one
  const verified = loadVerifyStates(db);
  return filterRemembered(db, suggestions).map((s) => ({ ...s, verify: verifyStateOf(verified, s) }));
}

/** Replay: learn from evidence up to `trainUntil`, measure on the rest (up to ctx.now). */
export async function loadReplay(ctx: CommandContext, trainUntil: Date): Promise<ReplayReport> {
  const db = ctx.openStore();
  const ops = rulesOps(ctx.paths.home);
  const options = learnOptions(ctx, db, DEFAULT_MIN_CONFIDENCE, []);
  // loaded in two parts so no folded group straddles the training date
  const until = trainUntil.getTime();
  const calls = [
    ...loadAnsweredCalls(db, { until }),
    ...loadAnsweredCalls(db, { after: until, until: ctx.now.getTime() }),
  ];
  const autoCalls = loadAutoModeCalls(db, { after: until, until: ctx.now.getTime() });
  return replay(calls, until, ops, options, autoCalls);
}

/** The proposal a command-line id names: the id itself or a unique prefix of at least 4 characters. */
export function findProposal(all: readonly Suggestion[], id: string): Suggestion {
  const exact = all.find((s) => s.id === id);
  if (exact) return exact;
  const byPrefix = all.filter((s) => id.length >= 4 && s.id.startsWith(id));
  if (byPrefix.length === 1) return byPrefix[0]!;
  throw new UsageError(
    byPrefix.length > 1
      ? `proposal id ${id} is ambiguous (${byPrefix.length} match); give more of it`
      : `unknown proposal id ${id} (see clearance suggest)`,
  );
}
