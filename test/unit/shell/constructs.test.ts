// Parse-time facts the matcher needs about a segment and cannot recover from its words: which
// shell construct keeps the real client from checking it, and whether its env assignments have
// values the client accepts (values themselves are never kept). Cases recorded from the real
// client 2.1.328 (conformance/matrix.json, groups construct, env, env-readonly).
import type { Parser } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/core/shell/index.js';
import { loadBashParser } from '../../../src/sources/bash-grammar.js';

let parser: Parser;
beforeAll(async () => {
  parser = await loadBashParser();
});

const constructs = (command: string): (string | null)[] =>
  parseCommand(parser, command)
    .segments.filter((s) => !s.inner && !s.nested)
    .map((s) => s.construct ?? null);

describe('shell constructs the client will not auto-allow', () => {
  it.each([
    ['(npm run build)', ['subshell']],
    ['{ npm run build; }', ['group']],
    ['npm run build &', ['background']],
    ['npm run build & npm test', ['background', null]],
    ['npm run build <<EOF\nx\nEOF', ['heredoc']],
    ['case x in x) npm test;; esac', ['case']],
    ['function f { ls; }; f', ['function', null]],
    ['npm run $(echo build)', ['command-substitution']],
    ['npm run `echo build`', ['command-substitution']],
    ['echo "$(ls)"', ['quoted-substitution']],
    ['npm run $X', ['variable']],
    ['npm run ${X}', ['braced-variable']],
    ['npm run {a,b}', ['brace-expansion']],
    ['npm test <(ls)', ['process-substitution']],
    ['npm run build > >(cat)', ['process-substitution']],
    ['git diff > $HOME/out.txt', ['redirect-expansion']],
    ['echo hi; (ls)', [null, 'subshell']],
    // what the client does check
    ["npm run build <<'EOF'\nx\nEOF", [null]],
    ['for f in a b; do npm run build; done', [null]],
    ['if true; then npm test; fi', [null, null]],
    ["echo '$(ls)'", [null]],
    ['echo $((1+2))', [null]],
    ['echo $HOME', [null]],
    ['npm run build*', [null]],
    ['npm run build \\\n  --verbose', [null]],
    ['git commit -m "$(cat <<\'EOF\'\nmsg\nEOF\n)"', [null]],
    ['git commit -m "$(cat <<EOF\nmsg\nEOF\n)"', ['quoted-substitution']],
  ])('%j → %j', (command, expected) => {
    expect(constructs(command)).toEqual(expected);
  });
});

describe('env assignment values', () => {
  const envSafe = (command: string): boolean | undefined =>
    parseCommand(parser, command).segments[0]?.envSafe;

  it.each([
    ['NODE_ENV=production npm test', true],
    ['CI=1 npm test', true],
    ['TZ=Europe/Berlin npm test', true],
    ['LANG=C npm test', true],
    ['LANG=en_US.UTF-8 npm test', true],
    ['TZ=UTC CI=1 npm test', true],
    ['GIT_TERMINAL_PROMPT=0 git log', true],
    ['LANG=1 npm test', false],
    ['LC_ALL=1 npm test', false],
    ['CI= npm test', false],
    ["NODE_ENV='production' npm test", false],
    ['NODE_ENV="test" npm test', false],
    ['NODE_ENV=$X npm test', false],
    ['TZ=$(date) npm test', false],
    ['RUST_LOG=info,foo=debug npm test', false],
    ['DEBUG=1 npm test', false],
    ['PAGER=cat git log', false],
    ['NODE_ENV=test FOO=1 npm test', false],
  ])('%j → %j', (command, expected) => {
    expect(envSafe(command)).toBe(expected);
  });

  it('is absent without assignments, and never keeps a value', () => {
    expect(envSafe('npm test')).toBeUndefined();
    const json = JSON.stringify(parseCommand(parser, 'TOKEN=hunter2secret RUST_LOG=debug npm test'));
    expect(json).not.toContain('hunter2secret');
    expect(json).not.toContain('debug');
  });
});
