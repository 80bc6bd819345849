// Scans of sessions the real client (2.1.328) wrote give exactly the prompts and answers the
// recordings say (test/fixtures/real-client/): the transcript's permissionDecision, the hook events
// and the OpenTelemetry events of the same session agree, headless refusals are not denials, and
// every "don't ask again" is seen.
import Database from 'better-sqlite3';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spoolRecord } from '../../src/commands/hook.js';
import { runCli } from '../helpers/run-cli.js';
import { AUTO_SETTINGS, HEADLESS_SETTINGS } from '../helpers/evidence-recorder.js';
import { survivesAutoMode } from '../../src/core/auto-mode.js';
import { recordedHome, recordedSession } from '../helpers/recorded-home.js';
import { query, scan } from './transcript-helpers.js';

interface Row {
  id: string;
  outcome: string;
  prompted: number | null;
  answer: string;
  basis: string | null;
  kind: string | null;
  entrypoint: string | null;
}

const rows = (home: string): Record<string, Omit<Row, 'id'>> =>
  Object.fromEntries(
    query<Row>(
      home,
      `SELECT id, outcome, prompted, answer, prompted_basis AS basis, decision_kind AS kind, entrypoint
       FROM tool_calls ORDER BY id`,
    ).map(({ id, ...r }) => [id, r]),
  );

// What each recorded call was, read off the recording (prompt screens, keys pressed, OTel).
const INTERACTIVE: Record<string, [prompted: number, answer: string, outcome: string, kind: string]> = {
  toolu_i_yes: [1, 'approved', 'success', 'user-once'],
  toolu_i_always: [1, 'approved', 'success', 'user-always'],
  toolu_i_covered: [0, 'not-prompted', 'success', 'config-allow'],
  toolu_i_no: [1, 'denied', 'user-rejected', 'user-no'],
  toolu_i_esc: [1, 'denied', 'user-rejected', 'user-no'],
  toolu_i_b_status: [0, 'not-prompted', 'success', 'config-allow'],
  toolu_i_b_make: [1, 'denied', 'user-rejected', 'user-no'],
  // allowed by the rule the "don't ask again" above saved, never asked: the batch's No is copied to it
  toolu_i_b_npm: [0, 'not-prompted', 'cancelled', 'batch-sibling'],
  toolu_i_write: [1, 'approved', 'success', 'user-once'],
  toolu_i_status: [0, 'not-prompted', 'success', 'config-allow'],
  toolu_i_makec: [1, 'approved', 'success', 'user-always'],
  toolu_i_three: [1, 'approved', 'success', 'user-always'],
};

const HEADLESS: Record<string, [prompted: number, answer: string, outcome: string, kind: string]> = {
  toolu_h_status: [0, 'not-prompted', 'success', 'config-allow'],
  toolu_h_npm: [0, 'not-prompted', 'success', 'config-allow'],
  // `Bash(cargo test)` reported as user_permanent + reasonType "rule": a rule, not a person
  toolu_h_cargo: [0, 'not-prompted', 'success', 'rule-allow'],
  toolu_h_rm: [0, 'not-prompted', 'rule-denied', 'deny-rule'],
  toolu_h_make: [0, 'not-prompted', 'mode-denied', 'needs-permission'],
  toolu_h_cdgit: [0, 'not-prompted', 'mode-denied', 'needs-permission'],
  // an ask rule in -p: refused, nobody asked
  toolu_h_push: [0, 'not-prompted', 'mode-denied', 'needs-permission'],
  toolu_h_complex: [0, 'not-prompted', 'mode-denied', 'needs-permission'],
  toolu_h_write: [0, 'not-prompted', 'mode-denied', 'needs-permission'],
  toolu_h_b_status: [0, 'not-prompted', 'success', 'config-allow'],
  toolu_h_b_make: [0, 'not-prompted', 'mode-denied', 'needs-permission'],
  toolu_h_b_npm: [0, 'not-prompted', 'success', 'config-allow'],
  toolu_h_agent: [0, 'not-prompted', 'success', 'config-allow'],
  // the background subagent: `permission-rule` + reasonType "asyncAgent" is lack of permission
  toolu_s_make: [0, 'not-prompted', 'mode-denied', 'needs-permission'],
  toolu_s_ls: [0, 'not-prompted', 'success', 'config-allow'],
};

