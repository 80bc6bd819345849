import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { loadAnsweredCalls, seenUnpromptedCommands } from '../../src/store/learning-repo.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-02-01T10:00:00Z');

function store() {
  const db = openDb(':memory:');
  const call = db.prepare(
    `INSERT INTO tool_calls (id, session_id, ts, cwd, project, version, tool, input_json, command, prompted, prompted_basis, answer)
     VALUES (?, ?, ?, '/p', '/p', '2.1.38', 'Bash', '{}', ?, ?, ?, ?)`,
  );
  const segment = db.prepare(
    `INSERT INTO segments (call_id, idx, program, subcommand, text, argv_json) VALUES (?, 0, ?, ?, ?, ?)`,
  );
  const hook = db.prepare(
    `INSERT INTO hook_events (ts, event, session_id, tool_use_id) VALUES (?, ?, 's1', ?)`,
  );
  const add = (
    id: string,
    ts: number,
    command: string,
    answer: string,
    basis: string,
    prompted = 1,
  ): void => {
    call.run(id, 's1', ts, command, prompted, basis, answer);
    const argv = command.split(' ');
    segment.run(id, argv[0], argv[1] ?? '', command, JSON.stringify(argv));
  };
  // three identical approvals on one day fold into one call of count 3
  add('a1', T0, 'cargo test', 'approved', 'inferred');
  add('a2', T0 + 60_000, 'cargo test', 'approved', 'inferred');
  add('a3', T0 + 120_000, 'cargo test', 'approved', 'inferred');
  add('a4', T0 + DAY, 'cargo test', 'approved', 'inferred');
  // a refusal the hook saw prompted, and a batch sibling the hook saw start but never prompt
  add('d1', T0, 'kill 1', 'denied', 'hook');
  hook.run(T0, 'PreToolUse', 'd1');
  hook.run(T0, 'PermissionRequest', 'd1');
  add('d2', T0 + 1, 'cargo build', 'denied', 'transcript');
  hook.run(T0 + 1, 'PreToolUse', 'd2');
  // a refusal without any hook data stays a refusal
  add('d3', T0 + 2, 'make deploy', 'denied', 'transcript');
  add('n1', T0, 'cargo test --doc', 'not-prompted', 'inferred', 0);
  return db;
}

describe('learning repo', () => {
  const db = store();
  const calls = loadAnsweredCalls(db);

  it('folds identical calls of one session and day, keeping the count', () => {
    expect(calls.filter((c) => c.target === 'cargo test').map((c) => c.count)).toEqual([3, 1]);
  });

  it('drops batch siblings of a refused call, keeps real refusals', () => {
    expect(calls.filter((c) => c.answer === 'denied').map((c) => c.target)).toEqual([
      'kill 1',
      'make deploy',
    ]);
  });

  it('loads the segments of each call', () => {
    expect(calls.find((c) => c.target === 'kill 1')?.segments.map((s) => [s.program, s.argv])).toEqual([
      ['kill', ['kill', '1']],
    ]);
  });

  it('respects the time window', () => {
    expect(loadAnsweredCalls(db, { until: T0 + DAY - 1 }).reduce((n, c) => n + (c.count ?? 1), 0)).toBe(5);
  });

  it('lists the commands seen for a program', () => {
    expect(
      seenUnpromptedCommands(db, 'cargo')
        .map((s) => s.text)
        .sort(),
    ).toEqual(['cargo build', 'cargo test', 'cargo test --doc']);
  });
});
