// Evaluation against the real module systems: nixpkgs' lib and home-manager from the snapshots in
// test/fixtures/nix-eval/ (extracted once into a temp dir), with a stand-in pkgs. Nix runs with a
// dummy store, so no daemon and no writable /nix are needed and nothing is built.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { which } from '../tools.js';

export const repo = path.resolve(import.meta.dirname, '../../..');
const fixtures = path.join(repo, 'test/fixtures/nix-eval');
export const nixInstantiate = which('nix-instantiate');
export const tar = which('tar');

/** Why real evaluation cannot run here, or undefined. */
export const skipReason = !nixInstantiate
  ? 'nix-instantiate is not on PATH (apt-get install nix-bin)'
  : !tar
    ? 'tar is not on PATH'
    : undefined;

let root: string | null = null;

/** Extract the snapshots (once per test file) and lay out the stand-in pkgs.path. */
export function snapshots(): string {
  if (root) return root;
  root = mkdtempSync(path.join(tmpdir(), 'clearance-real-nix-'));
  for (const name of ['nixpkgs-lib-de42d44212d2.tar.gz', 'home-manager-ec1a8fdf74ed.tar.gz']) {
    const result = spawnSync('tar', ['-xzf', path.join(fixtures, name), '-C', root]);
    if (result.status !== 0) throw new Error(`tar ${name}: ${String(result.stderr)}`);
  }
  const nixpkgsPath = path.join(root, 'nixpkgs-path');
  mkdirSync(nixpkgsPath);
  cpSync(path.join(repo, 'test/nix/real/nixpkgs-path'), nixpkgsPath, { recursive: true });
  symlinkSync(path.join(root, 'nixpkgs-lib', 'lib'), path.join(nixpkgsPath, 'lib'));
  return root;
}

export function cleanSnapshots(): void {
  if (root) rmSync(root, { recursive: true, force: true });
  root = null;
}

/** The Nix prelude: `lib`, `pkgs`, `flake` (this repo's outputs), `home [modules]`, `nixos [modules]`. */
export function prelude(): string {
  const dir = snapshots();
  return `let
    root = ${dir};
    lib = import (root + "/nixpkgs-lib/lib");
    hm = root + "/home-manager";
    hmLib = import (hm + "/modules/lib/stdlib-extended.nix") lib;
    pkgs = import ${repo}/test/nix/real/stand-in-pkgs.nix { lib = hmLib; path = root + "/nixpkgs-path"; };
    nixpkgs = { inherit lib; legacyPackages = lib.genAttrs [ "x86_64-linux" "aarch64-linux" ] (_: pkgs); };
    flake = (import ${repo}/flake.nix).outputs { self = flake; inherit nixpkgs; };
    # home-manager's own core module set (as its modules.nix lists it, minimal), plus the modules
    # programs.claude-code needs beside it.
    home = modules: (hmLib.evalModules {
      class = "homeManager";
      specialArgs.modulesPath = toString (hm + "/modules");
      modules = import (hm + "/modules/modules.nix") { inherit pkgs; lib = hmLib; minimal = true; useNixpkgsModule = false; }
        ++ [
          (hm + "/modules/programs/claude-code")
          (hm + "/modules/programs/fish.nix")
          (hm + "/modules/programs/man")
          { home.username = "alice"; home.homeDirectory = "/home/alice"; home.stateVersion = "25.11"; }
        ] ++ modules;
    }).config;
    nixos = modules: (lib.evalModules {
      modules = [ ${repo}/test/nix/real/nixos-options.nix { _module.args.pkgs = pkgs; } ] ++ modules;
    }).config;
    # Activation entries in the order home-manager runs them.
    activationOrder = config: map (e: e.name) (hmLib.hm.dag.topoSort config.home.activation).result;
  in `;
}

/** Evaluate `body` (after the prelude) strictly to JSON. */
export function evalJson<T>(body: string): T {
  const result = spawnSync(
    nixInstantiate ?? 'nix-instantiate',
    ['--store', 'dummy://', '--eval', '--strict', '--json', '--expr', `${prelude()}${body}`],
    { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: snapshots() } },
  );
  if (result.status !== 0) throw new Error(result.stderr.replace(/^warning:.*\n/gm, '').trim());
  return JSON.parse(result.stdout) as T;
}
