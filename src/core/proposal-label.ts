// How a proposal reads in a list (dashboard rows, the plain summary, `suggest`, `apply`): its rule,
// or for a grouped hygiene proposal the count and the family. No dependencies, so the non-TTY
// paths can use it without loading the learning engine.
import { redactCommand } from './redact.js';
import type { Suggestion } from './types.js';

/**
 * `Bash(cargo test *)`, or `20 rules Bash(node scripts/migrate.mjs …)` for a group. Redacted: a
 * hygiene proposal shows a rule the user wrote, and that may carry a password.
 */
export function proposalLabel(s: Pick<Suggestion, 'rule' | 'replaces' | 'family'>): string {
  return redactCommand(s.family && s.replaces.length > 1 ? `${s.replaces.length} rules ${s.family}` : s.rule);
}
