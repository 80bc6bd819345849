// The dashboard's state and every action on it. One vanilla zustand store per app instance,
// provided through React context and read with narrow selectors; components only render and
// forward resolved key commands to `dispatch`. Most keyboard behaviour is tested here, no Ink.
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { proposalLabel } from '../src/core/proposal-label.js';
import type { FileChangePlan, Suggestion, ToolUsage, UsageReport } from '../src/core/types.js';
import type {
  DashboardBackend,
  DashboardDecision,
  DataProblem,
  PostRebuildReport,
  RememberedDecision,
  ScanProgress,
} from './backend.js';
import type { KeyScope, ResolvedCommand } from './keymap.js';
import { evidenceRoom, evidenceRows } from './evidence-lines.js';
import { alternativeRefusal, diffLines, helpLayout, sortSuggestions } from './plain.js';

/** The four panes, in their numbered order. */
export type PaneId = 'suggestions' | 'confidence' | 'usage' | 'dormant';

/** Pane ids, numbers and titles (numbers are the switch keys and shown in the titles). */
export const panes: readonly { id: PaneId; number: number; title: string }[] = [
  { id: 'suggestions', number: 1, title: 'Suggestions' },
  { id: 'confidence', number: 2, title: 'Confidence' },
  { id: 'usage', number: 3, title: 'Usage' },
  { id: 'dormant', number: 4, title: 'Dormant' },
];

/** Sort orders of the Usage table (`s` cycles them). */
export type UsageSort = 'human' | 'claude' | 'name';
const usageSorts: UsageSort[] = ['human', 'claude', 'name'];

/** Sort orders of the Suggestions list (`s` cycles them). */
export type SuggestionSort = 'saved' | 'confidence' | 'rule';
const suggestionSorts: SuggestionSort[] = ['saved', 'confidence', 'rule'];

/** The help overlay's scroll position and search. */
export interface HelpState {
  scroll: number;
  query: string;
  searching: boolean;
}
const closedHelp: HelpState = { scroll: 0, query: '', searching: false };

/** A decision taken and not yet applied. */
export type DecisionRecord = RememberedDecision;

/** The modal dialog on screen, if any. */
export type DialogState =
  | { kind: 'apply'; plans: FileChangePlan[]; ids: string[]; scroll: number }
  | { kind: 'reason'; ids: string[]; text: string }
  | { kind: 'edit'; id: string; index: number }
  | { kind: 'quit'; count: number };

/** One row of the Dormant pane: a dormant package or an install candidate. */
export interface DormantRow {
  section: 'dormant' | 'candidate';
  name: string;
  detail: string;
  lastUsed: string | null;
}

interface UndoEntry {
  ids: string[];
  previous: Record<string, DecisionRecord | undefined>;
  verb: string;
}

/** Which command the dashboard was opened as. */
export type DashboardMode = 'dashboard' | 'review' | 'post-rebuild';

/** The whole dashboard state plus its actions. */
export interface DashboardState {
  mode: DashboardMode;
  status: 'loading' | 'ready' | 'error';
  progress: string;
  message: string | null;
  suggestions: Suggestion[];
  decisions: Record<string, DecisionRecord>;
  undo: UndoEntry[];
  marked: Record<string, true>;
  focus: PaneId;
  cursor: Record<PaneId, number>;
  filter: Record<PaneId, string>;
  filtering: boolean;
  evidenceId: string | null;
  overlay: 'help' | 'summary' | null;
  dialog: DialogState | null;
  usage: UsageReport | null;
  usageDays: number;
  usageSort: UsageSort;
  suggestionSort: SuggestionSort;
  help: HelpState;
  /** First evidence row shown (the evidence scrolls when taller than the pane). */
  evidenceScroll: number;
  /** The Dormant row whose detail is open (`section:name`), or null. */
  dormantDetail: string | null;
  /** Set by an apply: the next `u` explains how that apply is undone before undoing anything older. */
  undoBarrier: { applyId: string | null } | null;
  postRebuild: PostRebuildReport | null;
  viewport: { columns: number; rows: number };
  exitRequested: boolean;
  busy: boolean;
  /** Data problems the last scan reported (the problems line). */
  dataProblems: DataProblem[];
  /** Load (or reload) everything: scan with progress, then proposals and usage. */
  load(): Promise<void>;
  /** Run one resolved key command. */
  dispatch(command: ResolvedCommand): Promise<void>;
  /** The terminal changed size. */
  resize(columns: number, rows: number): void;
}

