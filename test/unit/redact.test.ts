import { describe, expect, it } from 'vitest';
import { redactCommand, redactInput, redactText } from '../../src/core/redact.js';

describe('redactCommand', () => {
  it.each([
    ['PGPASSWORD=hunter2 psql -h db', 'PGPASSWORD=<redacted> psql -h db', 'hunter2'],
    ['GITHUB_TOKEN="abc def" gh pr list', 'GITHUB_TOKEN=<redacted> gh pr list', 'abc def'],
    [
      'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG',
      'export AWS_SECRET_ACCESS_KEY=<redacted>',
      'wJalrXUtnFEMI',
    ],
    ['OPENAI_API_KEY=abc123 node x.js', 'OPENAI_API_KEY=<redacted> node x.js', 'abc123'],
    ['MY_SECRET=s3cr3t make', 'MY_SECRET=<redacted> make', 's3cr3t'],
    [
      "curl -H 'Authorization: Bearer abc.def' https://x",
      "curl -H 'Authorization: Bearer <redacted>' https://x",
      'abc.def',
    ],
    ['mysql -u root -pTopSecret db', 'mysql -u root -p<redacted> db', 'TopSecret'],
    ['psql --password=hunter2 db', 'psql --password=<redacted> db', 'hunter2'],
    [
      'git clone https://bob:pa55word@github.com/x/y',
      'git clone https://bob:<redacted>@github.com/x/y',
      'pa55word',
    ],
    ['echo ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'echo <redacted>', 'ghp_abcdef'],
    ['echo github_pat_11ABCDEFG0123456789_abcdefghijkl', 'echo <redacted>', 'github_pat_11'],
    ['x sk-ant-api03-abcdefghijklmnop', 'x <redacted>', 'sk-ant-api03'],
    ['x sk-abcdefghijklmnopqrstuvwx', 'x <redacted>', 'sk-abcdefghij'],
    ['slack xoxb-1234-5678-abcdefgh', 'slack <redacted>', 'xoxb-1234'],
    ['aws AKIAIOSFODNN7EXAMPLE', 'aws <redacted>', 'AKIAIOSFODNN7EXAMPLE'],
    [
      'curl "https://api.x/v1?token=deadbeefcafe1234&q=1"',
      'curl "https://api.x/v1?token=<redacted>&q=1"',
      'deadbeefcafe1234',
    ],
    ['curl -u admin:letmein http://x', 'curl -u admin:<redacted> http://x', 'letmein'],
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
  ])('leaves %s unchanged', (input) => {
    expect(redactCommand(input)).toBe(input);
  });
});

describe('redactText', () => {
  it('redacts a JWT in prose', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(redactText(`use ${jwt} please`)).toBe('use <redacted> please');
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
    expect(out).toMatchObject({ command: 'PGPASSWORD=<redacted> psql', file_path: '/x/y.ts' });
  });
});
