import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Recording } from '../../src/sources/claude-client/conformance.js';
import { realClientOrSkip } from '../helpers/real-client.js';
import { runCli } from '../helpers/run-cli.js';

const home = mkdtempSync(path.join(tmpdir(), 'clearance-conformance-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function conformance(args: string[]) {
  return runCli(['conformance', '--home', home, '--db', path.join(home, 'state.db'), ...args]);
}

describe('clearance conformance', () => {
  it('rejects an unknown matrix group with exit 2', async () => {
    const out = await conformance(['--client', path.join(home, 'none'), 'no-such-group']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/no matrix group no-such-group/);
  });

  it('says in one line when the client is missing (exit 1)', async () => {
    const out = await conformance(['--client', path.join(home, 'none', 'claude'), 'files-1']);
    expect(out.code).toBe(1);
    expect(out.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/no Claude Code binary at .*none\/claude/),
    ]);
  });

  const binary = realClientOrSkip();
  it.skipIf(binary === null)(
    'the pinned client reproduces its own recording: no case changed; --record writes a new one',
    async () => {
      const file = path.join(home, 'rec.json');
      const out = await conformance(['--json', '--client', binary!, '--record', file, 'files-1', 'webfetch']);
      expect(out.code).toBe(0);
      const report = JSON.parse(out.stdout) as {
        baseline: string;
        cases: number;
        changed: unknown[];
        client: { version: string };
      };
      expect(report).toMatchObject({
        baseline: '2.1.328',
        cases: 24,
        changed: [],
        client: { version: '2.1.328' },
      });
      const recording = JSON.parse(readFileSync(file, 'utf8')) as Recording;
      expect(Object.keys(recording.cases)).toHaveLength(24);
      expect(recording.version).toBe('2.1.328');
      const text = await conformance(['--client', binary!, 'files-3']);
      expect(text.stdout.trim()).toMatch(
        /^Claude Code 2\.1\.328 vs recorded 2\.1\.328: 0 of 4 case\(s\) changed/,
      );
    },
    300_000,
  );
});
