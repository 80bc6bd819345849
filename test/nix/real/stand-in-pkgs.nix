# A stand-in for nixpkgs' package set, for evaluating the real module systems without nixpkgs:
# every package is a derivation that instantiates without being built; builders that would
# produce files (runCommand, formats.*.generate, writeText…) return such a derivation too, so
# only option values (not generated file contents) can be asserted.
{ lib, path }:
let
  drv =
    name: attrs:
    derivation {
      inherit name;
      system = "x86_64-linux";
      builder = "/bin/sh";
      args = [
        "-c"
        "echo stand-in > $out"
      ];
    }
    // {
      pname = name;
      version = "1.0";
      meta.mainProgram = lib.head (lib.splitString "-" name);
    }
    // attrs;
  # Packages home-manager's core modules refer to.
  names = [
    "shared-mime-info"
    "man"
    "glibcLocales"
    "bash"
    "coreutils"
    "nodejs_22"
    # the flake's dev shell and formatter
    "python3"
    "bubblewrap"
    "tmux"
    "util-linux"
    "nix"
    "nixfmt"
  ];
  jsonType =
    with lib.types;
    let
      valueType =
        nullOr (oneOf [
          bool
          int
          float
          str
          lib.types.path # (`path` alone is this file's argument: lexical scope wins over `with`)
          (attrsOf valueType)
          (listOf valueType)
        ])
        // {
          description = "JSON value";
        };
    in
    valueType;
  self = lib.genAttrs names (n: drv n { }) // {
    inherit lib path;
    stdenv = {
      hostPlatform = {
        system = "x86_64-linux";
        isLinux = true;
        isDarwin = false;
      };
      isLinux = true;
      isDarwin = false;
    };
    stdenvNoCC = self.stdenv;
    system = "x86_64-linux";
    runCommand = name: _env: _script: drv name { };
    runCommandLocal = name: _env: _script: drv name { };
    writeText = name: _text: drv name { };
    writeTextFile = args: drv args.name { };
    writeShellScript = name: _text: drv name { };
    writeShellScriptBin = name: text: drv name { inherit text; };
    symlinkJoin = args: drv args.name { };
    buildEnv = args: drv args.name { };
    # The value type is nixpkgs' own JSON type (pkgs/pkgs-lib/formats.nix): lists and attribute sets
    # merge across definitions, which is what lets clearance's rules join the user's own.
    formats =
      lib.genAttrs [ "json" "ini" "toml" "yaml" "keyValue" "iniWithGlobalSection" ] (
        _: _: {
          type = jsonType;
          generate = name: _value: drv name { };
        }
      );
    claude-code = drv "claude-code-2.1.328" { version = "2.1.328"; };
    mkShell = args: drv "shell" { passthru = args; };
    clearance = drv "clearance-0.1.0" {
      version = "0.1.0";
      meta.mainProgram = "clearance";
      npmDeps = drv "clearance-npm-deps" { };
      overrideAttrs = _: drv "clearance-0.1.0-checked" { };
    };
    callPackage = _file: _args: self.clearance;
  };
in
self
