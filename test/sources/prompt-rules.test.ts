// The rules a prompt offers (hook `permission_suggestions` and the dialog's "don't ask again"),
// checked against what the real client 2.1.328 showed and saved (test/fixtures/real-client/).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialogRules } from '../../src/core/permission-decision.js';
import { offeredRules } from '../../src/sources/hook-spool.js';
import { recordedHome, recordedSession } from '../helpers/recorded-home.js';
import { query, scan } from './transcript-helpers.js';

describe('the rule the dialog saves', () => {
  it('matches every rule the recorded "don\'t ask again" answers saved, and the prompt screens', () => {
    const recording = recordedSession('2.1.328-interactive') as ReturnType<typeof recordedSession> & {
      prompts: string[];
    };
    const saved = (recording.localSettingsAfter as { permissions: { allow: string[] } }).permissions.allow;
    const always: Record<string, string> = {
      toolu_i_always: 'npm run build',
      toolu_i_makec: 'make -C sub',
      toolu_i_three: 'npm test && node -e 1 && touch q',
    };
    expect(Object.values(always).flatMap(dialogRules)).toEqual(saved);
    // each Bash prompt screen names the rule its option 2 saves (one command: "for: <rule>")
    let checked = 0;
    for (const screen of recording.prompts) {
      const offered = /don.t ask again for: (.+?)\s*(?:│|$)/m.exec(screen)?.[1];
      const command = /^ {1,2}⎿ {2}\$ (.+)$/m.exec(screen)?.[1];
      if (!offered || !command) continue;
      expect([command, dialogRules(command)]).toEqual([command, [`Bash(${offered.trim()})`]]);
      checked += 1;
    }
    expect(checked).toBe(6);
  });

  it('drops session-only suggestions', () => {
    expect(
      offeredRules([
        {
          type: 'addRules',
          rules: [{ toolName: 'Read', ruleContent: '//etc/**' }],
          behavior: 'allow',
          destination: 'session',
        },
        { type: 'setMode', mode: 'acceptEdits', destination: 'session' },
        {
          type: 'addRules',
          rules: [{ toolName: 'Bash', ruleContent: 'make lint *' }],
          behavior: 'allow',
          destination: 'localSettings',
        },
      ]),
    ).toEqual(['Bash(make lint *)']);
  });

  it('stores the hook suggestion and the dialog rule when they differ (a raw hook spool)', async () => {
    const recording = recordedSession('2.1.328-interactive');
    const { home, hookLines } = recordedHome('2.1.328-interactive', recording.localSettingsAfter);
    // a spool as a plain shell hook writes it: hook stdin, one event a line
    const spool = path.join(home, '.local', 'state', 'clearance', 'hook-spool.jsonl');
    await scan(home);
    writeFileSync(spool, hookLines.map((l) => `${l}\n`).join(''));
    await scan(home);
    const offered = Object.fromEntries(
      query<{ id: string; rules: string }>(
        home,
        "SELECT id, offered_rules_json AS rules FROM tool_calls WHERE prompted = 1 AND answer = 'approved' ORDER BY id",
      ).map((r) => [r.id, JSON.parse(r.rules) as string[]]),
    );
    expect(offered).toEqual({
      toolu_i_always: ['Bash(npm run *)'],
      toolu_i_makec: ['Bash(make -C sub)', 'Bash(make *)'],
      toolu_i_three: ['Bash(npm test *)', 'Bash(node -e 1)', 'Bash(touch q *)'],
      // the Write prompt suggested only a session-wide mode switch: nothing to keep
      toolu_i_write: [],
      toolu_i_yes: ['Bash(make build *)'],
    });
  });
});
