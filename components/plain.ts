// The dashboard's plain-text pieces that need no React: kind marks, sorting, the post-rebuild
// lines. The non-TTY summary and the one-line post-rebuild path use these without loading Ink.
import { redactLines } from '../src/core/redact.js';
import type { PostRebuildReport } from './backend.js';
import type { FileChangePlan, RuleAlternative, Suggestion, SuggestionKind } from '../src/core/types.js';
import { bindings, helpSections, type Binding } from './keymap.js';

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

/**
 * Why `e` must not switch a proposal to this breadth, or null when it may. Covering a call the
 * user denied and a risk-policy refusal are safety limits; "needs more approvals" is only a note.
 */
export function alternativeRefusal(alt: RuleAlternative): string | null {
  if (alt.deniedCovered > 0)
    return `would have allowed ${alt.deniedCovered} denied call${alt.deniedCovered === 1 ? '' : 's'}`;
  if (alt.blockedBy?.startsWith('risk policy')) return alt.blockedBy;
  return null;
}

/** Diff lines of every planned file, with a header per file and any refusal (the apply dialog). */
export function diffLines(plans: FileChangePlan[]): string[] {
  const lines: string[] = [];
  for (const plan of plans) {
    lines.push(`● ${plan.path}  (+${plan.added.length} -${plan.removed.length})`);
    if (plan.refusal) lines.push(`  ✗ refused: ${plan.refusal}`);
    if (plan.nixFile && !plan.refusal)
      lines.push(`  written as Nix to ${plan.nixFile}; takes effect on the next rebuild`);
    // the user's own rules and env block show around the change: redacted like the rest
    lines.push(...redactLines(plan.diff).split('\n'));
    lines.push('');
  }
  return lines;
}

/** Confidence as the dashboard shows it everywhere: a whole percentage. */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

const keyNames: Record<string, string> = {
  escape: 'esc',
  pagedown: 'PgDn',
  pageup: 'PgUp',
  'shift+tab': 'S-tab',
  backspace: 'bksp',
  left: '←',
  right: '→',
  up: '↑',
  down: '↓',
};

/** The keys of a binding as the help shows them ('j/↓'). */
export function helpKeys(binding: Binding): string {
  return binding.keys.map((k) => keyNames[k] ?? k).join('/');
}

/** One line of the help overlay. */
export interface HelpLine {
  heading: boolean;
  keys: string;
  text: string;
}

/** The help laid out for a width: whole sections per column, every key column equally wide. */
export interface HelpLayout {
  columns: HelpLine[][];
  columnWidth: number;
  keyWidth: number;
  /** Rows of the tallest column (what scrolls). */
  rows: number;
  /** Bindings shown (after the search). */
  matches: number;
}

/** Help sections with the bindings that match `query` (key, description or section title). */
function helpBlocks(query: string): HelpLine[][] {
  const q = query.toLowerCase();
  const blocks: HelpLine[][] = [];
  for (const section of helpSections) {
    const rows = bindings.filter(
      (b) =>
        b.context === section.context &&
        (q === '' ||
          section.title.toLowerCase().includes(q) ||
          b.description.toLowerCase().includes(q) ||
          helpKeys(b).toLowerCase().includes(q)),
    );
    if (rows.length === 0) continue;
    blocks.push([
      { heading: true, keys: '', text: section.title },
      ...rows.map((b) => ({ heading: false, keys: helpKeys(b), text: b.description })),
    ]);
  }
  return blocks;
}

/** Lay the help out in one column (narrow) or two (from 100 columns), sections never split. */
export function helpLayout(width: number, query = ''): HelpLayout {
  const blocks = helpBlocks(query);
  const lines = blocks.flat();
  const keyWidth = Math.min(18, Math.max(4, ...lines.filter((l) => !l.heading).map((l) => l.keys.length)));
  const count = width >= 100 && blocks.length > 1 ? 2 : 1;
  // Whole sections per column; with two columns, split where the taller column is shortest.
  const height = (list: HelpLine[][]): number =>
    list.reduce((n, block, i) => n + block.length + (i > 0 ? 1 : 0), 0);
  let split = blocks.length;
  if (count === 2) {
    let best = Infinity;
    for (let i = 1; i < blocks.length; i += 1) {
      const tallest = Math.max(height(blocks.slice(0, i)), height(blocks.slice(i)));
      if (tallest < best) [best, split] = [tallest, i];
    }
  }
  const withGaps = (list: HelpLine[][]): HelpLine[] =>
    list.flatMap((block, i) => (i > 0 ? [{ heading: false, keys: '', text: '' }, ...block] : block));
  const columns =
    count === 2 ? [withGaps(blocks.slice(0, split)), withGaps(blocks.slice(split))] : [withGaps(blocks)];
  return {
    columns,
    columnWidth: Math.floor(width / count),
    keyWidth,
    rows: Math.max(0, ...columns.map((c) => c.length)),
    matches: lines.filter((l) => !l.heading).length,
  };
}

/** The text of one help line in a column of `width` (keys padded so every column aligns). */
export function helpLineText(line: HelpLine, keyWidth: number): string {
  if (line.heading || line.keys === '') return line.text;
  return `  ${line.keys.padEnd(keyWidth)}  ${line.text}`;
}