/** Rows of chrome around a pane's list: tab strip, borders, title, heading, status line, hint bar, and the last terminal row (left empty so Ink never clears the whole screen per frame). */
export const CHROME_ROWS = 8;

/** How many list rows fit on screen. */
export function listHeight(state: Pick<DashboardState, 'viewport'>): number {
  return Math.max(3, state.viewport.rows - CHROME_ROWS);
}

/** List rows the focused pane shows at once (what PgDn/PgUp move by); the panes lay out the same. */
export function pageSize(state: Pick<DashboardState, 'viewport' | 'focus'>): number {
  const body = bodyHeight(state);
  // Usage: summary line and the table's frame (4); Confidence: heading and, when it fits, the chart.
  if (state.focus === 'usage') return Math.max(1, body - 5);
  if (state.focus === 'confidence') return Math.max(1, body - 1 - (body >= 13 ? 9 : 0));
  return Math.max(1, body - 1);
}

/** Rows of the focused pane's body (inside its frame, under its title); App lays out the same. */
export function bodyHeight(
  state: Pick<DashboardState, 'viewport'> & Partial<Pick<DashboardState, 'dataProblems'>>,
): number {
  // the problems line takes a row when there are problems
  return Math.max(3, state.viewport.rows - 7 - ((state.dataProblems?.length ?? 0) > 0 ? 1 : 0));
}

/** Diff lines the apply dialog shows at once (its heading and footer take two rows). */
export function applyDiffRoom(state: Pick<DashboardState, 'viewport'>): number {
  return Math.max(1, bodyHeight(state) - 2);
}

/** Help rows shown at once (the heading/search line and the position line take two). */
export function helpRoom(state: Pick<DashboardState, 'viewport'>): number {
  return Math.max(1, bodyHeight(state) - 2);
}

/** The stable key of a pane's row, so the cursor can find its item again after a filter change. */
function rowKeys(selectors: DashboardSelectors, state: DashboardState, pane: PaneId): string[] {
  if (pane === 'suggestions' || pane === 'confidence')
    return selectors.suggestionRows(state, pane).map((s) => s.id);
  if (pane === 'usage') return selectors.usageRows(state).map((t) => t.tool);
  return selectors.dormantRows(state).map((r) => `${r.section}:${r.name}`);
}

// Derived rows are recomputed only when their inputs change, so a keypress on a 10,000-row list
// costs a slice, not a filter and sort.
function memo<A extends unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let lastResult: R;
  return (...args: A): R => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((a, i) => Object.is(a, args[i])))
      return lastResult;
    lastArgs = args;
    lastResult = compute(...args);
    return lastResult;
  };
}

function matches(haystack: string, needle: string): boolean {
  return needle === '' || haystack.toLowerCase().includes(needle.toLowerCase());
}

/** Selectors over derived rows; one set per store so caches never leak between instances. */
export interface DashboardSelectors {
  suggestionRows(state: DashboardState, pane?: PaneId): Suggestion[];
  usageRows(state: DashboardState): ToolUsage[];
  dormantRows(state: DashboardState): DormantRow[];
  rowCount(state: DashboardState, pane: PaneId): number;
}