function expected(table: typeof INTERACTIVE, entrypoint: string): Record<string, Omit<Row, 'id'>> {
  return Object.fromEntries(
    Object.entries(table).map(([id, [prompted, answer, outcome, kind]]) => [
      id,
      { prompted, answer, outcome, kind, basis: 'transcript-exact', entrypoint },
    ]),
  );
}

/** OTel's word on each call: user_* sources were prompts, user_reject a No; no event = never decided. */
function otelFacts(otel: Record<string, unknown>[]): Record<string, [number, string]> {
  const out: Record<string, [number, string]> = {};
  for (const e of otel) {
    if (e['event.name'] !== 'tool_decision') continue;
    const source = String(e.source);
    const prompted = source.startsWith('user_') ? 1 : 0;
    out[String(e.tool_use_id)] = [
      prompted,
      source === 'user_reject' ? 'denied' : prompted ? 'approved' : 'not-prompted',
    ];
  }
  return out;
}

describe('scans of sessions recorded from the real client 2.1.328', () => {
  it('an interactive session: every Yes, "don\'t ask again", No, Esc and the batch No, exactly', async () => {
    const recording = recordedSession('2.1.328-interactive');
    const { home } = recordedHome('2.1.328-interactive', recording.localSettingsAfter);
    const out = await scan(home);
    expect(rows(home)).toEqual(expected(INTERACTIVE, 'cli'));
    expect(out).toMatchObject({
      prompts: 8,
      promptsExact: 8,
      promptsInferred: 0,
      denials: 3,
      dontAskAgain: 3,
      interactiveCalls: 12,
      headlessCalls: 0,
      unknownDecisions: 0,
    });
  });

  it('a headless run: refusals are not denials, a whole-command rule is not a prompt', async () => {
    const { home } = recordedHome('2.1.328-headless', HEADLESS_SETTINGS.local);
    const out = await scan(home);
    expect(rows(home)).toEqual(expected(HEADLESS, 'sdk-cli'));
    expect(out).toMatchObject({
      prompts: 0,
      denials: 0,
      dontAskAgain: 0,
      headlessCalls: 15,
      headlessRefusals: 7,
      interactiveCalls: 0,
      unknownDecisions: 0,
    });
  });

  it.each([
    ['2.1.328-interactive', INTERACTIVE],
    ['2.1.328-headless', HEADLESS],
  ])('%s: the transcript, the hooks and OTel agree on every call', (name, table) => {
    const { otel, hookLines } = recordedHome(name);
    const fromOtel = otelFacts(otel);
    const hooks = hookLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const interactive = name.includes('interactive');
    for (const [id, [prompted, answer]] of Object.entries(table)) {
      const pre = hooks.findIndex((h) => h.hook_event_name === 'PreToolUse' && h.tool_use_id === id);
      // never-asked batch siblings reach neither OTel nor the hooks, as the transcript says
      if (id === 'toolu_i_b_npm') {
        expect([fromOtel[id], pre]).toEqual([undefined, -1]);
        continue;
      }
      // OTel reports the -p whole-command-rule quirk too (user_permanent): no person in -p
      const otelSays =
        fromOtel[id] && !interactive
          ? [0, fromOtel[id][1] === 'approved' ? 'not-prompted' : fromOtel[id][1]]
          : fromOtel[id];
      expect([id, ...(otelSays ?? [])]).toEqual([id, prompted, answer]);
      // hooks: in an interactive session a PermissionRequest follows the call's PreToolUse exactly
      // when a prompt was shown (in -p it fires too, for the calls then refused unasked)
      expect(pre, id).toBeGreaterThanOrEqual(0);
      const asked = hooks[pre + 1]?.hook_event_name === 'PermissionRequest';
      if (interactive) expect([id, asked ? 1 : 0]).toEqual([id, prompted]);
      else expect([id, asked]).toEqual([id, table[id]![2] === 'mode-denied']);
    }
  });
});

/** The recording as an older client would have written it: no permissionDecision, no entrypoint. */
function withoutDecisions(home: string): void {
  const dir = path.join(home, '.claude', 'projects');
  for (const sub of readdirSync(dir)) {
    for (const f of readdirSync(path.join(dir, sub)).filter((n) => n.endsWith('.jsonl'))) {
      const file = path.join(dir, sub, f);
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '');
      const stripped = lines.map((l) => {
        const r = JSON.parse(l) as Record<string, unknown>;
        delete r.permissionDecision;
        delete r.entrypoint;
        return JSON.stringify(r);
      });
      writeFileSync(file, `${stripped.join('\n')}\n`);
    }
  }
}

