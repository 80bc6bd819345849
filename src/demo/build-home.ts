// Builds the throwaway world `clearance demo` runs in: a temp dir with a home (Claude transcripts
// and hook spool from the bench corpus generator, fish and zsh histories, a settings.json with a
// few dead and duplicate rules), a root (a real packages.nix and a fake live-system bin tree), and
// a state dir for the database. Nothing outside the temp dir is read or written.
import { mkdirSync, mkdtempSync, copyFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../../bench/corpus.js';

/** Where the demo lives. */
export interface DemoHome {
  dir: string;
  home: string;
  root: string;
  db: string;
  /** Notes on what could not be generated. */
  notes: string[];
  remove(): void;
}

const DAY = 86_400_000;

// Programs on the fake live system: package name, version, binaries. Names come from the demo
// packages.nix so the package set and the live system agree the way they do on a real machine.
const livePackages: [string, string, string[]][] = [
  ['coreutils', '9.5', ['ls', 'cat', 'cp', 'mv', 'rm', 'mkdir', 'head', 'tail', 'wc', 'sort']],
  ['git', '2.47.1', ['git']],
  ['cargo', '1.83.0', ['cargo', 'rustc']],
  ['gnumake', '4.4.1', ['make']],
  ['python3.12-pytest', '8.3.3', ['pytest']],
  ['nix', '2.24.10', ['nix', 'nix-shell', 'nix-build']],
  ['ripgrep', '14.1.1', ['rg']],
  ['fd', '10.2.0', ['fd']],
  ['jq', '1.7.1', ['jq']],
  ['nodejs', '22.11.0', ['node', 'npm', 'npx']],
  ['python3', '3.12.8', ['python3']],
  ['helix', '24.07', ['hx']],
  ['hyperfine', '1.19.0', ['hyperfine']],
  ['lazygit', '0.44.1', ['lazygit']],
  ['k9s', '0.32.7', ['k9s']],
  ['jless', '0.9.0', ['jless']],
  ['just', '1.38.0', ['just']],
  ['ast-grep', '0.31.1', ['ast-grep', 'sg']],
  ['atuin', '18.3.0', ['atuin']],
  ['broot', '1.44.2', ['broot']],
  ['dust', '1.1.1', ['dust']],
  ['entr', '5.6', ['entr']],
  ['gum', '0.14.5', ['gum']],
  ['hurl', '6.0.0', ['hurl']],
  ['miller', '6.13.0', ['mlr']],
  ['nmap', '7.95', ['nmap', 'ncat']],
  ['pgcli', '4.1.0', ['pgcli']],
  ['podman', '5.3.1', ['podman']],
  ['procs', '0.14.8', ['procs']],
  ['ruff', '0.8.4', ['ruff']],
  ['semgrep', '1.99.0', ['semgrep']],
  ['socat', '1.8.0.1', ['socat']],
  ['sqlite', '3.47.2', ['sqlite3']],
  ['strace', '6.12', ['strace']],
  ['gimp-with-plugins', '2.10.38', ['gimp', 'gimp-console']],
  ['obsidian', '1.7.7', ['obsidian']],
  ['rclone', '1.68.2', ['rclone']],
  ['imagemagick', '7.1.1-43', ['magick', 'convert']],
  ['pre-commit', '4.0.1', ['pre-commit']],
];

// What the human typed: [command, days ago]. Ephemeral `nix shell` runs make install candidates;
// gimp, obsidian and k9s are never used, so they show as dormant.
const humanCommands: [string, number][] = [
  ['git status', 1],
  ['git log --oneline -20', 2],
  ['rg -n TODO src', 1],
  ['fd -e ts', 3],
  ['lazygit', 1],
  ['lazygit', 4],
  ['hx src/cli.tsx', 1],
  ['just test', 2],
  ['hyperfine "npm run build"', 6],
  ['dust -d 2', 9],
  ['procs node', 12],
  ['atuin stats', 15],
  ['pgcli -h localhost app_dev', 5],
  ['PGPASSWORD=hunter2 psql -h db.internal -U app', 7],
  ['nix shell nixpkgs#tokei --command tokei src', 3],
  ['nix shell nixpkgs#tokei --command tokei .', 10],
  ['nix run nixpkgs#tokei -- --sort code', 20],
  ['nix shell nixpkgs#bottom --command btm', 8],
  ['nix run nixpkgs#bottom', 14],
  ['nix shell nixpkgs#bottom --command btm', 25],
  ['rclone sync ~/notes remote:notes', 30],
  ['mlr --icsv --opprint cat data.csv', 18],
  ['sqlite3 app.db .tables', 4],
];

// A user settings.json with rules worth cleaning: a duplicate, a rule subsumed by a broader one,
// a rule for a program that is not installed, and one nobody matched in months.
const settings = {
  permissions: {
    allow: [
      'Bash(git status:*)',
      'Bash(git status:*)',
      'Bash(npm run test:*)',
      'Bash(npm run:*)',
      'Bash(cowsay:*)',
      'Bash(gimp:*)',
      'Read(~/notes/**)',
    ],
    deny: ['Bash(rm -rf:*)', 'Bash(git push --force:*)'],
    ask: [],
  },
};

function assetsDir(): string {
  // Compiled: dist/src/demo/build-home.js → dist/src/demo/assets (scripts/copy-assets.js puts it
  // there); from source under vitest: src/demo/assets.
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function buildLiveSystem(root: string): void {
  const bin = path.join(root, 'run', 'current-system', 'sw', 'bin');
  mkdirSync(bin, { recursive: true });
  livePackages.forEach(([name, version, bins], i) => {
    const store = `/nix/store/${String(i).padStart(2, '0')}demo${'0'.repeat(26)}-${name}-${version}`;
    for (const b of bins) {
      write(path.join(root, store, 'bin', b), '#!/bin/sh\n');
      symlinkSync(`${store}/bin/${b}`, path.join(bin, b));
    }
  });
}

function buildHistories(home: string, now: Date): void {
  const fish = humanCommands
    .map(([cmd, ago]) => `- cmd: ${cmd}\n  when: ${Math.floor((now.getTime() - ago * DAY) / 1000)}\n`)
    .join('');
  write(path.join(home, '.local', 'share', 'fish', 'fish_history'), fish);
  const zsh = humanCommands
    .slice(0, 10)
    .map(([cmd, ago]) => `: ${Math.floor((now.getTime() - (ago + 40) * DAY) / 1000)}:0;${cmd}\n`)
    .join('');
  write(path.join(home, '.zsh_history'), zsh);
}

/** Build a demo home under a fresh temp dir. */
export async function buildDemoHome(now: Date): Promise<DemoHome> {
  const dir = mkdtempSync(path.join(tmpdir(), 'clearance-demo-'));
  const home = path.join(dir, 'home');
  const root = path.join(dir, 'root');
  const db = path.join(dir, 'state', 'clearance.db');
  const notes: string[] = [];
  mkdirSync(path.dirname(db), { recursive: true });
  // The same layout as the real repository the files come from: modules/core/packages.nix
  // imports ../common/packages.nix.
  const modules = path.join(root, 'etc', 'nixos', 'modules');
  mkdirSync(path.join(modules, 'core'), { recursive: true });
  mkdirSync(path.join(modules, 'common'), { recursive: true });
  copyFileSync(path.join(assetsDir(), 'packages.nix'), path.join(modules, 'core', 'packages.nix'));
  copyFileSync(path.join(assetsDir(), 'common-packages.nix'), path.join(modules, 'common', 'packages.nix'));
  buildLiveSystem(root);
  buildHistories(home, now);
  write(path.join(home, '.claude', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  write(
    path.join(home, '.claude', 'CLAUDE.md'),
    '# Notes for Claude\n\n<!-- clearance:tools:begin -->\n- ripgrep: use rg\n<!-- clearance:tools:end -->\n',
  );
  // A month of two sessions a day (~60 sessions, ~25 MB): enough for every pane to have content,
  // small enough that the first scan behind the progress line takes seconds.
  await generateCorpus(home, {
    now,
    seed: 42,
    days: 30,
    projects: 3,
    sessionsPerDay: 2,
    hookSpoolFrom: new Date(now.getTime() - 14 * DAY).toISOString(),
  });
  return {
    dir,
    home,
    root,
    db,
    notes,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
