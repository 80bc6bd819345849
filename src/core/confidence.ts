// Explainable confidence: a Wilson lower bound (95%) on the recency-weighted approval rate, times a
// spread factor. Recency moves the *rate* towards what the user does lately (a recent change of
// mind shows at once) but does not shrink the sample: 80 clean approvals from last month are still
// 80 observations, not "7 weighted ones", so a pause in using Claude does not erase confidence. The inputs are returned with the number so the dashboard can show why.

import type { ConfidenceInputs } from './types.js';

/** Default half-life of an approval's weight, in days. */
export const DEFAULT_HALF_LIFE_DAYS = 14;
const DAY_MS = 86_400_000;
const Z = 1.959964; // 95% two-sided

/** One decision as confidence sees it. */
export interface DecisionPoint {
  ts: number;
  approved: boolean;
  session: string;
  project: string;
  /** Identical decisions folded into this point (default 1). */
  count?: number;
}

/** Wilson score lower bound for `successes` out of `total` (both may be fractional weights). */
export function wilsonLower(successes: number, total: number, z = Z): number {
  if (total <= 0) return 0;
  const p = successes / total;
  const z2 = z * z;
  const centre = p + z2 / (2 * total);
  const margin = z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return Math.max(0, (centre - margin) / (1 + z2 / total));
}

/** Weight of a decision `ageMs` old: halves every half-life; future events count fully. */
export function recencyWeight(ageMs: number, halfLifeDays = DEFAULT_HALF_LIFE_DAYS): number {
  if (ageMs <= 0) return 1;
  return Math.pow(0.5, ageMs / (halfLifeDays * DAY_MS));
}

/**
 * Spread over sessions, days and projects: evidence from one sitting counts less than the same
 * count over weeks, because one session's burst of approvals is one decision repeated.
 */
export function spreadFactor(sessions: number, days: number, projects: number): number {
  const s = Math.min(sessions, 4) / 4;
  const d = Math.min(days, 3) / 3;
  const p = projects >= 2 ? 1 : 0;
  return Math.min(1, 0.5 + 0.3 * s + 0.2 * d + 0.1 * p);
}

/** Confidence of a pattern from its decisions, relative to `now`. */
export function confidence(
  points: DecisionPoint[],
  now: number,
  halfLifeDays = DEFAULT_HALF_LIFE_DAYS,
): { value: number; inputs: ConfidenceInputs } {
  let wa = 0;
  let wd = 0;
  const sessions = new Set<string>();
  const days = new Set<string>();
  const projects = new Set<string>();
  let approvals = 0;
  let denials = 0;
  for (const point of points) {
    const n = point.count ?? 1;
    const w = recencyWeight(now - point.ts, halfLifeDays) * n;
    if (point.approved) {
      wa += w;
      approvals += n;
      sessions.add(point.session);
      days.add(new Date(point.ts).toISOString().slice(0, 10));
      projects.add(point.project);
    } else {
      wd += w;
      denials += n;
    }
  }
  const observed = approvals + denials;
  const weightedRate = wa + wd > 0 ? wa / (wa + wd) : 0;
  const wilson = wilsonLower(weightedRate * observed, observed);
  const spread = spreadFactor(sessions.size, days.size, projects.size);
  // One approval is never high confidence, whatever its weight.
  const value = approvals <= 1 ? Math.min(wilson * spread, 0.2) : wilson * spread;
  return {
    value: round3(value),
    inputs: {
      weightedApprovals: round3(wa),
      weightedDenials: round3(wd),
      wilsonLower: round3(wilson),
      spread: round3(spread),
      distinctDays: days.size,
      halfLifeDays,
    },
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