function makeSelectors(): DashboardSelectors {
  const suggestionsFor = {
    suggestions: memo((list: Suggestion[], filter: string, sort: SuggestionSort) => {
      const rows =
        filter === ''
          ? list
          : list.filter((s) =>
              matches(`${s.kind} ${s.rule} ${s.family ?? ''} ${s.risk} ${s.scope} ${s.reason}`, filter),
            );
      // `list` is already in saved order (sortSuggestions at load); the others are stable on it.
      if (sort === 'confidence') return [...rows].sort((a, b) => b.confidence - a.confidence);
      if (sort === 'rule') return [...rows].sort((a, b) => a.rule.localeCompare(b.rule));
      return rows;
    }),
    confidence: memo((list: Suggestion[], filter: string) =>
      filter === '' ? list : list.filter((s) => matches(`${s.kind} ${s.rule}`, filter)),
    ),
  };
  const usageRows = memo((report: UsageReport | null, sort: UsageSort, filter: string) => {
    const tools = (report?.tools ?? []).filter((t) => matches(`${t.tool} ${t.package ?? ''}`, filter));
    const byName = (a: ToolUsage, b: ToolUsage): number => a.tool.localeCompare(b.tool);
    const compare =
      sort === 'human'
        ? (a: ToolUsage, b: ToolUsage) => b.human - a.human || b.claude - a.claude || byName(a, b)
        : sort === 'claude'
          ? (a: ToolUsage, b: ToolUsage) => b.claude - a.claude || b.human - a.human || byName(a, b)
          : byName;
    return [...tools].sort(compare);
  });
  const dormantRows = memo((report: UsageReport | null, filter: string) => {
    const rows: DormantRow[] = [
      ...(report?.dormant ?? []).map((d) => ({
        section: 'dormant' as const,
        name: d.package,
        detail: d.bins.slice(0, 4).join(' ') + (d.bins.length > 4 ? ` +${d.bins.length - 4}` : ''),
        lastUsed: d.lastUsed,
      })),
      ...(report?.installCandidates ?? []).map((c) => ({
        section: 'candidate' as const,
        name: c.package,
        detail: `${c.uses} ephemeral use${c.uses === 1 ? '' : 's'}`,
        lastUsed: c.lastUsed,
      })),
    ];
    return rows.filter((r) => matches(`${r.name} ${r.detail}`, filter));
  });
  const selectors: DashboardSelectors = {
    suggestionRows: (state, pane = 'suggestions') =>
      pane === 'confidence'
        ? suggestionsFor.confidence(state.suggestions, state.filter.confidence)
        : suggestionsFor.suggestions(state.suggestions, state.filter.suggestions, state.suggestionSort),
    usageRows: (state) => usageRows(state.usage, state.usageSort, state.filter.usage),
    dormantRows: (state) => dormantRows(state.usage, state.filter.dormant),
    rowCount: (state, pane) =>
      pane === 'suggestions' || pane === 'confidence'
        ? selectors.suggestionRows(state, pane).length
        : pane === 'usage'
          ? selectors.usageRows(state).length
          : selectors.dormantRows(state).length,
  };
  return selectors;
}

export { sortSuggestions } from './plain.js';

/** Decisions that still need an apply to reach a settings file. */
export function unappliedCount(state: Pick<DashboardState, 'decisions'>): number {
  return Object.values(state.decisions).filter((d) => d.state !== 'rejected').length;
}

/** The key scope for the resolver, derived from the state. */
export function keyScope(state: DashboardState): KeyScope {
  return {
    dialog: state.dialog?.kind ?? null,
    overlay: state.overlay,
    filtering: state.filtering,
    evidence: state.evidenceId !== null,
    pane: state.focus,
    helpSearching: state.overlay === 'help' && state.help.searching,
    detail: state.focus === 'dormant' && state.dormantDetail !== null,
  };
}

/** Options for one dashboard store. */
export interface StoreOptions {
  backend: DashboardBackend;
  mode?: DashboardMode;
  viewport?: { columns: number; rows: number };
  usageDays?: number;
  /** A post-rebuild report already computed (post-rebuild mode shows it first). */
  postRebuild?: PostRebuildReport | null;
}

/** A store plus its selectors. */
export interface DashboardStore extends StoreApi<DashboardState> {
  selectors: DashboardSelectors;
}

