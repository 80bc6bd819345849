// Pure text editing of a Claude Code settings file: change only `permissions.allow|ask|deny`
// entries and leave every other byte where it was. The file is edited as text (not parsed and
// re-serialised) because re-serialising loses the user's formatting, inline arrays, escapes and
// number spellings; each edit is checked afterwards against the same edit done on the parsed value,
// so a bug here can only refuse a write, never corrupt a file.

import { ruleProblems } from './rules/problems.js';

/** The three rule arrays under `permissions`. */
export type PermissionList = 'allow' | 'ask' | 'deny';

/** One change to one rule array. `replace` puts `rule` where the first of `replaces` was. */
export type RuleEdit =
  | { op: 'add'; list: PermissionList; rule: string }
  | { op: 'remove'; list: PermissionList; rule: string }
  | { op: 'replace'; list: PermissionList; rule: string; replaces: string[] };

/** What happened to one edit. */
export interface EditOutcome {
  edit: RuleEdit;
  status: 'changed' | 'unchanged' | 'refused';
  /** Why it was unchanged or refused, or what was special about a change (duplicate copies). */
  note: string | null;
}

/** Result of editing one file's text. */
export interface SettingsEditResult {
  /** The new text (equal to the old when nothing changed), or null when the file must not be touched. */
  text: string | null;
  /** True when the text differs from the old one (a write is needed). */
  changed: boolean;
  /** Why the whole file is refused (not JSON, not an object, …). */
  error: string | null;
  outcomes: EditOutcome[];
  /** Rules added, as `list: rule`. */
  added: string[];
  /** Rules removed, as `list: rule`. */
  removed: string[];
}

// Path-rule tools Claude Code accepts but never consults (reference/claude-code.md §1.3).
const NEVER_CONSULTED: Record<string, string> = {
  Write: 'Edit',
  NotebookEdit: 'Edit',
  MultiEdit: 'Edit',
  Glob: 'Read',
};

/**
 * Why Claude Code would ignore (or misread) this rule in `list`, or null when it is a form it
 * honours: our own syntax checks first, then the rule model's hygiene checks (core/rules).
 */
export function ruleFormProblem(rule: string, list: PermissionList): string | null {
  const own = ownRuleFormProblem(rule, list);
  if (own) return own;
  // baseDir only shapes the wording of the single-slash message, which ownRuleFormProblem already covers
  try {
    return ruleProblems(rule, { scope: 'local', baseDir: 'the settings file', path: '' }, list)[0] ?? null;
  } catch {
    // the rule model choking on a rule is not a reason to refuse a whole file; our checks passed
    return null;
  }
}

