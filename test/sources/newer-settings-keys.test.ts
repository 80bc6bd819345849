// Settings keys of newer clients (reference real-client.md §5): respected by the inference, kept
// byte for byte by the writer, never written by clearance.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editSettingsText } from '../../src/core/settings-edit.js';
import { makeHome, prompt, query, scan, toolResult, toolUse, writeLines } from './transcript-helpers.js';

const NEWER = `{
  "permissions": {
    "allow": [
      "Bash(npm test)"
    ],
    "denyInsteadOfPrompting": false,
    "blockReadsOutsideWorkingDirectories": true,
    "blockWritesOutsideWorkingDirectories": true
  },
  "autoMode": {
    "allow": ["running the test suite"],
    "soft_deny": ["pushing to main"],
    "hard_deny": ["deleting the home directory"],
    "environment": ["a throwaway VM"]
  },
  "hooks": {
    "PreToolUse": [{ "matcher": "*", "hooks": [{ "type": "command", "command": "true", "onFailure": "block" }] }]
  }
}
`;

describe('settings keys of newer clients', () => {
  it('the writer changes only the rule list, every other byte stays', () => {
    const out = editSettingsText(NEWER, [{ op: 'add', list: 'allow', rule: 'Bash(cargo test *)' }]);
    const text = out.text ?? '';
    expect(text).toBe(NEWER.replace('"Bash(npm test)"\n', '"Bash(npm test)",\n      "Bash(cargo test *)"\n'));
  });

  it.each([
    ['no switch', {}, { make: 1, write: 1 }],
    ['denyInsteadOfPrompting', { denyInsteadOfPrompting: true }, { make: 0, write: 0 }],
    [
      'blockWritesOutsideWorkingDirectories',
      { blockWritesOutsideWorkingDirectories: true },
      { make: 1, write: 0 },
    ],
  ])('%s: calls that would prompt are judged as refused unasked', async (_name, switches, expected) => {
    const { home, project, file } = makeHome();
    mkdirSync(path.join(project, '.claude'), { recursive: true });
    writeFileSync(
      path.join(project, '.claude', 'settings.local.json'),
      JSON.stringify({ permissions: { allow: [], ...switches } }),
    );
    writeLines(file, [
      prompt('default', { cwd: project }),
      toolUse('toolu_make', 'Bash', { command: 'make deploy' }, { cwd: project }),
      toolResult('toolu_make', 'ok'),
      toolUse(
        'toolu_write',
        'Write',
        { file_path: path.join(home, 'elsewhere', 'x.txt'), content: 'x' },
        { cwd: project },
      ),
      toolResult('toolu_write', 'ok'),
    ]);
    await scan(home);
    const inferred = Object.fromEntries(
      query<{ id: string; p: number }>(home, 'SELECT id, inferred_prompted AS p FROM tool_calls').map((r) => [
        r.id.replace('toolu_', ''),
        r.p,
      ]),
    );
    expect(inferred).toEqual(expected);
  });
});
