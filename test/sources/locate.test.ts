import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src/runtime/paths.js';
import {
  candidatePaths,
  locateClient,
  nativeBinary,
  platformPackage,
} from '../../src/sources/claude-client/locate.js';

const dir = mkdtempSync(path.join(tmpdir(), 'clearance-locate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(rel: string, content = '#!/bin/sh\n'): string {
  const full = path.join(dir, rel);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  chmodSync(full, 0o755);
  return full;
}

/** An npm global install: bin/claude → the wrapper package's placeholder, the native binary beside it. */
function npmInstall(prefix: string, nested: boolean): { link: string; native: string } {
  const pkg = path.join(prefix, 'lib', 'node_modules', '@anthropic-ai', 'claude-code');
  file(
    path.relative(dir, path.join(pkg, 'package.json')),
    JSON.stringify({ name: '@anthropic-ai/claude-code' }),
  );
  file(path.relative(dir, path.join(pkg, 'bin', 'claude.exe')), 'echo placeholder\n');
  const nativeDir = nested
    ? path.join(pkg, 'node_modules', '@anthropic-ai', platformPackage())
    : path.join(path.dirname(pkg), platformPackage());
  const native = file(path.relative(dir, path.join(nativeDir, 'claude')), 'native');
  const link = path.join(prefix, 'bin', 'claude');
  mkdirSync(path.dirname(link), { recursive: true });
  symlinkSync(path.join(pkg, 'bin', 'claude.exe'), link);
  return { link, native };
}

describe('locating the user’s Claude Code', () => {
  it.each([
    ['beside the wrapper (npm hoisted)', false],
    ['nested in the wrapper', true],
  ])('resolves an npm wrapper to its platform binary %s', (_, nested) => {
    const { link, native } = npmInstall(path.join(dir, nested ? 'nested' : 'hoisted'), nested);
    expect(nativeBinary(link)).toBe(native);
  });

  it('resolves a symlinked native install (~/.local/bin/claude → versions/x)', () => {
    const target = file('home1/.local/share/claude/versions/2.1.400', 'native');
    mkdirSync(path.join(dir, 'home1/.local/bin'), { recursive: true });
    symlinkSync(target, path.join(dir, 'home1/.local/bin/claude'));
    const paths = resolvePaths({ home: path.join(dir, 'home1'), env: {} });
    const found = locateClient({
      paths,
      env: {},
      isolated: true,
      version: (b) => (b === target ? '2.1.400' : null),
    });
    expect(found).toEqual({ client: { binary: target, version: '2.1.400' }, problem: null });
  });

  it('with --home looks on PATH only under that home and root', () => {
    const paths = resolvePaths({ home: path.join(dir, 'home2'), root: path.join(dir, 'root2'), env: {} });
    const env = {
      PATH: `/usr/bin:${path.join(dir, 'home2', 'bin')}:${path.join(dir, 'root2', 'usr', 'bin')}`,
    };
    const candidates = candidatePaths({ paths, env, isolated: true });
    expect(candidates.filter((c) => !c.startsWith(dir))).toEqual([]);
    expect(candidates).toContain(path.join(dir, 'home2', 'bin', 'claude'));
    expect(candidates).toContain(path.join(dir, 'root2', 'run', 'current-system', 'sw', 'bin', 'claude'));
    expect(candidatePaths({ paths, env, isolated: false })).toContain('/usr/bin/claude');
  });

  it.each([
    ['a missing file', 'nope/claude', /no Claude Code binary at .*nope\/claude/],
    ['a file that does not start', 'broken/claude', /broken\/claude does not start/],
  ])('says why --client %s is no client', (_, rel, message) => {
    if (rel.startsWith('broken')) file(rel);
    const paths = resolvePaths({ home: path.join(dir, 'home3'), env: {} });
    const found = locateClient({
      flag: path.join(dir, rel),
      paths,
      env: {},
      isolated: true,
      version: () => null,
    });
    expect(found.client).toBeNull();
    expect(found.problem).toMatch(message);
  });

  it('finds nothing in an empty home, and says how to get one', () => {
    const paths = resolvePaths({ home: path.join(dir, 'empty'), env: {} });
    const found = locateClient({ paths, env: { PATH: '/usr/bin' }, isolated: true, version: () => '9.9.9' });
    expect(found).toEqual({
      client: null,
      problem: expect.stringMatching(/no Claude Code client found/) as string,
    });
  });
});
