# What the NixOS and home-manager modules share: the option set, the commands put on PATH,
# the rebuild-nixos wrapper, the OpenTelemetry environment for Claude Code, activation snippets.
{ lib, pkgs }:
let
  inherit (lib) mkOption mkEnableOption types;
in
rec {
  options =
    { defaultPackage }:
    {
      enable = mkEnableOption "clearance, permission learning and post-rebuild review for Claude Code";
      package = mkOption {
        type = types.package;
        default = defaultPackage;
        defaultText = lib.literalExpression "clearance.packages.\${system}.default";
        description = "The clearance package.";
      };
      flake = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = "/home/alice/nixos-config#laptop";
        description = ''
          The flake of your NixOS configuration (a path, optionally with `#host`). Exported as
          CLEARANCE_FLAKE, which `rebuild-nixos` builds when `--flake` is not given.
        '';
      };
      hooks.enable = mkEnableOption ''
        installing clearance's Claude Code hooks (`clearance install-hooks`) into
        ~/.claude/settings.json on activation, for users who have a ~/.claude directory.
        Idempotent; other keys and hooks are kept; a failure is reported and never fails activation
      '';
      otel = {
        enable = mkEnableOption ''
          the local OpenTelemetry receiver (`clearance collect`, a user service on 127.0.0.1) and the
          session variables that make Claude Code send its tool decisions to it
        '';
        port = mkOption {
          type = types.port;
          default = 4318;
          description = "Loopback port of the OTLP/HTTP receiver.";
        };
      };
      docs.target = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = "~/.claude/CLAUDE.md";
        description = ''
          A CLAUDE.md whose tools block `clearance docs --write` refreshes on activation (only the
          block between clearance's markers is rewritten). `~/` means the user's home. Null: never.
        '';
      };
      rebuild.enable = mkEnableOption ''
        the `rebuild-nixos` command: build, package diff, confirm, switch, then
        `clearance review --post-rebuild` at a terminal (`--quick` skips it)
      '';
    };

  # The package's commands without rebuild-nixos, which only `rebuild.enable` adds.
  commands =
    package:
    pkgs.runCommand "clearance-commands-${package.version or "unknown"}" { } ''
      mkdir -p $out/bin
      for name in clearance claude-sandboxed claude-airgapped; do
        if [ -e ${package}/bin/$name ]; then ln -s ${package}/bin/$name $out/bin/$name; fi
      done
      if [ -d ${package}/share ]; then ln -s ${package}/share $out/share; fi
    '';

  rebuildWrapper =
    cfg:
    pkgs.writeShellScriptBin "rebuild-nixos" ''
      ${lib.optionalString (cfg.flake != null) ''
        if [ -z "''${CLEARANCE_FLAKE:-}" ]; then export CLEARANCE_FLAKE=${lib.escapeShellArg cfg.flake}; fi
      ''}exec ${cfg.package}/bin/rebuild-nixos "$@"
    '';

  # Kept in step with `clearance collect --print-env`.
  otelEnvironment = port: {
    CLAUDE_CODE_ENABLE_TELEMETRY = "1";
    OTEL_LOGS_EXPORTER = "otlp";
    OTEL_EXPORTER_OTLP_PROTOCOL = "http/protobuf";
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT = "http://127.0.0.1:${toString port}/v1/logs";
    OTEL_LOG_TOOL_DETAILS = "1";
  };

  expandHome = home: target: if lib.hasPrefix "~/" target then home + lib.removePrefix "~" target else target;

  hooksScript = exe: ''
    if [ -d "$HOME/.claude" ]; then
      ${exe} install-hooks >/dev/null 2>&1 \
        || echo "clearance: could not install the Claude Code hooks (run: clearance install-hooks)" >&2
    fi
  '';

  docsScript = exe: target: ''
    target=${lib.escapeShellArg target}
    case "$target" in "~/"*) target="$HOME/''${target#"~/"}" ;; esac
    ${exe} docs --write --target "$target" >/dev/null 2>&1 \
      || echo "clearance: could not update $target (run: clearance docs --write)" >&2
  '';
}
