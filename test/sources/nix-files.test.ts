import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverPackagesNix, readPackageSet, readPackagesNixFiles } from '../../src/sources/nix-packages.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'nix', 'nixos-config');
let tmp: string;

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'clearance-nix-files-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const file = path.join(tmp, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe('readPackagesNixFiles', () => {
  it('follows imports relative to the importing file', () => {
    const core = path.join(tmp, 'modules', 'core', 'packages.nix');
    mkdirSync(path.dirname(core), { recursive: true });
    mkdirSync(path.join(tmp, 'modules', 'common'), { recursive: true });
    cpSync(path.join(fixtures, 'packages.nix@HEAD-ad6afc1.nix'), core);
    cpSync(
      path.join(fixtures, 'common-packages.nix@HEAD.nix'),
      path.join(tmp, 'modules', 'common', 'packages.nix'),
    );
    const { value, problems } = readPackagesNixFiles(core);
    expect(problems).toEqual([]);
    expect(value.map((f) => f.entries.length)).toEqual([93, 42]);
  });

  it('is cycle-safe', () => {
    const a = write(
      'a.nix',
      '{ pkgs, ... }: { imports = [ ./b.nix ]; environment.systemPackages = with pkgs; [ jq ]; }',
    );
    write(
      'b.nix',
      '{ pkgs, ... }: { imports = [ ./a.nix ./dir ]; environment.systemPackages = with pkgs; [ fd ]; }',
    );
    write('dir/default.nix', '{ pkgs, ... }: { home.packages = [ pkgs.sd ]; }');
    const { value, problems } = readPackagesNixFiles(a);
    expect(problems).toEqual([]);
    expect(value.flatMap((f) => f.entries.map((e) => e.name))).toEqual(['jq', 'fd', 'sd']);
  });

  it('reports a missing import as a problem and keeps the rest', () => {
    const a = write(
      'a.nix',
      '{ pkgs, ... }: { imports = [ ./gone.nix ]; environment.systemPackages = with pkgs; [ jq ]; }',
    );
    const { value, problems } = readPackagesNixFiles(a);
    expect(value).toHaveLength(1);
    expect(problems.map((p) => p.message)).toEqual([
      `import ${path.join(tmp, 'gone.nix')} (from ${a}): not found`,
    ]);
  });

  it('reports a missing top file', () => {
    expect(readPackagesNixFiles(path.join(tmp, 'nope.nix')).problems[0]?.message).toMatch(
      /nope\.nix: not found$/,
    );
  });
});

describe('discovery and combination', () => {
  it('finds modules/core/packages.nix under /etc/nixos in --root', () => {
    const file = write('etc/nixos/modules/core/packages.nix', '{ }');
    expect(discoverPackagesNix(tmp, null)).toBe(file);
  });

  it('finds nothing when there is nothing', () => {
    expect(discoverPackagesNix(tmp, null)).toBeNull();
  });

  it('keeps the user’s packages and takes binaries from the live system', async () => {
    write(
      'etc/nixos/packages.nix',
      '{ pkgs, ... }: { environment.systemPackages = with pkgs; [ ripgrep # grep\n ]; }',
    );
    const storeRg = '/nix/store/0123456789abcdfghijklmnpqrsvwxyz-ripgrep-14.1.1/bin/rg';
    write(storeRg, '');
    mkdirSync(path.join(tmp, 'run/current-system/sw/bin'), { recursive: true });
    symlinkSync(storeRg, path.join(tmp, 'run/current-system/sw/bin/rg'));
    const set = await readPackageSet({ root: tmp, home: path.join(tmp, 'home'), user: 'u', env: {} });
    expect(set.used).toEqual(['live-system', 'packages-nix']);
    expect(set.value?.source).toBe('live-system');
    expect(set.value?.packages).toEqual([
      {
        name: 'ripgrep',
        attr: 'ripgrep',
        version: '14.1.1',
        description: 'grep',
        section: null,
        mainProgram: null,
        bins: ['rg'],
      },
    ]);
    expect(set.value?.binaries).toEqual({ rg: 'ripgrep' });
  });

  it('takes meta.description from nix eval when the packages.nix line has no comment', async () => {
    write('etc/nixos/flake.nix', '{ outputs = _: { }; }');
    write(
      'etc/nixos/packages.nix',
      '{ pkgs, ... }: { environment.systemPackages = with pkgs; [ jq ripgrep # mine\n ]; }',
    );
    const json = JSON.stringify([
      {
        pname: 'jq',
        version: '1.7.1',
        description: 'Lightweight and flexible command-line JSON processor',
        mainProgram: 'jq',
      },
      { pname: 'ripgrep', version: '14.1.1', description: 'upstream text', mainProgram: 'rg' },
      { pname: 'coreutils', version: '9.5', description: 'GNU Core Utilities', mainProgram: null },
    ]);
    const nix = write('bin/nix', `#!/bin/sh\ncat <<'JSON'\n${json}\nJSON\n`);
    chmodSync(nix, 0o755);
    const set = await readPackageSet({
      root: tmp,
      home: path.join(tmp, 'home'),
      user: 'u',
      env: { PATH: `${path.dirname(nix)}:/usr/bin:/bin` },
      flake: `${path.join(tmp, 'etc', 'nixos')}#host`,
    });
    expect(set.problems).toEqual([]);
    expect(set.used).toEqual(['nix-eval', 'packages-nix']);
    expect(set.value?.packages.map((p) => [p.name, p.version, p.description, p.mainProgram])).toEqual([
      ['jq', '1.7.1', 'Lightweight and flexible command-line JSON processor', 'jq'],
      ['ripgrep', '14.1.1', 'mine', 'rg'],
    ]);
    expect(set.value?.binaries).toEqual({ jq: 'jq', rg: 'ripgrep' });
  });
});
