import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spoolRecord } from '../../src/commands/hook.js';
import { runCli } from '../helpers/run-cli.js';
import {
  SESSION,
  makeHome,
  query,
  scan,
  toolResult,
  toolUse,
  writeLines,
  prompt,
} from './transcript-helpers.js';

const REJECT =
  "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP";

function spoolLine(ts: number, payload: Record<string, unknown>): string {
  return JSON.stringify(
    spoolRecord(Buffer.from(JSON.stringify({ session_id: SESSION, cwd: '/w', ...payload })), ts),
  );
}

function writeSpool(home: string, lines: string[]): void {
  const file = path.join(home, '.local', 'state', 'clearance', 'hook-spool.jsonl');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
}

const SUGGEST = [
  {
    type: 'addRules',
    rules: [{ toolName: 'Bash', ruleContent: 'npm test *' }],
    behavior: 'allow',
    destination: 'localSettings',
  },
];

describe('hook spool correlation', () => {
  const setup = async () => {
    const { home, project, file } = makeHome();
    const test = { command: 'npm test' };
    const push = { command: 'git push --force' };
    const status = { command: 'git status' };
    writeLines(file, [
      prompt('default', { cwd: project }),
      toolUse('toolu_T', 'Bash', test, { cwd: project }),
      toolResult('toolu_T', 'ok'),
      toolUse('toolu_P', 'Bash', push, { cwd: project }),
      toolResult('toolu_P', REJECT, { isError: true }),
      toolUse('toolu_S', 'Bash', status, { cwd: project }),
      toolResult('toolu_S', 'clean'),
    ]);
    writeSpool(home, [
      spoolLine(1, {
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: test,
        tool_use_id: 'toolu_T',
      }),
      spoolLine(2, {
        hook_event_name: 'PermissionRequest',
        tool_name: 'Bash',
        tool_input: test,
        permission_suggestions: SUGGEST,
      }),
      spoolLine(3, {
        hook_event_name: 'PostToolUse',
        tool_name: 'Bash',
        tool_input: test,
        tool_use_id: 'toolu_T',
      }),
      spoolLine(4, {
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: push,
        tool_use_id: 'toolu_P',
      }),
      spoolLine(5, { hook_event_name: 'PermissionRequest', tool_name: 'Bash', tool_input: push }),
      spoolLine(6, {
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: status,
        tool_use_id: 'toolu_S',
      }),
      spoolLine(7, {
        hook_event_name: 'PostToolUse',
        tool_name: 'Bash',
        tool_input: status,
        tool_use_id: 'toolu_S',
      }),
      'not json at all',
    ]);
    return { home, summary: await scan(home) };
  };

  it('marks prompts exactly with the offered rules and answers', async () => {
    const { home, summary } = await setup();
    expect(summary).toMatchObject({
      toolCalls: 3,
      prompts: 2,
      promptsExact: 2,
      promptsInferred: 0,
      malformed: 1,
    });
    expect(
      query(
        home,
        'SELECT id, prompted, prompted_basis AS pb, answer, answer_basis AS ab, offered_rules_json AS rules FROM tool_calls ORDER BY id',
      ),
    ).toEqual([
      { id: 'toolu_P', prompted: 1, pb: 'hook', answer: 'denied', ab: 'hook', rules: '[]' },
      { id: 'toolu_S', prompted: 0, pb: 'hook', answer: 'not-prompted', ab: 'hook', rules: '[]' },
      {
        id: 'toolu_T',
        prompted: 1,
        pb: 'hook',
        answer: 'approved',
        ab: 'hook',
        rules: '["Bash(npm test *)"]',
      },
    ]);
  });

  it('picks up spool lines appended after a scan', async () => {
    const { home } = await setup();
    const file = path.join(home, '.local', 'state', 'clearance', 'hook-spool.jsonl');
    appendFileSync(
      file,
      `${spoolLine(8, { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' }, tool_use_id: 'toolu_X' })}\n`,
    );
    await scan(home);
    expect(query(home, 'SELECT COUNT(*) AS n FROM hook_events')).toEqual([{ n: 8 }]);
  });

  it('lets OTel decisions override everything else', async () => {
    const { home } = await setup();
    const db = new Database(path.join(home, '.local', 'state', 'clearance', 'clearance.db'));
    const insert = db.prepare(
      'INSERT INTO otel_decisions (ts, session_id, tool_use_id, tool_name, decision, source) VALUES (1, ?, ?, ?, ?, ?)',
    );
    insert.run(SESSION, 'toolu_S', 'Bash', 'accept', 'user_temporary');
    insert.run(SESSION, 'toolu_T', 'Bash', 'accept', 'config');
    db.close();
    await scan(home);
    expect(
      query(
        home,
        "SELECT id, prompted, prompted_basis AS pb, answer FROM tool_calls WHERE id IN ('toolu_S', 'toolu_T') ORDER BY id",
      ),
    ).toEqual([
      { id: 'toolu_S', prompted: 1, pb: 'otel', answer: 'approved' },
      { id: 'toolu_T', prompted: 0, pb: 'otel', answer: 'not-prompted' },
    ]);
  });
});

describe('the shell hook spool dir (one file per event)', () => {
  it('gives the same exact prompt evidence as the Node hook, redacted, and empties the dir', async () => {
    const { home, project, file } = makeHome();
    const test = { command: 'PGPASSWORD=hunter2xyz npm test' };
    const status = { command: 'git status' };
    writeLines(file, [
      prompt('default', { cwd: project }),
      toolUse('toolu_T', 'Bash', test, { cwd: project }),
      toolResult('toolu_T', 'ok'),
      toolUse('toolu_S', 'Bash', status, { cwd: project }),
      toolResult('toolu_S', 'clean'),
    ]);
    expect((await runCli(['install-hooks', '--home', home])).code).toBe(0);
    const script = path.join(home, '.local', 'state', 'clearance', 'hook.sh');
    const spool = path.join(home, '.local', 'state', 'clearance', 'hook-spool');
    const events = [
      { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: test, tool_use_id: 'toolu_T' },
      {
        hook_event_name: 'PermissionRequest',
        tool_name: 'Bash',
        tool_input: test,
        permission_suggestions: SUGGEST,
      },
      { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: status, tool_use_id: 'toolu_S' },
    ];
    for (const [i, event] of events.entries()) {
      const run = spawnSync(script, [], {
        input: JSON.stringify({ session_id: SESSION, cwd: project, ...event }),
      });
      expect(run.status).toBe(0);
      // distinct mtimes, as real events a prompt apart have
      for (const f of readdirSync(spool)) utimesSync(path.join(spool, f), 1e9 + i, 1e9 + i);
    }
    const summary = await scan(home);
    expect(summary).toMatchObject({ prompts: 1, promptsExact: 1 });
    expect(
      query(
        home,
        'SELECT id, prompted, prompted_basis AS pb, offered_rules_json AS rules FROM tool_calls ORDER BY id',
      ),
    ).toEqual([
      { id: 'toolu_S', prompted: 0, pb: 'hook', rules: '[]' },
      { id: 'toolu_T', prompted: 1, pb: 'hook', rules: '["Bash(npm test *)"]' },
    ]);
    expect(JSON.stringify(query(home, 'SELECT * FROM hook_events'))).not.toContain('hunter2xyz');
    expect(readdirSync(spool)).toEqual([]);
  });
});
