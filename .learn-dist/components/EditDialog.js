import { jsxs as _jsxs, jsx as _jsx } from "react/jsx-runtime";
// `e`: pick another breadth or scope for a proposal. Alternatives that would have auto-approved a
// call the user denied are shown with the reason and cannot be picked.
import { Box, Text } from 'ink';
import { fit, fitRight } from './format.js';
import { useDashboard } from './store.js';
import { useTheme } from './theme.js';
/** The edit dialog body. */
export function EditDialog({ width }) {
    const theme = useTheme();
    const dialog = useDashboard((s) => (s.dialog?.kind === 'edit' ? s.dialog : null));
    const suggestion = useDashboard((s) => s.dialog?.kind === 'edit'
        ? s.suggestions.find((x) => x.id === s.dialog.id)
        : undefined);
    if (!dialog || !suggestion)
        return null;
    return (_jsxs(Box, { flexDirection: "column", children: [_jsxs(Text, { bold: true, wrap: "truncate", children: ["Edit breadth of ", suggestion.rule] }), _jsx(Text, { dimColor: true, children: "Enter picks \u00B7 Esc keeps the proposed rule \u00B7 \u2717 = would allow denied calls, refused" }), _jsxs(Text, { bold: true, children: ['   ', fit('rule', Math.max(10, width - 40)), fit('breadth', 12), fitRight('saves', 6), fitRight('denied', 8)] }), suggestion.alternatives.map((alt, i) => {
                const unsafe = alt.deniedCovered > 0;
                return (_jsxs(Box, { flexDirection: "column", children: [_jsxs(Text, { inverse: i === dialog.index, color: unsafe ? theme.status.error : undefined, wrap: "truncate", children: [i === dialog.index ? '› ' : '  ', unsafe ? '✗' : ' ', fit(alt.rule, Math.max(10, width - 40)), fit(alt.level, 12), fitRight(String(alt.promptsSaved), 6), fitRight(String(alt.deniedCovered), 8)] }), alt.blockedBy ? (_jsxs(Text, { dimColor: true, wrap: "truncate", children: ['     ', alt.blockedBy] })) : null] }, alt.rule));
            })] }));
}
//# sourceMappingURL=EditDialog.js.map