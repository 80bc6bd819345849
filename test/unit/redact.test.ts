import { describe, expect, it } from 'vitest';
import { REDACTED, hasRedaction, redactCommand, redactInput, redactText } from '../../src/core/redact.js';
import { parseCommand } from '../../src/core/shell/parse-command.js';
import { loadBashParser } from '../../src/sources/bash-grammar.js';
import { PLANTED } from '../helpers/planted-secrets.js';

const parser = await loadBashParser();

/** What a rule and the risk check see of a command: per segment, the program and its word count. */
function shape(command: string): string[] {
  return parseCommand(parser, command).segments.map((s) => `${s.program}/${s.argv.length}`);
}

describe('every planted secret form', () => {
  it.each(PLANTED.map((p) => [p.form, p] as const))('%s: redacted, same parse shape', (_form, p) => {
    const out = redactCommand(p.command);
    for (const secret of p.secrets) expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
    expect(shape(out)).toEqual(shape(p.command));
    // redacting twice changes nothing (stored text is redacted again on the way out)
    expect(redactCommand(out)).toBe(out);
  });
});

describe('the placeholder', () => {
  it('is one plain shell word: a redacted password flag is not a redirection', () => {
    const out = redactCommand('mysql --password=hunter2 -u root');
    expect(out).toBe(`mysql --password=${REDACTED} -u root`);
    const [segment] = parseCommand(parser, out).segments;
    expect(segment?.argv).toEqual(['mysql', `--password=${REDACTED}`, '-u', 'root']);
    expect(segment?.redirects ?? []).toEqual([]);
  });

  it('old stored text with the legacy placeholder still counts as redacted', () => {
    expect(hasRedaction('psql --password=__REDACTED__ db')).toBe(true);
    expect(hasRedaction(`psql --password=${REDACTED} db`)).toBe(true);
    expect(hasRedaction('psql db')).toBe(false);
  });
});

describe('redactCommand', () => {
  it.each([
    ['PGPASSWORD=hunter2 psql -h db', 'PGPASSWORD=__REDACTED__ psql -h db', 'hunter2'],
    ['GITHUB_TOKEN="abc def" gh pr list', 'GITHUB_TOKEN=__REDACTED__ gh pr list', 'abc def'],
    [
      'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG',
      'export AWS_SECRET_ACCESS_KEY=__REDACTED__',
      'wJalrXUtnFEMI',
    ],
    ['OPENAI_API_KEY=abc123 node x.js', 'OPENAI_API_KEY=__REDACTED__ node x.js', 'abc123'],
    ['MY_SECRET=s3cr3t make', 'MY_SECRET=__REDACTED__ make', 's3cr3t'],
    [
      "curl -H 'Authorization: Bearer abc.def' https://x",
      "curl -H 'Authorization: Bearer __REDACTED__' https://x",
      'abc.def',
    ],
    ['mysql -u root -pTopSecret db', 'mysql -u root -p__REDACTED__ db', 'TopSecret'],
    ['psql --password=hunter2 db', 'psql --password=__REDACTED__ db', 'hunter2'],
    [
      'git clone https://bob:pa55word@github.com/x/y',
      'git clone https://bob:__REDACTED__@github.com/x/y',
      'pa55word',
    ],
    ['echo ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'echo __REDACTED__', 'ghp_abcdef'],
    ['echo github_pat_11ABCDEFG0123456789_abcdefghijkl', 'echo __REDACTED__', 'github_pat_11'],
    ['x sk-ant-api03-abcdefghijklmnop', 'x __REDACTED__', 'sk-ant-api03'],
    ['x sk-abcdefghijklmnopqrstuvwx', 'x __REDACTED__', 'sk-abcdefghij'],
    ['slack xoxb-1234-5678-abcdefgh', 'slack __REDACTED__', 'xoxb-1234'],
    ['aws AKIAIOSFODNN7EXAMPLE', 'aws __REDACTED__', 'AKIAIOSFODNN7EXAMPLE'],
    [
      'curl "https://api.x/v1?token=deadbeefcafe1234&q=1"',
      'curl "https://api.x/v1?token=__REDACTED__&q=1"',
      'deadbeefcafe1234',
    ],
    ['curl -u admin:letmein http://x', 'curl -u admin:__REDACTED__ http://x', 'letmein'],
  ])('%s', (input, expected, secret) => {
    const out = redactCommand(input);
    expect(out).toBe(expected);
    expect(out).not.toContain(secret);
  });

  it.each([
    'git status',
    'FOO=bar npm test',
    'cargo build --release',
    'NODE_ENV=production node x',
    'mysql -p db',
    'mysql --password -u root app',
    'docker run -p 8080:80 nginx',
    'sshpass -f ~/.pw ssh -p 2222 host',
    'gpg --passphrase-file ~/.pw -d x.gpg',
    'gpg --passphrase-fd 0 -d x.gpg',
    'docker login --password-stdin -u ci ghcr.io',
    'psql --no-password -h db app',
    'curl -b cookies.txt https://x.example.com',
    'curl -u admin https://x.example.com',
    'GIT_AUTHOR_NAME=bob git commit -m wip',
    'git checkout 3f2a9c1e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a',
    'nix build /nix/store/0c9p7nxbxv8c6f2wlmsr7kpy0jiq2vz3-hello-2.12',
    'docker pull nginx@sha256:3f7a9c2e1b4d6f8a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c',
    'cat src/components/UserProfileSettingsPanel2/index.tsx',
    'rg -n "max_tokens" src',
    'curl -H "Content-Type: application/json" https://api.example.com',
    'PGPASSWORD="$(pass show db)" psql -h db',
    'GITHUB_TOKEN=$(gh auth token) gh pr list',
    'docker login -u ci -p "$REGISTRY_PW" ghcr.io',
    'mysql -uroot -p"$MYSQL_PW" app',
    'kubectl --token $KUBE_TOKEN get pods',
    'psql "host=db password=$(cat ~/.pgpw)"',
  ])('leaves %s unchanged', (input) => {
    expect(redactCommand(input)).toBe(input);
  });
});

describe('redactText', () => {
  it('redacts a JWT in prose', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(redactText(`use ${jwt} please`)).toBe('use __REDACTED__ please');
  });
});

describe('redactInput', () => {
  it('redacts Bash commands and drops file contents deeply', () => {
    const out = redactInput({
      command: 'PGPASSWORD=pw1 psql',
      file_path: '/x/y.ts',
      content: 'secret file body',
      edits: [{ old_string: 'a', new_string: 'b' }],
      nested: { header: 'Authorization: Bearer tok123' },
    });
    expect(JSON.stringify(out)).not.toMatch(/pw1|secret file body|tok123/);
    expect(out).toMatchObject({ command: 'PGPASSWORD=__REDACTED__ psql', file_path: '/x/y.ts' });
  });

  it('redacts values whose key names a secret, whatever they look like (MCP tool inputs)', () => {
    const out = redactInput({
      host: 'db.internal',
      password: 'plainword',
      headers: { Authorization: 'Bearer abc', 'X-Request-Id': '42' },
      db_password: 'x1',
      max_tokens: 100,
    });
    expect(out).toEqual({
      host: 'db.internal',
      password: REDACTED,
      headers: { Authorization: REDACTED, 'X-Request-Id': '42' },
      db_password: REDACTED,
      max_tokens: 100,
    });
  });
});
