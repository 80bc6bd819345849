import { jsxs as _jsxs, jsx as _jsx } from "react/jsx-runtime";
// `A`: the exact per-file change, before anything is written. Enter writes, Esc cancels.
import { Box, Text } from 'ink';
import { fit } from './format.js';
import { useDashboard } from './store.js';
import { useTheme } from './theme.js';
/** Diff lines of every planned file, with a header per file and any refusal. */
export function diffLines(plans) {
    const lines = [];
    for (const plan of plans) {
        lines.push(`● ${plan.path}  (+${plan.added.length} -${plan.removed.length})`);
        if (plan.refusal)
            lines.push(`  ✗ refused: ${plan.refusal}`);
        lines.push(...plan.diff.split('\n'));
        lines.push('');
    }
    return lines;
}
/** The apply dialog body. */
export function ApplyDiffDialog({ width, height }) {
    const theme = useTheme();
    const dialog = useDashboard((s) => (s.dialog?.kind === 'apply' ? s.dialog : null));
    const busy = useDashboard((s) => s.busy);
    if (!dialog)
        return null;
    const lines = diffLines(dialog.plans);
    const room = Math.max(1, height - 2);
    const scroll = Math.min(dialog.scroll, Math.max(0, lines.length - room));
    const files = dialog.plans.length;
    return (_jsxs(Box, { flexDirection: "column", children: [_jsxs(Text, { bold: true, wrap: "truncate", children: ["Apply ", dialog.ids.length, " decision", dialog.ids.length === 1 ? '' : 's', " to ", files, " file", files === 1 ? '' : 's', "?", busy ? ' writing…' : ' Enter writes · Esc cancels'] }), lines.slice(scroll, scroll + room).map((line, i) => (_jsx(Text, { bold: line.startsWith('●'), color: line.startsWith('+') && !line.startsWith('+++')
                    ? theme.status.ok
                    : line.startsWith('-') && !line.startsWith('---')
                        ? theme.status.error
                        : line.startsWith('  ✗')
                            ? theme.status.error
                            : undefined, children: fit(line, width) }, i))), lines.length > room ? (_jsxs(Text, { dimColor: true, children: ["lines ", scroll + 1, "\u2013", Math.min(lines.length, scroll + room), " of ", lines.length, " (j/k scroll)"] })) : null] }));
}
//# sourceMappingURL=ApplyDiffDialog.js.map