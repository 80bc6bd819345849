// The `permissionDecision` object Claude Code writes on every tool_result line since late 2026
// releases (reference real-client.md §2): exact evidence of whether a prompt was shown and what the
// user answered, in the transcript itself. This module maps each observed combination of its fields
// to prompted / answer; a combination never observed is reported as unknown (kept and counted by
// the caller), never guessed.
import type { CallOutcome, PromptAnswer } from './types.js';

/** The fields of `permissionDecision` the mapping reads (others are kept in the raw JSON only). */
export interface PermissionDecision {
  decision?: unknown;
  source?: unknown;
  reasonType?: unknown;
  reasonCode?: unknown;
  grantScope?: unknown;
  ruleSource?: unknown;
}

/** What one decision means. */
export type DecisionKind =
  /** allowed by rules or the built-in read-only set, no prompt */
  | 'config-allow'
  /** allowed by a whole-command rule, reported as `user_permanent` + `reasonType: "rule"` (a -p quirk) */
  | 'rule-allow'
  /** the user answered Yes */
  | 'user-once'
  /** the user answered "Yes, and don't ask again" */
  | 'user-always'
  /** a deny rule refused it without a prompt */
  | 'deny-rule'
  /** nobody could be asked (-p/SDK run, background subagent) or the client refused instead of asking */
  | 'needs-permission'
  /** the user answered No or Esc (no `permissionDecision`, `toolDenialKind: "user-rejected"`, `cli`) */
  | 'user-no'
  /** auto mode needed its classifier and could not reach it: refused without any judgement */
  | 'classifier-unavailable'
  | 'unknown';

/** The exact facts a decision gives. */
export interface DecisionFacts {
  kind: DecisionKind;
  /** 1 a prompt was shown, 0 none; null when unknown. */
  prompted: 0 | 1 | null;
  answer: PromptAnswer | null;
  /** The outcome the call should be stored with, when the decision corrects the text's reading. */
  outcome: CallOutcome | null;
}

const UNKNOWN: DecisionFacts = { kind: 'unknown', prompted: null, answer: null, outcome: null };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** True when the session's lines come from an interactive client (`entrypoint: "cli"`). */
export function isInteractiveEntrypoint(entrypoint: string | null): boolean {
  // lines of versions before the field existed were all interactive or unmarked: treat as interactive
  return entrypoint === null || entrypoint === 'cli';
}

/**
 * Map one tool_result's decision (or its absence) to exact facts. `entrypoint` is the line's
 * (`cli` interactive, `sdk-cli`/`sdk-ts`/… headless); `denialKind` its `toolDenialKind`;
 * `decisionEra`: the session writes `permissionDecision` (a result without one then means a user
 * No, not an older client).
 */
export function mapDecision(
  decision: PermissionDecision | null,
  context: { entrypoint: string | null; denialKind: string | null; decisionEra: boolean },
): DecisionFacts {
  const interactive = isInteractiveEntrypoint(context.entrypoint);
  if (decision === null) {
    if (context.denialKind !== 'user-rejected') return UNKNOWN;
    // headless: the refusal text of a call nobody could be asked about (any version)
    if (!interactive)
      return { kind: 'needs-permission', prompted: 0, answer: 'not-prompted', outcome: 'mode-denied' };
    return context.decisionEra
      ? { kind: 'user-no', prompted: 1, answer: 'denied', outcome: 'user-rejected' }
      : UNKNOWN;
  }
  const verdict = str(decision.decision);
  const source = str(decision.source);
  const reasonType = str(decision.reasonType);
  const reasonCode = str(decision.reasonCode);
  if (verdict === 'accept') {
    if (source === 'config')
      return { kind: 'config-allow', prompted: 0, answer: 'not-prompted', outcome: null };
    if (source === 'user_temporary')
      return { kind: 'user-once', prompted: 1, answer: 'approved', outcome: null };
    if (source === 'user_permanent') {
      // in -p a whole-command rule reports itself as a permanent grant: a rule, not a person
      if (reasonType === 'rule')
        return { kind: 'rule-allow', prompted: 0, answer: 'not-prompted', outcome: null };
      return { kind: 'user-always', prompted: 1, answer: 'approved', outcome: null };
    }
    return UNKNOWN;
  }
  if (verdict === 'reject' && source === 'config') {
    // auto mode: the call needed the classifier (no surviving rule, not read-only, not an in-project
    // edit) and it was out of reach. Classifier verdicts proper have not been observed: unknown.
    if (reasonType === 'classifier')
      return reasonCode === 'classifier:auto-mode:unavailable'
        ? { kind: 'classifier-unavailable', prompted: 0, answer: 'not-prompted', outcome: 'mode-denied' }
        : UNKNOWN;
    // a background subagent cannot ask: refused for lack of permission, whatever the denial kind says
    if (reasonType === 'asyncAgent')
      return { kind: 'needs-permission', prompted: 0, answer: 'not-prompted', outcome: 'mode-denied' };
    // `rule:<source>` with `permission-rule` is a deny rule; with `user-rejected` an ask rule that
    // could not ask (-p)
    if (reasonCode.startsWith('rule:') && context.denialKind !== 'user-rejected')
      return { kind: 'deny-rule', prompted: 0, answer: 'not-prompted', outcome: 'rule-denied' };
    if (reasonCode.startsWith('rule:') || reasonCode.startsWith('bashMiss:') || reasonCode === 'unknown')
      return { kind: 'needs-permission', prompted: 0, answer: 'not-prompted', outcome: 'mode-denied' };
    return UNKNOWN;
  }
  return UNKNOWN;
}

/** The decision as compact JSON for the store (only the fields above, in a fixed order). */
export function decisionJson(decision: PermissionDecision): string {
  const out: Record<string, unknown> = {};
  for (const key of ['decision', 'source', 'reasonType', 'reasonCode', 'grantScope', 'ruleSource'] as const)
    if (decision[key] !== undefined) out[key] = decision[key];
  return JSON.stringify(out);
}

const INLINE_CODE_FLAGS = new Set(['-e', '-c', '-p', '--eval', '--print']);

/** Split a command line at `&&`, `||`, `;`, `|` outside quotes (enough for the prompt's own offer). */
function commandParts(command: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < command.length; i += 1) {
    const ch = command[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
      continue;
    }
    if (ch === ';' || ch === '|' || (ch === '&' && command[i + 1] === '&')) {
      parts.push(current);
      current = '';
      if (command[i + 1] === ch) i += 1;
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * The rules "Yes, and don't ask again" saves for a Bash command, as the 2.1.328 prompt offers them
 * (reference real-client.md §4; recorded in test/fixtures/real-client/2.1.328-interactive): one rule
 * a command — `npm run build` → `Bash(npm run *)`, `make -C sub` → `Bash(make *)`, `node -e 1` →
 * `Bash(node -e 1)` (inline code is never widened). The hook's `permission_suggestions` can differ
 * (`Bash(make -C sub)`). Shapes not observed (a lone program word) offer nothing here.
 */
export function dialogRules(command: string): string[] {
  const rules: string[] = [];
  for (const part of commandParts(command)) {
    const words = part.split(/\s+/);
    if (words.length < 2 || /[=$`(){}<>]/.test(words[0]!)) continue;
    const [program, second] = [words[0]!, words[1]!];
    if (INLINE_CODE_FLAGS.has(second)) rules.push(`Bash(${part})`);
    else if (second.startsWith('-')) rules.push(`Bash(${program} *)`);
    else rules.push(`Bash(${program} ${second} *)`);
  }
  return [...new Set(rules)];
}
