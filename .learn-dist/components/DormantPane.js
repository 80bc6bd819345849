import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Pane 4: installed packages nobody used in the window, and programs run ephemerally often
// enough to be worth installing — each with its last use.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { day, fit, windowStart } from './format.js';
import { useDashboard, useDashboardStore } from './store.js';
import { useTheme } from './theme.js';
const Row = memo(function Row({ row, selected, width, }) {
    const theme = useTheme();
    const label = row.section === 'dormant' ? 'dormant  ' : 'install? ';
    return (_jsxs(Text, { inverse: selected, wrap: "truncate", children: [selected ? '› ' : '  ', _jsx(Text, { color: row.section === 'dormant' ? theme.status.warn : theme.status.info, children: label }), fit(row.name, 22), fit(row.detail, Math.max(8, width - 2 - 9 - 22 - 12)), fit(day(row.lastUsed), 12)] }));
});
/** Pane 4 body. */
export function DormantPane({ width, height }) {
    const store = useDashboardStore();
    const rows = useDashboard((s) => store.selectors.dormantRows(s));
    const cursor = useDashboard((s) => s.cursor.dormant);
    const report = useDashboard((s) => s.usage);
    const listRows = Math.max(1, height - 1);
    const start = windowStart(cursor, listRows, rows.length);
    const dormant = report?.dormant.length ?? 0;
    const candidates = report?.installCandidates.length ?? 0;
    return (_jsxs(Box, { flexDirection: "column", children: [_jsxs(Text, { bold: true, wrap: "truncate", children: ['  ', fit('status', 9), fit('package', 22), fit('binaries / uses', Math.max(8, width - 2 - 9 - 22 - 12)), fit('last used', 12)] }), rows.length === 0 ? (_jsx(Text, { dimColor: true, children: report ? `${dormant} dormant, ${candidates} install candidates` : 'no usage data yet' })) : null, rows.slice(start, start + listRows).map((row, i) => (_jsx(Row, { row: row, selected: start + i === cursor, width: width }, `${row.section}:${row.name}`)))] }));
}
//# sourceMappingURL=DormantPane.js.map