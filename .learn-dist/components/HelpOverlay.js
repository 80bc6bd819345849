import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// `?`: every key, generated from the one key table so it can never disagree with the handlers.
import { Box, Text } from 'ink';
import { bindings, helpSections, keyLabel } from './keymap.js';
import { fit } from './format.js';
/** Help lines: a heading per section, one line per binding. */
export function helpLines() {
    const lines = [];
    for (const section of helpSections) {
        const rows = bindings.filter((b) => b.context === section.context);
        if (rows.length === 0)
            continue;
        lines.push({ text: section.title, heading: true });
        for (const b of rows)
            lines.push({ text: `  ${fit(keyLabel(b), 16)} ${b.description}`, heading: false });
    }
    return lines;
}
/** The help overlay, flowing into two columns when the terminal is wide enough. */
export function HelpOverlay({ width, height }) {
    const lines = helpLines();
    const columnCount = Math.max(1, Math.min(Math.ceil(lines.length / Math.max(1, height - 1)), Math.floor(width / 38)));
    const perColumn = Math.ceil(lines.length / columnCount);
    const columnWidth = Math.floor(width / columnCount);
    return (_jsxs(Box, { flexDirection: "column", children: [_jsx(Text, { bold: true, children: "keys (Esc or ? closes)" }), _jsx(Box, { flexDirection: "row", children: Array.from({ length: columnCount }, (_, c) => (_jsx(Box, { flexDirection: "column", width: columnWidth, children: lines
                        .slice(c * perColumn, (c + 1) * perColumn)
                        .slice(0, height - 1)
                        .map((line, i) => (_jsx(Text, { bold: line.heading, wrap: "truncate", children: fit(line.text, columnWidth - 1) }, i))) }, c))) })] }));
}
//# sourceMappingURL=HelpOverlay.js.map