# home-manager module: `programs.clearance`. Imported by the flake as `homeManagerModules.default`.
# Same options as the NixOS module; activation steps never open a TUI and never fail a switch.
self:
{
  config,
  lib,
  pkgs,
  ...
}:
let
  cfg = config.programs.clearance;
  shared = import ./shared.nix { inherit lib pkgs; };
  exe = lib.getExe cfg.package;
in
{
  options.programs.clearance = shared.options {
    defaultPackage = self.packages.${pkgs.stdenv.hostPlatform.system}.default;
  };

  config = lib.mkIf cfg.enable {
    home.packages = [
      (shared.commands cfg.package)
    ] ++ lib.optional cfg.rebuild.enable (lib.hiPrio (shared.rebuildWrapper cfg));

    home.sessionVariables =
      lib.optionalAttrs (cfg.flake != null) { CLEARANCE_FLAKE = cfg.flake; }
      // lib.optionalAttrs cfg.otel.enable (shared.otelEnvironment cfg.otel.port);

    # `run` prints instead of running under `home-manager switch --dry-run`.
    home.activation = {
      clearanceHooks = lib.mkIf cfg.hooks.enable (
        lib.hm.dag.entryAfter [ "writeBoundary" ] ''
          run ${exe} install-hooks >/dev/null 2>&1 \
            || warnEcho "clearance: could not install the Claude Code hooks (run: clearance install-hooks)"
        ''
      );
      clearanceDocs = lib.mkIf (cfg.docs.target != null) (
        lib.hm.dag.entryAfter [ "writeBoundary" ] ''
          run ${exe} docs --write --target ${lib.escapeShellArg (shared.expandHome config.home.homeDirectory cfg.docs.target)} >/dev/null 2>&1 \
            || warnEcho "clearance: could not update ${cfg.docs.target} (run: clearance docs --write)"
        ''
      );
    };

    systemd.user.services.clearance-collect = lib.mkIf cfg.otel.enable {
      Unit.Description = "clearance: local OTLP/HTTP receiver for Claude Code tool decisions";
      Service = {
        ExecStart = "${exe} collect --port ${toString cfg.otel.port}";
        Restart = "on-failure";
        RestartSec = 5;
      };
      Install.WantedBy = [ "default.target" ];
    };
  };
}
