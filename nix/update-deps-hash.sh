#!/usr/bin/env bash
# Recompute nix/npm-deps.hash after package-lock.json changed: build the fixed-output
# derivation's directory with the same script Nix runs, and hash it the way Nix does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NIX_CONFIG=${NIX_CONFIG:-$'experimental-features = nix-command flakes\nbuild-users-group ='}
node "$here/../scripts/npm-deps.js" fetch "$here/../package-lock.json" "$work/deps"
hash=$(nix hash path "$work/deps")
printf '%s\n' "$hash" > "$here/npm-deps.hash"
echo "nix/npm-deps.hash: $hash"
