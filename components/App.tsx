// The dashboard shell: tab strip with all four numbered pane titles, the focused pane in a
// double border, a status line and the hint bar. Keys go through the one resolver; the state
// and every action live in the store.
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useState } from 'react';
import { ApplyDiffDialog } from './ApplyDiffDialog.js';
import { ConfidencePane } from './ConfidencePane.js';
import { DormantPane } from './DormantPane.js';
import { EditDialog } from './EditDialog.js';
import { EvidenceView } from './EvidenceView.js';
import { fit } from './format.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HintBar } from './HintBar.js';
import { resolveKey } from './keymap.js';
import { PostRebuildSummary } from './PostRebuildSummary.js';
import { PROBLEMS_KEY, ProblemsLine, ProblemsList } from './ProblemsLine.js';
import {
  bodyHeight as paneBodyHeight,
  keyScope,
  panes,
  unappliedCount,
  useDashboard,
  useDashboardStore,
  type DashboardState,
  type PaneId,
} from './store.js';
import { SuggestionsPane } from './SuggestionsPane.js';
import { useTheme } from './theme.js';
import { UsagePane } from './UsagePane.js';

type InkKey = Parameters<Parameters<typeof useInput>[0]>[1];

/**
 * Keys typed quickly or pasted reach Ink as one chunk (`/cargo\r`). Split a chunk of plain
 * characters into single keypresses, with a carriage return as Enter; control characters never
 * become text. Escape sequences and modified keys pass through unchanged.
 */
export function splitKeys(input: string, key: InkKey): [string, InkKey][] {
  if (input.length <= 1 || key.ctrl || key.meta || input.startsWith('\u001b')) return [[input, key]];
  const keys: [string, InkKey][] = [];
  for (const char of input) {
    if (char === '\r' || char === '\n') keys.push(['', { ...key, return: true }]);
    else if (char === '\t') keys.push(['', { ...key, tab: true }]);
    else if (char >= ' ' && char !== '\u007f') keys.push([char, { ...key, return: false }]);
  }
  return keys;
}

function paneCount(state: DashboardState, pane: PaneId, total: number, shown: number): string {
  const filter = state.filter[pane];
  if (filter || (state.filtering && state.focus === pane)) return `${shown}/${total}`;
  return String(total);
}

/** All four numbered pane titles; the focused one bold, inverse and bracketed. */
function TabStrip({ width }: { width: number }): React.ReactNode {
  const store = useDashboardStore();
  const focus = useDashboard((s) => s.focus);
  const counts = useDashboard((s) =>
    panes
      .map((p) => {
        const total =
          p.id === 'usage'
            ? (s.usage?.tools.length ?? 0)
            : p.id === 'dormant'
              ? (s.usage?.dormant.length ?? 0) + (s.usage?.installCandidates.length ?? 0)
              : s.suggestions.length;
        return paneCount(s, p.id, total, store.selectors.rowCount(s, p.id));
      })
      .join('|'),
  );
  const parts = counts.split('|');
  const theme = useTheme();
  const labels = panes.map((p, i) => `${p.number} ${p.title} (${parts[i]})`);
  const used = labels.reduce((n, label) => n + label.length + 2, 0);
  // The name only where it fits whole: padding it to the width and letting the line truncate put
  // a stray '…' at the end of every strip.
  const name = used + '  clearance'.length <= width ? '  clearance' : '';
  // One truncating line: a narrow terminal cuts the strip's tail, it never wraps into the pane.
  return (
    <Text wrap="truncate">
      {panes.map((p, i) => {
        const focused = p.id === focus;
        return (
          <Text key={p.id} bold={focused} inverse={focused} color={focused ? undefined : theme.text.dim}>
            {focused ? '[' : ' '}
            {labels[i]}
            {focused ? ']' : ' '}
          </Text>
        );
      })}
      {name ? <Text dimColor>{name}</Text> : null}
    </Text>
  );
}

/** The title line inside the focused pane's border. */
function PaneTitle({ width }: { width: number }): React.ReactNode {
  const store = useDashboardStore();
  const theme = useTheme();
  const title = useDashboard((s) => {
    const pane = panes.find((p) => p.id === s.focus)!;
    const shown = store.selectors.rowCount(s, s.focus);
    const filter = s.filter[s.focus];
    const parts = [`${pane.number} ${pane.title}`];
    if (s.dialog?.kind === 'apply') parts.push('apply — exact diff');
    else if (s.dialog?.kind === 'edit') parts.push('edit breadth');
    else if (s.overlay === 'help') parts.push('help');
    else if (s.overlay === 'summary') parts.push('post-rebuild summary');
    else if (s.evidenceId) parts.push('evidence');
    else if (s.focus === 'dormant' && s.dormantDetail) parts.push('details');
    if (filter || (s.filtering && s.focus === pane.id))
      parts.push(`/${filter}${s.filtering ? '▏' : ''} — ${shown} match${shown === 1 ? '' : 'es'}`);
    // where the cursor is, k9s-style: row 3 of 40
    parts.push(shown > 0 ? `${Math.min(shown, s.cursor[s.focus] + 1)}/${shown}` : '0 rows');
    if (s.focus === 'suggestions' && s.suggestionSort !== 'saved')
      parts.push(`sorted by ${s.suggestionSort}`);
    const marks = Object.keys(s.marked).length;
    if (marks > 0) parts.push(`${marks} marked`);
    const pending = unappliedCount(s);
    if (pending > 0) parts.push(`${pending} to apply (A)`);
    return parts.join(' · ');
  });
  return (
    <Text bold color={theme.text.title}>
      {fit(title, width)}
    </Text>
  );
}

