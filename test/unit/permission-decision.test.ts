// Every permissionDecision the real client 2.1.328 wrote in the recordings maps to a known kind;
// anything else is reported as unknown, never guessed.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapDecision } from '../../src/core/permission-decision.js';
import { RECORDINGS } from '../helpers/recorded-home.js';

/** Every (permissionDecision, toolDenialKind, entrypoint) of the recorded transcripts, distinct. */
function recordedDecisions(): {
  decision: Record<string, unknown> | null;
  denialKind: string | null;
  entrypoint: string;
}[] {
  const seen = new Map<
    string,
    { decision: Record<string, unknown> | null; denialKind: string | null; entrypoint: string }
  >();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.jsonl') && full.includes(`${path.sep}projects${path.sep}`)) {
        for (const line of readFileSync(full, 'utf8').split('\n')) {
          if (!line.includes('"tool_result"')) continue;
          const r = JSON.parse(line) as Record<string, unknown>;
          // results also travel inside copied requests (api-request-blob): only user records count
          if (r.type !== 'user') continue;
          const v = {
            decision: (r.permissionDecision as Record<string, unknown> | undefined) ?? null,
            denialKind: (r.toolDenialKind as string | undefined) ?? null,
            entrypoint: r.entrypoint as string,
          };
          seen.set(JSON.stringify(v), v);
        }
      }
    }
  };
  walk(RECORDINGS);
  return [...seen.values()];
}

describe('permissionDecision mapping', () => {
  it('maps every recorded value to a known kind', () => {
    const mapped = recordedDecisions().map((v) => ({
      ...v,
      kind: mapDecision(v.decision, { entrypoint: v.entrypoint, denialKind: v.denialKind, decisionEra: true })
        .kind,
    }));
    expect(mapped.length).toBeGreaterThanOrEqual(12);
    expect(mapped.filter((m) => m.kind === 'unknown')).toEqual([]);
  });

  it.each([
    [
      { decision: 'accept', source: 'config', reasonType: 'subcommandResults' },
      null,
      'cli',
      'config-allow',
      0,
      'not-prompted',
    ],
    [
      { decision: 'accept', source: 'user_temporary', grantScope: 'once' },
      null,
      'cli',
      'user-once',
      1,
      'approved',
    ],
    [
      { decision: 'accept', source: 'user_permanent', reasonCode: 'bashMiss:no-rule-match' },
      null,
      'cli',
      'user-always',
      1,
      'approved',
    ],
    [
      { decision: 'accept', source: 'user_permanent', reasonType: 'rule', ruleSource: 'localSettings' },
      null,
      'sdk-cli',
      'rule-allow',
      0,
      'not-prompted',
    ],
    [
      { decision: 'reject', source: 'config', reasonCode: 'rule:userSettings' },
      'permission-rule',
      'cli',
      'deny-rule',
      0,
      'not-prompted',
    ],
    [
      { decision: 'reject', source: 'config', reasonCode: 'rule:localSettings' },
      'user-rejected',
      'sdk-cli',
      'needs-permission',
      0,
      'not-prompted',
    ],
    [
      { decision: 'reject', source: 'config', reasonCode: 'bashMiss:too-complex' },
      'user-rejected',
      'sdk-cli',
      'needs-permission',
      0,
      'not-prompted',
    ],
    [
      {
        decision: 'reject',
        source: 'config',
        reasonType: 'asyncAgent',
        reasonCode: 'bashMiss:no-rule-match',
      },
      'permission-rule',
      'sdk-cli',
      'needs-permission',
      0,
      'not-prompted',
    ],
    [null, 'user-rejected', 'cli', 'user-no', 1, 'denied'],
    [null, 'user-rejected', 'sdk-cli', 'needs-permission', 0, 'not-prompted'],
  ] as const)('%j (%s, %s) → %s', (decision, denialKind, entrypoint, kind, prompted, answer) => {
    expect(mapDecision(decision, { entrypoint, denialKind, decisionEra: true })).toMatchObject({
      kind,
      prompted,
      answer,
    });
  });

  it.each([
    [{ decision: 'accept', source: 'classifier' }],
    [{ decision: 'reject', source: 'user_reject' }],
    [{ decision: 'reject', source: 'config', reasonCode: 'workingDir:outside' }],
    [{ decision: 'ask', source: 'config' }],
  ])('%j is unknown: kept and counted, not guessed', (decision) => {
    expect(mapDecision(decision, { entrypoint: 'cli', denialKind: null, decisionEra: true })).toEqual({
      kind: 'unknown',
      prompted: null,
      answer: null,
      outcome: null,
    });
  });
});
