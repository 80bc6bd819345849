import { jsxs as _jsxs, jsx as _jsx } from "react/jsx-runtime";
// The dashboard shell: tab strip with all four numbered pane titles, the focused pane in a
// double border, a status line and the hint bar. Keys go through the one resolver; the state
// and every action live in the store.
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect } from 'react';
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
import { keyScope, panes, unappliedCount, useDashboard, useDashboardStore, } from './store.js';
import { SuggestionsPane } from './SuggestionsPane.js';
import { useTheme } from './theme.js';
import { UsagePane } from './UsagePane.js';
function paneCount(state, pane, total, shown) {
    const filter = state.filter[pane];
    if (filter || (state.filtering && state.focus === pane))
        return `${shown}/${total} match “${filter}”`;
    return String(total);
}
/** All four numbered pane titles; the focused one bold, inverse and bracketed. */
function TabStrip({ width }) {
    const store = useDashboardStore();
    const focus = useDashboard((s) => s.focus);
    const counts = useDashboard((s) => panes
        .map((p) => {
        const total = p.id === 'usage'
            ? (s.usage?.tools.length ?? 0)
            : p.id === 'dormant'
                ? (s.usage?.dormant.length ?? 0) + (s.usage?.installCandidates.length ?? 0)
                : s.suggestions.length;
        return paneCount(s, p.id, total, store.selectors.rowCount(s, p.id));
    })
        .join('|'));
    const parts = counts.split('|');
    const theme = useTheme();
    const used = panes.reduce((n, p, i) => n + p.title.length + (parts[i]?.length ?? 0) + 7, 0);
    return (_jsxs(Box, { width: width, children: [panes.map((p, i) => {
                const focused = p.id === focus;
                return (_jsxs(Text, { bold: focused, inverse: focused, color: focused ? undefined : theme.text.dim, children: [focused ? '[' : ' ', p.number, " ", p.title, " (", parts[i], ")", focused ? ']' : ' ', ' '] }, p.id));
            }), _jsx(Text, { dimColor: true, children: fit(' clearance', Math.max(0, width - used)) })] }));
}
/** The title line inside the focused pane's border. */
function PaneTitle({ width }) {
    const store = useDashboardStore();
    const theme = useTheme();
    const title = useDashboard((s) => {
        const pane = panes.find((p) => p.id === s.focus);
        const shown = store.selectors.rowCount(s, s.focus);
        const filter = s.filter[s.focus];
        const parts = [`${pane.number} ${pane.title}`];
        if (s.dialog?.kind === 'apply')
            parts.push('apply — exact diff');
        else if (s.dialog?.kind === 'edit')
            parts.push('edit breadth');
        else if (s.overlay === 'help')
            parts.push('help');
        else if (s.overlay === 'summary')
            parts.push('post-rebuild summary');
        else if (s.evidenceId)
            parts.push('evidence');
        if (filter || (s.filtering && s.focus === pane.id))
            parts.push(`/${filter}${s.filtering ? '▏' : ''} — ${shown} match${shown === 1 ? '' : 'es'}`);
        else
            parts.push(`${shown} row${shown === 1 ? '' : 's'}`);
        const marks = Object.keys(s.marked).length;
        if (marks > 0)
            parts.push(`${marks} marked`);
        const pending = unappliedCount(s);
        if (pending > 0)
            parts.push(`${pending} to apply (A)`);
        return parts.join(' · ');
    });
    return (_jsx(Text, { bold: true, color: theme.text.title, children: fit(title, width) }));
}
/** What the focused pane's frame holds right now: a dialog, an overlay, the evidence or the list. */
function PaneBody({ width, height }) {
    const focus = useDashboard((s) => s.focus);
    const dialog = useDashboard((s) => s.dialog?.kind ?? null);
    const overlay = useDashboard((s) => s.overlay);
    const evidence = useDashboard((s) => s.evidenceId !== null);
    if (dialog === 'apply')
        return _jsx(ApplyDiffDialog, { width: width, height: height });
    if (dialog === 'edit')
        return _jsx(EditDialog, { width: width });
    if (overlay === 'help')
        return _jsx(HelpOverlay, { width: width, height: height });
    if (overlay === 'summary')
        return _jsx(PostRebuildSummary, { width: width, height: height });
    if (evidence)
        return _jsx(EvidenceView, { width: width, height: height });
    switch (focus) {
        case 'suggestions':
            return _jsx(SuggestionsPane, { width: width, height: height });
        case 'confidence':
            return _jsx(ConfidencePane, { width: width, height: height });
        case 'usage':
            return _jsx(UsagePane, { width: width, height: height });
        case 'dormant':
            return _jsx(DormantPane, { width: width, height: height });
    }
}
/** The line above the hint bar: progress, prompts (reason, quit) or the last message. */
function StatusLine({ width }) {
    const theme = useTheme();
    const status = useDashboard((s) => s.status);
    const progress = useDashboard((s) => s.progress);
    const message = useDashboard((s) => s.message);
    const dialog = useDashboard((s) => s.dialog);
    if (dialog?.kind === 'quit')
        return (_jsx(Text, { bold: true, color: theme.status.warn, children: fit(`Quit with ${dialog.count} unapplied decision${dialog.count === 1 ? '' : 's'}? [y/N]`, width) }));
    if (dialog?.kind === 'reason')
        return (_jsx(Text, { bold: true, children: fit(`Reject ${dialog.ids.length === 1 ? 'this proposal' : `${dialog.ids.length} proposals`} — reason (optional, Enter to skip): ${dialog.text}▏`, width) }));
    if (status === 'loading')
        return _jsx(Text, { color: theme.status.info, children: fit(`⟳ ${progress || 'loading…'}`, width) });
    if (status === 'error')
        return _jsx(Text, { color: theme.status.error, children: fit(`✗ ${message ?? 'error'}`, width) });
    return _jsx(Text, { children: fit(message ?? '', width) });
}
/** The dashboard. Render inside StoreProvider (and ThemeProvider for no-colour). */
export function App({ autoLoad = true }) {
    const store = useDashboardStore();
    const { exit } = useApp();
    const { stdout } = useStdout();
    const theme = useTheme();
    const viewport = useDashboard((s) => s.viewport);
    const exitRequested = useDashboard((s) => s.exitRequested);
    useEffect(() => {
        // Never block the first frame: the scan and the proposals load after it, with a progress line.
        if (autoLoad)
            void store.getState().load();
    }, [autoLoad, store]);
    useEffect(() => {
        const onResize = () => {
            if (stdout.columns && stdout.rows)
                store.getState().resize(stdout.columns, stdout.rows);
        };
        stdout.on('resize', onResize);
        return () => {
            stdout.off('resize', onResize);
        };
    }, [stdout, store]);
    useEffect(() => {
        if (exitRequested)
            exit();
    }, [exitRequested, exit]);
    useInput((input, key) => {
        const command = resolveKey(keyScope(store.getState()), input, key);
        if (command)
            void store.getState().dispatch(command);
    });
    const width = Math.max(40, viewport.columns);
    const inner = width - 2;
    const bodyHeight = Math.max(3, viewport.rows - 7);
    return (_jsxs(Box, { flexDirection: "column", width: width, height: Math.max(10, viewport.rows - 1), children: [_jsx(TabStrip, { width: width }), _jsxs(Box, { flexDirection: "column", borderStyle: "double", borderColor: theme.border.focused, width: width, height: bodyHeight + 3, children: [_jsx(PaneTitle, { width: inner }), _jsx(PaneBody, { width: inner, height: bodyHeight })] }), _jsx(StatusLine, { width: width }), _jsx(HintBar, { width: width })] }));
}
//# sourceMappingURL=App.js.map