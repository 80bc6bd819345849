// Parallel batches (reference/claude-code.md §2.4): the user says No to one call of an assistant
// response and Claude Code writes the same rejection to every call of that response. Only the call
// the user refused is a denial; the others are cancelled.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spoolRecord } from '../../src/commands/hook.js';
import {
  SESSION,
  appendLines,
  makeHome,
  prompt,
  query,
  scan,
  toolResult,
  toolUse,
  writeLines,
} from './transcript-helpers.js';

const REJECT =
  "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.";
const INTERRUPT = JSON.stringify({
  type: 'user',
  sessionId: SESSION,
  message: { role: 'user', content: [{ type: 'text', text: '[Request interrupted by user for tool use]' }] },
});

interface Row {
  id: string;
  outcome: string;
  answer: string;
  prompted: number | null;
}

const calls = (home: string): Record<string, Omit<Row, 'id'>> =>
  Object.fromEntries(
    query<Row>(home, 'SELECT id, outcome, answer, prompted FROM tool_calls ORDER BY id').map((r) => [
      r.id,
      { outcome: r.outcome, answer: r.answer, prompted: r.prompted },
    ]),
  );

/** git status, rm -rf build, cargo test in one assistant response. */
function batch(project: string): { uses: string[]; results: string[] } {
  const e = { cwd: project, message: 'msg_batch' };
  return {
    uses: [
      toolUse('toolu_status', 'Bash', { command: 'git status' }, e),
      toolUse('toolu_rm', 'Bash', { command: 'rm -rf build' }, e),
      toolUse('toolu_test', 'Bash', { command: 'cargo test' }, e),
    ],
    results: [
      toolResult('toolu_status', REJECT, { isError: true, toolUseResult: 'User rejected tool use' }),
      toolResult('toolu_rm', REJECT, { isError: true, toolUseResult: 'User rejected tool use' }),
      toolResult('toolu_test', REJECT, { isError: true, toolUseResult: 'User rejected tool use' }),
      INTERRUPT,
    ],
  };
}

