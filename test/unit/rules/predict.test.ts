// predictCall beyond the conformance matrix: the reasons in the client's own words, the working
// directories (additionalDirectories, `cd`), acceptEdits for shell writes, blocked reads.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PredictOptions } from '../../../src/core/rules/predict.js';
import { predictCall } from '../../../src/core/rules/predict.js';
import type { RuleSource } from '../../../src/core/rules/index.js';
import { bash, HOME, loadParser, PROJECT, source, tool } from './helpers.js';

beforeAll(loadParser);

const predictBash = (command: string, sources: RuleSource[] = [], options: Partial<PredictOptions> = {}) => {
  const c = bash(command);
  return predictCall({ ...c, segments: c.segments ?? [] }, sources, { mode: 'default', ...options });
};

describe('Bash predictions and their reasons', () => {
  const rules = [
    source('project', { allow: ['Bash(ls *)', 'Bash(git diff *)', 'Bash(echo *)', 'Bash(git commit *)'] }),
  ];

  it.each([
    ['ls /etc', 'prompts', `ls in '/etc' was blocked. For security, Claude Code may only list files in`],
    [
      'git diff > out.txt',
      'prompts',
      `Output redirection to '${PROJECT}/out.txt' needs approval. The path is inside`,
    ],
    ['git diff > /tmp/o', 'prompts', `Output redirection to '/tmp/o' needs approval. The path is outside`],
    [
      'cd src && git diff',
      'prompts',
      'This command changes directory before running a version-control command',
    ],
    ['cd src && ls ../..', 'prompts', `ls in '${HOME}' was blocked`],
    ['npm run $X', 'prompts', "A variable in this command can't be checked before it runs"],
    ['ls &', 'prompts', 'This command uses the `&` background operator'],
    ['ls | xargs cat', 'prompts', 'The following part requires approval: cat'],
    ['echo hi 2>&1 >/dev/null', 'runs', 'allowed by Bash(echo *)'],
    ['ls ~/proj/src', 'runs', 'allowed by Bash(ls *)'],
    // text, not paths: a grep pattern, a commit message
    ['grep -rn -e /usr src', 'runs', 'built-in read-only command'],
    ['grep /etc README.md', 'runs', 'built-in read-only command'],
    ['git commit -m "/etc is fine"', 'runs', 'allowed by Bash(git commit *)'],
  ])('%j → %s (%s)', (command, decision, reason) => {
    const p = predictBash(command, rules);
    expect(p.decision).toBe(decision);
    expect(p.reason).toContain(reason);
  });

  it('treats existing additional directories as working directories', () => {
    expect(predictBash('ls /opt/extra/x', rules, { additionalDirectories: ['/opt/extra'] }).decision).toBe(
      'runs',
    );
    expect(predictBash('ls /opt', rules, { additionalDirectories: ['/opt/extra'] }).decision).toBe('prompts');
  });

  it('runs shell file changes inside the project in acceptEdits mode only', () => {
    expect(predictBash('touch a.txt', [], { mode: 'acceptEdits' }).decision).toBe('runs');
    expect(predictBash('mkdir -p a/b && touch a/b/c', [], { mode: 'acceptEdits' }).decision).toBe('runs');
    expect(predictBash('touch /tmp/x', [], { mode: 'acceptEdits' }).decision).toBe('prompts');
    expect(predictBash('touch a.txt && npm test', [], { mode: 'acceptEdits' }).decision).toBe('prompts');
    expect(predictBash('touch a.txt').reason).toContain(`touch in '${PROJECT}/a.txt' needs approval`);
  });

  it('asks instead of refusing when a deny rule matches inside bash -c', () => {
    const deny = [source('project', { allow: ['Bash'], deny: ['Bash(rm *)'] })];
    expect(predictBash("bash -c 'rm x'", deny).decision).toBe('prompts');
    expect(predictBash('rm x', deny).decision).toBe('refused');
    expect(predictBash('/bin/rm x', deny).decision).toBe('refused');
    expect(predictBash("$'rm' x", deny).decision).toBe('runs');
    expect(predictBash('eval rm x', deny).decision).toBe('runs');
  });

  it('refuses a shell read of a file a Read deny rule covers', () => {
    const deny = [source('project', { deny: ['Read(./secret/**)'] })];
    expect(predictBash('cat secret/k', deny).decision).toBe('refused');
    expect(predictBash('echo x > secret/k', deny).decision).toBe('prompts');
  });
});

describe('reads outside the working directories', () => {
  it('refuses them under blockReadsOutsideWorkingDirectories even with a Read allow rule', () => {
    const c = tool('Read', { file_path: '/etc/hosts' });
    const allow = [source('project', { allow: ['Read(//etc/**)'] })];
    const options: PredictOptions = { mode: 'default', blockReadsOutsideWorkingDirectories: true };
    expect(predictCall({ ...c, segments: null }, allow, options).decision).toBe('refused');
    expect(predictCall({ ...c, segments: null }, allow, { mode: 'default' }).decision).toBe('runs');
  });
});
