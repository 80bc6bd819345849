// `clearance verify`: check proposals with the user's own Claude Code. For each proposal, the
// settings as they would be after apply go into a throwaway home, and the user's own commands the
// proposal covers, their denied calls of the same program and dangerous variants of it are
// replayed through the client inertly (sources/claude-client/replay.ts). The client's answers are
// compared with what the proposal promises and with clearance's own prediction (predictCall with
// the proposal added); the outcome is stored per proposal (store/verify-repo.ts).

import type { CommandContext } from '../runtime/context.js';
import { bashForm } from '../core/learning/index.js';
import type { EvidenceCall } from '../core/learning/index.js';
import type { RuleSource } from '../core/rules/evaluate.js';
import type { PredictedDecision } from '../core/rules/predict.js';
import type { Suggestion, VerifyDisagreement, VerifyState } from '../core/types.js';
import { dangerousVariants, verifyHolds, verifySummary } from '../core/verify.js';
import { loadBashParser } from '../sources/bash-grammar.js';
import type { CheckCall, CheckSettings } from '../sources/check-service.js';
import { checkOne, readCheckSettings } from '../sources/check-service.js';
import { parseCallArg } from '../sources/claude-client/call-arg.js';
import type { AddedRule, ClientAnswer } from '../sources/claude-client/replay.js';
import { homeSettingsFor, replayCalls } from '../sources/claude-client/replay.js';
import { findGitRoot } from '../sources/settings-reader.js';
import { loadAnsweredCalls } from '../store/learning-repo.js';
import { saveVerifyState } from '../store/verify-repo.js';

/** At most this many of the user's own commands a proposal, newest first (and denied ones). */
const MAX_COVERED = 20;
const MAX_DENIED = 10;

type Role = VerifyDisagreement['role'];

interface PlannedCall {
  call: CheckCall;
  /** How the call is shown (the command, or `Tool(target)`). */
  text: string;
  role: Role;
  /** clearance's prediction with the proposal applied. */
  predicted: PredictedDecision;
}

/** What one proposal's replay would run, before it runs. */
export interface VerifyPlan {
  suggestion: Suggestion;
  /** The project the replay stands in for (its settings are copied). */
  project: string;
  calls: PlannedCall[];
  added: AddedRule;
  mode: CheckSettings['options']['mode'];
}

/** One proposal's outcome: stored when a client answered, a prediction only in the fallback. */
export interface VerifyOutcome {
  suggestion: Suggestion;
  state: VerifyState | null;
  /** Why there is no state (time ran out, the client failed, not a rule proposal). */
  skipped: string | null;
}

/**
 * Proposals `verify` can replay: rules that are added (cleanup proposals change no decision), but
 * not MCP rules — replaying those would start the user's own MCP servers, which is not inert.
 */
export function verifiable(s: Suggestion): boolean {
  return (s.kind === 'allow' || s.kind === 'deny' || s.kind === 'ask') && !s.rule.startsWith('mcp__');
}

const EXPECTED: Record<string, PredictedDecision> = { allow: 'runs', deny: 'refused', ask: 'prompts' };

function scopeOfTarget(s: Suggestion, userSettings: string): AddedRule['scope'] {
  if (s.target === userSettings || s.scope === 'user') return 'user';
  return s.target.endsWith('settings.local.json') ? 'local' : 'project';
}

/** The settings in force plus the proposal's rule in its target file. */
function withRule(
  settings: CheckSettings,
  s: Suggestion,
  added: AddedRule,
  project: string,
  userDir: string,
): CheckSettings {
  const kind = added.kind;
  const existing = settings.sources.find((src) => src.path === s.target);
  const sources: RuleSource[] = existing
    ? settings.sources.map((src) => (src === existing ? { ...src, [kind]: [...src[kind], s.rule] } : src))
    : [
        ...settings.sources,
        {
          path: s.target,
          scope: added.scope,
          baseDir: added.scope === 'user' ? userDir : project,
          allow: kind === 'allow' ? [s.rule] : [],
          ask: kind === 'ask' ? [s.rule] : [],
          deny: kind === 'deny' ? [s.rule] : [],
        },
      ];
  return { ...settings, sources };
}

function callOf(c: EvidenceCall): CheckCall | null {
  if (c.target === null) return null;
  if (c.tool === 'Bash') return { tool: 'Bash', input: { command: c.target } };
  const parsed = parseCallArg(`${c.tool}(${c.target})`);
  return parsed.tool === c.tool ? parsed : null;
}

function textOf(c: EvidenceCall): string {
  return c.tool === 'Bash' ? (c.target ?? '') : `${c.tool}(${c.target ?? ''})`;
}

function programOf(rule: string): string | null {
  const form = bashForm(rule);
  if (!form || form.form === 'all') return null;
  const program = form.text.trim().split(/\s+/)[0] ?? '';
  return program === '' || program.includes('*') ? null : program;
}