describe('the same interactive session as an older client wrote it (no permissionDecision)', () => {
  const facts = (home: string) =>
    Object.fromEntries(
      query<{ id: string; prompted: number; answer: string; kind: string | null }>(
        home,
        'SELECT id, prompted, answer, decision_kind AS kind FROM tool_calls ORDER BY id',
      ).map(({ id, ...r }) => [id, r]),
    );
  const truth = Object.fromEntries(
    Object.entries(INTERACTIVE).map(([id, [prompted, answer, , kind]]) => [
      id,
      { prompted, answer, always: kind === 'user-always' },
    ]),
  );

  it('transcripts only: each call judged against the rules in force when it ran, no "don\'t ask again" missed', async () => {
    const recording = recordedSession('2.1.328-interactive');
    const { home } = recordedHome('2.1.328-interactive', recording.localSettingsAfter);
    withoutDecisions(home);
    const out = await scan(home);
    const got = facts(home);
    expect(
      Object.fromEntries(
        Object.entries(got).map(([id, r]) => [
          id,
          { prompted: r.prompted, answer: r.answer, always: r.kind === 'user-always' },
        ]),
      ),
    ).toEqual(truth);
    expect(out).toMatchObject({ prompts: 8, denials: 3, dontAskAgain: 3 });
  });

  it('with the hook spool and OTel of the same session, every answer is exact and the same', async () => {
    const recording = recordedSession('2.1.328-interactive');
    const { home, hookLines, otel } = recordedHome('2.1.328-interactive', recording.localSettingsAfter);
    withoutDecisions(home);
    await scan(home);
    const spool = path.join(home, '.local', 'state', 'clearance', 'hook-spool.jsonl');
    writeFileSync(
      spool,
      hookLines.map((l, i) => `${JSON.stringify(spoolRecord(Buffer.from(l), 1000 + i))}\n`).join(''),
    );
    const db = new Database(path.join(home, '.local', 'state', 'clearance', 'clearance.db'));
    const add = db.prepare(
      'INSERT INTO otel_decisions (ts, session_id, tool_use_id, tool_name, decision, source) VALUES (?, ?, ?, ?, ?, ?)',
    );
    otel
      .filter((e) => e['event.name'] === 'tool_decision')
      .forEach((e, i) =>
        add.run(2000 + i, e['session.id'], e.tool_use_id, e.tool_name, e.decision, e.source),
      );
    db.close();
    const out = await scan(home);
    const rowsNow = query<{ id: string; prompted: number; answer: string; basis: string }>(
      home,
      'SELECT id, prompted, answer, prompted_basis AS basis FROM tool_calls ORDER BY id',
    );
    expect(Object.fromEntries(rowsNow.map((r) => [r.id, [r.prompted, r.answer]]))).toEqual(
      Object.fromEntries(Object.entries(truth).map(([id, t]) => [id, [t.prompted, t.answer]])),
    );
    // OTel reached every call but the never-asked batch sibling (attributed from OTel's user_reject)
    expect(rowsNow.filter((r) => r.basis !== 'otel').map((r) => r.id)).toEqual(['toolu_i_b_npm']);
    expect(out).toMatchObject({ prompts: 8, promptsInferred: 0, denials: 3 });
  });
});

