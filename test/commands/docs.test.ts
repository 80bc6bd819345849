import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BEGIN_MARKER, END_MARKER } from '../../src/core/docs-block.js';
import { runCli } from '../helpers/run-cli.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'nix', 'nixos-config');
let tmp: string;
let home: string;
let target: string;

// A NixOS config laid out like the real one: modules/core/packages.nix imports ../common/packages.nix.
function makeSystem(root: string): void {
  const modules = path.join(root, 'etc', 'nixos', 'modules');
  mkdirSync(path.join(modules, 'core'), { recursive: true });
  mkdirSync(path.join(modules, 'common'), { recursive: true });
  cpSync(path.join(fixtures, 'packages.nix@HEAD-ad6afc1.nix'), path.join(modules, 'core', 'packages.nix'));
  cpSync(path.join(fixtures, 'common-packages.nix@HEAD.nix'), path.join(modules, 'common', 'packages.nix'));
}

const docs = (...args: string[]) =>
  runCli(['docs', '--root', tmp, '--home', home, '--db', path.join(tmp, 'state.db'), ...args]);

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'clearance-docs-'));
  home = path.join(tmp, 'home');
  target = path.join(home, '.claude', 'CLAUDE.md');
  mkdirSync(home, { recursive: true });
  makeSystem(tmp);
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('clearance docs', () => {
  it('prints the block from the discovered packages.nix and its import', async () => {
    const result = await docs();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(BEGIN_MARKER);
    expect(result.stdout).toContain('- `rg` (ripgrep) — Modern grep (rg)'); // from common/packages.nix
    expect(result.stdout).toContain('- `hx` (helix) — A post-modern modal text editor'); // from core/packages.nix
    expect(result.stdout).toContain('| `dust` | `du` |');
    expect(existsSync(target)).toBe(false);
  });

  it('--write creates ~/.claude/CLAUDE.md; a second --write changes nothing', async () => {
    expect((await docs('--write')).code).toBe(0);
    const first = readFileSync(target, 'utf8');
    const again = await docs('--write');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already up to date');
    expect(readFileSync(target, 'utf8')).toBe(first);
  });

  it('--write keeps every byte outside the markers and backs up the old file', async () => {
    mkdirSync(path.dirname(target), { recursive: true });
    const before = '# My rules\n\nAlways run tests.  \r\n\n';
    const after = '\n## After\ntrailing text without newline';
    writeFileSync(target, `${before}${BEGIN_MARKER}\nold block\n${END_MARKER}${after}`);
    expect((await docs('--write')).code).toBe(0);
    const text = readFileSync(target, 'utf8');
    expect(text.startsWith(`${before}${BEGIN_MARKER}\n`)).toBe(true);
    expect(text.endsWith(`${END_MARKER}${after}`)).toBe(true);
    expect(text).not.toContain('old block');
    const backups = readdirSync(path.join(home, '.local', 'state', 'clearance', 'backups'));
    expect(backups).toHaveLength(1);
  });

  it('--check exits 1 with a short diff when stale, 0 once written', async () => {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, `# Mine\n${BEGIN_MARKER}\n- \`old\`\n${END_MARKER}\n`);
    const stale = await docs('--check');
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('stale');
    expect(stale.stdout).toContain('- - `old`');
    expect(stale.stdout).toContain('+ ## Installed tools');
    expect(stale.stdout).toMatch(/more changed lines/);
    await docs('--write');
    const current = await docs('--check');
    expect(current.code).toBe(0);
    expect(current.stdout).toContain('up to date');
  });

  it('--check exits 1 when the file has no block yet', async () => {
    expect((await docs('--check')).code).toBe(1);
  });

  it('--check sees a package added to packages.nix as drift', async () => {
    await docs('--write');
    const file = path.join(tmp, 'etc', 'nixos', 'modules', 'core', 'packages.nix');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('    hurl #', '    sd # Intuitive find & replace\n    hurl #'),
    );
    const stale = await docs('--check');
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('+ - `sd` — Intuitive find & replace');
  });

  it('refuses --write with --check (exit 2)', async () => {
    const result = await docs('--write', '--check');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--write and --check');
  });

  it.each([
    ['two begin markers', `${BEGIN_MARKER}\n${BEGIN_MARKER}\n${END_MARKER}\n`],
    ['a begin marker without end', `${BEGIN_MARKER}\nmine\n`],
  ])('refuses to write into a file with %s, leaving it untouched', async (_label, content) => {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    const result = await docs('--write');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/clearance: .*CLAUDE\.md: .*marker/);
    expect(readFileSync(target, 'utf8')).toBe(content);
  });

  it('--packages and --target choose the files', async () => {
    const other = path.join(tmp, 'project', 'CLAUDE.md');
    const result = await docs(
      '--write',
      '--packages',
      path.join(fixtures, 'ai-quality-devenv-packages.nix@6c0c223parent.nix'),
      '--target',
      other,
    );
    expect(result.code).toBe(0);
    expect(readFileSync(other, 'utf8')).toContain('### Documentation tooling');
  });

  it('says clearly when no package set can be found', async () => {
    rmSync(path.join(tmp, 'etc'), { recursive: true });
    const result = await docs();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no package set found');
  });

  it('reports a missing import as a problem and still renders', async () => {
    rmSync(path.join(tmp, 'etc', 'nixos', 'modules', 'common'), { recursive: true });
    const result = await docs();
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/import .*common\/packages\.nix .*not found/);
    expect(result.stdout).toContain('`hx` (helix)');
  });

  it('exits 1 naming the file and line of a syntax error, and writes nothing', async () => {
    const file = path.join(tmp, 'etc', 'nixos', 'modules', 'common', 'packages.nix');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(9, 0, '    ripgrep = ;');
    writeFileSync(file, lines.join('\n'));
    const result = await docs('--write');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:10: syntax error`);
    expect(existsSync(target)).toBe(false);
  });

  it('says a packages.nix it could not follow is not understood, never an empty block', async () => {
    const file = path.join(tmp, 'only.nix');
    writeFileSync(
      file,
      '{ pkgs, lib, ... }: { environment.systemPackages = lib.unique (import ./list.nix pkgs); }\n',
    );
    const result = await docs('--packages', file);
    expect(result.stderr).toMatch(/only\.nix:1: environment\.systemPackages: expression not understood/);
    expect(result.stderr).toMatch(/and 1 more problem/);
    expect(result.code).toBe(1);
  });
});
