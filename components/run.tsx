// Runs the dashboard full screen: enters the alternate screen, renders the App, and restores the
// terminal on every way out — q, Ctrl-C, SIGTERM, an uncaught error — so a shell is never left
// in the alternate screen with the cursor hidden.
import { render } from 'ink';
import { App } from './App.js';
import type { DashboardBackend, PostRebuildReport } from './backend.js';
import { createDashboardStore, StoreProvider, unappliedCount, type DashboardMode } from './store.js';
import { colorTheme, noColorTheme, ThemeProvider } from './theme.js';

/** Escape sequences: alternate screen on/off, cursor hide/show. */
export const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H\u001B[?25l';
/** Leave the alternate screen and show the cursor again. */
export const LEAVE_ALT_SCREEN = '\u001B[?25h\u001B[?1049l';

/** Options of one dashboard run. */
export interface RunOptions {
  backend: DashboardBackend;
  mode: DashboardMode;
  color: boolean;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** Post-rebuild report computed before the screen opened (shown first, not recomputed). */
  postRebuild?: PostRebuildReport | null;
}

/** What the run ended with (the command prints it after the screen is restored). */
export interface RunOutcome {
  unapplied: number;
  message: string | null;
  /** The exit code a signal asks for (129 SIGHUP, 143 SIGTERM), else null. */
  signalExit: number | null;
}

/** Run the dashboard until the user quits. */
export async function runDashboardApp(options: RunOptions): Promise<RunOutcome> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const store = createDashboardStore({
    backend: options.backend,
    mode: options.mode,
    viewport: { columns: stdout.columns || 80, rows: stdout.rows || 24 },
    postRebuild: options.postRebuild ?? null,
  });
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT_SCREEN);
  };
  let signalExit: number | null = null;
  // A signal unmounts like q does, so the caller's cleanup (the demo's temp dir) still runs.
  const onSignal = (signal: NodeJS.Signals): void => {
    signalExit = signal === 'SIGTERM' ? 143 : 129;
    restore();
    instance.unmount();
  };
  const onCrash = (error: unknown): void => {
    restore();
    process.stderr.write(
      `clearance: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(70);
  };
  stdout.write(ENTER_ALT_SCREEN);
  process.on('exit', restore);
  // `on`, not `once`: Ink's signal-exit re-raises the signal when it sees no other listener left.
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const instance = render(
    <ThemeProvider value={options.color ? colorTheme : noColorTheme}>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </ThemeProvider>,
    // Ctrl-C is a key like any other (app.forceQuit) so the same restore path runs.
    { stdout, stdin, exitOnCtrlC: false, patchConsole: false },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    restore();
    process.off('exit', restore);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
  const state = store.getState();
  return { unapplied: unappliedCount(state), message: state.message, signalExit };
}
