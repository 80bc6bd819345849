import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
    for (const event of ['PermissionRequest', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure']) {
      expect(settings.hooks[event]!.at(-1)).toMatchObject({
        matcher: '*',
        hooks: [{ type: 'command', command: expect.stringMatching(/clearance(\.js)? hook$/) }],
      });
    }
    expect(readdirSync(path.dirname(file)).some((f) => f.startsWith('settings.json.clearance-backup-'))).toBe(
      true,
    );
  });

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
    expect(Object.keys(read(file).hooks)).toEqual([
      'PermissionRequest',
      'PreToolUse',
      'PostToolUse',
      'PostToolUseFailure',
    ]);
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
