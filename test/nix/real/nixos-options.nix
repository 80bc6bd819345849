# Stand-ins for the nixpkgs NixOS option declarations clearance's NixOS module defines values for
# (nixpkgs' nixos/ tree is not in the snapshot). Types follow nixpkgs: lists of packages, string
# variables, activation snippets as strings or { text, deps }, systemd units as free-form sets.
{ lib, ... }:
let
  inherit (lib) mkOption types;
  free = types.submodule { freeformType = types.attrsOf types.anything; };
in
{
  options = {
    environment.systemPackages = mkOption {
      type = types.listOf types.package;
      default = [ ];
    };
    environment.variables = mkOption {
      type = types.attrsOf types.str;
      default = { };
    };
    environment.sessionVariables = mkOption {
      type = types.attrsOf types.str;
      default = { };
    };
    system.userActivationScripts = mkOption {
      type = types.attrsOf (
        types.either types.str (
          types.submodule {
            options.text = mkOption { type = types.lines; };
            options.deps = mkOption {
              type = types.listOf types.str;
              default = [ ];
            };
          }
        )
      );
      default = { };
    };
    systemd.user.services = mkOption {
      type = types.attrsOf free;
      default = { };
    };
  };
}
