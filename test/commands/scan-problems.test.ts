// Data problems are never silent: a malformed settings file (its rules then count for nothing, so
// more proposals appear), an unreadable transcript, junk lines. `scan` reports what `suggest`
// reports, and the dashboard backend hands the same list to the problems line.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDashboardBackend } from '../../src/app/dashboard-backend.js';
import { detachedContext } from '../../src/app/detached-context.js';
import { runCli } from '../helpers/run-cli.js';
import { makeHome, prompt, toolResult, toolUse, writeLines } from '../sources/transcript-helpers.js';

function troubledHome(): string {
  const { home, project, file } = makeHome();
  writeLines(file, [
    prompt('default', { cwd: project }),
    toolUse('toolu_1', 'Bash', { command: 'make' }, { cwd: project }),
    toolResult('toolu_1', 'ok'),
  ]);
  writeFileSync(file, '{not json\n\u0000\u0000 junk\n', { flag: 'a' });
  // a transcript that cannot be read: a link to nothing
  symlinkSync(path.join(home, 'gone.jsonl'), path.join(path.dirname(file), 'broken.jsonl'));
  mkdirSync(path.join(home, '.claude'), { recursive: true });
  writeFileSync(path.join(home, '.claude', 'settings.json'), '{ "permissions": { "allow": [ }');
  return home;
}

describe('data problems', () => {
  it('scan names the malformed settings file, the unreadable transcript and the junk lines', async () => {
    const home = troubledHome();
    const result = await runCli(['scan', '--home', home]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 malformed lines skipped');
    expect(result.stderr).toContain(`${path.join(home, '.claude', 'settings.json')}: malformed JSON`);
    expect(result.stderr).toContain('broken.jsonl');
  });

  it('scan --json carries the settings problems too', async () => {
    const home = troubledHome();
    const result = await runCli(['scan', '--json', '--home', home]);
    const problems = (JSON.parse(result.stdout) as { problems: { source: string }[] }).problems;
    expect(problems.map((p) => p.source)).toContain(path.join(home, '.claude', 'settings.json'));
  });

  it('the dashboard backend returns the list for the problems line', async () => {
    const home = troubledHome();
    const backend = createDashboardBackend(detachedContext({ home, now: new Date('2026-03-01T00:00:00Z') }));
    const scan = await backend.scan(() => undefined);
    const text = (scan.problemList ?? []).map((p) => `${p.source}: ${p.message}`).join('\n');
    expect(text).toContain('settings.json: malformed JSON');
    expect(text).toContain('broken.jsonl');
    expect(text).toMatch(/2 malformed lines skipped/);
  });
});