/** Newest first, one per distinct text. */
function newestDistinct(calls: EvidenceCall[], limit: number): EvidenceCall[] {
  const seen = new Set<string>();
  const out: EvidenceCall[] = [];
  for (const c of [...calls].sort((a, b) => b.ts - a.ts)) {
    const t = textOf(c);
    if (seen.has(t)) continue;
    seen.add(t);
    out.push(c);
    if (out.length >= limit) break;
  }
  return out;
}

/** Build the replay of each proposal from the store (no client run yet). */
export async function planVerify(
  ctx: CommandContext,
  suggestions: readonly Suggestion[],
): Promise<VerifyPlan[]> {
  const db = ctx.openStore();
  const parser = await loadBashParser();
  const all = loadAnsweredCalls(db, { until: ctx.now.getTime() });
  const home = ctx.paths.home;
  const plans: VerifyPlan[] = [];
  for (const s of suggestions.filter(verifiable)) {
    const kind = s.kind as AddedRule['kind'];
    const added: AddedRule = { rule: s.rule, kind, scope: scopeOfTarget(s, ctx.paths.userSettings) };
    const program = programOf(s.rule);
    const tool = /^([A-Za-z_][\w-]*)/.exec(s.rule)?.[1] ?? '';
    const predictIn = (project: string) => {
      const base = readCheckSettings(ctx.paths, project);
      const after = withRule(base, s, added, findGitRoot(project) ?? project, ctx.paths.userClaudeDir);
      return {
        base,
        after,
        predict: (call: CheckCall, settings: CheckSettings) =>
          checkOne(parser, settings, call, project, home),
      };
    };
    const coveredIn = (project: string): PlannedCall[] => {
      const { base, after, predict } = predictIn(project);
      const covered: PlannedCall[] = [];
      const own = all.filter(
        (c) =>
          c.project === project &&
          (tool === 'Bash' ? c.tool === 'Bash' : c.tool !== 'Bash') &&
          // only calls of the rule's program: the newest of all others would crowd them out
          (program === null || c.segments.some((seg) => seg.program === program)) &&
          (kind !== 'allow' || c.answer === 'approved'),
      );
      const seenPaths = new Set<string>();
      const consider = (call: CheckCall, text: string): boolean => {
        const withIt = predict(call, after);
        if (withIt.decision !== EXPECTED[kind]) return false;
        if (withIt.rule !== s.rule && predict(call, base).decision === EXPECTED[kind]) return false;
        // one call a file: an Edit and a Write of one path cannot both be replayed (the client
        // refuses to overwrite a file it has not read), and the rule decides both the same way
        const file = call.input.file_path ?? call.input.notebook_path;
        if (typeof file === 'string') {
          if (seenPaths.has(file)) return false;
          seenPaths.add(file);
        }
        covered.push({ call, text, role: 'covered', predicted: withIt.decision });
        return true;
      };
      for (const c of newestDistinct(own, MAX_COVERED * 5)) {
        const call = callOf(c);
        if (!call) continue;
        if (!consider(call, textOf(c)) && c.tool === 'Bash' && c.segments.length > 1) {
          // `git add -A && git commit …`: the rule is meant for one part; replay that part alone
          for (const seg of c.segments) {
            if (covered.some((p) => p.text === seg.text)) continue;
            if (consider({ tool: 'Bash', input: { command: seg.text } }, seg.text)) break;
          }
        }
        if (covered.length >= MAX_COVERED) break;
      }
      return covered;
    };
    // a user-scope proposal is replayed in the project (of the few where the user made most calls
    // of its program or tool) where it covers most of the user's own commands
    const relevant = all.filter((c) =>
      program !== null
        ? c.tool === 'Bash' && c.segments.some((seg) => seg.program === program)
        : c.tool === tool,
    );
    let project = s.project ?? home;
    let covered: PlannedCall[] = [];
    if (s.project !== null) covered = coveredIn(s.project);
    else {
      const counts = new Map<string, number>();
      for (const c of relevant) counts.set(c.project, (counts.get(c.project) ?? 0) + (c.count ?? 1));
      const candidates = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
      for (const [candidate] of candidates) {
        const found = coveredIn(candidate);
        if (found.length > covered.length || candidates[0]?.[0] === candidate) {
          project = candidate;
          covered = found;
        }
      }
    }
    const { base, after, predict } = predictIn(project);
    const mode = base.options.mode;
    const inProject = relevant.filter((c) => c.project === project);
    const nearMisses: PlannedCall[] = [];
    if (kind === 'allow') {
      for (const c of newestDistinct(
        inProject.filter((c) => c.answer === 'denied'),
        MAX_DENIED,
      )) {
        const call = callOf(c);
        if (call)
          nearMisses.push({
            call,
            text: textOf(c),
            role: 'denied',
            predicted: predict(call, after).decision,
          });
      }
      if (program !== null) {
        const baseCommand = covered[0]?.text ?? bashForm(s.rule)?.text ?? program;
        for (const v of dangerousVariants(program, baseCommand)) {
          const call: CheckCall = { tool: 'Bash', input: { command: v } };
          nearMisses.push({ call, text: v, role: 'variant', predicted: predict(call, after).decision });
        }
      }
    }
    plans.push({ suggestion: s, project, calls: [...covered, ...nearMisses], added, mode });
  }
  return plans;
}