function ownRuleFormProblem(rule: string, list: PermissionList): string | null {
  if (rule.trim() === '') return 'empty rule';
  if (rule !== rule.trim()) return 'rule has leading or trailing spaces';
  const match = /^([^()]+)(?:\(([\s\S]*)\))?$/.exec(rule);
  if (!match) return `'${rule}' is not Tool or Tool(specifier) syntax`;
  const tool = match[1] ?? '';
  const specifier = match[2];
  if (!/^[\w*.-]+$/.test(tool)) return `'${tool}' is not a tool name`;
  const instead = NEVER_CONSULTED[tool];
  if (instead && specifier !== undefined) {
    return `Claude Code never consults ${tool}(...) rules; use ${instead}(...)`;
  }
  if (list === 'allow' && tool.includes('*') && !/^mcp__[^*_][^*]*?__/.test(tool)) {
    return `allow rules with a tool-name glob ('${tool}') are skipped by Claude Code`;
  }
  if (tool === 'Bash' && specifier !== undefined && /^command:/.test(specifier)) {
    return 'Bash(command:...) is ignored by Claude Code; write Bash(<command>)';
  }
  if (
    (tool === 'Read' || tool === 'Edit') &&
    specifier !== undefined &&
    /^\/(?:home|Users|nix|etc|tmp|var|root|usr|opt|run|mnt|srv)\//.test(specifier)
  ) {
    return `'${rule}' looks absolute but a single leading / is relative to the settings file; write //${specifier.slice(1)}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// A positional JSON reader: just enough structure (with offsets) to edit the text in place.

type JsonNode =
  | { type: 'object'; start: number; end: number; members: JsonMember[] }
  | { type: 'array'; start: number; end: number; items: JsonNode[] }
  | { type: 'string'; start: number; end: number; value: string }
  | { type: 'other'; start: number; end: number };

interface JsonMember {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

class JsonReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): JsonNode {
    this.skip();
    const node = this.value();
    this.skip();
    if (this.pos !== this.text.length) throw new Error('trailing text');
    return node;
  }

  private skip(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos] ?? '')) this.pos++;
  }

  private value(): JsonNode {
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    const start = this.pos;
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      this.text.slice(start, start + 400),
    );
    if (!m) throw new Error(`unexpected character at ${start}`);
    this.pos += m[0].length;
    return { type: 'other', start, end: this.pos };
  }

  private string(): JsonNode & { type: 'string' } {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length && this.text[this.pos] !== '"') {
      this.pos += this.text[this.pos] === '\\' ? 2 : 1;
    }
    if (this.pos >= this.text.length) throw new Error('unterminated string');
    this.pos++;
    return {
      type: 'string',
      start,
      end: this.pos,
      value: JSON.parse(this.text.slice(start, this.pos)) as string,
    };
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new Error(`expected '${ch}' at ${this.pos}`);
    this.pos++;
  }

  private object(): JsonNode {
    const start = this.pos;
    this.pos++;
    const members: JsonMember[] = [];
    this.skip();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { type: 'object', start, end: this.pos, members };
    }
    for (;;) {
      this.skip();
      const key = this.string();
      this.skip();
      this.expect(':');
      this.skip();
      const value = this.value();
      members.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value });
      this.skip();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect('}');
      return { type: 'object', start, end: this.pos, members };
    }
  }

  private array(): JsonNode {
    const start = this.pos;
    this.pos++;
    const items: JsonNode[] = [];
    this.skip();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { type: 'array', start, end: this.pos, items };
    }
    for (;;) {
      this.skip();
      items.push(this.value());
      this.skip();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect(']');
      return { type: 'array', start, end: this.pos, items };
    }
  }
}

/** The indentation unit found in the file (tab, or the smallest run of leading spaces); 2 spaces by default. */
export function detectIndent(text: string): string {
  let smallest = 0;
  for (const line of text.split('\n')) {
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (lead === '' || lead.length === line.replace(/\r$/, '').length) continue;
    if (lead.startsWith('\t')) return '\t';
    if (smallest === 0 || lead.length < smallest) smallest = lead.length;
  }
  return smallest > 0 ? ' '.repeat(smallest) : '  ';
}

interface Layout {
  unit: string;
  newline: string;
  /** A single-line (minified) file stays single-line. */
  compact: boolean;
}

function layoutOf(text: string): Layout {
  return {
    unit: detectIndent(text),
    newline: text.includes('\r\n') ? '\r\n' : '\n',
    // a bare `{}` has no style to keep: give it the usual pretty layout
    compact: !text.trim().includes('\n') && text.trim() !== '{}',
  };
}

function lineIndent(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** Whitespace between two neighbours of a list (what follows the comma). */
function separatorBetween(text: string, prevEnd: number, nextStart: number): string {
  const between = text.slice(prevEnd, nextStart);
  const comma = between.indexOf(',');
  return comma === -1 ? between : between.slice(comma + 1);
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Render a JSON value for insertion at a member whose line is indented by `indent`. */
function renderValue(value: unknown, indent: string, layout: Layout): string {
  if (layout.compact) return JSON.stringify(value);
  return JSON.stringify(value, null, layout.unit)
    .split('\n')
    .join(layout.newline + indent);
}

function findMember(obj: JsonNode & { type: 'object' }, key: string): JsonMember | 'duplicate' | null {
  const found = obj.members.filter((m) => m.key === key);
  if (found.length > 1) return 'duplicate';
  return found[0] ?? null;
}

/** Add `"key": value` as the last member of an object. */
function addMember(
  text: string,
  obj: JsonNode & { type: 'object' },
  key: string,
  value: unknown,
  layout: Layout,
): string {
  const last = obj.members.at(-1);
  if (!last) {
    const closeIndent = lineIndent(text, obj.start);
    if (layout.compact)
      return splice(
        text,
        obj.start + 1,
        obj.end - 1,
        `${JSON.stringify(key)}:${renderValue(value, '', layout)}`,
      );
    const indent = closeIndent + layout.unit;
    const inner = `${layout.newline}${indent}${JSON.stringify(key)}: ${renderValue(value, indent, layout)}${layout.newline}${closeIndent}`;
    return splice(text, obj.start + 1, obj.end - 1, inner);
  }
  const prev = obj.members.at(-2);
  const sep = prev
    ? separatorBetween(text, prev.value.end, last.keyStart)
    : text.slice(obj.start + 1, last.keyStart);
  const colon = text.slice(last.keyEnd, last.value.start);
  const indent = sep.includes('\n') ? sep.slice(sep.lastIndexOf('\n') + 1) : lineIndent(text, last.keyStart);
  const insert = `,${sep}${JSON.stringify(key)}${colon}${renderValue(value, indent, layout)}`;
  return splice(text, last.value.end, last.value.end, insert);
}

/** Append a string to an array, in the style of its existing items. */
function appendItem(
  text: string,
  arr: JsonNode & { type: 'array' },
  rule: string,
  layout: Layout,
  keyPos: number,
): string {
  const last = arr.items.at(-1);
  const literal = JSON.stringify(rule);
  if (!last) {
    if (layout.compact) return splice(text, arr.start + 1, arr.end - 1, literal);
    const closeIndent = lineIndent(text, keyPos);
    return splice(
      text,
      arr.start + 1,
      arr.end - 1,
      `${layout.newline}${closeIndent}${layout.unit}${literal}${layout.newline}${closeIndent}`,
    );
  }
  const prev = arr.items.at(-2);
  const sep = prev ? separatorBetween(text, prev.end, last.start) : text.slice(arr.start + 1, last.start);
  return splice(text, last.end, last.end, `,${sep}${literal}`);
}

/** Insert a string before item `index`, in the style of the array. */
function insertItemBefore(
  text: string,
  arr: JsonNode & { type: 'array' },
  index: number,
  rule: string,
): string {
  const target = arr.items[index];
  if (!target) throw new Error('no such item');
  const first = arr.items[0];
  const second = arr.items[1];
  const sep =
    first && second
      ? separatorBetween(text, first.end, second.start)
      : text.slice(arr.start + 1, target.start);
  return splice(text, target.start, target.start, `${JSON.stringify(rule)},${sep}`);
}

/** Remove item `index` together with one neighbouring comma and the whitespace that led to it. */
function removeItem(text: string, arr: JsonNode & { type: 'array' }, index: number): string {
  const item = arr.items[index];
  if (!item) throw new Error('no such item');
  if (arr.items.length === 1) return splice(text, arr.start + 1, arr.end - 1, '');
  const next = arr.items[index + 1];
  if (next) return splice(text, item.start, next.start, '');
  const prev = arr.items[index - 1];
  return splice(text, prev ? prev.end : item.start, item.end, '');
}

interface Located {
  root: JsonNode & { type: 'object' };
  permissions: (JsonNode & { type: 'object' }) | null;
  permissionsKey: JsonMember | null;
  list: (JsonNode & { type: 'array' }) | null;
  listKey: JsonMember | null;
}

function locate(text: string, list: PermissionList): Located | string {
  const root = new JsonReader(text).parseDocument();
  if (root.type !== 'object') return 'the top level is not a JSON object';
  const perm = findMember(root, 'permissions');
  if (perm === 'duplicate') return "it has more than one 'permissions' key";
  if (!perm) return { root, permissions: null, permissionsKey: null, list: null, listKey: null };
  if (perm.value.type !== 'object') return "'permissions' is not an object";
  const entry = findMember(perm.value, list);
  if (entry === 'duplicate') return `it has more than one 'permissions.${list}' key`;
  if (!entry) return { root, permissions: perm.value, permissionsKey: perm, list: null, listKey: null };
  if (entry.value.type !== 'array') return `'permissions.${list}' is not an array`;
  return { root, permissions: perm.value, permissionsKey: perm, list: entry.value, listKey: entry };
}

function indexesOf(arr: JsonNode & { type: 'array' }, rule: string): number[] {
  const out: number[] = [];
  arr.items.forEach((item, i) => {
    if (item.type === 'string' && item.value === rule) out.push(i);
  });
  return out;
}

/** Add a rule at the end of its list, creating the list and `permissions` as needed. */
function addRule(text: string, list: PermissionList, rule: string, layout: Layout): string | string[] {
  const where = locate(text, list);
  if (typeof where === 'string') return [where];
  if (!where.permissions) return addMember(text, where.root, 'permissions', { [list]: [rule] }, layout);
  if (!where.list || !where.listKey) return addMember(text, where.permissions, list, [rule], layout);
  return appendItem(text, where.list, rule, layout, where.listKey.keyStart);
}

/** Remove every copy of a rule from a list. */
/** Remove the copies of a rule from a list, keeping the first `keep` of them. */
function removeRule(text: string, list: PermissionList, rule: string, keep = 0): string | string[] {
  let out = text;
  for (;;) {
    const where = locate(out, list);
    if (typeof where === 'string') return [where];
    const index = where.list ? indexesOf(where.list, rule)[keep] : undefined;
    if (index === undefined || !where.list) return out;
    out = removeItem(out, where.list, index);
  }
}

// The same edits done on the parsed value: the text result must parse to exactly this.
function expectedValue(value: Record<string, unknown>, edit: RuleEdit): void {
  const permissions = (value.permissions ??= {}) as Record<string, unknown>;
  const current = (permissions[edit.list] ??= []) as unknown[];
  if (edit.op === 'add') {
    current.push(edit.rule);
  } else if (edit.op === 'remove') {
    const copies = current.filter((r) => r === edit.rule).length;
    const first = current.indexOf(edit.rule);
    permissions[edit.list] = current.filter((r, i) => r !== edit.rule || (copies > 1 && i === first));
  } else {
    const olds = edit.replaces.filter((r) => r !== edit.rule);
    const at = current.findIndex((r) => typeof r === 'string' && olds.includes(r));
    const hasNew = current.includes(edit.rule);
    const out: unknown[] = [];
    current.forEach((r, i) => {
      if (i === at && !hasNew) out.push(edit.rule);
      if (!(typeof r === 'string' && olds.includes(r))) out.push(r);
    });
    permissions[edit.list] = out;
  }
}

// refusals are printed as one line each
function oneLineMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
}

function currentRules(text: string, list: PermissionList): string[] | string {
  const where = locate(text, list);
  if (typeof where === 'string') return where;
  return where.list ? where.list.items.flatMap((i) => (i.type === 'string' ? [i.value] : [])) : [];
}

/**
 * Apply rule edits to a settings file's text (null = the file does not exist yet). Keeps every
 * other byte; adding a rule that is present changes nothing; refuses rule forms Claude Code ignores.
 */
export function editSettingsText(oldText: string | null, edits: RuleEdit[]): SettingsEditResult {
  const outcomes: EditOutcome[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  const refuse = (error: string): SettingsEditResult => ({
    text: null,
    changed: false,
    error,
    outcomes: [],
    added: [],
    removed: [],
  });
  let text = oldText ?? '{}\n';
  let expected: Record<string, unknown>;
  try {
    expected = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return refuse(`not valid JSON (${oneLineMessage(error)})`);
  }
  if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) {
    return refuse('the top level is not a JSON object');
  }
  const layout = layoutOf(oldText ?? '{\n}\n');
  try {
    for (const edit of edits) {
      let dedupeNote: string | null = null;
      const present = currentRules(text, edit.list);
      if (typeof present === 'string') return refuse(present);
      const problem = edit.op === 'remove' ? null : ruleFormProblem(edit.rule, edit.list);
      if (problem) {
        outcomes.push({ edit, status: 'refused', note: problem });
        continue;
      }
      let next: string | string[];
      if (edit.op === 'add') {
        if (present.includes(edit.rule)) {
          outcomes.push({ edit, status: 'unchanged', note: `already in permissions.${edit.list}` });
          continue;
        }
        next = addRule(text, edit.list, edit.rule, layout);
      } else if (edit.op === 'remove') {
        if (!present.includes(edit.rule)) {
          outcomes.push({ edit, status: 'unchanged', note: `not in permissions.${edit.list}` });
          continue;
        }
        // a rule written twice loses only its extra copies: removing "the duplicate" must never
        // take away the rule itself (a second remove, once it is single, removes it)
        const copies = present.filter((r) => r === edit.rule).length;
        next = removeRule(text, edit.list, edit.rule, copies > 1 ? 1 : 0);
        if (copies > 1) dedupeNote = `it was there ${copies} times; one copy kept`;
      } else {
        const olds = edit.replaces.filter((r) => present.includes(r) && r !== edit.rule);
        if (olds.length === 0) {
          const note = present.includes(edit.rule)
            ? `already in permissions.${edit.list}`
            : `none of the rules it replaces is in permissions.${edit.list} any more`;
          outcomes.push({ edit, status: present.includes(edit.rule) ? 'unchanged' : 'refused', note });
          continue;
        }
        next = text;
        if (!present.includes(edit.rule)) {
          const where = locate(text, edit.list);
          if (typeof where === 'string' || !where.list) return refuse('internal: list vanished');
          const at = where.list.items.findIndex((i) => i.type === 'string' && olds.includes(i.value));
          next = insertItemBefore(text, where.list, at, edit.rule);
        }
        for (const old of olds) {
          const after: string | string[] = removeRule(next, edit.list, old);
          if (typeof after !== 'string') return refuse(after[0] ?? 'cannot edit');
          next = after;
        }
      }
      if (typeof next !== 'string') return refuse(next[0] ?? 'cannot edit');
      expectedValue(expected, edit);
      // The safety net: the edited text must parse to exactly the edited value, keys in order.
      if (JSON.stringify(JSON.parse(next)) !== JSON.stringify(expected)) {
        return refuse('internal check failed: the edit would change more than the named rules');
      }
      text = next;
      outcomes.push({ edit, status: 'changed', note: dedupeNote });
      if (edit.op !== 'remove') added.push(`${edit.list}: ${edit.rule}`);
      if (edit.op === 'remove') removed.push(`${edit.list}: ${edit.rule}`);
      if (edit.op === 'replace') {
        for (const old of edit.replaces)
          if (present.includes(old) && old !== edit.rule) removed.push(`${edit.list}: ${old}`);
      }
    }
  } catch (error) {
    return refuse(`cannot read its structure (${oneLineMessage(error)})`);
  }
  const changed = outcomes.some((o) => o.status === 'changed');
  return { text: changed ? text : oldText, changed, error: null, outcomes, added, removed };
}

/** Which of the three lists of a settings text hold any of `rules` (none when the text is not usable). */
export function listsHolding(text: string | null, rules: string[]): PermissionList[] {
  if (text === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const permissions = (value as { permissions?: Record<string, unknown> } | null)?.permissions;
  if (!permissions || typeof permissions !== 'object') return [];
  return (['allow', 'ask', 'deny'] as const).filter((list) => {
    const entries = permissions[list];
    return Array.isArray(entries) && entries.some((r) => typeof r === 'string' && rules.includes(r));
  });
}
