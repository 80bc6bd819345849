// Secrets never reach the store, the UI or a file: every secret form of issue 13 is planted in
// realistic transcripts (approved often enough to become proposals, and refused once), then
// scan, suggest (JSON and text), apply --dry-run, apply --yes and the dashboard's plain summary
// run over them. No planted secret may appear in any output, in any table of the database, in the
// raw bytes of the database and its WAL, or in any file clearance wrote.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED } from '../helpers/planted-secrets.js';
import { runCli } from '../helpers/run-cli.js';
import { HomeBuilder } from '../helpers/transcript-builder.js';
import type { CallSpec } from '../helpers/transcript-builder.js';

const NOW = '2026-03-01T12:00:00Z';
const DAY = 86_400_000;
// secrets the user wrote into their own settings: rules (that hygiene proposes to remove) and env
const IN_SETTINGS = [
  { form: 'hand-written mysql rule', secret: 'RuleMyPw99' },
  { form: 'hand-written sshpass rule', secret: 'RuleSshPw55' },
  { form: 'settings env block', secret: 'EnvBlockPw77' },
];
// secrets in the inputs of other tools
const OTHER_TOOLS = [
  { form: 'MCP input password', secret: 'McpPw61' },
  { form: 'MCP input header', secret: 'McpBearer62' },
  { form: 'WebFetch URL token', secret: 'UrlTok63abc' },
];
const SECRETS = [
  ...PLANTED.flatMap((p) => p.secrets.map((secret) => ({ form: p.form, secret }))),
  ...IN_SETTINGS,
  ...OTHER_TOOLS,
];

const root = mkdtempSync(path.join(tmpdir(), 'clearance-leak-'));
const home = path.join(root, 'home');
const db = path.join(root, 'state.db');
const outputs: { name: string; text: string }[] = [];

/** Every planted secret found in `text`, as `form: secret`. */
function leaks(text: string, secrets = SECRETS): string[] {
  return secrets
    .filter(({ secret }) => text.includes(secret))
    .map(({ form, secret }) => `${form}: ${secret}`);
}

function filesUnder(dir: string, skip: string[]): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (skip.includes(file)) return [];
    return statSync(file).isDirectory() ? filesUnder(file, skip) : [file];
  });
}

