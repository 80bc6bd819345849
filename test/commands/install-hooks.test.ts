import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

function home(settings?: string): { home: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clearance-ih-'));
  const file = path.join(dir, '.claude', 'settings.json');
  if (settings !== undefined) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, settings);
  }
  return { home: dir, file };
}

const EXISTING = {
  model: 'opus',
  permissions: { allow: ['Bash(npm test *)'] },
  hooks: {
    PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: '~/bin/guard.sh' }] }],
    Stop: [{ hooks: [{ type: 'command', command: 'notify-send done' }] }],
  },
};

interface Settings {
  model?: string;
  permissions?: unknown;
  hooks: Record<string, unknown[]>;
}
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Settings;

describe('install-hooks', () => {
  it('adds one entry per event and keeps every other key and hook', async () => {
    const { home: h, file } = home(JSON.stringify(EXISTING));
    expect((await runCli(['install-hooks', '--home', h])).code).toBe(0);
    const settings = read(file);
    expect(settings.model).toBe('opus');
    expect(settings.permissions).toEqual(EXISTING.permissions);
    expect(settings.hooks.Stop).toEqual(EXISTING.hooks.Stop);
    expect(settings.hooks.PreToolUse![0]).toEqual(EXISTING.hooks.PreToolUse[0]);
    const script = path.join(h, '.local', 'state', 'clearance', 'hook.sh');
    for (const event of ['PermissionRequest', 'PreToolUse']) {
      expect(settings.hooks[event]!.at(-1)).toEqual({
        matcher: '*',
        hooks: [{ type: 'command', command: script }],
      });
    }
    // the transcript says whether a call ran: no hook after it
    expect(settings.hooks.PostToolUse).toBeUndefined();
    expect(statSync(script).mode & 0o111).not.toBe(0);
  });

  it("keeps its backup in clearance's state dir, not in ~/.claude, and says what the hook costs", async () => {
    const { home: h, file } = home(JSON.stringify(EXISTING));
    const result = await runCli(['install-hooks', '--home', h]);
    expect(readdirSync(path.dirname(file))).toEqual(['settings.json']);
    const backups = path.join(h, '.local', 'state', 'clearance', 'backups', 'install-hooks');
    const [backup] = readdirSync(backups);
    expect(readFileSync(path.join(backups, backup ?? ''), 'utf8')).toBe(JSON.stringify(EXISTING));
    expect(result.stdout).toMatch(/the hook adds about [\d.]+ ms per hooked event here/);
  });

  it('replaces the Node hook of an older install on all four events', async () => {
    const old = { type: 'command', command: '/opt/clearance/bin/clearance.js hook' };
    const events = ['PermissionRequest', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure'];
    const { home: h, file } = home(
      JSON.stringify({ hooks: Object.fromEntries(events.map((e) => [e, [{ matcher: '*', hooks: [old] }]])) }),
    );
    await runCli(['install-hooks', '--home', h]);
    expect(Object.keys(read(file).hooks)).toEqual(['PermissionRequest', 'PreToolUse']);
    expect(JSON.stringify(read(file))).not.toContain('clearance.js hook');
  });

  it('the installed hook keeps one event per file, written whole, and exits 0 with no output', () => {
    const { home: h } = home();
    return runCli(['install-hooks', '--home', h]).then(() => {
      const script = path.join(h, '.local', 'state', 'clearance', 'hook.sh');
      const spool = path.join(h, '.local', 'state', 'clearance', 'hook-spool');
      const payload = JSON.stringify({ hook_event_name: 'PreToolUse', tool_input: { command: 'ls' } });
      for (let i = 0; i < 3; i++) {
        const run = spawnSync(script, [], { input: payload });
        expect([run.status, run.stdout.toString(), run.stderr.toString()]).toEqual([0, '', '']);
      }
      const files = readdirSync(spool);
      expect(files).toHaveLength(3);
      for (const f of files) expect(readFileSync(path.join(spool, f), 'utf8')).toBe(payload);
    });
  });
});

describe('install-hooks (continued)', () => {
  it('is idempotent', async () => {
    const { home: h, file } = home(JSON.stringify(EXISTING));
    await runCli(['install-hooks', '--home', h]);
    const once = readFileSync(file, 'utf8');
    const again = await runCli(['install-hooks', '--home', h]);
    expect(readFileSync(file, 'utf8')).toBe(once);
    expect(again.stdout).toContain('already installed');
  });

  it('--remove takes out only ours', async () => {
    const { home: h, file } = home(JSON.stringify(EXISTING));
    await runCli(['install-hooks', '--home', h]);
    await runCli(['install-hooks', '--remove', '--home', h]);
    expect(read(file)).toEqual(EXISTING);
  });

  it('creates the settings file when there is none', async () => {
    const { home: h, file } = home();
    await runCli(['install-hooks', '--home', h]);
    expect(Object.keys(read(file).hooks)).toEqual(['PermissionRequest', 'PreToolUse']);
  });

  it('refuses malformed JSON with one line naming the file', async () => {
    const { home: h, file } = home('{ "model": ');
    const result = await runCli(['install-hooks', '--home', h]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('{ "model": ');
    expect(existsSync(`${file}.bak`)).toBe(false);
  });
});
