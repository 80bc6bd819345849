import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
// Pane 1: pending proposals, most prompts saved first, windowed to the terminal height.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { fit, fitRight, windowStart } from './format.js';
import { useDashboard, useDashboardStore } from './store.js';
import { isHygiene, kindMark, riskTone, useTheme } from './theme.js';
const decisionMark = { approved: '✓', rejected: '✗', edited: '✎' };
/** Column layout for a given inner width: the rule takes what is left. */
function columns(width) {
    const wide = width >= 70;
    const fixed = wide ? 3 + 10 + 8 + 5 + 12 + 6 : 3 + 10 + 6;
    return { rule: Math.max(10, width - fixed), wide };
}
/** The heading line of the list. */
export function SuggestionsHeading({ width }) {
    const { rule, wide } = columns(width);
    const text = wide
        ? `   ${fit('kind', 10)}${fit('rule', rule)}${fit('scope', 8)}${fitRight('conf', 4)} ${fit('risk', 12)}${fitRight('saved', 6)}`
        : `   ${fit('kind', 10)}${fit('rule', rule)}${fitRight('saved', 6)}`;
    return _jsx(Text, { bold: true, children: fit(text, width) });
}
/** One proposal row (memoized: scrolling re-renders only the rows whose props changed). */
export const SuggestionRow = memo(function SuggestionRow({ suggestion, selected, marked, decision, width, }) {
    const theme = useTheme();
    const { rule, wide } = columns(width);
    const s = suggestion;
    const prefix = `${selected ? '›' : ' '}${marked ? '*' : ' '}${decision ? decisionMark[decision] : ' '}`;
    const hygiene = isHygiene(s.kind);
    const risk = hygiene ? 'hygiene' : s.risk;
    const tone = hygiene ? undefined : theme.status[riskTone(s.risk)];
    return (_jsxs(Text, { inverse: selected, wrap: "truncate", children: [_jsx(Text, { bold: marked, children: prefix }), _jsx(Text, { color: theme.kind[s.kind], children: fit(kindMark[s.kind], 10) }), _jsx(Text, { strikethrough: decision === 'rejected', children: fit(s.rule, rule) }), wide ? (_jsxs(_Fragment, { children: [_jsx(Text, { children: fit(s.scope, 8) }), _jsxs(Text, { children: [fitRight(s.confidence.toFixed(2), 4), " "] }), _jsx(Text, { color: tone, children: fit(risk, 12) })] })) : null, _jsx(Text, { children: fitRight(String(s.promptsSaved), 6) })] }));
});
/** Pane 1 body: heading and the visible window of rows. */
export function SuggestionsPane({ width, height }) {
    const store = useDashboardStore();
    const rows = useDashboard((s) => store.selectors.suggestionRows(s));
    const cursor = useDashboard((s) => s.cursor.suggestions);
    const marked = useDashboard((s) => s.marked);
    const decisions = useDashboard((s) => s.decisions);
    const status = useDashboard((s) => s.status);
    const filter = useDashboard((s) => s.filter.suggestions);
    const listRows = Math.max(1, height - 1);
    const start = windowStart(cursor, listRows, rows.length);
    // Slice before Ink lays anything out: only the visible rows become elements.
    const visible = rows.slice(start, start + listRows);
    return (_jsxs(Box, { flexDirection: "column", children: [_jsx(SuggestionsHeading, { width: width }), visible.length === 0 ? (_jsx(Text, { dimColor: true, children: status === 'loading'
                    ? 'loading proposals…'
                    : filter
                        ? `no proposal matches “${filter}” — Esc clears the filter`
                        : 'nothing needs a decision — every proposal is decided' })) : (visible.map((s, i) => (_jsx(SuggestionRow, { suggestion: s, selected: start + i === cursor, marked: marked[s.id] === true, decision: decisions[s.id]?.state, width: width }, s.id))))] }));
}
//# sourceMappingURL=SuggestionsPane.js.map