/** What the focused pane's frame holds right now: a dialog, an overlay, the evidence or the list. */
function PaneBody({ width, height }: { width: number; height: number }): React.ReactNode {
  const focus = useDashboard((s) => s.focus);
  const dialog = useDashboard((s) => s.dialog?.kind ?? null);
  const overlay = useDashboard((s) => s.overlay);
  const evidence = useDashboard((s) => s.evidenceId !== null);
  if (dialog === 'apply') return <ApplyDiffDialog width={width} height={height} />;
  if (dialog === 'edit') return <EditDialog width={width} />;
  if (overlay === 'help') return <HelpOverlay width={width} height={height} />;
  if (overlay === 'summary') return <PostRebuildSummary width={width} height={height} />;
  if (evidence) return <EvidenceView width={width} height={height} />;
  switch (focus) {
    case 'suggestions':
      return <SuggestionsPane width={width} height={height} />;
    case 'confidence':
      return <ConfidencePane width={width} height={height} />;
    case 'usage':
      return <UsagePane width={width} height={height} />;
    case 'dormant':
      return <DormantPane width={width} height={height} />;
  }
}

/** The line above the hint bar: progress, prompts (reason, quit) or the last message. */
function StatusLine({ width }: { width: number }): React.ReactNode {
  const theme = useTheme();
  const status = useDashboard((s) => s.status);
  const progress = useDashboard((s) => s.progress);
  const message = useDashboard((s) => s.message);
  const dialog = useDashboard((s) => s.dialog);
  if (dialog?.kind === 'quit')
    return (
      <Text bold color={theme.status.warn}>
        {fit(`Quit with ${dialog.count} unapplied decision${dialog.count === 1 ? '' : 's'}? [y/N]`, width)}
      </Text>
    );
  if (dialog?.kind === 'reason')
    return (
      <Text bold>
        {fit(
          `Reject ${dialog.ids.length === 1 ? 'this proposal' : `${dialog.ids.length} proposals`} — reason (optional, Enter to skip): ${dialog.text}▏`,
          width,
        )}
      </Text>
    );
  if (status === 'loading')
    return <Text color={theme.status.info}>{fit(`⟳ ${progress || 'loading…'}`, width)}</Text>;
  if (status === 'error')
    return <Text color={theme.status.error}>{fit(`✗ ${message ?? 'error'}`, width)}</Text>;
  return <Text>{fit(message ?? '', width)}</Text>;
}

/** Props of the app. */
export interface AppProps {
  /** Start loading on mount (off in tests that drive `load` themselves). */
  autoLoad?: boolean;
}

/** The dashboard. Render inside StoreProvider (and ThemeProvider for no-colour). */
export function App({ autoLoad = true }: AppProps): React.ReactNode {
  const store = useDashboardStore();
  const { exit } = useApp();
  const { stdout } = useStdout();
  const theme = useTheme();
  const viewport = useDashboard((s) => s.viewport);
  const exitRequested = useDashboard((s) => s.exitRequested);
  const dataProblems = useDashboard((s) => s.dataProblems);
  const problemCount = dataProblems.length;
  const [showProblems, setShowProblems] = useState(false);

  useEffect(() => {
    // Never block the first frame: the scan and the proposals load after it, with a progress line.
    if (autoLoad) void store.getState().load();
  }, [autoLoad, store]);

  useEffect(() => {
    const onResize = (): void => {
      if (stdout.columns && stdout.rows) store.getState().resize(stdout.columns, stdout.rows);
    };
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, store]);

  useEffect(() => {
    if (exitRequested) exit();
  }, [exitRequested, exit]);

  useInput((input, key) => {
    const s = store.getState();
    // the problems list sits over the pane: ! toggles it, Esc closes it, other keys wait
    if (showProblems || (input === PROBLEMS_KEY && problemCount > 0 && !s.filtering && !s.dialog)) {
      if (input === PROBLEMS_KEY || key.escape) setShowProblems(!showProblems);
      return;
    }
    for (const [one, info] of splitKeys(input, key)) {
      // Resolve each key in the scope the previous one left behind ('/' opens the filter, so
      // the letters after it in the same chunk are filter text, not pane commands).
      const command = resolveKey(keyScope(store.getState()), one, info);
      if (command) void store.getState().dispatch(command);
    }
  });

  const width = Math.max(40, viewport.columns);
  const inner = width - 2;
  // One formula for the pane body, shared with the store (paging, help and diff scrolling use it).
  const bodyHeight = paneBodyHeight({ viewport, dataProblems });
  return (
    <Box flexDirection="column" width={width} height={Math.max(10, viewport.rows - 1)}>
      <TabStrip width={width} />
      <Box
        flexDirection="column"
        borderStyle="double"
        borderColor={theme.border.focused}
        width={width}
        height={bodyHeight + 3}
      >
        <PaneTitle width={inner} />
        {showProblems ? (
          <ProblemsList width={inner} height={bodyHeight} />
        ) : (
          <PaneBody width={inner} height={bodyHeight} />
        )}
      </Box>
      <ProblemsLine width={width} />
      <StatusLine width={width} />
      <HintBar width={width} />
    </Box>
  );
}
