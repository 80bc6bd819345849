// Dashboard render benchmark: first-frame time and per-keypress render time with 10,000
// proposals and 10,000 usage rows, each as a ratio to the same measurement with 10 rows in the
// same run (so the figure says "how much does size cost", not "how fast is this machine").
// Run: npm run build && node dist/bench/tui.bench.js [--json]
import { EventEmitter } from 'node:events';
import type { CommandId } from '../components/keymap.js';
import type { DashboardStore } from '../components/store.js';

// Measure what users run: React and Ink in production mode (the dashboard command sets the same).
process.env.NODE_ENV ??= 'production';
const { render } = await import('ink');
const { createElement } = await import('react');
const { App } = await import('../components/App.js');
const { createFakeBackend } = await import('../components/fake-backend.js');
const { createDashboardStore, StoreProvider } = await import('../components/store.js');
const { noColorTheme, ThemeProvider } = await import('../components/theme.js');

const COLUMNS = 120;
const ROWS = 40;
const KEYPRESSES = 200;

// A terminal-sized sink for Ink's output and a stdin that never sends anything.
class FakeStdout extends EventEmitter {
  columns = COLUMNS;
  rows = ROWS;
  isTTY = true;
  write(): boolean {
    return true;
  }
}
class FakeStdin extends EventEmitter {
  isTTY = true;
  setRawMode(): void {}
  setEncoding(): void {}
  ref(): void {}
  unref(): void {}
  resume(): void {}
  pause(): void {}
  read(): null {
    return null;
  }
}

interface Figures {
  firstFrameMs: number;
  keypressMs: number;
}

async function measure(suggestions: number, usageRows: number, pane: CommandId): Promise<Figures> {
  const backend = createFakeBackend({ suggestions, usageRows });
  const store: DashboardStore = createDashboardStore({ backend, viewport: { columns: COLUMNS, rows: ROWS } });
  await store.getState().load();
  await store.getState().dispatch({ id: pane });
  let rendered: () => void = () => undefined;
  // Collect the fake data's garbage now (run-all passes --expose-gc) so no GC pause lands in the frame.
  (globalThis as { gc?: () => void }).gc?.();
  const started = performance.now();
  let firstFrameMs = -1;
  // createElement, not JSX: the JSX runtime would load React before NODE_ENV is set above.
  const app = createElement(StoreProvider, { store, children: createElement(App, { autoLoad: false }) });
  const instance = render(createElement(ThemeProvider, { value: noColorTheme }, app), {
    stdout: new FakeStdout() as unknown as NodeJS.WriteStream,
    stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 10_000,
    onRender: () => {
      if (firstFrameMs < 0) firstFrameMs = performance.now() - started;
      rendered();
    },
  });
  // Let the first frame land before timing keys.
  while (firstFrameMs < 0) await new Promise((resolve) => setTimeout(resolve, 1));
  // Start big lists mid-way so each press also scrolls the window (the baseline starts at row 0).
  if (Math.max(suggestions, usageRows) > 100) {
    await store.getState().dispatch({ id: 'nav.pageDown' });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Per keypress: dispatch the command the key resolves to and wait for Ink's next render.
  const times: number[] = [];
  for (let i = 0; i < KEYPRESSES; i += 1) {
    const done = new Promise<void>((resolve) => (rendered = resolve));
    const t0 = performance.now();
    // Five down, five up: every press moves the cursor, even on the 10-row baseline.
    await store.getState().dispatch({ id: i % 10 < 5 ? 'nav.down' : 'nav.up' });
    await done;
    times.push(performance.now() - t0);
  }
  instance.unmount();
  times.sort((a, b) => a - b);
  return { firstFrameMs, keypressMs: times[Math.floor(times.length / 2)]! };
}

const json = process.argv.includes('--json');
const cases: { name: string; pane: CommandId; big: [number, number] }[] = [
  { name: 'suggestions', pane: 'pane.suggestions', big: [10_000, 10] },
  { name: 'confidence', pane: 'pane.confidence', big: [10_000, 10] },
  { name: 'usage', pane: 'pane.usage', big: [10, 10_000] },
];
// Warm-up so JIT and module loading do not land on the first measured case.
await measure(10, 10, 'pane.suggestions');
const results = [];
for (const c of cases) {
  const base = await measure(10, 10, c.pane);
  const big = await measure(c.big[0], c.big[1], c.pane);
  results.push({
    pane: c.name,
    rows: Math.max(...c.big),
    baseline: base,
    large: big,
    firstFrameRatio: big.firstFrameMs / base.firstFrameMs,
    keypressRatio: big.keypressMs / base.keypressMs,
  });
}
if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else
  for (const r of results)
    process.stdout.write(
      `${r.pane.padEnd(12)} ${r.rows} rows vs 10: first frame ${r.large.firstFrameMs.toFixed(1)} ms vs ${r.baseline.firstFrameMs.toFixed(
        1,
      )} ms (×${r.firstFrameRatio.toFixed(2)}), keypress median ${r.large.keypressMs.toFixed(2)} ms vs ${r.baseline.keypressMs.toFixed(
        2,
      )} ms (×${r.keypressRatio.toFixed(2)})\n`,
    );