beforeAll(async () => {
  const b = new HomeBuilder(home);
  const app = b.project('app');
  const ops = b.project('ops');
  // half the secret commands approved in four sessions on four days in two projects (allow
  // proposals), the other half refused in three sessions (deny proposals): both show examples
  const approved = PLANTED.filter((_, i) => i % 2 === 0);
  const refused = PLANTED.filter((_, i) => i % 2 === 1);
  for (let day = 0; day < 4; day++) {
    const calls: CallSpec[] = approved.flatMap((p) => [
      { command: p.command, answer: 'approve' as const },
      { command: p.command, answer: 'approve' as const },
    ]);
    if (day < 3) calls.push(...refused.map((p) => ({ command: p.command, answer: 'deny' as const })));
    calls.push({ command: 'cargo test', answer: 'approve' });
    calls.push({
      tool: 'mcp__db__query',
      input: { sql: 'select 1', password: 'McpPw61', headers: { Authorization: 'Bearer McpBearer62' } },
      answer: 'approve',
    });
    calls.push({
      tool: 'WebFetch',
      input: { url: 'https://api.example.com/v1?token=UrlTok63abc' },
      answer: 'approve',
    });
    b.session(day % 2 === 0 ? app : ops, new Date(Date.parse(NOW) - (day + 1) * DAY), calls);
  }
  const file = path.join(app, '.claude', 'settings.local.json');
  b.settings(file, {
    allow: ['Bash(mysql -uroot -pRuleMyPw99 app)', 'Bash(sshpass -p RuleSshPw55 ssh -p 2222 db1)'],
  });
  const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ env: { DB_PASSWORD: 'EnvBlockPw77' }, ...settings }, null, 2)}\n`);
  // the shell history too (read by the scan for usage)
  writeFileSync(
    path.join(home, '.bash_history'),
    `${PLANTED.map((p) => p.command.replace(/\n/g, ' ')).join('\n')}\n`,
  );
  const base = ['--home', home, '--db', db, '--now', NOW];
  // the hook spool too: each command as a PermissionRequest (with the client's suggested rule)
  // and as a failed call whose error line echoes it
  for (const [i, p] of PLANTED.entries()) {
    const common = {
      session_id: `hook-${i}`,
      cwd: app,
      tool_name: 'Bash',
      tool_input: { command: p.command },
    };
    const payloads = [
      {
        ...common,
        hook_event_name: 'PermissionRequest',
        permission_suggestions: [
          { type: 'addRules', behavior: 'allow', rules: [{ toolName: 'Bash', ruleContent: p.command }] },
        ],
      },
      { ...common, hook_event_name: 'PostToolUseFailure', error: `command failed: ${p.command}` },
    ];
    for (const payload of payloads) {
      const result = await runCli(['hook', '--home', home], { stdin: JSON.stringify(payload) });
      outputs.push({ name: 'hook', text: `${result.stdout}\n${result.stderr}` });
    }
  }
  const run = async (name: string, argv: string[]): Promise<void> => {
    const result = await runCli([...argv, ...base]);
    outputs.push({ name, text: `${result.stdout}\n${result.stderr}` });
  };
  await run('scan', ['scan']);
  await run('suggest --json', ['suggest', '--json']);
  await run('suggest', ['suggest']);
  await run('apply --dry-run', ['apply', '--dry-run', '--include-cleanup', '--min-confidence', '0']);
  await run('dashboard (plain)', ['dashboard']);
  await run('apply --yes', ['apply', '--yes', '--include-cleanup', '--min-confidence', '0']);
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('planted secrets never leak', () => {
  it('the runs learned from the planted commands (the test is not vacuous)', () => {
    const json = outputs.find((o) => o.name === 'suggest --json')?.text ?? '';
    expect(json).toContain('__REDACTED__');
    // hygiene proposed removing the hand-written rules, and apply took them out
    expect(json).toContain('Bash(mysql -uroot -p__REDACTED__ app)');
    const after = readFileSync(path.join(home, 'work', 'app', '.claude', 'settings.local.json'), 'utf8');
    expect(after).not.toContain('RuleMyPw99');
    // every source stored something: transcripts, the hook spool, the shell history
    const sqlite = new Database(db, { readonly: true });
    const count = (table: string): number =>
      (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const counts = {
      calls: count('tool_calls'),
      hooks: count('hook_events'),
      history: count('shell_history'),
    };
    sqlite.close();
    expect(counts.calls).toBeGreaterThanOrEqual(PLANTED.length * 3);
    expect(counts.hooks).toBe(PLANTED.length * 2);
    expect(counts.history).toBeGreaterThanOrEqual(PLANTED.length);
  });

  it.each([
    'hook',
    'scan',
    'suggest --json',
    'suggest',
    'apply --dry-run',
    'dashboard (plain)',
    'apply --yes',
  ])('output of %s', (name) => {
    const found = outputs.filter((o) => o.name === name);
    expect(found.length).toBeGreaterThan(0);
    expect(found.flatMap((o) => leaks(o.text))).toEqual([]);
  });

  it('every row of every table of the database', () => {
    const sqlite = new Database(db, { readonly: true });
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    const found: string[] = [];
    for (const { name } of tables) {
      for (const row of sqlite.prepare(`SELECT * FROM "${name}"`).iterate()) {
        const text = JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : v));
        found.push(...leaks(text).map((l) => `${name}: ${l}`));
      }
    }
    sqlite.close();
    expect(found).toEqual([]);
  });

  it('the raw bytes of the database file, its WAL and every file clearance wrote', () => {
    const transcripts = path.join(home, '.claude', 'projects');
    // the planted inputs themselves: the transcripts and the shell history
    const files = filesUnder(root, [transcripts, path.join(home, '.bash_history')]);
    expect(files).toContain(db);
    // the user's own settings files (and their backups, for undo) hold what the user wrote there
    const usersOwn = (file: string): boolean =>
      path.basename(file).startsWith('settings') || file.split(path.sep).includes('backups');
    const notInSettings = SECRETS.filter((s) => !IN_SETTINGS.includes(s));
    const found = files.flatMap((file) =>
      leaks(readFileSync(file).toString('latin1'), usersOwn(file) ? notInSettings : SECRETS).map(
        (l) => `${path.relative(root, file)}: ${l}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
