// The real dashboard backend's scan: "new calls" counts what this scan added to the store, so a
// reopen or an R with nothing new reports 0 (the status line then says nothing about new calls).
import { rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { createDashboardBackend } from '../../src/app/dashboard-backend.js';
import { detachedContext } from '../../src/app/detached-context.js';
import { makeHome, prompt, toolResult, toolUse, writeLines } from '../sources/transcript-helpers.js';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

it('a scan reports the calls it added; a second scan over the same files reports none', async () => {
  const { home, project, file } = makeHome();
  homes.push(home);
  writeLines(file, [
    prompt('default', { cwd: project }),
    toolUse('toolu_1', 'Bash', { command: 'make' }, { cwd: project }),
    toolResult('toolu_1', 'ok'),
    toolUse('toolu_2', 'Bash', { command: 'make test' }, { cwd: project }),
    toolResult('toolu_2', 'ok'),
  ]);
  const ctx = detachedContext({ home, now: new Date('2026-12-01T00:00:00Z') });
  const backend = createDashboardBackend(ctx);
  expect(await backend.scan(() => undefined)).toMatchObject({ newCalls: 2, problems: 0 });
  expect(await backend.scan(() => undefined)).toMatchObject({ newCalls: 0, problems: 0 });
  // a fresh backend (the dashboard opened again) over the same store: still nothing new
  expect(await createDashboardBackend(ctx).scan(() => undefined)).toMatchObject({ newCalls: 0, problems: 0 });
  ctx.openStore().close();
});
