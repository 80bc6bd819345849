import {
  copyFileSync,
  mkdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyResult } from '../../src/sources/transcript-reader.js';
import {
  SESSION,
  appendLines,
  dumpStore,
  makeHome,
  prompt,
  query,
  scan,
  toolResult,
  toolUse,
  writeLines,
} from './transcript-helpers.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'transcripts');
const REJECT =
  "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file).";

describe('classifyResult: every denial text of reference §2.4', () => {
  it.each([
    [
      'plain reject',
      `${REJECT} STOP what you are doing and wait for the user to tell you how to proceed.`,
      {},
      'user-rejected',
      null,
    ],
    [
      'reject with reason',
      `${REJECT} To tell you how to proceed, the user said:\nuse cargo nextest instead`,
      {},
      'user-rejected',
      'use cargo nextest instead',
    ],
    [
      'reject with reason and memory note',
      `${REJECT} To tell you how to proceed, the user said:\nnot on main\n\nNote: The user's next message may contain a correction or preference.`,
      {},
      'user-rejected',
      'not on main',
    ],
    [
      'reason only in toolUseResult',
      REJECT,
      {
        toolUseResult:
          "Error: The user doesn't want to proceed with this tool use. The user provided the following reason for the rejection: too slow",
      },
      'user-rejected',
      'too slow',
    ],
    [
      'subagent denial',
      'Permission for this tool use was denied. The tool use was rejected (eg. …). Try a different approach or report the limitation to complete your task.',
      {},
      'user-rejected',
      null,
    ],
    [
      'cancel',
      "The user doesn't want to take this action right now. STOP what you are doing and wait for the user to tell you how to proceed.",
      {},
      'cancelled',
      null,
    ],
    ['Esc on a running tool', `${REJECT} STOP what you are doing.`, { interrupted: true }, 'cancelled', null],
    ['deny rule', 'Permission to use Bash with command rm -rf / has been denied.', {}, 'rule-denied', null],
    [
      'deny rule on a directory',
      'File is in a directory that is denied by your permission settings.',
      {},
      'rule-denied',
      null,
    ],
    [
      'headless without grant',
      "Claude requested permissions to use Bash, but you haven't granted it yet.",
      {},
      'mode-denied',
      null,
    ],
    [
      'compound needing approval',
      'This Bash command contains multiple operations. The following part requires approval: rm x',
      {},
      'mode-denied',
      null,
    ],
    [
      'shell operators',
      'This command uses shell operators that require approval for safety',
      {},
      'mode-denied',
      null,
    ],
    [
      'dontAsk mode',
      "Permission to use Write has been denied because Claude Code is running in don't ask mode. …",
      {},
      'mode-denied',
      null,
    ],
    [
      'classifier',
      'Permission for this action has been denied. Reason: touches prod. …',
      {},
      'classifier-denied',
      // the classifier's reason is evidence of its own kind: kept
      'touches prod. …',
    ],
    ['toolDenialKind user-rejected', 'whatever', { denialKind: 'user-rejected' }, 'user-rejected', null],
    ['toolDenialKind permission-rule', 'whatever', { denialKind: 'permission-rule' }, 'rule-denied', null],
    [
      'toolDenialKind automode-blocked',
      'whatever',
      { denialKind: 'automode-blocked' },
      'classifier-denied',
      null,
    ],
    ['failed command', 'Exit code 1\ncat: x: No such file', { isError: true }, 'error', null],
    ['tool error', '<tool_use_error>File does not exist.</tool_use_error>', { isError: true }, 'error', null],
    ['success', 'ok', {}, 'success', null],
  ] as const)('%s', (_name, text, extra, outcome, reason) => {
    const facts = {
      text,
      isError: true,
      toolUseResult: null,
      denialKind: null,
      interrupted: false,
      ...extra,
    };
    const successFacts = outcome === 'success' ? { ...facts, isError: false } : facts;
    expect(classifyResult(successFacts)).toEqual({ outcome, reason });
  });
});

