// Auto mode's classifier refusals as evidence of their own kind. Hand-made lines (labelled as
// such): the classifier cannot be reached offline, so no real-client recording has one; the
// refusal text is the one reference/claude-code.md §2.4 gives.
import { describe, expect, it } from 'vitest';
import { makeHome, prompt, query, scan, toolResult, toolUse, writeLines } from './transcript-helpers.js';

const REFUSED = 'Permission for this action has been denied. Reason: deploys to production from a laptop';

describe('classifier refusals (auto mode)', () => {
  it('keeps the reason, is no denial of yours, and counts a refusal run anyway', async () => {
    const { home, project, file } = makeHome();
    const deploy = { command: 'make deploy' };
    writeLines(file, [
      prompt('auto', { cwd: project }),
      toolUse('toolu_1', 'Bash', deploy, { cwd: project, ts: '2026-02-10T21:12:00.000Z' }),
      toolResult('toolu_1', REFUSED, { isError: true }),
      toolUse('toolu_2', 'Bash', { command: 'make clean' }, { cwd: project, ts: '2026-02-10T21:12:30.000Z' }),
      toolResult('toolu_2', REFUSED, { isError: true }),
      // the user had it run after all
      toolUse('toolu_3', 'Bash', deploy, { cwd: project, ts: '2026-02-10T21:13:00.000Z' }),
      toolResult('toolu_3', 'deployed'),
    ]);
    const out = await scan(home);
    expect(out).toMatchObject({ denials: 0, classifierRefusals: 2, classifierOverrides: 1 });
    expect(
      query<{ id: string; outcome: string; answer: string; reason: string; mode: string }>(
        home,
        `SELECT id, outcome, answer, rejection_reason AS reason, permission_mode AS mode FROM tool_calls WHERE id = 'toolu_1'`,
      ),
    ).toEqual([
      {
        id: 'toolu_1',
        outcome: 'classifier-denied',
        answer: 'not-prompted',
        reason: 'deploys to production from a laptop',
        mode: 'auto',
      },
    ]);
  });
});
