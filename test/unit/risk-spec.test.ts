import { describe, expect, it } from 'vitest';
import { WILDCARD_SPEC, wildcardVerdict } from '../../src/core/risk-spec.js';

describe('wildcard specification', () => {
  it.each([
    // the examples: a wildcard here would also match the form after the colon
    ['git', ['checkout']], // git checkout -- .
    ['git', ['stash']], // git stash clear
    ['git', ['fetch']], // git fetch --upload-pack=…
    ['git', ['log']], // git log --output=FILE
    ['git', []], // git reset --hard
    ['env', []], // env rm -rf ~
    ['man', []], // man -P 'rm -rf ~' ls
    ['nix', ['develop']], // nix develop -c rm …
    ['uv', ['run']], // uv run rm …
    ['go', ['test']], // go test -exec
    ['journalctl', []], // --vacuum-time
    ['xxd', []], // xxd -r
    ['vault', ['kv']], // vault kv destroy
    ['find', []], // find -fprint FILE (the client refuses -exec/-delete itself)
    ['mytool', ['frobnicate']], // no row: exact only
    ['npm', ['run', 'deploy']], // not a build/test script name
    ['make', ['clean']],
  ])('refuses Bash(%s %j *)', (program, words) => {
    expect(wildcardVerdict(program, words).allowed).toBe(false);
  });

  it.each([
    ['jq', []],
    ['ls', []],
    ['git', ['commit']],
    ['git', ['add']],
    ['cargo', ['test']],
    ['npm', ['run', 'build']],
    ['npm', ['run', 'test:unit']],
    ['make', ['test']],
    ['nix', ['flake', 'check']],
    ['npx', ['vitest']],
    ['pytest', []],
  ])('allows Bash(%s %j *)', (program, words) => {
    expect(wildcardVerdict(program, words).allowed).toBe(true);
  });

  it('cites a reason on every row', () => {
    expect(WILDCARD_SPEC.filter((row) => row.why.length < 12)).toEqual([]);
  });

  it('notes the client-refused forms of find, citing the reference', () => {
    const find = WILDCARD_SPEC.find((row) => row.programs.includes('find'));
    expect(find?.clientRefuses).toMatch(/real-client\.md/);
  });
});
