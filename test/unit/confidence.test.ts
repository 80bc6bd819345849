import { describe, expect, it } from 'vitest';
import { confidence, recencyWeight, spreadFactor, wilsonLower } from '../../src/core/confidence.js';

const NOW = Date.parse('2026-03-01T00:00:00Z');
const DAY = 86_400_000;
const approvals = (n: number, opts: { daysAgo?: (i: number) => number; sessions?: number } = {}) =>
  Array.from({ length: n }, (_, i) => ({
    ts: NOW - (opts.daysAgo?.(i) ?? 0) * DAY,
    approved: true,
    session: `s${i % (opts.sessions ?? n)}`,
    project: '/p',
  }));

describe('confidence', () => {
  it.each([
    [0, 0, 0],
    [1, 1, 0.2065],
    [10, 10, 0.7225],
    [40, 40, 0.9124],
    [5, 10, 0.2366],
  ])('Wilson lower bound of %i of %i ≈ %f', (k, n, expected) => {
    expect(wilsonLower(k, n)).toBeCloseTo(expected, 3);
  });

  it.each([
    [0, 1],
    [14, 0.5],
    [28, 0.25],
  ])('an approval %i days old weighs %f', (days, weight) => {
    expect(recencyWeight(days * DAY, 14)).toBeCloseTo(weight, 5);
  });

  it('one approval is never high confidence', () => {
    expect(confidence(approvals(1), NOW).value).toBeLessThanOrEqual(0.2);
  });

  it('many approvals spread over sessions and days are high confidence', () => {
    expect(confidence(approvals(40, { daysAgo: (i) => i % 10 }), NOW).value).toBeGreaterThan(0.85);
  });

  it('the same count in one session scores lower than spread over many', () => {
    const burst = confidence(approvals(20, { sessions: 1 }), NOW).value;
    const spread = confidence(approvals(20, { daysAgo: (i) => i % 5 }), NOW).value;
    expect(burst).toBeLessThan(spread);
  });

  it('a recent change of mind outweighs old behaviour', () => {
    const deny = (daysAgo: number) => ({
      ts: NOW - daysAgo * 86_400_000,
      approved: false,
      session: `d${daysAgo}`,
      project: '/p',
    });
    const deniedLately = confidence(
      [...approvals(10, { daysAgo: (i) => 60 + i }), deny(1), deny(2)],
      NOW,
    ).value;
    const deniedLongAgo = confidence(
      [...approvals(10, { daysAgo: (i) => i }), deny(61), deny(62)],
      NOW,
    ).value;
    expect(deniedLately).toBeLessThan(deniedLongAgo);
  });

  it('a pause in using Claude does not erase a clean record', () => {
    const lastMonth = confidence(approvals(40, { daysAgo: (i) => 35 + (i % 20) }), NOW).value;
    const thisMonth = confidence(approvals(40, { daysAgo: (i) => i % 20 }), NOW).value;
    expect(lastMonth).toBe(thisMonth);
    expect(lastMonth).toBeGreaterThan(0.85);
  });

  it('denials pull the figure down', () => {
    const clean = confidence(approvals(10, { daysAgo: (i) => i }), NOW).value;
    const mixed = confidence(
      [...approvals(10, { daysAgo: (i) => i }), { ts: NOW, approved: false, session: 'x', project: '/p' }],
      NOW,
    ).value;
    expect(mixed).toBeLessThan(clean);
  });

  it('returns its inputs', () => {
    expect(confidence(approvals(3, { daysAgo: (i) => i }), NOW).inputs).toMatchObject({
      weightedDenials: 0,
      distinctDays: 3,
      halfLifeDays: 14,
    });
  });

  it.each([
    [1, 1, 1, 0.64],
    [4, 3, 1, 1],
    [2, 2, 2, 0.88],
  ])('spread over %i sessions, %i days, %i projects = %f', (s, d, p, expected) => {
    expect(spreadFactor(s, d, p)).toBeCloseTo(expected, 2);
  });
});
