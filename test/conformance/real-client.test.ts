// (b) The real pinned client, run offline and inertly, reproduces the recorded matrix (a diff means
// the client changed), and the harness really is inert: probes that would create, change or delete
// files leave the throwaway project as it was.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Recording } from '../../src/sources/claude-client/conformance.js';
import { diffRecordings, loadMatrix, recordMatrix } from '../../src/sources/claude-client/conformance.js';
import { runClient } from '../../src/sources/claude-client/run-client.js';
import { realClientOrSkip } from '../helpers/real-client.js';

const root = path.resolve(import.meta.dirname, '..', '..', 'conformance');
const binary = realClientOrSkip();

describe.skipIf(binary === null)('the real Claude Code client', () => {
  it('runs probed commands inertly: nothing of them executes', async () => {
    const run = await runClient({
      binary: binary!,
      settings: { project: { permissions: { allow: ['Bash', 'Edit(./**)'] } } },
      script: [
        [{ id: 'toolu_create', tool: 'Bash', input: { command: 'touch {P}/PROBE_CREATED' } }],
        [{ id: 'toolu_change', tool: 'Bash', input: { command: 'echo changed > {P}/README.md' } }],
        [{ id: 'toolu_delete', tool: 'Bash', input: { command: 'rm -f {P}/data.json' } }],
      ],
      keep: true,
    });
    try {
      expect(run.calls.map((c) => c.outcome)).toEqual(['runs', 'runs', 'runs']);
      // The client decided to run each one, and each reached only the logging shell prefix.
      expect(
        run.executed.filter(
          (l) => l.includes('PROBE_CREATED') || l.includes('echo changed') || l.includes('rm -f'),
        ),
      ).toHaveLength(3);
      expect(existsSync(path.join(run.project, 'PROBE_CREATED'))).toBe(false);
      expect(readFileSync(path.join(run.project, 'README.md'), 'utf8')).toBe('# throwaway project\n');
      expect(existsSync(path.join(run.project, 'data.json'))).toBe(true);
    } finally {
      const { rmSync } = await import('node:fs');
      rmSync(run.dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('reproduces the recorded conformance matrix', async () => {
    const matrix = loadMatrix(path.join(root, 'matrix.json'));
    const recorded = JSON.parse(
      readFileSync(path.join(root, 'recorded', 'claude-code-2.1.328.json'), 'utf8'),
    ) as Recording;
    const started = Date.now();
    const now = await recordMatrix(matrix, { binary: binary!, concurrency: 2 });
    const changed = diffRecordings(recorded, now);
    process.stdout.write(
      `real client ${now.version}: ${Object.keys(now.cases).length} cases re-run in ${Math.round((Date.now() - started) / 1000)} s, ${changed.length} changed\n`,
    );
    expect(now.version).toBe(recorded.version);
    expect(changed).toEqual([]);
  }, 900_000);
});
