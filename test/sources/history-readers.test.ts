import Database from 'better-sqlite3';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBash, parseFish, parseZsh, unmetafy } from '../../src/sources/history-readers.js';
import { query, scan } from './transcript-helpers.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'history');

function lines(text: string | Buffer): { bytes: Buffer; at: number; end: number }[] {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  const out = [];
  let at = 0;
  for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, at)) {
    out.push({ bytes: buf.subarray(at, nl), at, end: nl + 1 });
    at = nl + 1;
  }
  return out;
}

function readFixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

const commands = (entries: { command: string }[]) => entries.map((e) => e.command);

describe('history formats', () => {
  it('zsh: extended format, continuation lines; an unterminated last line waits', () => {
    const parsed = parseZsh(lines(readFixture('zsh_history.plaso-test-data.sample')));
    expect(commands(parsed.entries)).toEqual(['cd plaso', 'ls', 'echo dfgdfg \\\n& touch /tmp/afile']);
    expect(parsed.entries[0]!.ts).toBe(1457771210000);
  });

  it('zsh: metafied bytes', () => {
    expect(
      unmetafy(
        Buffer.from([0x65, 0x63, 0x68, 0x6f, 0x20, 0xe4, 0xbd, 0x83, 0x80, 0xe5, 0xa5, 0xbd]),
      ).toString(),
    ).toBe('echo 你好');
  });

  it('bash: #timestamps delimit multi-line entries', () => {
    const parsed = parseBash(lines(readFixture('bash_history.plaso-test-data.sample')));
    expect(parsed.entries).toHaveLength(4);
    expect(parsed.entries[3]).toMatchObject({
      ts: 1623364236000,
      command: 'binary argument1 "--params=\\\nparam1=foo,\nparam2=bar\n" argument2',
    });
  });

  it('bash: a leading untimestamped line is its own entry', () => {
    const parsed = parseBash(lines(readFixture('bash_history_desync.plaso-test-data.sample')));
    expect(parsed.entries[0]).toMatchObject({ ts: null, command: '/sbin/reboot' });
  });

  it('fish (plaso): the unterminated last path line does not lose the entry', () => {
    expect(parseFish(lines(readFixture('fish_history.plaso-test-data.sample'))).entries.at(-1)).toMatchObject(
      { command: 'cd plaso' },
    );
  });

  it('fish: escapes, added_when, and the unterminated last line ignored', () => {
    const parsed = parseFish(lines(readFixture('fish_history.fish-shell-tests.sample')));
    expect(commands(parsed.entries)).toEqual([
      'echo alpha',
      'function foo\necho bar\nend',
      'echo this has\\\nbackslashes',
    ]);
    expect(parsed.entries[0]!.ts).toBe(1111122222000);
  });

  it('fish: a corrupt file yields what it can', () => {
    const parsed = parseFish(lines(readFixture('fish_history.corrupt.fish-shell-tests.sample')));
    expect(commands(parsed.entries)).toContain('this_command_is_ok');
  });
});

describe('history ingest', () => {
  const setup = () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'clearance-hist-'));
    mkdirSync(path.join(home, '.local', 'share', 'fish'), { recursive: true });
    copyFileSync(
      path.join(FIXTURES, 'fish_history.plaso-test-data.sample'),
      path.join(home, '.local', 'share', 'fish', 'fish_history'),
    );
    copyFileSync(
      path.join(FIXTURES, 'bash_history.plaso-test-data.sample'),
      path.join(home, '.bash_history'),
    );
    writeFileSync(
      path.join(home, '.zsh_history'),
      ': 1700000000:0;PGPASSWORD=s3cretpw psql -h db\n: 1700000001:0;nix shell nixpkgs#jq --command jq .\n',
    );
    const atuinDir = path.join(home, '.local', 'share', 'atuin');
    mkdirSync(atuinDir, { recursive: true });
    const atuin = new Database(path.join(atuinDir, 'history.db'));
    atuin.exec(`create table history (id text primary key, timestamp integer not null, duration integer not null, exit integer not null,
      command text not null, cwd text not null, session text not null, hostname text not null, deleted_at integer, unique(timestamp, cwd, command))`);
    const add = atuin.prepare('insert into history values (?, ?, 1, 0, ?, ?, ?, ?, ?)');
    add.run('a1', 1767225600123456789n, 'git status', '/w', 's', 'h:u', null);
    add.run('a2', 1767225601000000000n, 'rg TODO', '/w', 's', 'h:u', null);
    add.run('a3', 1767225602000000000n, 'deleted cmd', '/w', 's', 'h:u', 1767225603000000000n);
    atuin.close();
    const nuDir = path.join(home, '.config', 'nushell');
    mkdirSync(nuDir, { recursive: true });
    writeFileSync(path.join(nuDir, 'history.txt'), 'ls | where size > 1kb\ndef f [] {<\\n>  echo 1<\\n>}\n');
    return home;
  };

  it('stores every shell, redacted, with programs and ephemeral packages', async () => {
    const home = setup();
    const summary = await scan(home);
    expect(summary.problems).toEqual([]);
    const rows = query<{ shell: string; n: number }>(
      home,
      'SELECT shell, COUNT(*) AS n FROM shell_history GROUP BY shell ORDER BY shell',
    );
    expect(rows).toEqual([
      { shell: 'atuin', n: 2 },
      { shell: 'bash', n: 4 },
      { shell: 'fish', n: 10 },
      { shell: 'nushell', n: 2 },
      { shell: 'zsh', n: 2 },
    ]);
    expect(
      query(home, "SELECT ts, programs_json AS p FROM shell_history WHERE command = 'git status'"),
    ).toEqual([{ ts: 1767225600123, p: '["git"]' }]);
    expect(
      query(home, "SELECT command, ephemeral_json AS e FROM shell_history WHERE shell = 'zsh' ORDER BY ts"),
    ).toEqual([
      { command: 'PGPASSWORD=__REDACTED__ psql -h db', e: '[]' },
      { command: 'nix shell nixpkgs#jq --command jq .', e: '["jq"]' },
    ]);
  });

  it('reads only what is new on the next scan', async () => {
    const home = setup();
    await scan(home);
    appendFileSync(path.join(home, '.zsh_history'), ': 1700000002:0;cargo build\n');
    const atuin = new Database(path.join(home, '.local', 'share', 'atuin', 'history.db'));
    atuin
      .prepare("insert into history values ('a4', 1767225609000000000, 1, 0, 'fd x', '/w', 's', 'h:u', null)")
      .run();
    atuin.close();
    await scan(home);
    expect(query(home, 'SELECT COUNT(*) AS n FROM shell_history')).toEqual([{ n: 22 }]);
  });

  it('reports a history path that is not a file and carries on', async () => {
    const home = setup();
    mkdirSync(path.join(home, '.histfile'));
    const summary = await scan(home);
    expect(summary.problems).toEqual([
      { source: path.join(home, '.histfile'), message: 'not a regular file' },
    ]);
    expect(summary.historyCommands).toBe(20);
  });
});
