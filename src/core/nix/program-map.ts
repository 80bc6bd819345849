// Binaries whose name differs from their package, for when neither the live system nor
// `nix eval`'s mainProgram says so. Keys are binary names, values nixpkgs package names (pname).
// A package may appear under several names (`delta` is packaged as `delta`; some channels call
// dust `du-dust`), so lookups go through `packagesForProgram`.

/** Curated binary → package names (first is the current nixpkgs name). */
export const PROGRAM_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  rg: ['ripgrep'],
  rga: ['ripgrep-all'],
  fd: ['fd'],
  fdfind: ['fd'],
  btm: ['bottom'],
  bat: ['bat'],
  eza: ['eza'],
  exa: ['exa'],
  dust: ['dust', 'du-dust'],
  delta: ['delta'],
  nvim: ['neovim'],
  vim: ['vim'],
  hx: ['helix'],
  http: ['httpie'],
  https: ['httpie'],
  gh: ['gh'],
  glab: ['glab'],
  sd: ['sd'],
  procs: ['procs'],
  zoxide: ['zoxide'],
  z: ['zoxide'],
  yq: ['yq-go', 'yq'],
  mlr: ['miller'],
  ncdu: ['ncdu'],
  dua: ['dua'],
  duf: ['duf'],
  lazygit: ['lazygit'],
  lg: ['lazygit'],
  tldr: ['tealdeer', 'tldr'],
  sk: ['skim'],
  nom: ['nix-output-monitor'],
  nh: ['nh'],
  nvd: ['nvd'],
  sg: ['ast-grep'],
  'ast-grep': ['ast-grep'],
  adb: ['android-tools'],
  fastboot: ['android-tools'],
  magick: ['imagemagick'],
  convert: ['imagemagick'],
  pdftotext: ['poppler-utils', 'poppler_utils'],
  pdfinfo: ['poppler-utils', 'poppler_utils'],
  pdftoppm: ['poppler-utils', 'poppler_utils'],
  gpg: ['gnupg'],
  'gpg-agent': ['gnupg'],
  wg: ['wireguard-tools'],
  'wg-quick': ['wireguard-tools'],
  resolvconf: ['openresolv'],
  '7z': ['p7zip'],
  '7za': ['p7zip'],
  'wl-copy': ['wl-clipboard'],
  'wl-paste': ['wl-clipboard'],
  node: ['nodejs', 'nodejs_22', 'nodejs_20', 'nodejs-slim'],
  npm: ['nodejs', 'nodejs_22', 'nodejs_20'],
  npx: ['nodejs', 'nodejs_22', 'nodejs_20'],
  python: ['python3'],
  python3: ['python3'],
  pip: ['python3'],
  uv: ['uv'],
  uvx: ['uv'],
  make: ['gnumake'],
  gcc: ['gcc'],
  cc: ['gcc'],
  'g++': ['gcc'],
  grep: ['gnugrep'],
  sed: ['gnused'],
  awk: ['gawk'],
  tar: ['gnutar'],
  find: ['findutils'],
  xargs: ['findutils'],
  ps: ['procps'],
  top: ['procps'],
  free: ['procps'],
  ls: ['coreutils', 'coreutils-full'],
  cat: ['coreutils', 'coreutils-full'],
  du: ['coreutils', 'coreutils-full'],
  diff: ['diffutils'],
  gcloud: ['google-cloud-sdk'],
  claude: ['claude-code'],
  'docker-compose': ['docker-compose'],
  'pre-commit': ['pre-commit'],
  lizard: ['python312Packages.lizard', 'python3Packages.lizard'],
  radon: ['python312Packages.radon', 'python3Packages.radon'],
  'google-chrome-stable': ['google-chrome'],
  code: ['vscode', 'vscode-fhs'],
  zeditor: ['zed-editor'],
  anki: ['anki-bin', 'anki'],
  gimp: ['gimp-with-plugins', 'gimp'],
  rustdesk: ['rustdesk-flutter', 'rustdesk'],
  pgcli: ['pgcli'],
  'whisper-cli': ['whisper-cpp'],
  whisper: ['whisper-cpp'],
  ueberzug: ['ueberzugpp'],
  rich: ['rich-cli'],
};

/** Package names a binary may belong to, from the curated map (empty when not listed). */
export function packagesForProgram(program: string): readonly string[] {
  return Object.hasOwn(PROGRAM_PACKAGES, program) ? (PROGRAM_PACKAGES[program] ?? []) : [];
}

/** Curated binaries of a package, main binary first: every program whose curated packages include it. */
export function programsForPackage(pkg: string): string[] {
  return Object.entries(PROGRAM_PACKAGES)
    .filter(([, packages]) => packages.includes(pkg))
    .map(([program]) => program);
}

// Packages that install no programs: fonts, themes, plugins, libraries, browser bundles.
const WITHOUT_BINARIES = [
  /fonts?\b|[-_]fonts?$|^nerd-fonts\./i,
  /^(roboto|inter|jetbrains-mono|fira-code|fira-mono|source-code-pro|hack-font|liberation_ttf|ubuntu_font_family|font-awesome|cantarell-fonts)$/,
  /(^|\.)(browsers)$/,
  /^(yaziPlugins|fishPlugins|vimPlugins|tmuxPlugins|gnomeExtensions|kdePackages\.breeze)\b/,
  /-schemas$|-icon-theme$|-theme$|^adwaita/,
];

/** True when a package is of a kind that has no binaries (fonts, plugins, themes, libraries). */
export function looksWithoutBinaries(pkg: string): boolean {
  return WITHOUT_BINARIES.some((pattern) => pattern.test(pkg));
}
