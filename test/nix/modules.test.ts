import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { nixEnv, which } from './tools.js';

// The flake and both modules evaluated against test/nix/stub-nixpkgs.nix: no nixpkgs is
// available here, but the wiring (option names, services, variables, activation snippets,
// output names) can still be read and the generated shell snippets run.
const repo = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'clearance-modules-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const nixInstantiate = which('nix-instantiate');

function nixEval<T>(body: string): T {
  const expr = `let
    stub = import ./test/nix/stub-nixpkgs.nix;
    self = (import ./flake.nix).outputs { inherit self; inherit (stub) nixpkgs; };
    everything = { enable = true; package = stub.package; flake = "/etc/nixos#laptop"; hooks.enable = true; nixFile = null;
      otel = { enable = true; port = 4318; }; docs.target = "~/.claude/CLAUDE.md"; rebuild.enable = true; };
    minimal = { enable = true; package = stub.package; flake = null; hooks.enable = false; nixFile = null;
      otel = { enable = false; port = 4318; }; docs.target = null; rebuild.enable = false; };
    nixos = cfg: (self.nixosModules.default { inherit (stub) lib pkgs; config.programs.clearance = cfg; }).config;
    home = cfg: (self.homeModules.default { inherit (stub) lib pkgs; options = { };
      config = { programs.clearance = cfg; home.homeDirectory = "/home/alice"; }; }).config;
  in ${body}`;
  const result = spawnSync(
    nixInstantiate ?? 'nix-instantiate',
    ['--eval', '--strict', '--json', '--expr', expr],
    {
      cwd: repo,
      encoding: 'utf8',
      env: nixEnv,
    },
  );
  expect(result.stderr.replace(/^warning:.*\n/gm, '')).toBe('');
  return JSON.parse(result.stdout) as T;
}

