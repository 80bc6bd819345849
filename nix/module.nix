# NixOS module: `programs.clearance`. Imported by the flake as `nixosModules.default`.
# Activation only runs quick, non-interactive steps (hooks, docs); the dashboard itself is
# opened by `rebuild-nixos` when a person is at a terminal, never by activation.
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
    environment.systemPackages = [
      (shared.commands cfg.package)
    ] ++ lib.optional cfg.rebuild.enable (lib.hiPrio (shared.rebuildWrapper cfg));

    environment.variables =
      lib.optionalAttrs (cfg.flake != null) { CLEARANCE_FLAKE = cfg.flake; }
      // lib.optionalAttrs (cfg.nixFile != null) { CLEARANCE_NIX_FILE = cfg.nixFile; };
    environment.sessionVariables = lib.mkIf cfg.otel.enable (shared.otelEnvironment cfg.otel.port);

    # Runs as each user (the nixos-activation user service) at login and on every switch.
    # Only users who use Claude Code (~/.claude exists) get hooks or docs; a failure is reported,
    # never fatal.
    system.userActivationScripts = {
      clearance-hooks = lib.mkIf cfg.hooks.enable {
        text = shared.hooksScript exe;
      };
      clearance-docs = lib.mkIf (cfg.docs.target != null) {
        text = shared.docsScript exe cfg.docs.target cfg.nixFile;
      };
    };

    systemd.user.services.clearance-collect = lib.mkIf cfg.otel.enable {
      description = "clearance: local OTLP/HTTP receiver for Claude Code tool decisions";
      wantedBy = [ "default.target" ];
      serviceConfig = {
        ExecStart = "${exe} collect --port ${toString cfg.otel.port}";
        Restart = "on-failure";
        RestartSec = 5;
      };
    };
  };
}
