import { describe, expect, it } from 'vitest';
import { displayVersion, parseDrvName, storePathName } from '../../../src/core/nix/drv-name.js';

describe('parseDrvName (Nix names.cc rule, checked against builtins.parseDrvName)', () => {
  it.each([
    ['ripgrep-14.1.1', 'ripgrep', '14.1.1'],
    ['hello-unstable-2023-01-01', 'hello-unstable', '2023-01-01'],
    ['coreutils-9.5-man', 'coreutils', '9.5-man'],
    ['python3.12-requests-2.31.0', 'python3.12-requests', '2.31.0'],
    ['gtk+3-3.24.41', 'gtk+3', '3.24.41'],
    ['firefox-bin-130.0', 'firefox-bin', '130.0'],
    ['perl-5.42.0-env', 'perl', '5.42.0-env'],
    ['linux-6.18.8-modules-shrunk', 'linux', '6.18.8-modules-shrunk'],
    ['unit-nix-daemon-.service', 'unit-nix-daemon', '.service'],
    ['home-manager-path', 'home-manager-path', ''],
    ['system-path', 'system-path', ''],
    ['source', 'source', ''],
    ['x--1', 'x', '-1'],
    ['foo-_bar', 'foo', '_bar'],
    ['foo-', 'foo-', ''],
    ['', '', ''],
  ])('%j → %j / %j', (input, name, version) => {
    expect(parseDrvName(input)).toEqual({ name, version });
  });
});

describe('storePathName', () => {
  it.each([
    ['/nix/store/0123456789abcdfghijklmnpqrsvwxyz-ripgrep-14.1.1/bin/rg', 'ripgrep-14.1.1'],
    ['/nix/store/0123456789abcdfghijklmnpqrsvwxyz-system-path', 'system-path'],
    ['/usr/bin/rg', null],
    ['/nix/store/short-ripgrep/bin/rg', null],
  ])('%s → %j', (target, name) => {
    expect(storePathName(target)).toBe(name);
  });
});

describe('displayVersion', () => {
  it.each([
    ['9.5-man', '9.5'],
    ['5.42.0-env', '5.42.0'],
    ['14.1.1', '14.1.1'],
  ])('%s → %s', (version, shown) => {
    expect(displayVersion(version)).toBe(shown);
  });
});
