# Fixed-output derivation: every npm tarball package-lock.json pins, fetched by npm itself
# (`npm pack NAME@VERSION` against npm's default registry, so no host is named here) and
# checked against the lockfile's integrity hashes by scripts/npm-deps.js. Its NAR hash is kept in
# nix/npm-deps.hash and recomputed by test/nix/deps-hash.test.ts with the same script.
{
  lib,
  stdenvNoCC,
  nodejs,
  cacert,
  lockfile ? ../package-lock.json,
}:
stdenvNoCC.mkDerivation {
  name = "clearance-npm-deps";
  nativeBuildInputs = [ nodejs ];
  dontUnpack = true;
  dontConfigure = true;
  dontInstall = true;
  dontFixup = true; # the tarballs are hashed as fetched; no patching, no stripping

  buildPhase = ''
    runHook preBuild
    export HOME="$TMPDIR/home"
    export npm_config_cache="$TMPDIR/npm-cache"
    export npm_config_update_notifier=false
    export npm_config_cafile="${cacert}/etc/ssl/certs/ca-bundle.crt"
    export NODE_EXTRA_CA_CERTS="$npm_config_cafile"
    node ${../scripts/npm-deps.js} fetch ${lockfile} "$out"
    runHook postBuild
  '';

  impureEnvVars = lib.fetchers.proxyImpureEnvVars;
  SSL_CERT_FILE = "${cacert}/etc/ssl/certs/ca-bundle.crt";

  outputHashMode = "recursive";
  outputHashAlgo = "sha256";
  outputHash = lib.removeSuffix "\n" (builtins.readFile ./npm-deps.hash);
}
