// Semantic colour tokens. Components ask for `status.ok`, never for 'green', so the no-colour
// theme is a token swap. Colour is never the only signal: every coloured thing also carries a
// symbol or a word (kind marks, ✓/✗ decisions, bar glyphs).
import { createContext, useContext } from 'react';
import type { RiskClass, SuggestionKind } from '../src/core/types.js';

/** Colour tokens; undefined means "terminal default". */
export interface Theme {
  color: boolean;
  border: { focused: string | undefined; normal: string | undefined };
  text: { dim: string | undefined; accent: string | undefined; title: string | undefined };
  status: {
    ok: string | undefined;
    warn: string | undefined;
    error: string | undefined;
    info: string | undefined;
  };
  kind: Record<SuggestionKind, string | undefined>;
  chart: { approvals: string | undefined; denials: string | undefined };
}

/** The colour theme. */
export const colorTheme: Theme = {
  color: true,
  border: { focused: 'cyan', normal: 'gray' },
  text: { dim: 'gray', accent: 'cyan', title: 'cyanBright' },
  status: { ok: 'green', warn: 'yellow', error: 'red', info: 'blue' },
  kind: { allow: 'green', deny: 'red', ask: 'yellow', remove: 'magenta', replace: 'magenta' },
  chart: { approvals: 'green', denials: 'red' },
};

/** NO_COLOR / --no-color: every token empty; bold, inverse and symbols still carry meaning. */
export const noColorTheme: Theme = {
  color: false,
  border: { focused: undefined, normal: undefined },
  text: { dim: undefined, accent: undefined, title: undefined },
  status: { ok: undefined, warn: undefined, error: undefined, info: undefined },
  kind: { allow: undefined, deny: undefined, ask: undefined, remove: undefined, replace: undefined },
  chart: { approvals: undefined, denials: undefined },
};

export { isHygiene, kindMark } from './plain.js';

/** Risk classes that deserve a warning colour. */
export function riskTone(risk: RiskClass): 'ok' | 'warn' | 'error' {
  if (risk === 'read-only' || risk === 'build-test') return 'ok';
  if (risk === 'destructive' || risk === 'privilege' || risk === 'download-exec' || risk === 'inline-code')
    return 'error';
  return 'warn';
}

const ThemeContext = createContext<Theme>(colorTheme);

/** Provides the theme (colour or no-colour) to the tree. */
export const ThemeProvider = ThemeContext.Provider;

/** The current theme. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