describe('transcripts on the real spotter fixtures', () => {
  const setup = async () => {
    const t = makeHome();
    copyFileSync(path.join(FIXTURES, 'spotter-short-bash-rejected.jsonl'), path.join(t.dir, 'short.jsonl'));
    copyFileSync(path.join(FIXTURES, 'spotter-tool-heavy.jsonl'), path.join(t.dir, 'heavy.jsonl'));
    const sub = path.join(t.dir, '6c2214d7-b87e-4432-8e41-22ba294ea584', 'subagents');
    mkdirSync(sub, { recursive: true });
    copyFileSync(
      path.join(FIXTURES, 'spotter-subagent-bash-errors.jsonl'),
      path.join(sub, 'agent-afc096d.jsonl'),
    );
    return { ...t, summary: await scan(t.home) };
  };

  it('stores every tool call once with its outcome', async () => {
    const { home, summary } = await setup();
    // the short fixture's Bash and Glob calls were one batch: the Glob only got a copy of the refusal
    expect(summary).toMatchObject({ files: 3, toolCalls: 56, malformed: 0, denials: 1 });
    const byOutcome = query<{ outcome: string; n: number }>(
      home,
      'SELECT outcome, COUNT(*) AS n FROM tool_calls GROUP BY outcome ORDER BY outcome',
    );
    expect(byOutcome).toEqual([
      { outcome: 'cancelled', n: 1 },
      { outcome: 'error', n: 2 },
      { outcome: 'success', n: 52 },
      { outcome: 'user-rejected', n: 1 },
    ]);
  });

  it('records the rejected Bash call with its mode, version and transcript basis', async () => {
    const { home } = await setup();
    const [row] = query<Record<string, unknown>>(
      home,
      "SELECT * FROM tool_calls WHERE id = 'toolu_0116Hyi5v8ut7Ffb7d8qV1Sc'",
    );
    expect(row).toMatchObject({
      tool: 'Bash',
      command: 'mix phx.server 2>&1 | head -80',
      version: '2.1.38',
      permission_mode: 'bypassPermissions',
      outcome: 'user-rejected',
      prompted: 1,
      prompted_basis: 'transcript',
      answer: 'denied',
      answer_basis: 'transcript',
      cwd: '/home/marco/projects/spotter',
      project: '/home/marco/projects/spotter',
    });
  });

  it('marks subagent calls as sidechain with their agent id', async () => {
    const { home } = await setup();
    expect(
      query(
        home,
        'SELECT sidechain, agent_id AS agentId, COUNT(*) AS n FROM tool_calls WHERE sidechain = 1 GROUP BY agent_id',
      ),
    ).toEqual([{ sidechain: 1, agentId: 'afc096d', n: 48 }]);
  });

  it('stores Bash segments', async () => {
    const { home } = await setup();
    const programs = query<{ program: string }>(
      home,
      'SELECT DISTINCT program FROM segments ORDER BY program',
    ).map((r) => r.program);
    expect(programs).toContain('mix');
    expect(programs).toContain('head');
  });
});

describe('incremental scans', () => {
  const base = (project: string) => [
    prompt('default', { cwd: project }),
    toolUse('toolu_A', 'Bash', { command: 'cargo test' }, { cwd: project }),
    toolResult('toolu_A', 'ok', { isError: false, cwd: project }),
  ];

  it('a second scan with nothing new reads nothing', async () => {
    const { home, project, file } = makeHome();
    writeLines(file, base(project));
    await scan(home);
    expect(await scan(home)).toMatchObject({ files: 0, lines: 0, toolCalls: 1 });
  });

  it('reads appended lines from the remembered offset and pairs a result that arrives later', async () => {
    const { home, project, file } = makeHome();
    writeLines(file, [
      ...base(project),
      toolUse('toolu_B', 'Bash', { command: 'git push --force' }, { cwd: project }),
    ]);
    expect(await scan(home)).toMatchObject({ lines: 4, toolCalls: 2 });
    appendLines(file, [toolResult('toolu_B', `${REJECT} STOP what you are doing.`, { isError: true })]);
    expect(await scan(home)).toMatchObject({ lines: 1, toolCalls: 2, denials: 1 });
    expect(query(home, "SELECT outcome, project FROM tool_calls WHERE id = 'toolu_B'")).toEqual([
      { outcome: 'user-rejected', project },
    ]);
  });

  it('leaves a half-written last line for the next scan', async () => {
    const { home, project, file } = makeHome();
    const line = toolUse('toolu_H', 'Bash', { command: 'make' }, { cwd: project });
    writeFileSync(file, `${prompt('default')}\n${line.slice(0, 40)}`);
    expect(await scan(home)).toMatchObject({ lines: 1, toolCalls: 0, malformed: 0 });
    writeFileSync(file, `${prompt('default')}\n${line}\n`);
    expect(await scan(home)).toMatchObject({ lines: 1, toolCalls: 1, malformed: 0 });
  });

  it('stores a call once when its line appears twice', async () => {
    const { home, project, file } = makeHome();
    const use = toolUse('toolu_D', 'Bash', { command: 'npm test' }, { cwd: project });
    writeLines(file, [use, use, toolResult('toolu_D', 'ok'), toolResult('toolu_D', 'ok')]);
    expect(await scan(home)).toMatchObject({ toolCalls: 1 });
  });

  it('re-reads a file that shrank', async () => {
    const { home, project, file } = makeHome();
    writeLines(file, base(project));
    await scan(home);
    truncateSync(file, 0);
    writeLines(file, [toolUse('toolu_T', 'Bash', { command: 'ls' }, { cwd: project })]);
    expect(await scan(home)).toMatchObject({ files: 1, lines: 1, toolCalls: 2 });
  });

  it('re-reads a file replaced by a new inode', async () => {
    const { home, project, file, dir } = makeHome();
    writeLines(file, base(project));
    await scan(home);
    const tmp = path.join(dir, 'tmp');
    writeLines(tmp, [...base(project), toolUse('toolu_R', 'Bash', { command: 'rg x' }, { cwd: project })]);
    renameSync(tmp, file);
    expect(await scan(home)).toMatchObject({ lines: 4, toolCalls: 2 });
  });

  it('keeps the evidence of deleted transcripts', async () => {
    const { home, project, file } = makeHome();
    writeLines(file, base(project));
    await scan(home);
    rmSync(file);
    expect(await scan(home)).toMatchObject({ toolCalls: 1 });
  });
});

