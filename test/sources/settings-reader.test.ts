import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src/runtime/paths.js';
import { findGitRoot, readSettingsFile, readSettingsInForce } from '../../src/sources/settings-reader.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'settings');

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'clearance-settings-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function write(rel: string, content: string): string {
  const file = path.join(tmp, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

function fixture(name: string, rel: string): string {
  const file = path.join(tmp, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  cpSync(path.join(FIXTURES, name), file);
  return file;
}

describe('readSettingsFile', () => {
  it('reads the real Claude-written local file with its heredoc rule', () => {
    const file = fixture('claude-nixos-automation-settings.local.json', 'a.json');
    const { value, problems } = readSettingsFile(file);
    expect(problems).toEqual([]);
    expect(value.exists).toBe(true);
    expect(value.rules.allow).toHaveLength(25);
    expect(value.rules.allow).toContain('WebFetch(domain:github.com)');
    expect(value.rules.allow.some((r) => r.startsWith('Bash(git commit -m "$(cat <<'))).toBe(true);
    expect(value.text).toBe(readFileSync(file, 'utf8'));
  });

  it('reads a file without a permissions key as no rules', () => {
    const { value, problems } = readSettingsFile(fixture('claude-nixos-automation-settings.json', 's.json'));
    expect(problems).toEqual([]);
    expect(value.rules).toEqual({ allow: [], ask: [], deny: [] });
    expect(value.json).toEqual({ hooks: {} });
  });

  it('reads the 115-rule company file', () => {
    expect(readSettingsFile(fixture('company-config.json', 'c.json')).value.rules.allow).toHaveLength(115);
  });

  it('gives exists=false and no problem for a missing file', () => {
    expect(readSettingsFile(path.join(tmp, 'nope.json'))).toEqual({
      value: { exists: false, json: null, rules: { allow: [], ask: [], deny: [] }, text: null },
      problems: [],
    });
  });

  it.each([
    ['{ "permissions": { "allow": ["Bash(ls)"', /malformed JSON/],
    ['[1, 2]', /not a JSON object/],
    ['{ "permissions": [] }', /"permissions" is not an object/],
    ['{ "permissions": { "allow": "Bash(ls)" } }', /permissions.allow is not an array/],
    ['{ "permissions": { "deny": ["Bash(rm *)", 3, null] } }', /2 non-string entries/],
  ])('reports %j as a problem naming the file, without throwing', (content, message) => {
    const file = write('bad.json', content);
    const { problems } = readSettingsFile(file);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.source).toBe(file);
    expect(problems[0]?.message).toMatch(message);
  });

  it('keeps the string rules next to non-string junk', () => {
    const file = write('mixed.json', '{ "permissions": { "deny": ["Bash(rm *)", 3] } }');
    expect(readSettingsFile(file).value.rules.deny).toEqual(['Bash(rm *)']);
  });

  it('accepts a BOM and an empty file', () => {
    expect(
      readSettingsFile(write('bom.json', '\uFEFF{"permissions":{"ask":["Bash(git push *)"]}}')).value.rules
        .ask,
    ).toEqual(['Bash(git push *)']);
    expect(readSettingsFile(write('empty.json', '')).problems).toEqual([]);
  });

  it('reports a directory in place of the file', () => {
    mkdirSync(path.join(tmp, 'dir.json'));
    expect(readSettingsFile(path.join(tmp, 'dir.json')).problems[0]?.message).toMatch(/cannot read/);
  });
});

describe('findGitRoot', () => {
  it('walks up to the directory holding .git', () => {
    mkdirSync(path.join(tmp, 'repo', '.git'), { recursive: true });
    mkdirSync(path.join(tmp, 'repo', 'a', 'b'), { recursive: true });
    expect(findGitRoot(path.join(tmp, 'repo', 'a', 'b'))).toBe(path.join(tmp, 'repo'));
  });

  it('maps a linked worktree to its main checkout', () => {
    mkdirSync(path.join(tmp, 'main', '.git', 'worktrees', 'wt'), { recursive: true });
    write('wt/.git', `gitdir: ${path.join(tmp, 'main', '.git', 'worktrees', 'wt')}\n`);
    expect(findGitRoot(path.join(tmp, 'wt'))).toBe(path.join(tmp, 'main'));
  });

  it('gives null outside any repository', () => {
    mkdirSync(path.join(tmp, 'plain'));
    expect(findGitRoot(path.join(tmp, 'plain'))).toBe(findGitRoot(tmp));
  });
});

describe('readSettingsInForce', () => {
  const home = () => path.join(tmp, 'home');
  const root = () => path.join(tmp, 'root');
  const paths = () => resolvePaths({ home: home(), root: root(), env: {} });

  it('collects managed (+ drop-ins), user, project and local-at-git-root sources', () => {
    write('root/etc/claude-code/managed-settings.json', '{"permissions":{"deny":["Bash(curl *)"]}}');
    write(
      'root/etc/claude-code/managed-settings.d/10-extra.json',
      '{"permissions":{"ask":["Bash(git push *)"]}}',
    );
    write('home/.claude/settings.json', '{"permissions":{"allow":["Bash(rg *)"]}}');
    mkdirSync(path.join(tmp, 'home', 'repo', '.git'), { recursive: true });
    write('home/repo/sub/.claude/settings.json', '{"permissions":{"allow":["Bash(make *)"]}}');
    write('home/repo/.claude/settings.local.json', '{"permissions":{"allow":["Bash(cargo test *)"]}}');
    write('home/repo/sub/.claude/settings.local.json', '{"permissions":{"allow":["Bash(old *)"]}}');
    const { value, problems } = readSettingsInForce(paths(), path.join(home(), 'repo', 'sub'));
    expect(problems).toEqual([]);
    expect(value.map((s) => [s.scope, path.relative(tmp, s.path), path.relative(tmp, s.baseDir)])).toEqual([
      ['managed', 'root/etc/claude-code/managed-settings.json', 'root/etc/claude-code'],
      ['managed', 'root/etc/claude-code/managed-settings.d/10-extra.json', 'root/etc/claude-code'],
      ['user', 'home/.claude/settings.json', 'home/.claude'],
      ['project', 'home/repo/sub/.claude/settings.json', 'home/repo/sub'],
      ['local', 'home/repo/.claude/settings.local.json', 'home/repo'],
      ['local', 'home/repo/sub/.claude/settings.local.json', 'home/repo/sub'],
    ]);
    expect(value.map((s) => [...s.allow, ...s.ask, ...s.deny])).toEqual([
      ['Bash(curl *)'],
      ['Bash(git push *)'],
      ['Bash(rg *)'],
      ['Bash(make *)'],
      ['Bash(cargo test *)'],
      ['Bash(old *)'],
    ]);
  });

  it('reads only managed files when managed settings allow managed rules only', () => {
    write(
      'root/etc/claude-code/managed-settings.json',
      '{"permissions":{"allowManagedPermissionRulesOnly":true,"deny":["Bash(curl *)"]}}',
    );
    write('home/.claude/settings.json', '{"permissions":{"allow":["Bash(rg *)"]}}');
    write('home/p/.claude/settings.json', '{"permissions":{"allow":["Bash(make *)"]}}');
    const { value } = readSettingsInForce(paths(), path.join(home(), 'p'));
    expect(value.map((s) => s.scope)).toEqual(['managed']);
  });

  it('reads only managed and user without a project', () => {
    write('home/.claude/settings.json', '{"permissions":{"allow":["WebSearch"]}}');
    expect(readSettingsInForce(paths(), null).value.map((s) => s.scope)).toEqual(['user']);
  });

  it('keeps the local file in the starting dir when the git root is the home dir', () => {
    mkdirSync(path.join(home(), '.git'), { recursive: true });
    write('home/proj/.claude/settings.local.json', '{"permissions":{"allow":["Bash(ls *)"]}}');
    const { value } = readSettingsInForce(paths(), path.join(home(), 'proj'));
    expect(value.map((s) => path.relative(tmp, s.path))).toEqual(['home/proj/.claude/settings.local.json']);
  });

  it('turns a malformed file into one problem and still reads the others', () => {
    write('home/.claude/settings.json', '{ nope');
    write('home/p/.claude/settings.json', '{"permissions":{"allow":["Bash(ls *)"]}}');
    const { value, problems } = readSettingsInForce(paths(), path.join(home(), 'p'));
    expect(problems.map((p) => [path.relative(tmp, p.source), p.message.split(':')[0]])).toEqual([
      ['home/.claude/settings.json', 'malformed JSON, its rules are ignored'],
    ]);
    expect(value.map((s) => s.scope)).toEqual(['user', 'project']);
  });
});
