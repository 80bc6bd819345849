import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generateCorpus, HIDDEN_POLICY } from '../../bench/corpus.js';
import { main } from '../../src/cli.js';
import { runCli } from '../helpers/run-cli.js';
import { makeHome, prompt, query, toolResult, toolUse, writeLines } from '../sources/transcript-helpers.js';

describe('clearance scan', () => {
  it('--json prints one object with the counts', async () => {
    const { home, project, file } = makeHome();
    writeLines(file, [
      prompt('default', { cwd: project }),
      toolUse('toolu_1', 'Bash', { command: 'make' }, { cwd: project }),
      toolResult('toolu_1', 'ok'),
    ]);
    const result = await runCli(['scan', '--json', '--home', home]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      files: 1,
      lines: 3,
      toolCalls: 1,
      prompts: 1,
      denials: 0,
      malformed: 0,
      durationMs: expect.any(Number),
    });
  });

  it('prints a two-line summary without a TTY and no progress line', async () => {
    const { home } = makeHome();
    const result = await runCli(['scan', '--home', home]);
    expect(result.stdout).toMatch(
      /^scanned 0 files, 0 lines in [\d.]+ s\nstore: 0 tool calls, 0 prompts \(0 exact, 0 inferred\), 0 denials, 0 shell commands\n$/,
    );
    expect(result.stderr).toBe('');
  });

  it('shows progress on a terminal, overwritten in place and cleared', async () => {
    const { home, project, file } = makeHome();
    writeLines(file, [toolUse('toolu_1', 'Bash', { command: 'make' }, { cwd: project })]);
    let stderr = '';
    await main(['scan', '--home', home], {
      io: {
        stdout: { write: () => true, isTTY: false },
        stderr: { write: (t: string) => (stderr += t), isTTY: true },
        stdin: Readable.from([]),
      },
      env: { PATH: process.env.PATH, TZ: 'UTC', NO_COLOR: '1' },
    });
    expect(stderr).toContain('\r\x1b[2Kscanning transcripts: ');
    expect(stderr.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('does not infer a prompt for a call an allow rule in force covers', async () => {
    const { home, project, file } = makeHome();
    mkdirSync(path.join(project, '.claude'), { recursive: true });
    writeFileSync(
      path.join(project, '.claude', 'settings.json'),
      JSON.stringify({ permissions: { allow: ['Bash(cargo test *)'] } }),
    );
    writeLines(file, [
      prompt('default', { cwd: project }),
      toolUse('toolu_c', 'Bash', { command: 'cargo test --workspace' }, { cwd: project }),
      toolUse('toolu_p', 'Bash', { command: 'cargo publish' }, { cwd: project }),
      toolUse('toolu_l', 'Bash', { command: 'ls -la' }, { cwd: project }),
    ]);
    await runCli(['scan', '--home', home]);
    expect(query(home, 'SELECT id, inferred_prompted AS p FROM tool_calls ORDER BY id')).toEqual([
      { id: 'toolu_c', p: 0 },
      { id: 'toolu_l', p: 0 },
      { id: 'toolu_p', p: 1 },
    ]);
  });
});

describe('the bench corpus', () => {
  it('is deterministic, scans cleanly, and its hook spool makes prompts exact', async () => {
    const make = () =>
      generateCorpus(mkdtempSync(path.join(os.tmpdir(), 'clearance-corpus-')), {
        seed: 3,
        projects: 3,
        days: 10,
        sessionsPerDay: 1,
        hookSpoolFrom: '2026-02-25T00:00:00Z',
        now: new Date('2026-03-01T00:00:00Z'),
      });
    const [a, b] = [await make(), await make()];
    const strip = (i: typeof a) => ({ ...i, home: '', projects: i.projects.map((p) => path.basename(p)) });
    expect(strip(a)).toEqual(strip(b));
    expect(a.policy).toBe(HIDDEN_POLICY);
    const summary = JSON.parse((await runCli(['scan', '--json', '--home', a.home])).stdout) as Record<
      string,
      number
    >;
    // batch siblings carry a copy of the refusal: only the refused calls count as denials
    expect(summary).toMatchObject({ toolCalls: a.toolCalls, denials: a.denials, malformed: 0 });
    expect(summary.promptsExact).toBeGreaterThan(0);
    expect(summary.promptsInferred).toBeGreaterThan(0);
    const secrets = query<{ n: number }>(
      a.home,
      "SELECT COUNT(*) AS n FROM tool_calls WHERE input_json LIKE '%s3cr3t%' OR command LIKE '%s3cr3t%'",
    );
    expect(secrets).toEqual([{ n: 0 }]);
  });
});
