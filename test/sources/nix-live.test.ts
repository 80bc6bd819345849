import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveProfileDirs, readLiveSystem } from '../../src/sources/nix-packages.js';

const H = '0123456789abcdfghijklmnpqrsvwxyz'; // a 32-char nixbase32 hash
const store = (name: string) => `/nix/store/${H.slice(0, 31)}${name.length % 10}-${name}`;
let root: string;
let home: string;

// A fake NixOS: files under <root>/nix/store, links written exactly as NixOS writes them
// (absolute /nix/store targets), which the reader must re-root under <root>.
function put(logical: string, content = '#!/bin/sh\n'): void {
  const file = path.join(root, logical);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}
function link(logical: string, target: string): void {
  const file = path.join(root, logical);
  mkdirSync(path.dirname(file), { recursive: true });
  symlinkSync(target, file);
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'clearance-live-'));
  home = path.join(root, 'home', 'alice');
  const ripgrep = store('ripgrep-14.1.1');
  const bottom = store('bottom-0.10.2');
  const coreutils = store('coreutils-full-9.5');
  const helix = store('helix-25.01.1');
  const fd = store('fd-10.2.0');
  const systemPath = store('system-path');
  const hmPath = store('home-manager-path');
  const userEnv = store('user-environment');
  put(`${ripgrep}/bin/rg`);
  put(`${bottom}/bin/btm`);
  put(`${coreutils}/bin/ls`);
  put(`${helix}/bin/hx`);
  put(`${fd}/bin/fd`);
  // system profile: /run/current-system -> nixos-system -> sw -> system-path, bin entries link into packages
  link('/run/current-system', store('nixos-system-host-25.11'));
  link(`${store('nixos-system-host-25.11')}/sw`, systemPath);
  link(`${systemPath}/bin/rg`, `${ripgrep}/bin/rg`);
  link(`${systemPath}/bin/btm`, `../../${path.basename(bottom)}/bin/btm`); // relative link
  link(`${systemPath}/bin/ls`, `${coreutils}/bin/ls`);
  link(`${systemPath}/bin/.hx-wrapped`, `${helix}/bin/hx`); // hidden: skipped
  link(`${systemPath}/bin/escape`, '../../../../../../../../../../etc/passwd'); // climbs out: clamped to root
  link(`${systemPath}/bin/host-env`, '/usr/bin/env'); // absolute outside the store: re-rooted, absent
  // per-user profile (home-manager as a NixOS module): bin -> home-manager-path -> package
  link('/etc/profiles/per-user/alice', userEnv);
  link(`${userEnv}/bin/hx`, `${hmPath}/bin/hx`);
  link(`${hmPath}/bin/hx`, `${helix}/bin/hx`);
  link(`${userEnv}/bin/rg`, `${store('ripgrep-13.0.0')}/bin/rg`); // shadowed by the system profile
  // ~/.nix-profile -> /nix/var/nix/profiles/per-user/alice/profile -> a user environment
  mkdirSync(home, { recursive: true });
  symlinkSync('/nix/var/nix/profiles/per-user/alice/profile', path.join(home, '.nix-profile'));
  link('/nix/var/nix/profiles/per-user/alice/profile', store('user-environment'));
  link(`${store('user-environment')}/bin/fd`, `${fd}/bin/fd`);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readLiveSystem on a fake /run/current-system tree', () => {
  const read = () => readLiveSystem(root, liveProfileDirs(root, home, 'alice'));

  it('maps every binary to its package through one readlink and parseDrvName', () => {
    expect(read().value?.binaries).toEqual({
      rg: 'ripgrep',
      btm: 'bottom',
      ls: 'coreutils-full',
      hx: 'helix',
      fd: 'fd',
    });
  });

  it('lists packages with versions and the binaries seen', () => {
    expect(read().value?.packages.map((p) => [p.name, p.version, p.bins])).toEqual([
      ['bottom', '0.10.2', ['btm']],
      ['coreutils-full', '9.5', ['ls']],
      ['fd', '10.2.0', ['fd']],
      ['helix', '25.01.1', ['hx']],
      ['ripgrep', '14.1.1', ['rg']],
    ]);
  });

  it('never follows a link out of the root: such binaries are problems, not packages', () => {
    const messages = read().problems.map((p) => p.message);
    expect(messages).toEqual([
      `${store('system-path')}/bin/escape → /etc/passwd: not found under the root`,
      `${store('system-path')}/bin/host-env → /usr/bin/env: not found under the root`,
    ]);
  });

  it('gives nothing (and no problem) when there is no live system', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'clearance-live-empty-'));
    const result = readLiveSystem(empty, liveProfileDirs(empty, path.join(empty, 'home'), 'bob'));
    rmSync(empty, { recursive: true });
    expect(result).toEqual({ value: null, problems: [] });
  });
});
