# A stand-in for nixpkgs' nixos/modules/misc/meta.nix (the option declarations only).
{ lib, ... }:
{
  options.meta = lib.mkOption { type = lib.types.attrsOf lib.types.anything; default = { }; };
}
