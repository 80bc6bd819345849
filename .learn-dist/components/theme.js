// Semantic colour tokens. Components ask for `status.ok`, never for 'green', so the no-colour
// theme is a token swap. Colour is never the only signal: every coloured thing also carries a
// symbol or a word (kind marks, ✓/✗ decisions, bar glyphs).
import { createContext, useContext } from 'react';
/** The colour theme. */
export const colorTheme = {
    color: true,
    border: { focused: 'cyan', normal: 'gray' },
    text: { dim: 'gray', accent: 'cyan', title: 'cyanBright' },
    status: { ok: 'green', warn: 'yellow', error: 'red', info: 'blue' },
    kind: { allow: 'green', deny: 'red', ask: 'yellow', remove: 'magenta', replace: 'magenta' },
    chart: { approvals: 'green', denials: 'red' },
};
/** NO_COLOR / --no-color: every token empty; bold, inverse and symbols still carry meaning. */
export const noColorTheme = {
    color: false,
    border: { focused: undefined, normal: undefined },
    text: { dim: undefined, accent: undefined, title: undefined },
    status: { ok: undefined, warn: undefined, error: undefined, info: undefined },
    kind: { allow: undefined, deny: undefined, ask: undefined, remove: undefined, replace: undefined },
    chart: { approvals: undefined, denials: undefined },
};
/** Kind marks: a symbol and a word, so the kind reads without colour. */
export const kindMark = {
    allow: '+ allow',
    deny: '! deny',
    ask: '? ask',
    remove: '- remove',
    replace: '~ replace',
};
/** Hygiene proposals clean existing rules rather than add new ones. */
export function isHygiene(kind) {
    return kind === 'remove' || kind === 'replace';
}
/** Risk classes that deserve a warning colour. */
export function riskTone(risk) {
    if (risk === 'read-only' || risk === 'build-test')
        return 'ok';
    if (risk === 'destructive' || risk === 'privilege' || risk === 'download-exec' || risk === 'inline-code')
        return 'error';
    return 'warn';
}
const ThemeContext = createContext(colorTheme);
/** Provides the theme (colour or no-colour) to the tree. */
export const ThemeProvider = ThemeContext.Provider;
/** The current theme. */
export function useTheme() {
    return useContext(ThemeContext);
}
//# sourceMappingURL=theme.js.map