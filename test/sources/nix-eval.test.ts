import { spawnSync } from 'node:child_process';
import {
  chmodSync,
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPLY_PACKAGES,
  packagesFromEvalJson,
  readNixEval,
  runNixJson,
} from '../../src/sources/nix-packages.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'nix');
let tmp: string;
let bin: string;

// A stub `nix` that records its argv and then does what the test says.
function stubNix(body: string): NodeJS.ProcessEnv {
  writeFileSync(path.join(bin, 'nix'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${tmp}/args"\n${body}\n`);
  chmodSync(path.join(bin, 'nix'), 0o755);
  return { PATH: `${bin}:/usr/bin:/bin` };
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'clearance-nix-eval-'));
  bin = path.join(tmp, 'bin');
  mkdirSync(bin);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('readNixEval with a stub nix', () => {
  it('evaluates the host’s systemPackages with the §1b apply function and reads the result', async () => {
    const env = stubNix(`cat "${path.join(fixtures, 'eval-system-packages.json')}"`);
    const result = await readNixEval({ dir: '/etc/nixos', host: 'myhost' }, { env });
    const args = readFileSync(path.join(tmp, 'args'), 'utf8').split('\n');
    expect(args.slice(0, 4)).toEqual([
      'eval',
      '--json',
      '--extra-experimental-features',
      'nix-command flakes',
    ]);
    expect(args).toContain('path:/etc/nixos#nixosConfigurations."myhost".config.environment.systemPackages');
    expect(args).toContain('--apply');
    expect(result.value?.source).toBe('nix-eval');
    expect(result.value?.packages.map((p) => [p.name, p.version])).toEqual([
      ['ripgrep', '14.1.1'],
      ['bottom', '0.10.2'],
      ['coreutils-full', '9.5'],
      ['dejavu-fonts', '2.37'],
      ['claude-autonomous', null],
    ]);
    expect(result.value?.binaries).toEqual({ rg: 'ripgrep', btm: 'bottom' });
    expect(result.value?.packages[0]?.description).toMatch(/Silver Searcher/);
    expect(result.problems.map((p) => p.message)).toEqual([
      'nix eval: package 5 has no name',
      'nix eval: package 6 has no name',
    ]);
  });

  it('turns a failed evaluation into one clear line', async () => {
    const env = stubNix(
      `echo "warning: Git tree is dirty" >&2; echo "error: flake 'path:/etc/nixos' does not provide attribute 'nixosConfigurations.x'" >&2; exit 1`,
    );
    const result = await readNixEval({ dir: '/etc/nixos', host: 'x' }, { env });
    expect(result.value).toBeNull();
    expect(result.problems.map((p) => p.message)).toEqual([
      "nix eval failed: error: flake 'path:/etc/nixos' does not provide attribute 'nixosConfigurations.x'",
    ]);
  });

  it('kills an evaluation that takes too long', async () => {
    const env = stubNix('sleep 5');
    const result = await readNixEval({ dir: '/etc/nixos', host: 'x' }, { env, timeoutMs: 200 });
    expect(result.problems[0]?.message).toMatch(/timed out/);
  });

  it('says so when nix is not installed', async () => {
    const result = await readNixEval(
      { dir: '/etc/nixos', host: 'x' },
      { env: { PATH: path.join(tmp, 'empty') } },
    );
    expect(result.problems[0]?.message).toBe('nix not found on PATH: install Nix or pass --packages FILE');
  });

  it('rejects output that is not a list', () => {
    expect(packagesFromEvalJson({ a: 1 }, 'x').problems[0]?.message).toMatch(/expected a JSON list/);
  });
});

const nixInstantiate = '/usr/bin/nix-instantiate';
const nixEnv = {
  PATH: '/usr/bin:/bin',
  HOME: os.tmpdir(),
  NIX_CONFIG: 'experimental-features = nix-command flakes\nbuild-users-group =',
};

describe.runIf(existsSync(nixInstantiate))('with Debian’s nix-instantiate', () => {
  it('evaluates the apply function over fake derivations shaped like §1b', async () => {
    const fake = `[
      { name = "ripgrep-14.1.1"; pname = "ripgrep"; version = "14.1.1"; outPath = "/nix/store/x-ripgrep-14.1.1";
        meta = { description = "fast grep"; mainProgram = "rg"; }; }
      { name = "hello-unstable-2023-01-01"; outPath = "/nix/store/x-hello"; meta = { }; }
    ]`;
    const { value, problems } = await runNixJson(
      nixInstantiate,
      ['--eval', '--strict', '--json', '--expr', `(${APPLY_PACKAGES}) ${fake}`],
      { env: nixEnv },
    );
    expect(problems).toEqual([]);
    const set = packagesFromEvalJson(value, 'nix-instantiate');
    expect(set.value?.packages.map((p) => [p.name, p.version, p.description, p.mainProgram])).toEqual([
      ['ripgrep', '14.1.1', 'fast grep', 'rg'],
      ['hello-unstable', '2023-01-01', null, null],
    ]);
    expect(set.value?.binaries).toEqual({ rg: 'ripgrep' });
  });

  it.each(readdirSync(path.join(fixtures, 'nixos-config')).filter((f) => f.endsWith('.nix')))(
    'nix-instantiate --parse accepts %s, which our parser reads without errors (syntax cross-check)',
    (file) => {
      const run = spawnSync(nixInstantiate, ['--parse', path.join(fixtures, 'nixos-config', file)], {
        env: nixEnv,
      });
      expect(run.status).toBe(0);
    },
  );
});
