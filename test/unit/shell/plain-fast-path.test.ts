// parseCommand splits plain commands (words of characters the shell gives no meaning to) without
// the tree-sitter parse. That is only an optimisation: every command must come out the same either
// way, whatever it is.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCommand } from '../../../src/core/shell/index.js';
import { loadBashParser } from '../../../src/sources/bash-grammar.js';

let parser: Parser;
beforeAll(async () => {
  parser = await loadBashParser();
});

const FIXTURES = path.join(import.meta.dirname, '../../fixtures');

/** Bash commands of the real transcripts and shell history lines in the fixtures. */
function realCommands(): string[] {
  const commands: string[] = [];
  const transcripts = path.join(FIXTURES, 'transcripts');
  for (const name of readdirSync(transcripts).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of readFileSync(path.join(transcripts, name), 'utf8').split('\n')) {
      for (const match of line.matchAll(/"name":"Bash","input":\{"command":("(?:[^"\\]|\\.)*")/g)) {
        commands.push(JSON.parse(match[1]!) as string);
      }
    }
  }
  const history = path.join(FIXTURES, 'history');
  for (const name of readdirSync(history).filter((n) => n.endsWith('.sample'))) {
    for (const line of readFileSync(path.join(history, name), 'latin1').split('\n')) {
      const command = line.replace(/^: \d+:\d+;/, '').replace(/^- cmd: /, '');
      if (command.trim() !== '' && !line.startsWith('#') && !line.startsWith('   ')) commands.push(command);
    }
  }
  return commands;
}

/** Seeded random commands built from words and operators that test the edges of a "simple list". */
function generatedCommands(count: number): string[] {
  let seed = 0x2f6b1d;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const firsts = [
    'git',
    'cargo',
    'npm',
    'nix',
    'nix-shell',
    'bash',
    'sh',
    'sudo',
    'env',
    'xargs',
    'find',
    'eval',
    ',',
    'time',
    'if',
    'for',
    'export',
    'declare',
    'local',
    'unset',
    'test',
    '[',
    '[[',
    '!',
    'do',
    'A=1',
    'PGPASSWORD=x',
    './gradlew',
    '/usr/bin/git',
    '-x',
    '1',
    ':',
    '.',
    'rg',
    'fd',
    'then',
    'function',
    'coproc',
    'case',
    'in',
    'done',
    'select',
    'readonly',
    'typeset',
    '@scope/cli',
    'nixpkgs#jq',
    'HEAD~1',
    "'git'",
    '"ls"',
    'a"b"',
    '{',
    '}',
    '(',
    'tail',
    'head',
  ];
  const args = [
    'status',
    'test',
    '-p',
    'core',
    '--release',
    '-c',
    'ls',
    'run',
    'nixpkgs.hello',
    '-lc',
    'a=b',
    '--flag=value',
    'x,y',
    '+x',
    'key:value',
    'a@b',
    '2',
    '-',
    '--',
    'develop',
    '--command',
    'make',
    '-exec',
    'rm',
    '{}',
    ';',
    '=',
    'ghp_abcdefghijklmnopqrstuvwxyz123456',
    'src/lib.rs',
    '..',
    'HEAD~1',
    '.#default',
    'a#b',
    '~/x',
    'x~',
    'x=~/y',
    'a:~b',
    'a|b',
    '$HOME',
    "'q'",
    '"d"',
    'x>y',
    '2>&1',
    '#c',
    '*',
    'a\\b',
    '-e',
    'shell',
    'nixpkgs#jq',
    '%1',
    '"fix: x"',
    "'a b'",
    '"$x"',
    '"a\\"b"',
    "'it''s'",
    '--format="%h %s"',
    'a"b"c',
    '"!x"',
    '>/dev/null',
    '2>/dev/null',
    "'",
    '"',
    "\\'",
    '"a;b"',
    "'a && b'",
    '"x|y"',
    "'git status && rm -rf ~'",
    '"--token=abc"',
    '1>&2',
    '&>',
    '"\t"',
  ];
  const operators = ['&&', '||', ';', '|', ' && ', ' || ', '; ', ' | ', '|&', '&', ';;', '\n', ' & '];
  const spaces = [' ', ' ', ' ', '  ', '\t', ' \t '];
  // every other command draws from what a simple list may hold, to exercise that path as often
  const simple = (list: string[], n: number): string[] =>
    list.filter((x) => /^(?:[\w./:@+,=~#-]|'[^'\n]*'|"[^"$`\\!\n]*")+$/.test(x) || x === '2>&1').slice(0, n);
  const easy = {
    firsts: simple(firsts, 1000),
    args: simple(args, 1000),
    operators: ['&&', '||', ';', '|', ' && ', ' | ', '; '],
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const pool = i % 2 === 0 ? easy : { firsts, args, operators };
    let command = next(4) === 0 ? spaces[next(spaces.length)]! : '';
    for (let c = next(3); c >= 0; c--) {
      command += pool.firsts[next(pool.firsts.length)]!;
      for (let n = next(6); n > 0; n--) {
        command += spaces[next(spaces.length)]! + pool.args[next(pool.args.length)]!;
      }
      if (c > 0) command += pool.operators[next(pool.operators.length)]!;
    }
    if (next(6) === 0) command += operators[next(operators.length)]!;
    if (next(4) === 0) command += spaces[next(spaces.length)]!;
    out.push(command);
  }
  return out;
}

describe('simple lists without the tree-sitter parse', () => {
  it('gives the same segments as the parse for every real and generated command', () => {
    const commands = [...realCommands(), ...generatedCommands(6000)];
    expect(commands.length).toBeGreaterThan(6050);
    let plain = 0;
    for (const command of commands) {
      const spy = vi.spyOn(parser, 'parse');
      const fast = parseCommand(parser, command);
      if (spy.mock.calls.length === 0) plain += 1;
      spy.mockRestore();
      expect(fast, command).toEqual(parseCommand(parser, command, { plainFastPath: false }));
    }
    // the comparison means something only if both paths ran often
    expect(plain).toBeGreaterThan(600);
    expect(plain).toBeLessThan(commands.length * 0.8);
  });

  it('skips the parse for simple lists only', () => {
    const spy = vi.spyOn(parser, 'parse');
    parseCommand(parser, 'cargo test -p core --release');
    parseCommand(parser, 'nix run nixpkgs.hello');
    expect(spy).not.toHaveBeenCalled();
    parseCommand(parser, 'cargo build --release 2>&1 | tail -50');
    parseCommand(parser, 'git add -A && git commit -m "fix: config" ; git log --oneline');
    expect(spy).not.toHaveBeenCalled();
    for (const command of [
      'git status && rm -rf ~',
      'echo $HOME',
      'A=1 make',
      'ls > out',
      'grep "a\\"b" f',
    ]) {
      parseCommand(parser, command);
    }
    expect(spy).toHaveBeenCalledTimes(5);
    spy.mockRestore();
  });
});
