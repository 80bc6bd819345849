import { readFileSync } from 'node:fs';
import path from 'node:path';
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
    ['mytool', ['frobnicate']], // no row: exact only
    ['npm', ['run', 'deploy']], // not a build/test script name
    ['make', ['clean']],
  ])('refuses Bash(%s %j *)', (program, words) => {
    expect(wildcardVerdict(program, words).allowed).toBe(false);
  });

  it.each([
    ['jq', []],
    ['find', []], // every running, deleting or writing form is asked about by the client itself
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

  // "Unless the real client itself refuses those forms under the wildcard — prove each such claim
  // with the conformance harness": every cited case is a call of that program the recorded client
  // did not run, and the claim names no case that is missing.
  it('proves every client-refuses claim with recorded conformance cases', () => {
    const root = path.resolve(import.meta.dirname, '..', '..', 'conformance');
    const matrix = JSON.parse(readFileSync(path.join(root, 'matrix.json'), 'utf8')) as {
      groups: { cases: { id: string; tool: string; input: { command?: string } }[] }[];
    };
    const recorded = JSON.parse(
      readFileSync(path.join(root, 'recorded', 'claude-code-2.1.328.json'), 'utf8'),
    ) as {
      cases: Record<string, { outcome: string }>;
    };
    const cases = new Map(matrix.groups.flatMap((g) => g.cases.map((c) => [c.id, c] as const)));
    const claims = WILDCARD_SPEC.filter((row) => row.clientRefuses !== undefined);
    expect(claims.length).toBeGreaterThan(0);
    for (const row of claims) {
      expect(row.provenBy?.length ?? 0).toBeGreaterThan(0);
      for (const id of row.provenBy ?? []) {
        const c = cases.get(id);
        expect(c?.tool).toBe('Bash');
        expect(row.programs).toContain(c?.input.command?.split(' ')[0]);
        expect(recorded.cases[id]?.outcome).not.toBe('runs');
      }
    }
  });
});