describe('bad input', () => {
  it('counts junk, malformed JSON and unknown types without failing', async () => {
    const { home, project, file } = makeHome();
    writeFileSync(
      file,
      [
        '\u0000\u00ff\u00fejunk',
        '{"type":"user","message":{"content":[{"type":"tool_result", BROKEN',
        JSON.stringify({ type: 'worktree-state', tool_use: 'x' }),
        JSON.stringify({ type: 'totally-new-kind', sessionId: SESSION }),
        toolUse('toolu_J', 'Bash', { command: 'make' }, { cwd: project }),
        '',
      ].join('\n'),
    );
    expect(await scan(home)).toMatchObject({ lines: 5, malformed: 2, toolCalls: 1 });
  });

  it('reads a 2 MB tool output line without parsing it and still classifies it', async () => {
    const { home, project, file } = makeHome();
    const big = 'x'.repeat(2 * 1024 * 1024);
    writeLines(file, [
      toolUse('toolu_BIG', 'Bash', { command: 'cat big.log' }, { cwd: project }),
      toolResult('toolu_BIG', `Exit code 2\n${big}`, {
        isError: true,
        toolUseResult: { stdout: big, stderr: '', interrupted: false },
      }),
      toolUse('toolu_BIG2', 'Bash', { command: 'cat big2.log' }, { cwd: project }),
      toolResult('toolu_BIG2', `${REJECT} To tell you how to proceed, the user said:\nuse less ${big}`, {
        isError: true,
      }),
    ]);
    await scan(home);
    expect(query(home, 'SELECT id, outcome FROM tool_calls ORDER BY id')).toEqual([
      { id: 'toolu_BIG', outcome: 'error' },
      { id: 'toolu_BIG2', outcome: 'user-rejected' },
    ]);
  });

  it('reports an unreadable transcript path and carries on', async () => {
    const { home, project, file, dir } = makeHome();
    mkdirSync(path.join(dir, 'not-a-file.jsonl', 'inner'), { recursive: true });
    writeLines(file, [toolUse('toolu_U', 'Bash', { command: 'make' }, { cwd: project })]);
    const summary = await scan(home);
    expect(summary.toolCalls).toBe(1);
  });

  it('scans a home without any Claude Code directory', async () => {
    const { home, dir } = makeHome();
    rmSync(path.dirname(dir), { recursive: true });
    expect(await scan(home)).toMatchObject({ files: 0, toolCalls: 0, problems: [] });
  });

  it('reports a transcript it cannot open (dangling link) and carries on', async () => {
    const { home, project, file, dir } = makeHome();
    symlinkSync(path.join(dir, 'gone'), path.join(dir, 'dangling.jsonl'));
    writeLines(file, [toolUse('toolu_L', 'Bash', { command: 'make' }, { cwd: project })]);
    const summary = await scan(home);
    expect(summary.toolCalls).toBe(1);
    expect(summary.problems).toEqual([
      { source: path.join(dir, 'dangling.jsonl'), message: 'cannot read: ENOENT' },
    ]);
  });
});

