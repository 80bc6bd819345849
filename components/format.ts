// Text helpers for fixed-width rows and the character charts. Rows are built as plain strings
// before Ink lays them out (slicing long text first is what keeps big lists fast).
import type { DailyCount } from '../src/core/types.js';

/** Cut `text` to `width` columns (with an ellipsis) and pad it on the right. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  // A full-width run of spaces makes Ink wrap onto a second, empty row; one space is enough.
  if (text.trim() === '') return ' ';
  const chars = [...text];
  if (chars.length > width) return width === 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
  return text + ' '.repeat(width - chars.length);
}

/**
 * Cut `text` to at most `width` columns by dropping its middle (no padding). Rules differ most in
 * their tails (`Edit(//home/me/work/api/src/**)` vs `…/web/src/**`), so a cut that keeps the tail
 * keeps distinct rules distinct where a cut at the end would make them read the same.
 */
export function fitMiddle(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  // a third for the head (the tool and program), the rest for the tail, where rules differ
  const head = Math.ceil((width - 1) / 3);
  const tail = width - 1 - head;
  return `${chars.slice(0, head).join('')}…${tail > 0 ? chars.slice(-tail).join('') : ''}`;
}

/** Like `fit`, cut in the middle (rule cells). */
export function fitRule(text: string, width: number): string {
  // one column kept blank so a cut rule never runs into the next cell
  return fit(fitMiddle(text, Math.max(1, width - 1)), width);
}

/**
 * Word-wrap `text` to rows of at most `width` columns, continuation rows indented by `indent`
 * spaces (a word longer than a row is cut). Evidence and details wrap instead of losing their tails.
 */
export function wrap(text: string, width: number, indent = 2): string[] {
  if (width <= indent + 1 || [...text].length <= width) return [text];
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(' ')) {
    const room = width - (rows.length > 0 ? indent : 0);
    if (row === '') row = word;
    else if ([...row].length + 1 + [...word].length <= room) row += ` ${word}`;
    else {
      rows.push(row);
      row = word;
    }
    while ([...row].length > width - indent) {
      const cut = width - (rows.length > 0 ? indent : 0);
      if ([...row].length <= cut) break;
      rows.push([...row].slice(0, cut).join(''));
      row = [...row].slice(cut).join('');
    }
  }
  if (row !== '') rows.push(row);
  return rows.map((r, i) => (i > 0 ? ' '.repeat(indent) + r : r));
}

/** Pad on the left (numbers). */
export function fitRight(text: string, width: number): string {
  const chars = [...text];
  if (chars.length >= width) return chars.slice(0, width).join('');
  return ' '.repeat(width - chars.length) + text;
}

/** The first `height` rows starting so that `cursor` stays visible (scrolls with the cursor). */
export function windowStart(cursor: number, height: number, total: number): number {
  if (total <= height) return 0;
  const start = cursor - Math.floor(height / 2);
  return Math.max(0, Math.min(start, total - height));
}

const sparks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A one-line sparkline of values ('·' for zero, so an empty day is visible without colour). */
export function sparkline(values: number[]): string {
  const max = Math.max(1, ...values);
  return values.map((v) => (v <= 0 ? '·' : sparks[Math.min(7, Math.round((v / max) * 7))]!)).join('');
}

/** A horizontal bar of `width` cells for a 0..1 figure: filled '█', empty '░'. */
export function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

const DAY_MS = 86_400_000;

/**
 * The history as consecutive calendar days from its first day to `end` (default: its last day),
 * with zero counts for the days nothing happened: a chart over active days only would draw 19
 * days as 6 adjacent bars.
 */
export function calendarDays(history: DailyCount[], end?: string): DailyCount[] {
  if (history.length === 0) return [];
  const byDay = new Map(history.map((h) => [h.day, h]));
  const first = Date.parse(`${history[0]!.day}T00:00:00Z`);
  const last = Date.parse(`${end ?? history.at(-1)!.day}T00:00:00Z`);
  const days: DailyCount[] = [];
  for (let t = first; t <= last; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(byDay.get(day) ?? { day, approvals: 0, denials: 0 });
  }
  return days;
}

/** Lines of a per-day chart: approvals as '█' above the axis, denials as '▒' below, labelled axes. One slot per calendar day. */
export function dayChart(history: DailyCount[], width: number, up = 3, down = 2): string[] {
  const days = calendarDays(history).slice(-Math.max(1, Math.floor((width - 6) / 2)));
  const maxA = Math.max(1, ...days.map((d) => d.approvals));
  const maxD = Math.max(1, ...days.map((d) => d.denials));
  const label = (n: number): string => fitRight(String(n), 3);
  const lines: string[] = [];
  for (let row = up; row >= 1; row -= 1) {
    const threshold = (row / up) * maxA;
    const cells = days
      .map((d) => (d.approvals >= threshold - 1e-9 && d.approvals > 0 ? '█ ' : '  '))
      .join('');
    lines.push(`${row === up ? label(maxA) : '   '} ┤ ${cells}`);
  }
  lines.push(`  0 ┼${'─'.repeat(days.length * 2 + 1)}`);
  // Denials hang below the axis: the first row marks every day with a denial, the next the busiest.
  for (let row = 1; row <= down; row += 1) {
    const threshold = ((row - 1) / down) * maxD;
    const cells = days.map((d) => (d.denials > threshold + 1e-9 ? '▒ ' : '  ')).join('');
    lines.push(`${row === down ? label(maxD) : '   '} ┤ ${cells}`);
  }
  const first = days[0]?.day.slice(5) ?? '';
  const last = days.at(-1)?.day.slice(5) ?? '';
  const gap = Math.max(1, days.length * 2 - first.length - last.length);
  lines.push(`      ${first}${' '.repeat(gap)}${last}`);
  return lines;
}

/** 'YYYY-MM-DD' of an ISO time, or '—' when unknown. */
export function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : 'never';
}
