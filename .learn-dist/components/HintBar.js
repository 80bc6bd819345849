import { jsx as _jsx } from "react/jsx-runtime";
// The bottom hint bar, in one dim colour, picked from the key table for the current scope.
import { Text } from 'ink';
import { hintsFor } from './keymap.js';
import { fit } from './format.js';
import { keyScope, useDashboard } from './store.js';
/** The hint text for a scope: `key verb` pairs from the key table. */
export function hintText(scope, width = Infinity) {
    const items = hintsFor(scope).map((b) => `${b.label} ${b.description.split(/[ (,;]/)[0]}`);
    // `? help`, apply and quit must always be visible: on a narrow bar the pane hints before them go first.
    const help = items.find((item) => item.startsWith('? '));
    const rest = items.filter((item) => item !== help);
    while (rest.length > 0 && [...rest, help ?? ''].join('  ').length > width)
        rest.splice(Math.max(0, rest.length - 3), 1);
    return [...rest, ...(help ? [help] : [])].join('  ');
}
/** One line of `key label` hints for what the user can do right now. */
export function HintBar({ width }) {
    // Select the finished string: a primitive, so the bar re-renders only when its text changes.
    const text = useDashboard((s) => hintText(keyScope(s), width));
    return _jsx(Text, { dimColor: true, children: fit(text, width) });
}
//# sourceMappingURL=HintBar.js.map