import { jsxs as _jsxs, jsx as _jsx } from "react/jsx-runtime";
// Pane 2: confidence and approvals/denials over time per proposal. Bars and sparklines use
// different glyphs for approvals (█) and denials (▒), so the chart reads without colour.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { bar, dayChart, fit, fitRight, sparkline, windowStart } from './format.js';
import { useDashboard, useDashboardStore } from './store.js';
import { useTheme } from './theme.js';
/** Rows the detail chart takes under the list. */
export const CHART_ROWS = 9;
const ConfidenceRow = memo(function ConfidenceRow({ suggestion, selected, width, }) {
    const s = suggestion;
    const spark = sparkline(s.history.map((h) => h.approvals)).slice(-14);
    const denials = s.evidence.denials;
    const ruleWidth = Math.max(10, width - 2 - 5 - 11 - 16 - 10);
    return (_jsxs(Text, { inverse: selected, wrap: "truncate", children: [selected ? '› ' : '  ', fit(s.rule, ruleWidth), fitRight(s.confidence.toFixed(2), 5), " ", bar(s.confidence, 10), fit(` ${spark}`, 16), fitRight(`+${s.evidence.approvals}`, 5), fitRight(`-${denials}`, 5)] }));
});
/** Pane 2 body: per-proposal confidence list plus the selected proposal's day chart. */
export function ConfidencePane({ width, height }) {
    const store = useDashboardStore();
    const theme = useTheme();
    const rows = useDashboard((s) => store.selectors.suggestionRows(s, 'confidence'));
    const cursor = useDashboard((s) => s.cursor.confidence);
    const showChart = height >= CHART_ROWS + 4;
    const listRows = Math.max(1, height - 1 - (showChart ? CHART_ROWS : 0));
    const start = windowStart(cursor, listRows, rows.length);
    const visible = rows.slice(start, start + listRows);
    const selected = rows[cursor];
    const ruleWidth = Math.max(10, width - 2 - 5 - 11 - 16 - 10);
    return (_jsxs(Box, { flexDirection: "column", children: [_jsxs(Text, { bold: true, wrap: "truncate", children: ['  ', fit('rule', ruleWidth), fitRight('conf', 5), " ", fit('0 ····· 1', 10), fit(' approvals/day', 16), fitRight('appr', 5), fitRight('deny', 5)] }), visible.length === 0 ? _jsx(Text, { dimColor: true, children: "no proposals" }) : null, visible.map((s, i) => (_jsx(ConfidenceRow, { suggestion: s, selected: start + i === cursor, width: width }, s.id))), showChart && selected ? (_jsxs(Box, { flexDirection: "column", marginTop: Math.max(0, listRows - visible.length), children: [_jsxs(Text, { wrap: "truncate", children: [_jsx(Text, { bold: true, children: "per day: " }), fit(selected.rule, Math.max(10, width - 50)), _jsx(Text, { color: theme.chart.approvals, children: " \u2588 approvals" }), _jsx(Text, { color: theme.chart.denials, children: " \u2592 denials" }), _jsx(Text, { children: " (count \u2195, date \u2192)" })] }), dayChart(selected.history, width, 3, 2).map((line, i) => (_jsx(Text, { color: i < 3 ? theme.chart.approvals : i > 3 && i < 6 ? theme.chart.denials : undefined, children: fit(line, width) }, i))), _jsxs(Text, { dimColor: true, wrap: "truncate", children: ["confidence ", selected.confidence.toFixed(2), selected.confidenceInputs
                                ? ` = wilson ${selected.confidenceInputs.wilsonLower.toFixed(2)} × spread ${selected.confidenceInputs.spread.toFixed(2)} over ${selected.confidenceInputs.distinctDays} days`
                                : ''] })] })) : null] }));
}
//# sourceMappingURL=ConfidencePane.js.map