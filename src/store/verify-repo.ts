// The verify state of proposals (`clearance verify`), keyed by what a proposal writes: rule, scope
// and target file. A proposal id is a hash of those too, but the key stays readable.
import type { Suggestion, VerifyDisagreement, VerifyState } from '../core/types.js';
import type { Db } from './db.js';

interface VerifyRow {
  rule: string;
  scope: string;
  target: string;
  kind: string;
  status: string;
  client_version: string;
  covered: number;
  covered_ok: number;
  denied: number;
  denied_run: number;
  variants: number;
  variants_run: number;
  disagreements_json: string;
  summary: string;
  verified_at: number;
}

function key(rule: string, scope: string, target: string): string {
  return `${rule}\u0000${scope}\u0000${target}`;
}

/** Store (replace) the verify state of one proposal. */
export function saveVerifyState(
  db: Db,
  s: Pick<Suggestion, 'rule' | 'scope' | 'target' | 'kind'>,
  v: VerifyState,
): void {
  db.prepare(
    `INSERT OR REPLACE INTO verify_state (rule, scope, target, kind, status, client_version, covered, covered_ok,
       denied, denied_run, variants, variants_run, disagreements_json, summary, verified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.rule,
    s.scope,
    s.target,
    s.kind,
    v.status,
    v.clientVersion,
    v.covered,
    v.coveredOk,
    v.denied,
    v.deniedRun,
    v.variants,
    v.variantsRun,
    JSON.stringify(v.disagreements),
    v.summary,
    Date.parse(v.at),
  );
}

function parseDisagreements(json: string): VerifyDisagreement[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as VerifyDisagreement[]) : [];
  } catch {
    return [];
  }
}

/** Every stored verify state, by rule + scope + target. */
export function loadVerifyStates(db: Db): Map<string, VerifyState> {
  const rows = db.prepare<[], VerifyRow>('SELECT * FROM verify_state').all();
  return new Map(
    rows.map((r) => [
      key(r.rule, r.scope, r.target),
      {
        status: r.status === 'verified' ? 'verified' : 'failed',
        clientVersion: r.client_version,
        covered: r.covered,
        coveredOk: r.covered_ok,
        denied: r.denied,
        deniedRun: r.denied_run,
        variants: r.variants,
        variantsRun: r.variants_run,
        disagreements: parseDisagreements(r.disagreements_json),
        summary: r.summary,
        at: new Date(r.verified_at).toISOString(),
      },
    ]),
  );
}

/** The stored state of one proposal (null: never verified). */
export function verifyStateOf(
  states: Map<string, VerifyState>,
  s: Pick<Suggestion, 'rule' | 'scope' | 'target'>,
): VerifyState | null {
  return states.get(key(s.rule, s.scope, s.target)) ?? null;
}