describe('records that copy results', () => {
  it('a big api-request-blob holding an old copy of a result does not change the result', async () => {
    const { home } = recordedHome('2.1.328-headless', HEADLESS_SETTINGS.local);
    const dir = path.join(home, '.claude', 'projects');
    const sub = readdirSync(dir)[0]!;
    const file = path.join(
      dir,
      sub,
      readdirSync(path.join(dir, sub)).find((f) => f.endsWith('.jsonl'))!,
    );
    // as the client writes it: the request's messages, a refused call's result among them, no decision
    const blob = {
      type: 'api-request-blob',
      sessionId: 'x',
      hash: 'h',
      message: {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_h_make',
            content: `This command requires approval${' '.repeat(3000)}`,
          },
        ],
      },
    };
    writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify(blob)}\n`);
    await scan(home);
    expect(rows(home).toolu_h_make).toMatchObject({ outcome: 'mode-denied', answer: 'not-prompted' });
  });
});

describe('scan output', () => {
  it('shows interactive and headless calls apart, headless refusals not as denials', async () => {
    const { home } = recordedHome('2.1.328-headless', HEADLESS_SETTINGS.local);
    const out = await runCli(['scan', '--home', home, '--now', '2026-12-03T00:00:00Z']);
    expect(out.stdout).toMatch(/, 0 prompts \(0 exact, 0 inferred\), 0 denials,/);
    expect(out.stdout).toMatch(
      /^sessions: 0 interactive calls; 15 headless calls, 7 refused unasked \(would have prompted\)$/m,
    );
    expect(out.stdout).toMatch(
      /^decisions: 15 from the transcript's permissionDecision, 0 "don't ask again"$/m,
    );
  });
});

describe('the headless run as an older client wrote it (entrypoint, no permissionDecision)', () => {
  it('with its hook spool: a PermissionRequest in -p is no prompt, a refusal no denial', async () => {
    const { home, hookLines } = recordedHome('2.1.328-headless', HEADLESS_SETTINGS.local);
    const dir = path.join(home, '.claude', 'projects');
    const strip = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const f = path.join(d, e.name);
        if (e.isDirectory()) strip(f);
        else if (e.name.endsWith('.jsonl')) {
          const lines = readFileSync(f, 'utf8')
            .split('\n')
            .filter((l) => l !== '');
          writeFileSync(
            f,
            `${lines
              .map((l) => {
                const r = JSON.parse(l) as Record<string, unknown>;
                delete r.permissionDecision;
                return JSON.stringify(r);
              })
              .join('\n')}\n`,
          );
        }
      }
    };
    strip(dir);
    await scan(home);
    writeFileSync(
      path.join(home, '.local', 'state', 'clearance', 'hook-spool.jsonl'),
      hookLines.map((l) => `${l}\n`).join(''),
    );
    const out = await scan(home);
    expect(out).toMatchObject({ prompts: 0, denials: 0, headlessCalls: 15 });
  });
});

describe('an auto-mode run recorded from the real client (classifier out of reach offline)', () => {
  it('records the mode of every call; refusals for want of the classifier are no denials', async () => {
    const { home } = recordedHome('2.1.328-auto', AUTO_SETTINGS.local);
    const out = await scan(home);
    const got = query<{ id: string; mode: string; outcome: string; kind: string }>(
      home,
      'SELECT id, permission_mode AS mode, outcome, decision_kind AS kind FROM tool_calls ORDER BY id',
    );
    expect(new Set(got.map((r) => r.mode))).toEqual(new Set(['auto']));
    expect(Object.fromEntries(got.map((r) => [r.id, [r.outcome, r.kind]]))).toEqual({
      toolu_a_cargo: ['success', 'rule-allow'],
      toolu_a_deploy: ['mode-denied', 'classifier-unavailable'],
      toolu_a_make: ['success', 'config-allow'],
      toolu_a_npm: ['mode-denied', 'classifier-unavailable'],
      toolu_a_npmtest: ['success', 'rule-allow'],
      toolu_a_npx: ['mode-denied', 'classifier-unavailable'],
      toolu_a_outside: ['mode-denied', 'classifier-unavailable'],
      toolu_a_pnpm: ['success', 'config-allow'],
      toolu_a_python: ['mode-denied', 'classifier-unavailable'],
      toolu_a_status: ['success', 'config-allow'],
      toolu_a_write: ['success', 'config-allow'],
    });
    expect(out).toMatchObject({ prompts: 0, denials: 0, unknownDecisions: 0 });
  });

  it('the rules the client kept in auto mode are those clearance says survive it', () => {
    const recording = recordedSession('2.1.328-auto');
    const ruleFor: Record<string, string> = {
      toolu_a_npm: 'Bash(npm run *)',
      toolu_a_python: 'Bash(python3 *)',
      toolu_a_npx: 'Bash(npx *)',
      toolu_a_pnpm: 'Bash(pnpm run lint *)',
      toolu_a_cargo: 'Bash(cargo test)',
      toolu_a_npmtest: 'Bash(npm test)',
      toolu_a_make: 'Bash(make build *)',
    };
    for (const [id, rule] of Object.entries(ruleFor)) {
      const call = recording.calls.find((c) => c.id === id)!;
      const keptByClient = call.permissionDecision?.decision === 'accept';
      expect([rule, survivesAutoMode(rule)]).toEqual([rule, keptByClient]);
    }
  });
});