describe('denials in parallel batches', () => {
  it('attributes the rejection to the first call that needed a prompt, the others are cancelled', async () => {
    const { home, project, file } = makeHome();
    const { uses, results } = batch(project);
    writeLines(file, [prompt('default', { cwd: project }), ...uses, ...results]);
    const out = await scan(home);
    expect(out.denials).toBe(1);
    // git status is read-only (never prompts); cargo test came after the refusal, never asked
    expect(calls(home)).toEqual({
      toolu_rm: { outcome: 'user-rejected', answer: 'denied', prompted: 1 },
      toolu_status: { outcome: 'cancelled', answer: 'not-prompted', prompted: 0 },
      toolu_test: { outcome: 'cancelled', answer: 'unknown', prompted: 1 },
    });
  });

  it('keeps rejections of separate responses apart', async () => {
    const { home, project, file } = makeHome();
    writeLines(file, [
      prompt('default', { cwd: project }),
      toolUse('toolu_a', 'Bash', { command: 'rm -rf build' }, { cwd: project }),
      toolResult('toolu_a', REJECT, { isError: true }),
      toolUse('toolu_b', 'Bash', { command: 'cargo test' }, { cwd: project }),
      toolResult('toolu_b', REJECT, { isError: true }),
    ]);
    expect((await scan(home)).denials).toBe(2);
  });

  it('counts refusals with their own comments in one batch as separate denials', async () => {
    const { home, project, file } = makeHome();
    const e = { cwd: project, message: 'msg_batch' };
    const said = (reason: string) =>
      `${REJECT.replace(/ STOP.*$/, '')} To tell you how to proceed, the user said:\n${reason}`;
    writeLines(file, [
      prompt('default', { cwd: project }),
      toolUse('toolu_push', 'Bash', { command: 'git push --force' }, e),
      toolUse('toolu_rm', 'Bash', { command: 'rm -rf build' }, e),
      toolResult('toolu_push', said('not on main'), { isError: true }),
      toolResult('toolu_rm', said('use make clean'), { isError: true }),
    ]);
    expect((await scan(home)).denials).toBe(2);
  });

  it('re-evaluates a batch whose results arrive in a later scan', async () => {
    const { home, project, file } = makeHome();
    const { uses, results } = batch(project);
    // first scan: the calls and only the read-only call's rejection
    writeLines(file, [prompt('default', { cwd: project }), ...uses, results[0]!]);
    const first = await scan(home);
    expect(first.denials).toBe(1);
    appendLines(file, results.slice(1));
    const second = await scan(home);
    expect(second.denials).toBe(1);
    expect(calls(home)).toMatchObject({
      toolu_rm: { outcome: 'user-rejected', answer: 'denied' },
      toolu_status: { outcome: 'cancelled', answer: 'not-prompted' },
      toolu_test: { outcome: 'cancelled' },
    });
    // a scan with nothing new changes nothing
    expect((await scan(home)).denials).toBe(1);
  });

  it('follows the hook spool when it says which call was prompted', async () => {
    const { home, project, file } = makeHome();
    const { uses, results } = batch(project);
    writeLines(file, [prompt('default', { cwd: project }), ...uses, ...results]);
    const spool = path.join(home, '.local', 'state', 'clearance', 'hook-spool.jsonl');
    mkdirSync(path.dirname(spool), { recursive: true });
    const line = (ts: number, payload: Record<string, unknown>): string =>
      `${JSON.stringify(
        spoolRecord(
          Buffer.from(JSON.stringify({ session_id: SESSION, cwd: project, tool_name: 'Bash', ...payload })),
          ts,
        ),
      )}\n`;
    // every call reached PreToolUse; only cargo test got a prompt (rm -rf build was allowed then)
    writeFileSync(
      spool,
      [
        line(1, {
          hook_event_name: 'PreToolUse',
          tool_use_id: 'toolu_status',
          tool_input: { command: 'git status' },
        }),
        line(2, {
          hook_event_name: 'PreToolUse',
          tool_use_id: 'toolu_rm',
          tool_input: { command: 'rm -rf build' },
        }),
        line(3, {
          hook_event_name: 'PreToolUse',
          tool_use_id: 'toolu_test',
          tool_input: { command: 'cargo test' },
        }),
        line(4, { hook_event_name: 'PermissionRequest', tool_input: { command: 'cargo test' } }),
      ].join(''),
    );
    const out = await scan(home);
    expect(out.denials).toBe(1);
    expect(calls(home)).toMatchObject({
      toolu_test: { outcome: 'user-rejected', answer: 'denied', prompted: 1 },
      toolu_rm: { outcome: 'cancelled', answer: 'not-prompted', prompted: 0 },
      toolu_status: { outcome: 'cancelled', answer: 'not-prompted', prompted: 0 },
    });
  });

  it('follows OTel tool decisions over the inference', async () => {
    const { home, project, file } = makeHome();
    const { uses, results } = batch(project);
    writeLines(file, [prompt('default', { cwd: project }), ...uses, ...results]);
    await scan(home);
    // `clearance collect` writes otel_decisions; the next scan layers them
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(home, '.local', 'state', 'clearance', 'clearance.db'));
    db.prepare(
      `INSERT INTO otel_decisions (ts, session_id, tool_use_id, tool_name, decision, source)
       VALUES (1, ?, 'toolu_test', 'Bash', 'reject', 'user_reject')`,
    ).run(SESSION);
    db.close();
    expect((await scan(home)).denials).toBe(1);
    expect(calls(home)).toMatchObject({
      toolu_test: { outcome: 'user-rejected', answer: 'denied' },
      toolu_rm: { outcome: 'cancelled', answer: 'unknown' },
    });
  });

  it('fixes a store written before batches were tracked once it is upgraded', async () => {
    const { home, project, file } = makeHome();
    const { uses, results } = batch(project);
    writeLines(file, [prompt('default', { cwd: project }), ...uses, ...results]);
    await scan(home);
    // turn the store back into what the previous version wrote: no batch columns, every copy a denial
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(home, '.local', 'state', 'clearance', 'clearance.db'));
    db.exec(`
      DROP INDEX tool_calls_batch;
      ALTER TABLE tool_calls DROP COLUMN message_id;
      ALTER TABLE tool_calls DROP COLUMN result_outcome;
      UPDATE tool_calls SET outcome = 'user-rejected', answer = 'denied', prompted = 1;
      DELETE FROM schema_migrations WHERE id = '0103-ingest-batches';
    `);
    db.close();
    const out = await scan(home);
    expect(out).toMatchObject({ denials: 1, toolCalls: 3 });
    expect(calls(home)).toMatchObject({
      toolu_rm: { answer: 'denied' },
      toolu_test: { outcome: 'cancelled' },
    });
    // the re-read counted its lines once
    expect(query<{ lines: number }>(home, 'SELECT lines FROM files')).toEqual([{ lines: 8 }]);
  });
});