describe('permission mode and project', () => {
  it('uses the mode in force at each call and the git root as project', async () => {
    const { home, project, file } = makeHome();
    const cwd = path.join(project, 'src');
    writeLines(file, [
      prompt('default', { cwd }),
      toolUse('toolu_1', 'Bash', { command: 'cargo build' }, { cwd }),
      JSON.stringify({ type: 'permission-mode', permissionMode: 'acceptEdits', sessionId: SESSION }),
      toolUse('toolu_2', 'Edit', { file_path: `${cwd}/a.rs`, old_string: 'a', new_string: 'b' }, { cwd }),
      prompt('bypassPermissions', { cwd }),
      toolUse('toolu_3', 'Bash', { command: 'cargo build' }, { cwd }),
    ]);
    await scan(home);
    expect(
      query(
        home,
        'SELECT id, permission_mode AS mode, project, inferred_prompted AS p FROM tool_calls ORDER BY id',
      ),
    ).toEqual([
      { id: 'toolu_1', mode: 'default', project, p: 1 },
      { id: 'toolu_2', mode: 'acceptEdits', project, p: 0 },
      { id: 'toolu_3', mode: 'bypassPermissions', project, p: 0 },
    ]);
  });

  it('infers approvals for probably-prompted calls that ran, and keeps them apart from exact ones', async () => {
    const { home, project, file } = makeHome();
    writeLines(file, [
      prompt('default', { cwd: project }),
      toolUse('toolu_ok', 'Bash', { command: 'cargo test' }, { cwd: project }),
      toolResult('toolu_ok', 'ok'),
      toolUse('toolu_no', 'Bash', { command: 'rm -rf /' }, { cwd: project }),
      toolResult('toolu_no', `${REJECT} STOP`, { isError: true }),
      toolUse('toolu_rule', 'Bash', { command: 'curl x | sh' }, { cwd: project }),
      toolResult('toolu_rule', 'Permission to use Bash with command curl x | sh has been denied.', {
        isError: true,
      }),
      toolUse('toolu_read', 'Read', { file_path: `${project}/x` }, { cwd: project }),
      toolResult('toolu_read', 'text'),
    ]);
    expect(await scan(home)).toMatchObject({ prompts: 2, promptsExact: 1, promptsInferred: 1, denials: 1 });
    expect(
      query(
        home,
        'SELECT id, prompted, prompted_basis AS pb, answer, answer_basis AS ab FROM tool_calls ORDER BY id',
      ),
    ).toEqual([
      { id: 'toolu_no', prompted: 1, pb: 'transcript', answer: 'denied', ab: 'transcript' },
      { id: 'toolu_ok', prompted: 1, pb: 'inferred', answer: 'approved', ab: 'inferred' },
      { id: 'toolu_read', prompted: 0, pb: 'inferred', answer: 'not-prompted', ab: 'inferred' },
      { id: 'toolu_rule', prompted: 0, pb: 'transcript', answer: 'not-prompted', ab: 'transcript' },
    ]);
  });
});

describe('redaction', () => {
  it('never stores a secret in any table', async () => {
    const { home, project, file } = makeHome();
    writeLines(file, [
      toolUse(
        'toolu_S1',
        'Bash',
        { command: 'PGPASSWORD=hunter2xyz psql -h db -c "select 1"' },
        { cwd: project },
      ),
      toolResult(
        'toolu_S1',
        `${REJECT} To tell you how to proceed, the user said:\nuse token ghp_abcdefghijklmnopqrstuvwxyz0123456789 instead`,
        { isError: true },
      ),
      toolUse(
        'toolu_S2',
        'Bash',
        { command: "curl -H 'Authorization: Bearer sekret-bearer-42' https://api.x" },
        { cwd: project },
      ),
      toolUse(
        'toolu_S3',
        'Write',
        { file_path: `${project}/.env`, content: 'AWS_SECRET=AKIAIOSFODNN7EXAMPLE' },
        { cwd: project },
      ),
      toolUse(
        'toolu_S4',
        'WebFetch',
        { url: 'https://x.io/?token=deadbeefdeadbeef99', prompt: 'p' },
        { cwd: project },
      ),
    ]);
    await scan(home);
    const dump = dumpStore(home);
    expect(dump).toContain('toolu_S4');
    expect(dump).not.toMatch(
      /hunter2xyz|ghp_abcdef|sekret-bearer-42|AKIAIOSFODNN7EXAMPLE|deadbeefdeadbeef99/,
    );
  });
});
