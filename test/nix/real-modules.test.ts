// clearance's NixOS and home-manager modules evaluated by the real module systems: nixpkgs' lib
// (lib.evalModules with stand-in declarations of the NixOS options it sets) and home-manager's own
// module set with programs.claude-code (test/nix/real/harness.ts). pkgs is a stand-in.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanSnapshots, evalJson, repo, skipReason, snapshots } from './real/harness.js';
import { which } from './tools.js';

const work = mkdtempSync(path.join(tmpdir(), 'clearance-real-modules-'));
afterAll(() => {
  cleanSnapshots();
  rmSync(work, { recursive: true, force: true });
});

const EVERYTHING = `{ enable = true; flake = "/etc/nixos#laptop"; hooks.enable = true; otel.enable = true;
  docs.target = "~/.claude/CLAUDE.md"; rebuild.enable = true; nixFile = "~/nixos-config/clearance.nix"; }`;
const OTEL = {
  CLAUDE_CODE_ENABLE_TELEMETRY: '1',
  OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://127.0.0.1:4318/v1/logs',
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
  OTEL_LOGS_EXPORTER: 'otlp',
  OTEL_LOG_TOOL_DETAILS: '1',
};
const GUARD = 'if [ -d "${CLAUDE_CONFIG_DIR:-$HOME/.claude}" ]; then\n';

