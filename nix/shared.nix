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
      nixFile = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = "/home/alice/nixos-config/clearance.nix";
        description = ''
          Declarative mode: the Nix file clearance writes what it manages for Claude Code to (a
          home-manager module setting `programs.claude-code.settings.permissions`, the CLAUDE.md
          tools block as `programs.claude-code.context`), instead of editing the read-only
          ~/.claude files home-manager's `programs.claude-code` generates. Exported as
          CLEARANCE_NIX_FILE. Import the file from your home-manager configuration; `~/` means the
          user's home. Changes take effect on the next rebuild.
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

  # The one guard every activation step uses: only users who use Claude Code (its configuration
  # directory exists) get hooks or a tools block; nobody else gets a ~/.claude created for them.
  claudeDirShell = ''"''${CLAUDE_CONFIG_DIR:-$HOME/.claude}"'';
  ifClaudeDir = dir: body: ''
    if [ -d ${dir} ]; then
    ${body}fi
  '';

  # The hook entries `clearance install-hooks` writes, as `programs.claude-code.settings.hooks`.
  hookSettings =
    exe:
    lib.genAttrs [ "PermissionRequest" "PreToolUse" "PostToolUse" "PostToolUseFailure" ] (_: [
      {
        matcher = "*";
        hooks = [
          {
            type = "command";
            command = "${exe} hook";
          }
        ];
      }
    ]);

  nixFileArg = nixFile: lib.optionalString (nixFile != null) " --nix-file ${lib.escapeShellArg nixFile}";

  hooksScript =
    exe:
    ifClaudeDir claudeDirShell ''
      ${exe} install-hooks >/dev/null 2>&1 \
        || echo "clearance: could not install the Claude Code hooks (run: clearance install-hooks)" >&2
    '';

  docsScript =
    exe: target: nixFile:
    ifClaudeDir claudeDirShell ''
      target=${lib.escapeShellArg target}
      case "$target" in "~/"*) target="$HOME/''${target#"~/"}" ;; esac
      ${exe} docs --write --target "$target"${nixFileArg nixFile} >/dev/null 2>&1 \
        || echo "clearance: could not update $target (run: clearance docs --write)" >&2
    '';
}
