# home-manager module: `programs.clearance`. Imported by the flake as `homeModules.default`.
# Same options as the NixOS module; activation steps never open a TUI and never fail a switch.
# With home-manager's own `programs.claude-code` enabled, ~/.claude/settings.json is a read-only
# link into the Nix store, so the hooks and the telemetry environment are set declaratively through
# `programs.claude-code.settings` instead of being edited into that file at activation.
self:
{
  config,
  options,
  lib,
  pkgs,
  ...
}:
let
  cfg = config.programs.clearance;
  shared = import ./shared.nix { inherit lib pkgs; };
  exe = lib.getExe cfg.package;
  # Older home-manager releases have no programs.claude-code.
  hasClaudeCode = options ? programs && options.programs ? claude-code;
  declarative = hasClaudeCode && config.programs.claude-code.enable;
  claudeDir =
    if hasClaudeCode then lib.escapeShellArg config.programs.claude-code.configDir else shared.claudeDirShell;
  expand = shared.expandHome config.home.homeDirectory;
  nixFile = if cfg.nixFile == null then null else expand cfg.nixFile;
in
{
  options.programs.clearance = shared.options {
    defaultPackage = self.packages.${pkgs.stdenv.hostPlatform.system}.default;
  };

  config = lib.mkIf cfg.enable (
    {
      home.packages = [
        (shared.commands cfg.package)
      ] ++ lib.optional cfg.rebuild.enable (lib.hiPrio (shared.rebuildWrapper cfg));

      home.sessionVariables =
        lib.optionalAttrs (cfg.flake != null) { CLEARANCE_FLAKE = cfg.flake; }
        // lib.optionalAttrs (nixFile != null) { CLEARANCE_NIX_FILE = nixFile; }
        // lib.optionalAttrs cfg.otel.enable (shared.otelEnvironment cfg.otel.port);

      # After installPackages and linkGeneration, so `docs` reads this generation's profile and both
      # steps see the files this generation links. `run --silence` prints the command instead of
      # running it under `home-manager switch --dry-run`, and hides its output otherwise.
      home.activation = {
        clearanceHooks = lib.mkIf (cfg.hooks.enable && !declarative) (
          lib.hm.dag.entryAfter [ "writeBoundary" "installPackages" "linkGeneration" ] (
            shared.ifClaudeDir claudeDir ''
              run --silence ${exe} install-hooks \
                || warnEcho "clearance: could not install the Claude Code hooks (run: clearance install-hooks)"
            ''
          )
        );
        clearanceDocs = lib.mkIf (cfg.docs.target != null) (
          lib.hm.dag.entryAfter [ "writeBoundary" "installPackages" "linkGeneration" ] (
            shared.ifClaudeDir claudeDir ''
              run --silence ${exe} docs --write --target ${lib.escapeShellArg (expand cfg.docs.target)}${shared.nixFileArg nixFile} \
                || warnEcho "clearance: could not update ${cfg.docs.target} (run: clearance docs --write)"
            ''
          )
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
    }
    # Only defined when the option exists: a definition of an undeclared option is an error even
    # under mkIf false.
    // lib.optionalAttrs hasClaudeCode {
      programs.claude-code.settings = lib.mkIf declarative (
        lib.optionalAttrs cfg.hooks.enable { hooks = shared.hookSettings exe; }
        // lib.optionalAttrs cfg.otel.enable { env = shared.otelEnvironment cfg.otel.port; }
      );
    }
  );
}
