import { describe, expect, it } from 'vitest';
import { replay } from '../../src/core/replay.js';
import type { EvidenceCall } from '../../src/core/learning/index.js';
import { DAY, NOW, bash, ops, options, times, toolCall } from './learning/evidence.js';

const TRAIN_UNTIL = NOW - 14 * DAY;
// before the split: days 15..34 ago; after: days 1..13 ago
const before = (command: string, n: number, answer: 'approved' | 'denied' = 'approved'): EvidenceCall[] =>
  times(n, (i) => bash(command, { daysAgo: 15 + (i % 20), session: `b${i % 7}`, answer }));
const after = (command: string, n: number, answer: 'approved' | 'denied' = 'approved'): EvidenceCall[] =>
  times(n, (i) => bash(command, { daysAgo: 1 + (i % 12), session: `a${i % 5}`, answer }));

describe('replay', () => {
  const calls = [
    ...before('cargo test', 20),
    ...before('rm -rf target', 20),
    ...before('npm run deploy', 4, 'denied'),
    ...before('npm run build', 10),
    ...after('cargo test -p core', 10),
    ...after('rm -rf target', 5),
    ...after('npm run deploy', 3, 'denied'),
    ...after('npm run lint', 2),
    ...times(6, (i) => toolCall('WebFetch', `https://docs.rs/x/${i}`, { daysAgo: 15 + i, session: `w${i}` })),
    ...times(2, (i) => toolCall('WebFetch', `https://docs.rs/y/${i}`, { daysAgo: 2 + i })),
  ];
  const report = replay(calls, TRAIN_UNTIL, ops, options());

  it('counts later prompts the learned rules remove', () => {
    expect([report.laterPrompts, report.promptsRemoved]).toEqual([19, 12]);
  });

  it('auto-approves no call the user denied and proposes no risky rule', () => {
    expect([report.deniedCalls, report.deniedAutoApproved, report.riskyRules]).toEqual([3, 0, 0]);
  });

  it('reports per rule', () => {
    expect(report.perRule.map((r) => [r.rule, r.promptsRemoved, r.deniedAutoApproved])).toEqual([
      ['Bash(cargo test *)', 10, 0],
      ['WebFetch(domain:docs.rs)', 2, 0],
      ['Bash(npm run build *)', 0, 0],
    ]);
  });

  it('learns only from the training part', () => {
    expect(report.trainCalls + report.testCalls).toBe(calls.length);
  });
});

describe('replay in auto mode', () => {
  const auto = (command: string, n: number, outcome = 'success'): EvidenceCall[] =>
    times(n, (i) => ({
      ...bash(command, { daysAgo: 1 + (i % 12), session: `auto${i % 3}`, answer: 'not-prompted' }),
      mode: 'auto',
      outcome,
    }));
  const calls = [...before('cargo test', 20), ...before('npm run build', 10), ...before('npm run lint', 10)];
  const autoCalls = [
    ...auto('cargo test -p core', 6),
    ...auto('cargo test', 2, 'classifier-denied'),
    ...auto('npm run build', 4),
    // read-only: auto mode passes it without the classifier
    ...auto('git status', 5),
  ];
  const report = replay(calls, TRAIN_UNTIL, ops, options(), autoCalls);

  it('keeps the narrow rules auto mode keeps (one script of a package manager stays)', () => {
    expect(report.perRule.map((r) => [r.rule, r.survivesAuto])).toEqual([
      ['Bash(cargo test *)', true],
      ['Bash(npm run build *)', true],
      ['Bash(npm run lint *)', true],
    ]);
    expect(report.auto.rulesDropped).toBe(0);
  });

  it('reports classifier round-trips and refusals apart from default-mode prompts', () => {
    // git status passes auto mode without the classifier; the rest needed it
    expect(report.auto).toMatchObject({
      calls: 17,
      classifierCalls: 10,
      roundTripsSaved: 10,
      classifierRefusals: 2,
      refusalsAvoided: 2,
    });
    expect(report.perRule.map((r) => [r.rule, r.autoRoundTripsSaved, r.autoRefusalsAvoided])).toEqual([
      ['Bash(cargo test *)', 6, 2],
      ['Bash(npm run build *)', 4, 0],
      ['Bash(npm run lint *)', 0, 0],
    ]);
  });
});
