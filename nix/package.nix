# clearance built from source: dependencies from the fixed-output derivation in npm-deps.nix,
# better-sqlite3 compiled against this nodejs by node-gyp (no prebuilt binary is downloaded),
# TypeScript compiled by `npm run build`.
{
  lib,
  stdenv,
  callPackage,
  srcOnly,
  nodejs,
  python3,
  makeWrapper,
  bubblewrap,
  coreutils,
  gnused,
  util-linux,
  tmux,
  npmDeps ? callPackage ./npm-deps.nix { inherit nodejs; },
}:
let
  packageJson = lib.importJSON ../package.json;
  # Build inputs only: no node_modules/dist from a developer checkout, no editor or CI state.
  src = lib.cleanSourceWith {
    name = "clearance-source";
    src = ../.;
    filter =
      path: type:
      !(builtins.elem (baseNameOf path) [
        "node_modules"
        "dist"
        "result"
        ".git"
        ".corpus"
        "screenshots"
      ]);
  };
in
stdenv.mkDerivation {
  pname = "clearance";
  inherit (packageJson) version;
  inherit src;

  nativeBuildInputs = [
    nodejs
    python3 # node-gyp
    makeWrapper
  ];
  buildInputs = [ nodejs ];

  env = {
    npm_config_offline = "true";
    npm_config_audit = "false";
    npm_config_fund = "false";
    npm_config_update_notifier = "false";
    # node-gyp takes the headers from here instead of downloading them.
    npm_config_nodedir = "${srcOnly nodejs}";
    npm_config_build_from_source = "true";
  };

  configurePhase = ''
    runHook preConfigure
    export HOME="$TMPDIR/home"
    export npm_config_cache="$TMPDIR/npm-cache"
    # Point each lock entry at its verified tarball in the store; npm ci checks the integrity again.
    cp package-lock.json "$TMPDIR/package-lock.orig.json"
    node scripts/npm-deps.js lock package-lock.json ${npmDeps} > "$TMPDIR/package-lock.json"
    cp "$TMPDIR/package-lock.json" package-lock.json
    npm ci --ignore-scripts
    patchShebangs node_modules scripts
    # Runs better-sqlite3's install script: prebuild-install gives way to `node-gyp rebuild`.
    npm rebuild better-sqlite3
    test -f node_modules/better-sqlite3/build/Release/better_sqlite3.node
    runHook postConfigure
  '';

  buildPhase = ''
    runHook preBuild
    npm run build
    runHook postBuild
  '';

  doCheck = false; # the flake's checks.tests turns it on
  nativeCheckInputs = [
    util-linux # script(1): the TTY tests of rebuild-nixos
    tmux
    bubblewrap
  ];
  # The tests read the lockfile as committed (no `resolved`), and take dependency tarballs
  # from the fixed-output derivation instead of the network.
  checkPhase = ''
    runHook preCheck
    cp package-lock.json "$TMPDIR/package-lock.nix.json"
    cp "$TMPDIR/package-lock.orig.json" package-lock.json
    CI=1 NPM_DEPS_DIR=${npmDeps} npm test
    cp "$TMPDIR/package-lock.nix.json" package-lock.json
    runHook postCheck
  '';

  installPhase = ''
    runHook preInstall
    npm prune --omit=dev --ignore-scripts
    lib=$out/lib/clearance
    mkdir -p $lib $out/bin
    cp -r package.json bin dist node_modules $lib/
    if [ -d vendor ]; then cp -r vendor $lib/; fi
    makeWrapper ${lib.getExe nodejs} $out/bin/clearance --add-flags $lib/bin/clearance.js

    install -Dm755 scripts/rebuild-nixos scripts/claude-sandboxed scripts/claude-airgapped -t $out/libexec/clearance
    patchShebangs $out/libexec/clearance
    makeWrapper $out/libexec/clearance/rebuild-nixos $out/bin/rebuild-nixos \
      --suffix PATH : ${lib.makeBinPath [ coreutils gnused ]}:$out/bin
    makeWrapper $out/libexec/clearance/claude-sandboxed $out/bin/claude-sandboxed \
      --prefix PATH : ${lib.makeBinPath [ bubblewrap coreutils ]}
    makeWrapper $out/libexec/clearance/claude-airgapped $out/bin/claude-airgapped \
      --prefix PATH : ${lib.makeBinPath [ bubblewrap coreutils ]}
    runHook postInstall
  '';

  passthru = { inherit npmDeps; };

  meta = {
    description = packageJson.description;
    license = lib.licenses.mit;
    mainProgram = "clearance";
    platforms = lib.platforms.linux;
  };
}
