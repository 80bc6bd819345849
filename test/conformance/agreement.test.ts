// (a) clearance's prediction (the `clearance check` code path) agrees with the recorded decision
// of the real client, case by case, over the whole conformance matrix.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src/runtime/paths.js';
import { loadBashParser } from '../../src/sources/bash-grammar.js';
import { checkOne, readCheckSettings } from '../../src/sources/check-service.js';
import type { Recording } from '../../src/sources/claude-client/conformance.js';
import { loadMatrix, matrixCases } from '../../src/sources/claude-client/conformance.js';
import { makeThrowawayHome, placePaths } from '../../src/sources/claude-client/run-client.js';
import type { PermissionMode } from '../../src/core/types.js';

const root = path.resolve(import.meta.dirname, '..', '..', 'conformance');
const matrix = loadMatrix(path.join(root, 'matrix.json'));
const recording = JSON.parse(
  readFileSync(path.join(root, 'recorded', 'claude-code-2.1.328.json'), 'utf8'),
) as Recording;
const exceptions = JSON.parse(readFileSync(path.join(root, 'exceptions.json'), 'utf8')) as {
  cases: Record<string, string>;
};
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('conformance matrix', () => {
  it('has at least 600 recorded cases, every one recorded', () => {
    const cases = matrixCases(matrix);
    expect(cases.length).toBeGreaterThanOrEqual(600);
    expect(
      cases.filter(({ case: c }) => recording.cases[c.id] === undefined).map(({ case: c }) => c.id),
    ).toEqual([]);
  });

  it('clearance predicts what the real client decided, case by case', async () => {
    const parser = await loadBashParser();
    const disagreements: string[] = [];
    let compared = 0;
    for (const group of matrix.groups) {
      const scratch = makeThrowawayHome(
        { settings: group.settings, ...(group.files ? { files: group.files } : {}) },
        '/dev/null',
      );
      dirs.push(scratch.dir);
      const paths = resolvePaths({ home: scratch.home, root: scratch.dir, env: {} });
      const settings = readCheckSettings(paths, scratch.project, group.mode as PermissionMode);
      for (const c of group.cases) {
        const recorded = recording.cases[c.id];
        if (!recorded || recorded.outcome === 'invalid') continue;
        compared += 1;
        const input = placePaths(c.input, scratch.project, scratch.home);
        const predicted = checkOne(parser, settings, { tool: c.tool, input }, scratch.project, scratch.home);
        if (predicted.decision !== recorded.outcome && exceptions.cases[c.id] === undefined) {
          disagreements.push(
            `${c.id} [${group.category}] ${c.tool} ${JSON.stringify(c.input)}: clearance ${predicted.decision} (${predicted.reason}), client ${recorded.outcome} (${String(recorded.permissionDecision?.reasonCode ?? recorded.permissionDecision?.reasonType ?? '')}: ${recorded.text.slice(0, 80)})`,
          );
        }
      }
    }
    if (process.env.CONFORMANCE_REPORT)
      writeFileSync(process.env.CONFORMANCE_REPORT, disagreements.join('\n'));
    process.stdout.write(
      `conformance: ${compared - disagreements.length}/${compared} cases agree with Claude Code ${recording.version}\n`,
    );
    expect(disagreements).toEqual([]);
  }, 120_000);
});
