// Two clearances at once (a scan in a terminal, the dashboard in another, a hook-triggered run):
// the later one waits for the earlier one's scan, with one line saying so, and then goes on. None
// fails with "database is locked" or an undocumented exit code. Drives the build (`npm test`
// builds first), because the race is between real processes.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/clearance.js');
let dir = '';
let home = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function clearance(args: string[], delayMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      const child = spawn(process.execPath, [BIN, ...args, '--home', home], {
        env: { PATH: process.env.PATH, TZ: 'UTC', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    }, delayMs);
  });
}

beforeAll(async () => {
  expect(existsSync(path.resolve('dist/src/cli.js')), 'run npm run build first').toBe(true);
  dir = mkdtempSync(path.join(tmpdir(), 'clearance-concurrent-'));
  home = path.join(dir, 'home');
  // big enough that a cold scan takes a good fraction of a second on a slow machine
  await generateCorpus(home, { targetBytes: 40 * 1024 * 1024, days: 60 });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clearance runs at the same time', () => {
  it('scans started together all succeed; the later ones say they wait', async () => {
    const runs = await Promise.all([
      clearance(['scan', '--json'], 0),
      clearance(['scan', '--json'], 100),
      clearance(['scan', '--json'], 200),
      // the dashboard's plain mode (no terminal) during the scan
      clearance([], 150),
    ]);
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/locked|internal error|load failed/);
      expect(run.code).toBe(0);
    }
    const waited = runs.filter((r) => /waiting for another clearance/.test(r.stderr));
    expect(waited.length).toBeGreaterThan(0);
    for (const r of waited) expect(r.stderr.match(/waiting for another clearance/g)).toHaveLength(1);
    // one store, filled once: every scan reports the same totals
    const totals = runs.slice(0, 3).map((r) => (JSON.parse(r.stdout) as { toolCalls: number }).toolCalls);
    expect(new Set(totals).size).toBe(1);
  }, 120_000);
});
