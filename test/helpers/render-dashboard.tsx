// The one harness for dashboard component tests: renders the App (or any component) with a fresh
// store over the fake backend, sends keys by name, and returns ANSI-stripped frames.
import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import type { ReactNode } from 'react';
import stripAnsi from 'strip-ansi';
import { App } from '../../components/App.js';
import {
  createFakeBackend,
  type FakeBackend,
  type FakeBackendOptions,
} from '../../components/fake-backend.js';
import {
  createDashboardStore,
  StoreProvider,
  type DashboardMode,
  type DashboardStore,
} from '../../components/store.js';
import { colorTheme, noColorTheme, ThemeProvider } from '../../components/theme.js';

/** Raw byte sequences a terminal sends for named keys. */
export const KEYS = {
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  up: '\u001B[A',
  down: '\u001B[B',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  backspace: '\u007F',
  ctrlC: '\u0003',
  space: ' ',
} as const;

/** Options for one rendered dashboard. */
export interface HarnessOptions extends FakeBackendOptions {
  columns?: number;
  rows?: number;
  mode?: DashboardMode;
  color?: boolean;
  /** Render this instead of the whole App (still inside the providers). */
  node?: ReactNode;
}

/** A rendered dashboard. */
export interface Harness {
  store: DashboardStore;
  backend: FakeBackend;
  /** The last frame, ANSI stripped. */
  frame(): string;
  /** Send keys (raw strings or KEYS values), one write each, and let React settle. */
  press(...keys: string[]): Promise<void>;
  /** Wait until the frame contains `text` (bounded). */
  waitFor(text: string): Promise<string>;
  unmount(): void;
}

// ink-testing-library's stdout is always 100 columns wide, so a "120-column" test would really lay
// out at 100. These two streams are its, with the width the test asks for.
class TestStdout extends EventEmitter {
  lastFrame: string | undefined;
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.lastFrame = frame;
    return true;
  };
}

class TestStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

/** Render the dashboard over a fake backend; resolves once the first load finished. */
export async function renderDashboard(options: HarnessOptions = {}): Promise<Harness> {
  const backend = createFakeBackend(options);
  const store = createDashboardStore({
    backend,
    mode: options.mode ?? 'dashboard',
    viewport: { columns: options.columns ?? 80, rows: options.rows ?? 24 },
  });
  const columns = options.columns ?? 80;
  const stdout = new TestStdout(columns, options.rows ?? 24);
  const stdin = new TestStdin();
  const instance = inkRender(
    <ThemeProvider value={options.color ? colorTheme : noColorTheme}>
      <StoreProvider store={store}>{options.node ?? <App autoLoad={false} />}</StoreProvider>
    </ThemeProvider>,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: new TestStdout(columns, 24) as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  if (!options.scanGate) await store.getState().load();
  await tick();
  const frame = (): string => stripAnsi(stdout.lastFrame ?? '');
  return {
    store,
    backend,
    frame,
    async press(...keys) {
      for (const key of keys) {
        stdin.write(key);
        // Let the input parser, the store's async action and React's commit run.
        for (let i = 0; i < 4; i += 1) await tick();
      }
    },
    async waitFor(text) {
      for (let i = 0; i < 200; i += 1) {
        if (frame().includes(text)) return frame();
        await tick();
      }
      throw new Error(`frame never showed ${JSON.stringify(text)}:\n${frame()}`);
    },
    unmount: () => instance.unmount(),
  };
}
