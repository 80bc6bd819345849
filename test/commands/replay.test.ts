import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HomeBuilder } from '../helpers/transcript-builder.js';
import type { CallSpec } from '../helpers/transcript-builder.js';
import { runCli } from '../helpers/run-cli.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const DAY = 86_400_000;
const dir = mkdtempSync(path.join(tmpdir(), 'clearance-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const n = (count: number, spec: CallSpec): CallSpec[] => Array.from({ length: count }, () => spec);

describe('clearance replay', () => {
  const b = new HomeBuilder(dir);
  const app = b.project('app');
  // 30..21 days ago: training; 10..1 days ago: evaluation
  for (let d = 0; d < 10; d++) {
    b.session(app, new Date(NOW - (30 - d) * DAY), [
      ...n(4, { command: 'cargo test', answer: 'approve' }),
      { command: 'kill 1', answer: 'deny' },
    ]);
    b.session(app, new Date(NOW - (10 - d) * DAY), [
      ...n(2, { command: 'cargo test --release', answer: 'approve' }),
      { command: 'kill 1', answer: 'deny' },
    ]);
  }
  const run = (extra: string[]) =>
    runCli([
      'replay',
      '--home',
      dir,
      '--db',
      path.join(dir, 'state.db'),
      '--now',
      new Date(NOW).toISOString(),
      ...extra,
    ]);

  it('reports prompts removed, denied calls auto-approved and risky rules as JSON', async () => {
    const result = await run(['--json', '--train-until', new Date(NOW - 15 * DAY).toISOString()]);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      laterPrompts: 20,
      promptsRemoved: 20,
      deniedCalls: 10,
      deniedAutoApproved: 0,
      riskyRules: 0,
      rules: 1,
    });
  });

  it('prints a readable summary', async () => {
    const result = await run(['--train-until', new Date(NOW - 15 * DAY).toISOString()]);
    expect(result.stdout).toContain('Prompts removed: 20 of 20 (100.0%)');
  });

  it('rejects a bad --train-until with exit 2', async () => {
    const result = await run(['--train-until', 'yesterday-ish']);
    expect([result.code, result.stderr]).toEqual([2, expect.stringContaining('--train-until')]);
  });
});
