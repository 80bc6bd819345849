import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Suggestion } from '../../src/core/types.js';
import { runCli } from '../helpers/run-cli.js';
import { suggestion, testContext } from '../helpers/suggestion-builder.js';

const proposals = vi.hoisted(() => ({ list: [] as Suggestion[] }));
vi.mock('../../src/app/proposals.js', () => ({
  DEFAULT_MIN_CONFIDENCE: 0.5,
  loadProposals: () => Promise.resolve(proposals.list),
}));
vi.mock('../../src/sources/scan.js', () => ({ runScan: () => Promise.resolve({ problems: [] }) }));

describe('suggest --min-confidence', () => {
  it('filters deny, ask and cleanup proposals too', async () => {
    const { home } = testContext();
    const target = path.join(home, 'p', '.claude', 'settings.local.json');
    proposals.list = [
      suggestion({ id: 'hi', rule: 'Bash(cargo test *)', target, confidence: 0.9 }),
      suggestion({ id: 'deny', kind: 'deny', rule: 'Bash(rm -rf *)', target, confidence: 0.55 }),
      suggestion({ id: 'ask', kind: 'ask', rule: 'Bash(git push *)', target, confidence: 0.6 }),
      suggestion({ id: 'rm', kind: 'remove', rule: 'Write(/**)', target, confidence: 0.4 }),
    ];
    const result = await runCli(['suggest', '--json', '--min-confidence', '0.7', '--home', home]);
    expect(
      (JSON.parse(result.stdout) as { suggestions: { id: string }[] }).suggestions.map((s) => s.id),
    ).toEqual(['hi']);
  });
});
