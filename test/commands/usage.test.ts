import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { runCli } from '../helpers/run-cli.js';

const NOW = '2026-01-31T12:00:00Z';
const DAY = 86_400;
const nowS = Date.parse(NOW) / 1000;
let tmp: string;
let home: string;
let db: string;

// Human side: a real fish history file, ingested by the scan that `usage` runs first.
function fishHistory(entries: [string, number][]): void {
  const dir = path.join(home, '.local', 'share', 'fish');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'fish_history'),
    entries.map(([cmd, daysAgo]) => `- cmd: ${cmd}\n  when: ${Math.round(nowS - daysAgo * DAY)}\n`).join(''),
  );
}

// Claude side: call and segment rows as the ingest stores them (coordination is through the tables).
function claudeCalls(calls: { program: string; daysAgo: number; ephemeral?: string[] }[]): void {
  const store = openDb(db);
  const call = store.prepare(
    `INSERT INTO tool_calls (id, session_id, ts, cwd, project, tool, input_json, command)
     VALUES (?, 's1', ?, '/p', '/p', 'Bash', '{}', ?)`,
  );
  const segment = store.prepare(
    `INSERT INTO segments (call_id, idx, program, text, argv_json, ephemeral_json) VALUES (?, 0, ?, ?, '[]', ?)`,
  );
  calls.forEach((c, i) => {
    call.run(`toolu_${i}`, (nowS - c.daysAgo * DAY) * 1000, c.program);
    segment.run(`toolu_${i}`, c.program, c.program, JSON.stringify(c.ephemeral ?? []));
  });
  store.close();
}

const usage = (...args: string[]) =>
  runCli(['usage', '--root', tmp, '--home', home, '--db', db, '--now', NOW, ...args]);

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'clearance-usage-'));
  home = path.join(tmp, 'home');
  db = path.join(tmp, 'state.db');
  mkdirSync(path.join(tmp, 'etc', 'nixos'), { recursive: true });
  writeFileSync(
    path.join(tmp, 'etc', 'nixos', 'packages.nix'),
    `{ pkgs, ... }: {
      environment.systemPackages = with pkgs; [
        ripgrep # fast grep
        bottom # system monitor
        jq
        dejavu_fonts
      ];
    }`,
  );
  fishHistory([
    ['rg TODO src', 1],
    ['btm', 2],
    ['rg old', 45],
  ]);
  claudeCalls([
    { program: 'rg', daysAgo: 1 },
    { program: 'rg', daysAgo: 3 },
    { program: 'git', daysAgo: 1 },
    { program: 'nix', daysAgo: 1, ephemeral: ['hyperfine'] },
    { program: 'nix', daysAgo: 2, ephemeral: ['hyperfine'] },
    { program: 'nix', daysAgo: 5, ephemeral: ['hyperfine'] },
  ]);
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('clearance usage', () => {
  it('--json prints tools, dormant, install candidates and the window', async () => {
    const result = await usage('--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      tools: [
        { tool: 'nix', package: null, human: 0, claude: 3 },
        { tool: 'rg', package: 'ripgrep', human: 1, claude: 2 },
        { tool: 'btm', package: 'bottom', human: 1, claude: 0 },
        { tool: 'git', package: null, human: 0, claude: 1 },
      ],
      dormant: [{ package: 'jq', attr: 'jq', bins: ['jq'] }],
      installCandidates: [{ package: 'hyperfine', uses: 3 }],
      window: { days: 30, from: '2026-01-01T12:00:00.000Z', to: '2026-01-31T12:00:00.000Z' },
      withoutBinaries: ['dejavu_fonts'],
      installed: 4,
    });
  });

  it('--days narrows the window', async () => {
    const report = JSON.parse((await usage('--json', '--days', '1')).stdout) as { tools: { tool: string }[] };
    expect(report.tools.map((t) => t.tool).sort()).toEqual(['git', 'nix', 'rg']);
  });

  it('prints a table with H and C columns', async () => {
    const result = await usage();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/installed\s+4/);
    expect(result.stdout).toMatch(/dormant\s+1/);
    expect(result.stdout).toMatch(/tool\s+package\s+H\s+C/);
    expect(result.stdout).toMatch(/rg\s+ripgrep\s+1\s+2/);
    expect(result.stdout).toContain('hyperfine  3 uses');
  });

  it.each([['0'], ['-3'], ['1.5']])('--days %s is bad usage (exit 2)', async (days) => {
    const result = await usage('--days', days);
    expect(result.code).toBe(2);
  });

  it('fails with one line when no package set exists', async () => {
    rmSync(path.join(tmp, 'etc'), { recursive: true });
    const result = await usage('--json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no package set found');
  });

  it('falls back to the last recorded package set', async () => {
    await usage('--json');
    rmSync(path.join(tmp, 'etc'), { recursive: true });
    const result = await usage('--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('using the package set recorded');
  });
});
