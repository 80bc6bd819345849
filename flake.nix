{
  description = "clearance: learn safe Claude Code permission rules from what you approved; keep CLAUDE.md in sync with your Nix packages";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs =
    { self, nixpkgs }:
    let
      inherit (nixpkgs) lib;
      systems = [
        "x86_64-linux"
        "aarch64-linux"
      ];
      forAllSystems = f: lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      packages = forAllSystems (pkgs: rec {
        clearance = pkgs.callPackage ./nix/package.nix { nodejs = pkgs.nodejs_22; };
        default = clearance;
        # The fixed-output dependency tarballs; `nix build .#npm-deps` after a lockfile change
        # prints the new hash (or run `node nix/update-deps-hash.mjs`, see nix/README.md).
        npm-deps = clearance.npmDeps;
      });

      apps = forAllSystems (
        pkgs:
        let
          clearance = self.packages.${pkgs.stdenv.hostPlatform.system}.default;
          app = name: {
            type = "app";
            program = "${clearance}/bin/${name}";
            meta.description = "clearance: ${name}";
          };
        in
        {
          default = app "clearance";
          clearance = app "clearance";
          rebuild-nixos = app "rebuild-nixos";
          claude-sandboxed = app "claude-sandboxed";
          claude-airgapped = app "claude-airgapped";
        }
      );

      devShells = forAllSystems (pkgs: {
        default = pkgs.mkShell {
          packages = with pkgs; [
            nodejs_22
            python3 # node-gyp, when better-sqlite3 is rebuilt
            bubblewrap # test/nix/sandbox.test.ts
            tmux # end-to-end terminal tests
            util-linux # script(1)
            nix # nix-instantiate --parse, nix hash path
            nixfmt
          ];
        };
      });

      checks = forAllSystems (
        pkgs:
        let
          clearance = self.packages.${pkgs.stdenv.hostPlatform.system}.default;
        in
        {
          package = clearance;
          tests = clearance.overrideAttrs { doCheck = true; };
        }
      );

      formatter = forAllSystems (pkgs: pkgs.nixfmt);

      overlays.default = final: _prev: {
        clearance = final.callPackage ./nix/package.nix { nodejs = final.nodejs_22; };
      };

      nixosModules.default = import ./nix/module.nix self;
      nixosModules.clearance = self.nixosModules.default;
      # The output name home-manager documents for modules (`homeModules`).
      homeModules.default = import ./nix/home-manager.nix self;
      homeModules.clearance = self.homeModules.default;
    };
}
