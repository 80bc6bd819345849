import { readFileSync } from 'node:fs';
import path from 'node:path';
import { redactCommand, redactText } from '../core/redact.js';
import type { Suggestion } from '../core/types.js';
import { ConflictError, textHash, writeFileAtomic } from './atomic.js';

/** The audit file's name, next to the settings file it describes. */
export const AUDIT_FILE = 'permissions_auto_generated.md';

const HEADER = `# Permission changes made by clearance

Appended by \`clearance apply\` and \`clearance undo\`; newest entry last. Each entry names the
settings file, every rule added or removed, the evidence behind it and who decided.
`;

/** One rule change as the audit shows it. */
export interface AuditChange {
  action: 'added' | 'removed' | 'replaced';
  list: string;
  rule: string;
  /** For `replaced`: the rules it took the place of. */
  replaces: string[];
  suggestion: Suggestion | null;
  /** The rule the learner proposed, when the user changed its breadth. */
  editedFrom: string | null;
  /** Anything special about the change (e.g. only duplicate copies removed). */
  note?: string | null;
}

/** One apply (or undo) entry for one settings file. */
export interface AuditEntry {
  kind: 'apply' | 'undo';
  applyId: string;
  when: Date;
  settingsFile: string;
  actor: string;
  backupPath: string | null;
  changes: AuditChange[];
  /** Free lines for an undo entry. */
  notes?: string[];
}

const ACTORS: Record<string, string> = {
  interactive: 'the user, approving the batch at the `apply` prompt',
  yes: 'the user, with `clearance apply --yes` (no prompt)',
  dashboard: 'the user, in the dashboard',
  undo: 'the user, with `clearance undo`',
};

/** Inline code that survives backticks and newlines inside the text. */
function code(text: string): string {
  // rules and examples: a rule the user wrote by hand may carry a password
  const flat = redactCommand(text).replace(/\s*\n\s*/g, ' ⏎ ');
  const short = flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
  return short.includes('`') ? `\`\` ${short} \`\`` : `\`${short}\``;
}

function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function describe(change: AuditChange): string[] {
  const verb =
    change.action === 'added'
      ? `Added ${code(change.rule)} to \`${change.list}\``
      : change.action === 'removed'
        ? `Removed ${code(change.rule)} from \`${change.list}\``
        : `Replaced ${change.replaces.map(code).join(', ')} with ${code(change.rule)} in \`${change.list}\``;
  const lines = [`### ${verb}`, ''];
  const s = change.suggestion;
  if (s) {
    const e = s.evidence;
    lines.push(
      `- Confidence ${percent(s.confidence)} · risk ${s.risk} · would have saved ${s.promptsSaved} prompt${s.promptsSaved === 1 ? '' : 's'} in 30 days · ${s.deniedCovered} denied call${s.deniedCovered === 1 ? '' : 's'} covered`,
      `- Evidence: ${e.approvals} approval${e.approvals === 1 ? '' : 's'}, ${e.denials} denial${e.denials === 1 ? '' : 's'}, ${e.sessions} session${e.sessions === 1 ? '' : 's'}, ${e.projects} project${e.projects === 1 ? '' : 's'}${e.firstSeen && e.lastSeen ? ` (${e.firstSeen.slice(0, 10)} – ${e.lastSeen.slice(0, 10)})` : ''}`,
    );
    const examples = s.examples.slice(0, 3).map((x) => code(redactCommand(x)));
    if (examples.length > 0) lines.push(`- Examples: ${examples.join(', ')}`);
    if (s.reason) lines.push(`- Why: ${redactText(s.reason)}`);
    lines.push(`- Proposal id: \`${s.id}\``);
  }
  if (change.note) lines.push(`- Note: ${change.note}`);
  if (change.editedFrom) lines.push(`- Breadth edited by the user (proposed ${code(change.editedFrom)})`);
  lines.push('');
  return lines;
}

/** The Markdown of one entry. */
export function renderAuditEntry(entry: AuditEntry): string {
  const title = entry.kind === 'apply' ? `apply ${entry.applyId}` : `undo of apply ${entry.applyId}`;
  const lines = [
    `## ${when(entry.when)} — ${title}`,
    '',
    `- File: \`${entry.settingsFile}\``,
    `- Decided by: ${ACTORS[entry.actor] ?? entry.actor}`,
  ];
  if (entry.backupPath) lines.push(`- Previous content backed up to \`${entry.backupPath}\``);
  lines.push('');
  for (const note of entry.notes ?? []) lines.push(`- ${note}`);
  if (entry.notes?.length) lines.push('');
  for (const change of entry.changes) lines.push(...describe(change));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The audit file that belongs to a settings file (same `.claude/` directory). */
export function auditPathFor(settingsFile: string): string {
  return path.join(path.dirname(settingsFile), AUDIT_FILE);
}

/**
 * Append an entry to the audit file next to the settings file. The whole file is rewritten
 * atomically (conflict-checked), so a crash never leaves half an entry and earlier entries are kept.
 */
export function appendAuditEntry(entry: AuditEntry): string {
  const file = auditPathFor(entry.settingsFile);
  for (let round = 0; ; round++) {
    let old: string | null = null;
    try {
      old = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const base = old === null || old.trim() === '' ? HEADER : old.endsWith('\n') ? old : `${old}\n`;
    try {
      writeFileAtomic(file, `${base}\n${renderAuditEntry(entry)}`, {
        expectedHash: old === null ? null : textHash(old),
      });
      return file;
    } catch (error) {
      if (round >= 2 || !(error instanceof ConflictError)) throw error;
    }
  }
}
