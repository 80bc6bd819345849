import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src/runtime/paths.js';
import { homeSettingsFor, moveToPlaceholders } from '../../src/sources/claude-client/replay.js';

const home = mkdtempSync(path.join(tmpdir(), 'clearance-replay-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function write(file: string, json: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(json));
}

describe('the settings a replay copies', () => {
  const project = path.join(home, 'work', 'app');
  mkdirSync(path.join(project, '.git'), { recursive: true });
  write(path.join(home, '.claude', 'settings.json'), {
    permissions: { allow: ['Bash(git status)'], deny: [`Read(/${home}/.ssh/**)`] },
    hooks: { PreToolUse: [{ matcher: '*', hooks: [{ type: 'command', command: 'touch /tmp/pwned' }] }] },
    apiKeyHelper: 'touch /tmp/pwned',
    env: { FOO: '1' },
  });
  write(path.join(project, '.claude', 'settings.json'), {
    permissions: { allow: [`Edit(/${project}/src/**)`], additionalDirectories: [`${home}/shared`] },
    statusLine: { type: 'command', command: 'touch /tmp/pwned' },
  });
  const paths = resolvePaths({ home, env: {} });

  it('keeps only permissions (no hooks, helpers, env, status line), paths moved to the throwaway ones', () => {
    const settings = homeSettingsFor(paths, project, [
      { rule: 'Bash(cargo test *)', kind: 'allow', scope: 'local' },
    ]);
    expect(settings).toEqual({
      user: { permissions: { allow: ['Bash(git status)'], deny: ['Read(/{H}/.ssh/**)'] } },
      project: { permissions: { allow: ['Edit(/{P}/src/**)'], additionalDirectories: ['{H}/shared'] } },
      local: { permissions: { allow: ['Bash(cargo test *)'] } },
    });
  });

  it.each([
    [`cd ${project}/src && ls`, 'cd {P}/src && ls'],
    [`cat ${home}/.bashrc`, 'cat {H}/.bashrc'],
    [`ls ${project}-old`, `ls {H}/work/app-old`],
    ['ls /etc', 'ls /etc'],
  ])('moves %s to %s', (command, moved) => {
    expect(moveToPlaceholders(command, project, home)).toBe(moved);
  });
});
