import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spoolRecord, suggestedRules } from '../../src/commands/hook.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'clearance.js');

const PRE = {
  session_id: 's1',
  transcript_path: '/h/.claude/projects/x/s1.jsonl',
  cwd: '/work/app',
  permission_mode: 'default',
  hook_event_name: 'PreToolUse',
  tool_name: 'Bash',
  tool_input: { command: 'PGPASSWORD=hunter2xyz psql -c "select 1"', description: 'query' },
  tool_use_id: 'toolu_01',
};

function runHook(input: string | Buffer | null): {
  status: number | null;
  stdout: string;
  stderr: string;
  spool: string[];
} {
  const home = mkdtempSync(path.join(os.tmpdir(), 'clearance-hook-'));
  const result = spawnSync(process.execPath, [BIN, 'hook', '--home', home], {
    input: input ?? undefined,
    stdio: [input === null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: home },
  });
  const spoolFile = path.join(home, '.local', 'state', 'clearance', 'hook-spool.jsonl');
  const spool = existsSync(spoolFile) ? readFileSync(spoolFile, 'utf8').split('\n').filter(Boolean) : [];
  return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString(), spool };
}

describe('clearance hook (built bin)', () => {
  beforeAll(() => {
    // the bin runs dist/: build it when this checkout has none yet
    if (!existsSync(path.join(ROOT, 'dist', 'src', 'commands', 'hook.js'))) {
      spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
    }
  });

  it.each([
    ['a PreToolUse payload', JSON.stringify(PRE)],
    ['empty stdin', ''],
    ['junk bytes', Buffer.from([0xff, 0x00, 0xfe, 0x7b, 0x22])],
    ['a 3 MB payload', JSON.stringify({ ...PRE, tool_input: { command: 'x'.repeat(3 * 1024 * 1024) } })],
    ['closed stdin', null],
  ] as const)('%s: exits 0, prints nothing, appends one line', (_name, input) => {
    const result = runHook(input);
    expect(result).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(result.spool).toHaveLength(1);
  });

  it('stores the event redacted', () => {
    const [line] = runHook(JSON.stringify(PRE)).spool;
    expect(line).not.toContain('hunter2xyz');
    expect(JSON.parse(line!)).toMatchObject({
      event: 'PreToolUse',
      session_id: 's1',
      tool_use_id: 'toolu_01',
      tool_input: { command: 'PGPASSWORD=__REDACTED__ psql -c "select 1"' },
    });
  });
});

describe('spool records', () => {
  it('turns permission_suggestions into rule strings', () => {
    expect(
      suggestedRules([
        {
          type: 'addRules',
          rules: [{ toolName: 'Bash', ruleContent: 'npm test *' }],
          behavior: 'allow',
          destination: 'localSettings',
        },
        {
          type: 'addRules',
          rules: [{ toolName: 'WebSearch' }],
          behavior: 'allow',
          destination: 'localSettings',
        },
        { type: 'setMode', mode: 'acceptEdits' },
      ]),
    ).toEqual(['Bash(npm test *)', 'WebSearch']);
  });

  it.each([
    ['not JSON', 'nope'],
    ['a JSON array', '[1,2]'],
  ])('records %s as an invalid event', (_name, raw) => {
    expect(spoolRecord(Buffer.from(raw), 5)).toEqual({ ts: 5, event: 'invalid', bytes: raw.length });
  });

  it('drops tool outputs', () => {
    const record = spoolRecord(
      Buffer.from(
        JSON.stringify({
          ...PRE,
          hook_event_name: 'PostToolUse',
          tool_response: { stdout: 'big secret output' },
        }),
      ),
      1,
    );
    expect(JSON.stringify(record)).not.toContain('big secret output');
  });
});