/** Score one plan against answers (the client's, or clearance's own predictions in the fallback). */
export function scorePlan(
  plan: VerifyPlan,
  answers: readonly (ClientAnswer | null)[],
  who: string,
  clientVersion: string,
  at: Date,
): VerifyState {
  const expected = EXPECTED[plan.suggestion.kind] ?? 'runs';
  let covered = 0;
  let coveredOk = 0;
  let denied = 0;
  let deniedRun = 0;
  let variants = 0;
  let variantsRun = 0;
  let unreplayable = 0;
  const disagreements: VerifyDisagreement[] = [];
  plan.calls.forEach((p, i) => {
    const a = answers[i] ?? null;
    const client = a?.decision ?? 'no answer';
    // the client stopped at input validation (a file it would not touch unread): no decision to score
    if (client === 'invalid') {
      unreplayable += 1;
      return;
    }
    if (p.role === 'covered') {
      covered += 1;
      if (client === expected) coveredOk += 1;
    } else if (p.role === 'denied') {
      denied += 1;
      if (client === 'runs') deniedRun += 1;
    } else {
      variants += 1;
      if (client === 'runs') variantsRun += 1;
    }
    if (a !== null && a.decision !== 'invalid' && a.decision !== p.predicted) {
      disagreements.push({
        command: p.text,
        role: p.role,
        clearance: p.predicted,
        client: a.decision,
        clientReason: a.reason,
      });
    }
  });
  const counts = { covered, coveredOk, denied, deniedRun, variants, variantsRun };
  const skippedNote = unreplayable > 0 ? ` (${unreplayable} call(s) could not be replayed)` : '';
  return {
    status: verifyHolds(counts) ? 'verified' : 'failed',
    clientVersion,
    ...counts,
    disagreements,
    summary: `${verifySummary(plan.suggestion.kind, who, counts, disagreements.length)}${skippedNote}`,
    at: at.toISOString(),
  };
}

/** Options of one verify run. */
export interface VerifyRunOptions {
  binary: string;
  clientVersion: string;
  /** The whole run's budget. */
  timeoutMs: number;
  /** Client sessions at once. */
  concurrency?: number;
  onProgress?: (line: string) => void;
  /** After each proposal: how many are done (a progress line that updates in place). */
  onStep?: (done: number, total: number, rule: string) => void;
}

/** Replay every plan through the client (time-bounded), store and return each outcome. */
export async function runVerify(
  ctx: CommandContext,
  plans: readonly VerifyPlan[],
  options: VerifyRunOptions,
): Promise<VerifyOutcome[]> {
  const deadline = Date.now() + options.timeoutMs;
  const outcomes: VerifyOutcome[] = new Array<VerifyOutcome>(plans.length);
  let next = 0;
  let done = 0;
  const who = `Claude Code ${options.clientVersion}`;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next;
      next += 1;
      const plan = plans[i];
      if (!plan) return;
      const left = deadline - Date.now();
      if (left < 5_000) {
        outcomes[i] = {
          suggestion: plan.suggestion,
          state: null,
          skipped: 'not verified: the time ran out (raise --timeout)',
        };
        continue;
      }
      const replay = await replayCalls({
        binary: options.binary,
        settings: homeSettingsFor(ctx.paths, plan.project, [plan.added]),
        calls: plan.calls.map((p) => p.call),
        cwd: plan.project,
        home: ctx.paths.home,
        mode: plan.mode,
        timeoutMs: left,
      });
      done += 1;
      options.onStep?.(done, plans.length, plan.suggestion.rule);
      if (replay.problem) {
        outcomes[i] = {
          suggestion: plan.suggestion,
          state: null,
          skipped: `not verified: ${replay.problem}`,
        };
        continue;
      }
      if (replay.answers.some((a) => a === null)) {
        outcomes[i] = {
          suggestion: plan.suggestion,
          state: null,
          skipped: 'not verified: the client stopped before answering every call (raise --timeout)',
        };
        continue;
      }
      const state = scorePlan(plan, replay.answers, who, replay.version ?? options.clientVersion, ctx.now);
      saveVerifyState(ctx.openStore(), plan.suggestion, state);
      outcomes[i] = { suggestion: plan.suggestion, state, skipped: null };
    }
  };
  options.onProgress?.(
    `clearance: verifying ${plans.length} proposal(s) with Claude Code ${options.clientVersion}, inertly in a temp dir (up to ${Math.round(options.timeoutMs / 1000)} s)…`,
  );
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return outcomes;
}

/** The fallback without a client: clearance's own prediction, scored the same way, stored nowhere. */
export function predictOnly(plans: readonly VerifyPlan[], now: Date): VerifyOutcome[] {
  return plans.map((plan) => {
    const state = scorePlan(
      plan,
      plan.calls.map((p) => ({ decision: p.predicted, reason: 'clearance prediction' })),
      "clearance's own matcher",
      'none',
      now,
    );
    const summary = state.summary.replace(/^(verified with|NOT verified by) /, 'no client; predicted by ');
    return { suggestion: plan.suggestion, state: { ...state, summary }, skipped: null };
  });
}
