# Just enough of nixpkgs' lib and pkgs to evaluate clearance's flake outputs and modules on a
# machine without nixpkgs (test/nix/nix-parse.test.ts). `mkIf` resolves eagerly, so the tests
# read plain values; option declarations come back as their arguments.
let
  lib = rec {
    genAttrs = names: f: builtins.listToAttrs (map (name: { inherit name; value = f name; }) names);
    mkIf = condition: content: if condition then content else { };
    mkOption = args: args // { _option = true; };
    mkEnableOption = description: mkOption { default = false; inherit description; type = "bool"; };
    literalExpression = text: text;
    types = {
      package = "package";
      str = "str";
      port = "port";
      nullOr = type: "null or ${type}";
    };
    optional = condition: item: if condition then [ item ] else [ ];
    optionalAttrs = condition: attrs: if condition then attrs else { };
    optionalString = condition: text: if condition then text else "";
    hiPrio = package: package // { priority = "high"; };
    getExe = package: "${package}/bin/${package.meta.mainProgram}";
    hasPrefix = prefix: text: builtins.substring 0 (builtins.stringLength prefix) text == prefix;
    removePrefix =
      prefix: text:
      if hasPrefix prefix text then
        builtins.substring (builtins.stringLength prefix) (builtins.stringLength text) text
      else
        text;
    escapeShellArg = text: "'${builtins.replaceStrings [ "'" ] [ "'\\''" ] text}'";
    hm.dag.entryAfter = after: data: { inherit after data; };
  };
  package = {
    name = "clearance-0.1.0";
    version = "0.1.0";
    outPath = "/nix/store/00000000000000000000000000000000-clearance-0.1.0";
    meta.mainProgram = "clearance";
    npmDeps = "npm-deps";
    overrideAttrs = attrs: package // attrs;
  };
  pkgs = {
    stdenv.hostPlatform.system = "x86_64-linux";
    callPackage = _file: _args: package;
    mkShell = args: { shell = args; };
    nixfmt = "nixfmt";
    nodejs_22 = "nodejs";
    runCommand = name: _env: script: {
      inherit name script;
      outPath = "/nix/store/11111111111111111111111111111111-${name}";
    };
    writeShellScriptBin = name: text: {
      inherit name text;
      outPath = "/nix/store/22222222222222222222222222222222-${name}";
    };
  };
in
{
  inherit lib pkgs package;
  nixpkgs = {
    inherit lib;
    legacyPackages = lib.genAttrs [ "x86_64-linux" "aarch64-linux" ] (_system: pkgs);
  };
}
