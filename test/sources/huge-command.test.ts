// One huge Bash command (a heredoc writing a big file) is stored once, cut to what analysis needs,
// and never parsed into rule evidence past the cut.
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_CAP, isCutCommand } from '../../src/core/redact.js';
import { shrinkCommand } from '../../src/sources/transcript-reader.js';
import { runCli } from '../helpers/run-cli.js';
import { makeHome, prompt, query, scan, toolResult, toolUse, writeLines } from './transcript-helpers.js';

describe('a huge Bash command', () => {
  it('is stored once, cut with a mark, and gives no segments; normal calls are unaffected', async () => {
    const { home, project, file } = makeHome();
    const body = 'the quick brown fox jumps over the lazy dog 0123456789\n'.repeat(100_000); // ~5.5 MB
    const huge = `cat > big.txt <<'EOF'\n${body}EOF\nrm -rf /`;
    writeLines(file, [
      prompt('default', { cwd: project }),
      toolUse('toolu_H', 'Bash', { command: huge, description: 'write the fixture' }, { cwd: project }),
      toolResult('toolu_H', 'ok'),
      toolUse('toolu_N', 'Bash', { command: 'cargo test', description: 'tests' }, { cwd: project }),
      toolResult('toolu_N', 'ok'),
    ]);
    await scan(home);
    const [row] = query<{ command: string; input_json: string }>(
      home,
      "SELECT command, input_json FROM tool_calls WHERE id = 'toolu_H'",
    );
    expect(row?.command.length).toBeLessThanOrEqual(COMMAND_CAP + 64);
    expect(row?.command).toMatch(/\n… <\d+ chars cut by clearance>$/);
    expect(row?.command).not.toContain('rm -rf /');
    expect(JSON.parse(row?.input_json ?? '{}')).toEqual({ description: 'write the fixture' });
    expect(query(home, "SELECT COUNT(*) AS n FROM segments WHERE call_id = 'toolu_H'")).toEqual([{ n: 0 }]);
    expect(query(home, "SELECT COUNT(*) AS n FROM segments WHERE call_id = 'toolu_N'")).toEqual([{ n: 1 }]);
    const db = path.join(home, '.local', 'state', 'clearance', 'clearance.db');
    expect((await runCli(['suggest', '--home', home])).code).toBe(0);
    const size = statSync(db).size + (statSync(`${db}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    expect(size).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('shrinkCommand (cutting a huge command in the bytes)', () => {
  // escapes and multi-byte characters at every alignment around the cut
  it.each(['a"b\\c', 'é€😀', '\\u', 'x\ty\nz', '\\\\"'])('keeps the line parseable around %j', (piece) => {
    for (let shift = 0; shift < 12; shift++) {
      const command = `${'p'.repeat(shift)}${piece.repeat(Math.ceil((COMMAND_CAP * 3) / piece.length))}`;
      const line = Buffer.from(
        JSON.stringify({
          type: 'assistant',
          message: { content: [{ type: 'tool_use', input: { command } }] },
        }),
      );
      const out = shrinkCommand(line, line.length);
      const parsed = JSON.parse(out.toString('utf8')) as {
        message: { content: [{ input: { command: string } }] };
      };
      const cut = parsed.message.content[0].input.command;
      expect(isCutCommand(cut)).toBe(true);
      const head = cut.replace(/\n… <\d+ chars cut by clearance>$/, '');
      // a prefix of the command, give or take one character split at the cut
      expect(command.startsWith(head.slice(0, -1))).toBe(true);
      expect(cut.length).toBeLessThan(COMMAND_CAP);
    }
  });
});