function progressLine(progress: ScanProgress): string {
  const count = progress.total ? `${progress.done}/${progress.total}` : `${progress.done}`;
  return `scanning: ${progress.phase} ${count}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/** Create one dashboard store (one per app instance; tests make a fresh one each). */
export function createDashboardStore(options: StoreOptions): DashboardStore {
  const { backend } = options;
  const selectors = makeSelectors();
  const store = createStore<DashboardState>()((set, get) => {
    const rowCount = (pane: PaneId = get().focus): number => selectors.rowCount(get(), pane);
    const clampCursor = (pane: PaneId, value: number): number =>
      Math.max(0, Math.min(value, rowCount(pane) - 1));
    const moveCursor = (delta: number | 'top' | 'bottom'): void => {
      const { focus, cursor } = get();
      const current = cursor[focus];
      const next = delta === 'top' ? 0 : delta === 'bottom' ? rowCount(focus) - 1 : current + delta;
      set({ cursor: { ...cursor, [focus]: clampCursor(focus, next) } });
    };
    const currentSuggestion = (): Suggestion | undefined => {
      const state = get();
      if (state.evidenceId) return state.suggestions.find((s) => s.id === state.evidenceId);
      const pane = state.focus === 'confidence' ? 'confidence' : 'suggestions';
      return selectors.suggestionRows(state, pane)[state.cursor[pane]];
    };
    // Actions apply to the marked rows when there are any (lazygit/k9s), else to the cursor row.
    const targets = (): Suggestion[] => {
      const state = get();
      const marked = state.suggestions.filter((s) => state.marked[s.id]);
      if (marked.length > 0 && !state.evidenceId) return marked;
      const one = currentSuggestion();
      return one ? [one] : [];
    };
    const focusPane = (pane: PaneId): void =>
      set({ focus: pane, evidenceId: null, dormantDetail: null, filtering: false, message: null });
    const describe = (list: Suggestion[]): string =>
      list.length === 1 ? proposalLabel(list[0]!) : `${list.length} proposals`;
    // Change the focused pane's filter and keep the cursor on the item it was on when that item
    // is still listed (clearing a filter must not throw the user back to the top).
    const keepItem = (pane: PaneId, change: () => void): void => {
      const before = get();
      const key = rowKeys(selectors, before, pane)[before.cursor[pane]];
      change();
      const index = key === undefined ? -1 : rowKeys(selectors, get(), pane).indexOf(key);
      set({ cursor: { ...get().cursor, [pane]: Math.max(0, index) } });
    };
    const setFilter = (text: string, extra: Partial<DashboardState> = {}): void => {
      const pane = get().focus;
      keepItem(pane, () => set({ filter: { ...get().filter, [pane]: text }, ...extra }));
    };
    const helpRows = (state: DashboardState): number =>
      helpLayout(Math.max(40, state.viewport.columns) - 2, state.help.query).rows;
    const scrollHelp = (delta: number | 'top' | 'bottom'): void => {
      const state = get();
      const max = Math.max(0, helpRows(state) - helpRoom(state));
      const next =
        delta === 'top'
          ? 0
          : delta === 'bottom'
            ? max
            : Math.min(max, Math.max(0, state.help.scroll + delta));
      set({ help: { ...state.help, scroll: next } });
    };

    const decide = async (
      list: Suggestion[],
      state: DashboardDecision,
      detail: { reason?: string; editedRule?: string } = {},
    ): Promise<void> => {
      if (list.length === 0) return;
      const previous: Record<string, DecisionRecord | undefined> = {};
      for (const s of list) previous[s.id] = get().decisions[s.id];
      try {
        // Persist first: the screen never claims a decision the store does not hold.
        for (const s of list) await backend.decide(s, state, detail);
      } catch (error) {
        set({ message: `could not save the decision: ${errorText(error)}` });
        return;
      }
      const decisions = { ...get().decisions };
      for (const s of list) decisions[s.id] = { state, ...detail };
      const verb = state === 'approved' ? 'approved' : state === 'rejected' ? 'rejected' : 'edited';
      const single = list.length === 1 && !get().evidenceId && Object.keys(get().marked).length === 0;
      // An edit names the rule that will be written, not only the one it replaces.
      const what = detail.editedRule ? `${describe(list)} → ${detail.editedRule}` : describe(list);
      set({
        decisions,
        marked: {},
        undo: [...get().undo, { ids: list.map((s) => s.id), previous, verb }],
        undoBarrier: null,
        message: `${verb} ${what}${state === 'rejected' ? '' : ' — A to apply'}`,
      });
      if (single) moveCursor(1);
    };

    const undo = async (): Promise<void> => {
      const entry = get().undo.at(-1);
      const barrier = get().undoBarrier;
      if (barrier) {
        // Right after an apply, `u` would silently take back some older decision: say what the
        // apply needs instead, and what `u` would undo next.
        const older = entry
          ? `u again undoes: ${entry.verb} ${describe(get().suggestions.filter((s) => entry.ids.includes(s.id)))}`
          : 'no decision left to undo here';
        set({
          undoBarrier: null,
          message: `${barrier.applyId ? `to revert the apply: clearance undo ${barrier.applyId}` : 'the apply is written'} · ${older}`,
        });
        return;
      }
      if (!entry) {
        set({ message: 'nothing to undo' });
        return;
      }
      const list = get().suggestions.filter((s) => entry.ids.includes(s.id));
      try {
        await backend.undoDecision(list);
      } catch (error) {
        set({ message: `could not undo: ${errorText(error)}` });
        return;
      }
      const decisions = { ...get().decisions };
      for (const id of entry.ids) {
        const before = entry.previous[id];
        if (before) decisions[id] = before;
        else delete decisions[id];
      }
      set({ decisions, undo: get().undo.slice(0, -1), message: `undid: ${entry.verb} ${describe(list)}` });
    };

    const decidedForApply = (): Suggestion[] => {
      const { suggestions, decisions } = get();
      return suggestions
        .filter((s) => decisions[s.id] && decisions[s.id]!.state !== 'rejected')
        .map((s) => {
          const edited = decisions[s.id]!.editedRule;
          return edited ? { ...s, rule: edited } : s;
        });
    };

    const startApply = async (): Promise<void> => {
      const list = decidedForApply();
      if (list.length === 0) {
        set({ message: 'nothing to apply — approve proposals with a first' });
        return;
      }
      set({ busy: true, message: 'planning…' });
      try {
        const plans = await backend.planApply(list);
        set({ dialog: { kind: 'apply', plans, ids: list.map((s) => s.id), scroll: 0 }, message: null });
      } catch (error) {
        set({ message: `could not plan the apply: ${errorText(error)}` });
      } finally {
        set({ busy: false });
      }
    };

    const confirmApply = async (dialog: Extract<DialogState, { kind: 'apply' }>): Promise<void> => {
      const list = decidedForApply().filter((s) => dialog.ids.includes(s.id));
      set({ busy: true, message: 'writing…' });
      try {
        const result = await backend.apply(list, dialog.plans);
        const applied = new Set(result.applied);
        const decisions = { ...get().decisions };
        for (const id of applied) delete decisions[id];
        const suggestions = get().suggestions.filter((s) => !applied.has(s.id));
        set({
          suggestions,
          decisions,
          undo: get().undo.filter((e) => !e.ids.some((id) => applied.has(id))),
          dialog: null,
          undoBarrier: applied.size > 0 ? { applyId: result.applyId } : get().undoBarrier,
          cursor: { ...get().cursor, suggestions: 0, confidence: 0 },
          message: `applied ${applied.size} rule${applied.size === 1 ? '' : 's'} to ${result.files} file${
            result.files === 1 ? '' : 's'
          }${result.applyId ? ` (clearance undo ${result.applyId} reverts)` : ''}`,
        });
      } catch (error) {
        set({ dialog: null, message: `apply failed, nothing written: ${errorText(error)}` });
      } finally {
        set({ busy: false });
      }
    };

    const confirmEdit = async (dialog: Extract<DialogState, { kind: 'edit' }>): Promise<void> => {
      const suggestion = get().suggestions.find((s) => s.id === dialog.id);
      const alternative = suggestion?.alternatives[dialog.index];
      if (!suggestion || !alternative) return;
      // Never let a breadth through that would have auto-approved something the user denied, or
      // that the risk policy refuses: the help promises unsafe ones are refused.
      const refusal = alternativeRefusal(alternative);
      if (refusal) {
        set({ message: `refused: ${alternative.rule} — ${refusal}` });
        return;
      }
      set({ dialog: null });
      await decide([suggestion], 'edited', { editedRule: alternative.rule });
    };

    const scrollEvidence = (delta: number): void => {
      const state = get();
      const suggestion = state.suggestions.find((s) => s.id === state.evidenceId);
      if (!suggestion) return;
      const height = bodyHeight(state);
      const rows = evidenceRows(
        suggestion,
        state.decisions[suggestion.id],
        Math.max(40, state.viewport.columns) - 2,
        height,
      ).length;
      const max = Math.max(0, rows - evidenceRoom(rows, height));
      set({ evidenceScroll: Math.min(max, Math.max(0, state.evidenceScroll + delta)) });
    };

    const scrollDiff = (dialog: Extract<DialogState, { kind: 'apply' }>, delta: number): void => {
      const max = Math.max(0, diffLines(dialog.plans).length - applyDiffRoom(get()));
      set({ dialog: { ...dialog, scroll: Math.min(max, Math.max(0, dialog.scroll + delta)) } });
    };

    const dispatch = async (command: ResolvedCommand): Promise<void> => {
      const state = get();
      switch (command.id) {
        case 'app.forceQuit':
          set({ exitRequested: true });
          return;
        case 'app.quit': {
          const count = unappliedCount(state);
          if (count > 0) set({ dialog: { kind: 'quit', count } });
          else set({ exitRequested: true });
          return;
        }
        case 'quit.yes':
          set({ exitRequested: true, dialog: null });
          return;
        case 'quit.no':
          set({ dialog: null });
          return;
        case 'app.help':
          set({ overlay: 'help', help: closedHelp });
          return;
        case 'overlay.close':
          if (state.overlay === 'help' && state.help.query) set({ help: closedHelp });
          else set({ overlay: null, help: closedHelp });
          return;
        case 'help.down':
          scrollHelp(1);
          return;
        case 'help.up':
          scrollHelp(-1);
          return;
        case 'help.pageDown':
          scrollHelp(helpRoom(state));
          return;
        case 'help.pageUp':
          scrollHelp(-helpRoom(state));
          return;
        case 'help.top':
          scrollHelp('top');
          return;
        case 'help.bottom':
          scrollHelp('bottom');
          return;
        case 'help.search':
          set({ help: { ...state.help, searching: true } });
          return;
        case 'help.searchAccept':
          set({ help: { ...state.help, searching: false } });
          return;
        case 'help.searchCancel':
          set({ help: closedHelp });
          return;
        case 'help.backspace':
          set({ help: { ...state.help, query: state.help.query.slice(0, -1), scroll: 0 } });
          return;
        case 'app.rescan':
          await get().load();
          return;
        case 'pane.next':
        case 'pane.prev': {
          const index = panes.findIndex((p) => p.id === state.focus);
          const step = command.id === 'pane.next' ? 1 : panes.length - 1;
          focusPane(panes[(index + step) % panes.length]!.id);
          return;
        }
        case 'pane.suggestions':
        case 'pane.confidence':
        case 'pane.usage':
        case 'pane.dormant':
          focusPane(command.id.slice('pane.'.length) as PaneId);
          return;
        case 'nav.down':
          moveCursor(1);
          return;
        case 'nav.up':
          moveCursor(-1);
          return;
        case 'nav.top':
          moveCursor('top');
          return;
        case 'nav.bottom':
          moveCursor('bottom');
          return;
        case 'nav.pageDown':
          moveCursor(pageSize(state));
          return;
        case 'nav.pageUp':
          moveCursor(-pageSize(state));
          return;
        case 'list.back':
          // Esc backs out exactly one layer and never quits.
          if (state.evidenceId) set({ evidenceId: null });
          else if (state.dormantDetail) set({ dormantDetail: null });
          else if (state.filter[state.focus]) setFilter('');
          else if (Object.keys(state.marked).length > 0) set({ marked: {}, message: 'marks cleared' });
          return;
        case 'filter.start':
          set({ filtering: true, message: null });
          return;
        case 'filter.accept':
          set({ filtering: false });
          return;
        case 'filter.cancel':
          setFilter('', { filtering: false });
          return;
        case 'filter.backspace':
          setFilter(state.filter[state.focus].slice(0, -1));
          return;
        case 'text.input':
          if (state.dialog?.kind === 'reason') {
            set({ dialog: { ...state.dialog, text: state.dialog.text + (command.text ?? '') } });
          } else if (state.overlay === 'help' && state.help.searching) {
            set({ help: { ...state.help, query: state.help.query + (command.text ?? ''), scroll: 0 } });
          } else if (state.filtering) {
            setFilter(state.filter[state.focus] + (command.text ?? ''));
          }
          return;
        case 'evidence.down':
          scrollEvidence(1);
          return;
        case 'evidence.up':
          scrollEvidence(-1);
          return;
        case 'evidence.pageDown':
          scrollEvidence(bodyHeight(state) - 1);
          return;
        case 'evidence.pageUp':
          scrollEvidence(-(bodyHeight(state) - 1));
          return;
        case 'dormant.open': {
          const row = selectors.dormantRows(state)[state.cursor.dormant];
          if (row) set({ dormantDetail: `${row.section}:${row.name}` });
          return;
        }
        case 'suggestions.sort':
          // the cursor stays on its proposal, wherever the new order puts it
          keepItem('suggestions', () =>
            set({
              suggestionSort:
                suggestionSorts[
                  (suggestionSorts.indexOf(state.suggestionSort) + 1) % suggestionSorts.length
                ]!,
            }),
          );
          return;
        case 'suggestion.open': {
          const current = currentSuggestion();
          if (current) set({ evidenceId: current.id, evidenceScroll: 0 });
          return;
        }
        case 'suggestion.mark': {
          const current = currentSuggestion();
          if (!current) return;
          const marked = { ...state.marked };
          if (marked[current.id]) delete marked[current.id];
          else marked[current.id] = true;
          set({ marked });
          moveCursor(1);
          return;
        }
        case 'suggestion.approve':
          await decide(targets(), 'approved');
          return;
        case 'suggestion.reject': {
          const list = targets();
          if (list.length > 0) set({ dialog: { kind: 'reason', ids: list.map((s) => s.id), text: '' } });
          return;
        }
        case 'suggestion.edit': {
          const current = currentSuggestion();
          if (!current) return;
          if (current.alternatives.length === 0) set({ message: `no other breadth for ${current.rule}` });
          else {
            // Open on the first breadth that may be picked, never on a refused one.
            const safe = current.alternatives.findIndex((a) => alternativeRefusal(a) === null);
            set({ dialog: { kind: 'edit', id: current.id, index: Math.max(0, safe) } });
            if (safe < 0)
              set({ message: `every other breadth of ${current.rule} is refused — Esc keeps it` });
          }
          return;
        }
        case 'decision.undo':
          await undo();
          return;
        case 'apply.start':
          await startApply();
          return;
        case 'usage.sort':
          set({
            usageSort: usageSorts[(usageSorts.indexOf(state.usageSort) + 1) % usageSorts.length]!,
            cursor: { ...state.cursor, usage: 0 },
          });
          return;
        case 'dialog.cancel':
          set({
            dialog: null,
            message: state.dialog?.kind === 'apply' ? 'apply cancelled, nothing written' : null,
          });
          return;
        case 'dialog.backspace':
          if (state.dialog?.kind === 'reason')
            set({ dialog: { ...state.dialog, text: state.dialog.text.slice(0, -1) } });
          return;
        case 'dialog.down':
        case 'dialog.up': {
          const step = command.id === 'dialog.down' ? 1 : -1;
          if (state.dialog?.kind === 'edit') {
            const suggestion = state.suggestions.find((s) => s.id === (state.dialog as { id: string }).id);
            const count = suggestion?.alternatives.length ?? 1;
            set({ dialog: { ...state.dialog, index: (state.dialog.index + step + count) % count } });
          } else if (state.dialog?.kind === 'apply') {
            scrollDiff(state.dialog, step);
          }
          return;
        }
        case 'dialog.pageDown':
        case 'dialog.pageUp':
          if (state.dialog?.kind === 'apply')
            scrollDiff(state.dialog, (command.id === 'dialog.pageDown' ? 1 : -1) * applyDiffRoom(state));
          return;
        case 'dialog.confirm': {
          const dialog = state.dialog;
          if (!dialog || state.busy) return;
          if (dialog.kind === 'apply') await confirmApply(dialog);
          else if (dialog.kind === 'edit') await confirmEdit(dialog);
          else if (dialog.kind === 'reason') {
            const list = state.suggestions.filter((s) => dialog.ids.includes(s.id));
            set({ dialog: null });
            const reason = dialog.text.trim();
            await decide(list, 'rejected', reason ? { reason } : {});
          }
          return;
        }
        default:
          command.id satisfies string;
      }
    };

    return {
      mode: options.mode ?? 'dashboard',
      status: 'loading',
      progress: 'starting…',
      message: null,
      suggestions: [],
      decisions: {},
      undo: [],
      marked: {},
      focus: 'suggestions',
      cursor: { suggestions: 0, confidence: 0, usage: 0, dormant: 0 },
      filter: { suggestions: '', confidence: '', usage: '', dormant: '' },
      filtering: false,
      evidenceId: null,
      dialog: null,
      usage: null,
      usageDays: options.usageDays ?? 90,
      usageSort: 'human',
      suggestionSort: 'saved',
      help: closedHelp,
      evidenceScroll: 0,
      dormantDetail: null,
      undoBarrier: null,
      postRebuild: options.postRebuild ?? null,
      overlay: options.postRebuild ? 'summary' : null,
      viewport: options.viewport ?? { columns: 80, rows: 24 },
      exitRequested: false,
      busy: false,
      dataProblems: [],
      async load() {
        set({ status: 'loading', progress: 'scanning…', evidenceId: null });
        try {
          if (get().mode === 'post-rebuild' && get().postRebuild === null) {
            const report = await backend.postRebuild();
            set({ postRebuild: report, overlay: 'summary' });
          }
          const scan = await backend.scan((progress) => set({ progress: progressLine(progress) }));
          set({ dataProblems: scan.problemList ?? [] });
          set({ progress: 'loading proposals…' });
          const [suggestions, usage] = await Promise.all([
            backend.loadSuggestions(),
            backend.usage(get().usageDays),
          ]);
          const remembered = await backend.pendingDecisions(suggestions.map((s) => s.id));
          set({
            suggestions: sortSuggestions(suggestions),
            decisions: { ...remembered, ...get().decisions },
            usage,
            status: 'ready',
            progress: '',
            // "new calls scanned" only when the scan read some: a reopen or an R that found
            // nothing new says nothing about it.
            message:
              get().message ??
              `${suggestions.length} proposal${suggestions.length === 1 ? '' : 's'}${
                scan.newCalls > 0
                  ? `; ${scan.newCalls} new call${scan.newCalls === 1 ? '' : 's'} scanned`
                  : ''
              }${scan.problems ? `, ${scan.problems} unreadable lines skipped` : ''}${
                scan.headlessCalls
                  ? `; headless apart: ${scan.headlessCalls} calls, ${scan.headlessRefusals ?? 0} refused unasked`
                  : ''
              }`,
          });
          const cursor = { ...get().cursor };
          for (const pane of panes) cursor[pane.id] = clampCursor(pane.id, cursor[pane.id]);
          set({ cursor });
        } catch (error) {
          set({ status: 'error', progress: '', message: `load failed: ${errorText(error)} — R retries` });
        }
      },
      dispatch,
      resize(columns, rows) {
        set({ viewport: { columns, rows } });
      },
    };
  });
  return Object.assign(store, { selectors });
}

const StoreContext = createContext<DashboardStore | null>(null);

/** Provide one store to the component tree. */
export function StoreProvider({
  store,
  children,
}: {
  store: DashboardStore;
  children: ReactNode;
}): ReactNode {
  return createElement(StoreContext.Provider, { value: store }, children);
}

/** The store of the surrounding provider. */
export function useDashboardStore(): DashboardStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useDashboardStore outside StoreProvider');
  return store;
}

/** Read one narrow slice of the state; re-renders only when that slice changes. */
export function useDashboard<T>(selector: (state: DashboardState) => T): T {
  return useStore(useDashboardStore(), selector);
}
