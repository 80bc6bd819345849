// The dashboard's plain-text pieces that need no React: kind marks, sorting, the post-rebuild
// lines. The non-TTY summary and the one-line post-rebuild path use these without loading Ink.
import type { PostRebuildReport } from './backend.js';
import type { Suggestion, SuggestionKind } from '../src/core/types.js';

/** Kind marks: a symbol and a word, so the kind reads without colour. */
export const kindMark: Record<SuggestionKind, string> = {
  allow: '+ allow',
  deny: '! deny',
  ask: '? ask',
  remove: '- remove',
  replace: '~ replace',
};

/** Hygiene proposals clean existing rules rather than add new ones. */
export function isHygiene(kind: SuggestionKind): boolean {
  return kind === 'remove' || kind === 'replace';
}

/** Sort proposals the way the Suggestions pane lists them: most prompts saved first. */
export function sortSuggestions(list: Suggestion[]): Suggestion[] {
  return [...list].sort(
    (a, b) => b.promptsSaved - a.promptsSaved || b.confidence - a.confidence || a.rule.localeCompare(b.rule),
  );
}

/** Plain lines of the post-rebuild summary (also printed without a TTY). */
export function postRebuildLines(report: PostRebuildReport): string[] {
  const lines: string[] = [];
  const p = report.packages;
  if (!p) lines.push('packages: first snapshot recorded — changes show from the next rebuild on');
  else {
    lines.push(
      `packages: +${p.added.length} added  -${p.removed.length} removed  ~${p.updated.length} updated`,
    );
    for (const name of p.added.slice(0, 6)) lines.push(`  + ${name}`);
    for (const name of p.removed.slice(0, 6)) lines.push(`  - ${name}`);
    // A version can be unknown on one side (packages.nix names no version): show a dash, not 'null'.
    for (const u of p.updated.slice(0, 6)) lines.push(`  ~ ${u.name} ${u.from || '—'} → ${u.to || '—'}`);
  }
  lines.push(
    report.docsStale === null
      ? 'docs: no tools block in ~/.claude/CLAUDE.md (clearance docs --write adds one)'
      : report.docsStale
        ? 'docs: ✗ CLAUDE.md tools block is stale — run clearance docs --write'
        : 'docs: ✓ CLAUDE.md tools block is current',
  );
  if (report.orphanRules.length === 0) lines.push('rules: ✓ every rule names an installed program');
  else {
    lines.push(`rules: ✗ ${report.orphanRules.length} name programs no longer installed`);
    for (const rule of report.orphanRules.slice(0, 6)) lines.push(`  ${rule}`);
  }
  return lines;
}

/** True when the report holds nothing the user needs to see. */
export function nothingNew(report: PostRebuildReport): boolean {
  const p = report.packages;
  return (
    (p === null || p.added.length + p.removed.length + p.updated.length === 0) &&
    report.docsStale !== true &&
    report.orphanRules.length === 0
  );
}
