import { jsx as _jsx } from "react/jsx-runtime";
// Runs the dashboard full screen: enters the alternate screen, renders the App, and restores the
// terminal on every way out — q, Ctrl-C, SIGTERM, an uncaught error — so a shell is never left
// in the alternate screen with the cursor hidden.
import { render } from 'ink';
import { App } from './App.js';
import { createDashboardStore, StoreProvider, unappliedCount } from './store.js';
import { colorTheme, noColorTheme, ThemeProvider } from './theme.js';
/** Escape sequences: alternate screen on/off, cursor hide/show. */
export const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H\u001B[?25l';
/** Leave the alternate screen and show the cursor again. */
export const LEAVE_ALT_SCREEN = '\u001B[?25h\u001B[?1049l';
/** Run the dashboard until the user quits. */
export async function runDashboardApp(options) {
    const stdout = options.stdout ?? process.stdout;
    const stdin = options.stdin ?? process.stdin;
    const store = createDashboardStore({
        backend: options.backend,
        mode: options.mode,
        viewport: { columns: stdout.columns || 80, rows: stdout.rows || 24 },
        postRebuild: options.postRebuild ?? null,
    });
    let restored = false;
    const restore = () => {
        if (restored)
            return;
        restored = true;
        stdout.write(LEAVE_ALT_SCREEN);
    };
    const onSignal = (signal) => {
        instance.unmount();
        restore();
        process.exit(signal === 'SIGTERM' ? 143 : 130);
    };
    const onCrash = (error) => {
        restore();
        process.stderr.write(`clearance: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(70);
    };
    stdout.write(ENTER_ALT_SCREEN);
    process.on('exit', restore);
    process.once('SIGTERM', onSignal);
    process.once('SIGHUP', onSignal);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    const instance = render(_jsx(ThemeProvider, { value: options.color ? colorTheme : noColorTheme, children: _jsx(StoreProvider, { store: store, children: _jsx(App, {}) }) }), 
    // Ctrl-C is a key like any other (app.forceQuit) so the same restore path runs.
    { stdout, stdin, exitOnCtrlC: false, patchConsole: false });
    try {
        await instance.waitUntilExit();
    }
    finally {
        instance.cleanup();
        restore();
        process.off('exit', restore);
        process.off('SIGTERM', onSignal);
        process.off('SIGHUP', onSignal);
        process.off('uncaughtException', onCrash);
        process.off('unhandledRejection', onCrash);
    }
    const state = store.getState();
    return { unapplied: unappliedCount(state), message: state.message };
}
//# sourceMappingURL=run.js.map