/** Run an activation snippet with home-manager's real `run`/`warnEcho` (lib/bash/home-manager.sh). */
function activate(snippet: string, home: string, dryRun: boolean) {
  const lib = path.join(snapshots(), 'home-manager/lib/bash/home-manager.sh');
  const script = `source ${lib}\n${dryRun ? 'DRY_RUN=1\n' : ''}${snippet}`;
  const result = spawnSync('bash', ['--norc', '--noprofile', '-euc', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe.skipIf(skipReason !== undefined)(
  skipReason
    ? `modules in the real module systems (skipped: ${skipReason})`
    : 'modules in the real module systems',
  () => {
    it('NixOS: the user service, activation snippets behind one guard, variables and commands', () => {
      const c = evalJson<{
        service: { description: string; wantedBy: string[]; serviceConfig: { ExecStart: string } };
        activation: Record<string, { text: string }>;
        variables: Record<string, string>;
        sessionVariables: Record<string, string>;
        packages: string[];
      }>(`let c = nixos [ flake.nixosModules.default { programs.clearance = ${EVERYTHING}; } ]; in {
        service = c.systemd.user.services.clearance-collect;
        activation = c.system.userActivationScripts;
        inherit (c.environment) variables sessionVariables;
        packages = map (p: p.name) c.environment.systemPackages;
      }`);
      expect(c.service.wantedBy).toEqual(['default.target']);
      expect(c.service.serviceConfig.ExecStart).toMatch(
        /-clearance-0\.1\.0\/bin\/clearance collect --port 4318$/,
      );
      expect(Object.keys(c.activation).sort()).toEqual(['clearance-docs', 'clearance-hooks']);
      for (const { text } of Object.values(c.activation)) expect(text.startsWith(GUARD)).toBe(true);
      expect(c.activation['clearance-docs']?.text).toContain(`--nix-file '~/nixos-config/clearance.nix'`);
      expect(c.variables).toEqual({
        CLEARANCE_FLAKE: '/etc/nixos#laptop',
        CLEARANCE_NIX_FILE: '~/nixos-config/clearance.nix',
      });
      expect(c.sessionVariables).toEqual(OTEL);
      expect(c.packages).toEqual(['clearance-commands-0.1.0', 'rebuild-nixos']);
    });

    it('NixOS: only the commands when only enable is set', () => {
      const c = evalJson<
        Record<string, unknown>
      >(`let c = nixos [ flake.nixosModules.default { programs.clearance.enable = true; } ]; in {
        services = c.systemd.user.services; activation = c.system.userActivationScripts;
        inherit (c.environment) variables sessionVariables; packages = map (p: p.name) c.environment.systemPackages;
      }`);
      expect(c).toEqual({
        services: {},
        activation: {},
        variables: {},
        sessionVariables: {},
        packages: ['clearance-commands-0.1.0'],
      });
    });

    it('home-manager: hooks and docs run after installPackages and linkGeneration', () => {
      const order = evalJson<string[]>(
        `activationOrder (home [ flake.homeModules.default { programs.clearance = ${EVERYTHING}; } ])`,
      );
      const at = (name: string) => order.indexOf(name);
      for (const step of ['clearanceDocs', 'clearanceHooks']) {
        expect(at(step)).toBeGreaterThan(at('installPackages'));
        expect(at(step)).toBeGreaterThan(at('linkGeneration'));
        expect(at(step)).toBeGreaterThan(at('writeBoundary'));
      }
    });

    it('home-manager: the service, session variables and ~ expanded in the nix file', () => {
      const c = evalJson<{
        service: { Service: { ExecStart: string[] } };
        vars: Record<string, string>;
        docs: string;
      }>(
        `let c = home [ flake.homeModules.default { programs.clearance = ${EVERYTHING}; } ]; in {
          service = c.systemd.user.services.clearance-collect; vars = c.home.sessionVariables;
          docs = c.home.activation.clearanceDocs.data; }`,
      );
      expect(c.service.Service.ExecStart).toEqual([
        expect.stringMatching(/bin\/clearance collect --port 4318$/),
      ]);
      expect(c.vars).toMatchObject({ ...OTEL, CLEARANCE_NIX_FILE: '/home/alice/nixos-config/clearance.nix' });
      expect(c.docs).toContain(
        'docs --write --target /home/alice/.claude/CLAUDE.md --nix-file /home/alice/nixos-config/clearance.nix',
      );
    });

    it('home-manager with programs.claude-code: hooks and telemetry go into its settings, merged with the user’s own', () => {
      const c = evalJson<{
        settings: {
          hooks: Record<string, { matcher: string; hooks: { command: string }[] }[]>;
          env: Record<string, string>;
          model: string;
        };
        activation: string[];
        files: string[];
      }>(`let c = home [ flake.homeModules.default {
          programs.clearance = ${EVERYTHING};
          programs.claude-code = { enable = true; settings = {
            model = "opus";
            hooks.PreToolUse = [ { matcher = "Bash"; hooks = [ { type = "command"; command = "my-guard"; } ]; } ];
          }; };
        } ]; in {
          inherit (c.programs.claude-code) settings;
          activation = builtins.attrNames c.home.activation;
          files = builtins.attrNames c.home.file;
        }`);
      expect(Object.keys(c.settings.hooks).sort()).toEqual([
        'PermissionRequest',
        'PostToolUse',
        'PostToolUseFailure',
        'PreToolUse',
      ]);
      expect(
        c.settings.hooks.PreToolUse?.map((g) => [g.matcher, g.hooks[0]?.command.replace(/^\S+\/bin\//, '')]),
      ).toEqual(
        expect.arrayContaining([
          ['*', 'clearance hook'],
          ['Bash', 'my-guard'],
        ]),
      );
      expect(c.settings.hooks.PreToolUse).toHaveLength(2);
      expect(c.settings.env).toEqual(OTEL);
      expect(c.settings.model).toBe('opus');
      expect(c.activation).not.toContain('clearanceHooks');
      expect(c.activation).toContain('clearanceDocs');
      expect(c.files).toContain('/home/alice/.claude/settings.json');
    });

    it('home-manager without programs.claude-code.enable leaves its settings alone', () => {
      const settings = evalJson<unknown>(
        `(home [ flake.homeModules.default { programs.clearance = ${EVERYTHING}; } ]).programs.claude-code.settings`,
      );
      expect(settings).toEqual({});
    });

    it.each([
      ['clearanceHooks', /^\S+\/bin\/clearance install-hooks\n$/],
      [
        'clearanceDocs',
        /^\S+\/bin\/clearance docs --write --target \S+\/\.claude\/CLAUDE\.md --nix-file \S+\/nixos-config\/clearance\.nix\n$/,
      ],
    ])('home-manager --dry-run prints what %s would run, and nothing without ~/.claude', (step, printed) => {
      const home = path.join(work, step);
      const snippet = evalJson<string>(
        `(home [ flake.homeModules.default { programs.clearance = ${EVERYTHING}; home.homeDirectory = lib.mkForce "${home}"; } ]).home.activation.${step}.data`,
      );
      mkdirSync(home, { recursive: true });
      expect(activate(snippet, home, true)).toEqual({ code: 0, out: '', err: '' });
      mkdirSync(path.join(home, '.claude'));
      const dry = activate(snippet, home, true);
      expect(dry.code).toBe(0);
      expect(dry.out, dry.out).toMatch(printed);
      // A real run of a clearance that fails is reported and never fails the switch.
      const real = activate(snippet, home, false);
      expect(real.code).toBe(0);
      expect(real.out + real.err).toMatch(/clearance: could not/);
    });
  },
);

// `nix flake check --no-build` of this flake, with `nixpkgs` overridden to a path flake made of the
// real lib and the stand-in pkgs (a chroot store in a temp dir: no daemon, nothing built).
const nix = which('nix');
describe.skipIf(skipReason !== undefined || !nix)(
  nix ? 'nix flake check --no-build' : 'nix flake check --no-build (skipped: nix is not on PATH)',
  () => {
    it('passes with nixpkgs overridden to the real lib and stand-in pkgs', () => {
      const dir = path.join(work, 'flake-check');
      const nixpkgs = path.join(dir, 'nixpkgs');
      const src = path.join(dir, 'src');
      mkdirSync(nixpkgs, { recursive: true });
      mkdirSync(src, { recursive: true });
      cpSync(path.join(snapshots(), 'nixpkgs-lib', 'lib'), path.join(nixpkgs, 'lib'), { recursive: true });
      cpSync(path.join(repo, 'test/nix/real/stand-in-pkgs.nix'), path.join(nixpkgs, 'stand-in-pkgs.nix'));
      cpSync(path.join(repo, 'test/nix/real/nixpkgs-path'), path.join(nixpkgs, 'nixpkgs-path'), {
        recursive: true,
      });
      writeFileSync(
        path.join(nixpkgs, 'flake.nix'),
        `{
  outputs = _: let
    lib = import ./lib;
    pkgs = import ./stand-in-pkgs.nix { inherit lib; path = ./nixpkgs-path; };
  in { inherit lib; legacyPackages = lib.genAttrs [ "x86_64-linux" "aarch64-linux" ] (_: pkgs); };
}
`,
      );
      cpSync(path.join(repo, 'flake.nix'), path.join(src, 'flake.nix'));
      cpSync(path.join(repo, 'nix'), path.join(src, 'nix'), { recursive: true });
      const result = spawnSync(
        nix ?? 'nix',
        [
          '--store',
          path.join(dir, 'store'),
          '--extra-experimental-features',
          'nix-command flakes',
          'flake',
          'check',
          '--no-build',
          '--override-input',
          'nixpkgs',
          `path:${nixpkgs}`,
          `path:${src}`,
        ],
        { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir } },
      );
      expect(result.stderr).not.toMatch(/^error:/m);
      expect(result.status).toBe(0);
      // Nix does not know home-manager's module output name; anything else unknown would be a typo.
      const unknown = [...result.stderr.matchAll(/unknown flake output '([^']+)'/g)].map((m) => m[1]);
      expect(unknown.filter((name) => name !== 'homeModules')).toEqual([]);
    });
  },
);