function bash(script: string, env: Record<string, string>) {
  // --norc: bash reads bashrc when its stdin is a socket, as Node's pipes are.
  const result = spawnSync('bash', ['--norc', '--noprofile', '-euc', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const docs = readFileSync(path.join(repo, 'docs/nixos.md'), 'utf8');

describe.skipIf(!nixInstantiate)(
  nixInstantiate
    ? 'the flake and modules'
    : 'the flake and modules (skipped: nix-instantiate is not on PATH)',
  () => {
    it.each(['x86_64-linux', 'aarch64-linux'])('exposes packages, apps and checks for %s', (system) => {
      const outputs = nixEval<Record<string, string[]>>(`{
        packages = builtins.attrNames self.packages.${system};
        apps = builtins.attrNames self.apps.${system};
        checks = builtins.attrNames self.checks.${system};
        devShells = builtins.attrNames self.devShells.${system};
      }`);
      expect(outputs).toEqual({
        packages: ['clearance', 'default', 'npm-deps'],
        apps: ['claude-airgapped', 'claude-sandboxed', 'clearance', 'default', 'rebuild-nixos'],
        checks: ['package', 'tests'],
        devShells: ['default'],
      });
    });

    it('documents every flake output and every option in docs/nixos.md', () => {
      const options = nixEval<
        string[]
      >(`let o = (self.nixosModules.default { inherit (stub) lib pkgs; config.programs.clearance = minimal; }).options.programs.clearance;
        in builtins.concatLists (map (n: if o.\${n} ? _option then [ n ] else map (m: "\${n}.\${m}") (builtins.attrNames o.\${n})) (builtins.attrNames o))`);
      expect(options.sort()).toEqual([
        'docs.target',
        'enable',
        'flake',
        'hooks.enable',
        'nixFile',
        'otel.enable',
        'otel.port',
        'package',
        'rebuild.enable',
      ]);
      const documented = [
        ...options,
        'packages.<system>.{default,clearance,npm-deps}',
        'apps.<system>.{default,clearance,rebuild-nixos,claude-sandboxed,claude-airgapped}',
        'checks.<system>.{package,tests}',
        'nixosModules.{default,clearance}',
        'homeModules.{default,clearance}',
      ];
      expect(documented.filter((name) => !docs.includes(`\`${name}\``))).toEqual([]);
    });

    it('sets the same Claude Code variables as clearance collect --print-env', async () => {
      const printed = JSON.parse((await runCli(['collect', '--print-env', '--json'])).stdout) as Record<
        string,
        string
      >;
      const { nixos, home } = nixEval<Record<string, unknown>>(
        `{ nixos = (nixos everything).environment.sessionVariables; home = (home everything).home.sessionVariables; }`,
      );
      expect(nixos).toEqual(printed);
      expect(home).toEqual({ ...printed, CLEARANCE_FLAKE: '/etc/nixos#laptop' });
    });

    it('runs the receiver as a user service on the configured port', () => {
      const { nixos, home } = nixEval<Record<string, string>>(`{
        nixos = (nixos (everything // { otel = { enable = true; port = 4999; }; })).systemd.user.services.clearance-collect.serviceConfig.ExecStart;
        home = (home everything).systemd.user.services.clearance-collect.Service.ExecStart;
      }`);
      expect(nixos).toMatch(/-clearance-0\.1\.0\/bin\/clearance collect --port 4999$/);
      expect(home).toMatch(/-clearance-0\.1\.0\/bin\/clearance collect --port 4318$/);
    });

    it('adds nothing but the commands when only enable is set', () => {
      const config = nixEval<Record<string, unknown>>(`let c = nixos minimal; in {
        packages = map (p: p.name) c.environment.systemPackages;
        inherit (c.environment) variables sessionVariables;
        activation = c.system.userActivationScripts;
        services = c.systemd.user.services;
      }`);
      expect(config).toEqual({
        packages: ['clearance-commands-0.1.0'],
        variables: {},
        sessionVariables: {},
        activation: { 'clearance-hooks': {}, 'clearance-docs': {} },
        services: { 'clearance-collect': {} },
      });
    });

    it('leaves rebuild-nixos out of the commands unless rebuild.enable is set', () => {
      const script = nixEval<string>(`(builtins.head (nixos minimal).environment.systemPackages).script`);
      const linkDir = path.join(work, 'commands');
      const pkg = path.join(work, 'pkg');
      mkdirSync(path.join(pkg, 'bin'), { recursive: true });
      for (const name of ['clearance', 'rebuild-nixos', 'claude-sandboxed', 'claude-airgapped'])
        writeFileSync(path.join(pkg, 'bin', name), '');
      const run = bash(script.replaceAll(/\/nix\/store\/0{32}-clearance-0\.1\.0/g, pkg), { out: linkDir });
      expect(run.code).toBe(0);
      expect(bash('ls "$out/bin"', { out: linkDir }).out.trim().split('\n')).toEqual([
        'claude-airgapped',
        'claude-sandboxed',
        'clearance',
      ]);
    });

    it('the rebuild-nixos wrapper defaults to programs.clearance.flake and keeps an explicit CLEARANCE_FLAKE', () => {
      const pkg = path.join(work, 'wrapped');
      mkdirSync(path.join(pkg, 'bin'), { recursive: true });
      writeFileSync(
        path.join(pkg, 'bin', 'rebuild-nixos'),
        '#!/bin/sh\necho "flake=$CLEARANCE_FLAKE args=$*"\n',
      );
      chmodSync(path.join(pkg, 'bin', 'rebuild-nixos'), 0o755);
      const text = nixEval<string>(
        `(builtins.elemAt (nixos (everything // { flake = "/home/o'neil/cfg#h"; package = stub.package // { outPath = "${pkg}"; }; })).environment.systemPackages 1).text`,
      );
      expect(bash(`${text}`, {}).out).toBe("flake=/home/o'neil/cfg#h args=\n");
      expect(bash(`set -- --quick; ${text}`, { CLEARANCE_FLAKE: '/mine' }).out).toBe(
        'flake=/mine args=--quick\n',
      );
    });

    it.each([
      ['NixOS hooks', `(nixos everything).system.userActivationScripts.clearance-hooks.text`],
      ['NixOS docs', `(nixos everything).system.userActivationScripts.clearance-docs.text`],
    ])('the %s activation snippet reports a failing clearance and still succeeds', (label, attr) => {
      const home = path.join(work, `home-${label.replace(/\W/g, '')}`);
      mkdirSync(path.join(home, '.claude'), { recursive: true });
      const run = bash(nixEval<string>(attr), { HOME: home });
      expect(run.code).toBe(0);
      expect(run.err).toMatch(
        /^clearance: could not (install the Claude Code hooks|update \/.*\/\.claude\/CLAUDE\.md)/,
      );
    });

    it('installs hooks only for users who have ~/.claude', () => {
      const home = path.join(work, 'no-claude');
      mkdirSync(home, { recursive: true });
      const run = bash(
        nixEval<string>(`(nixos everything).system.userActivationScripts.clearance-hooks.text`),
        {
          HOME: home,
        },
      );
      expect([run.code, run.err]).toEqual([0, '']);
    });

    it('home-manager runs hooks and docs after installPackages and linkGeneration, through `run --silence`, with ~ expanded', () => {
      const activation = nixEval<Record<string, { after: string[]; data: string }>>(
        `(home everything).home.activation`,
      );
      expect(Object.keys(activation).sort()).toEqual(['clearanceDocs', 'clearanceHooks']);
      expect(activation.clearanceHooks?.after).toEqual([
        'writeBoundary',
        'installPackages',
        'linkGeneration',
      ]);
      expect(activation.clearanceDocs?.after).toEqual(['writeBoundary', 'installPackages', 'linkGeneration']);
      expect(activation.clearanceHooks?.data).toMatch(
        /^if \[ -d "\$\{CLAUDE_CONFIG_DIR:-\$HOME\/\.claude\}" \]; then\nrun --silence \S+\/bin\/clearance install-hooks .*\|\| warnEcho/s,
      );
      expect(activation.clearanceDocs?.data).toContain("--target '/home/alice/.claude/CLAUDE.md'");
    });
  },
);
