# A stand-in for nixpkgs' nixos/modules/misc/assertions.nix (the option declarations only).
{ lib, ... }:
{
  options.assertions = lib.mkOption { type = lib.types.listOf lib.types.unspecified; internal = true; default = [ ]; };
  options.warnings = lib.mkOption { type = lib.types.listOf lib.types.str; internal = true; default = [ ]; };
}
