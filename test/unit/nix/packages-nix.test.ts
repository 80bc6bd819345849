import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePackagesNix } from '../../../src/core/nix/packages-nix.js';

const dir = path.join(import.meta.dirname, '..', '..', 'fixtures', 'nix', 'nixos-config');
const parse = (file: string) => parsePackagesNix(readFileSync(path.join(dir, file), 'utf8'), file);
const entry = (file: string, name: string) => parse(file).entries.find((e) => e.name === name);

const HEAD = 'packages.nix@HEAD-ad6afc1.nix';
const OLD = 'packages.nix@8a345f1-2025-10-22.nix';
const COMMON = 'common-packages.nix@HEAD.nix';
const BUSINESS = 'business-packages.nix@HEAD.nix';
const DEVENV = 'ai-quality-devenv-packages.nix@6c0c223parent.nix';
const HM_BASE = 'home-manager-base.nix@8a345f1-2025-10-22.nix';

describe('parsePackagesNix on every real file', () => {
  it.each([
    [HEAD, 93, 6, ['../common/packages.nix']],
    ['packages.nix@1882fe7parent-2026-02-12.nix', 94, 2, ['../common/packages.nix']],
    ['packages.nix@d085b7c-2025-12-31.nix', 122, 1, []],
    [OLD, 124, 1, []],
    [COMMON, 42, 0, []],
    [BUSINESS, 15, 0, ['../common/packages.nix']],
    [DEVENV, 14, 0, []],
    [HM_BASE, 0, 2, []],
    ['home-manager-shell-fish.nix@HEAD.nix', 0, 0, []],
  ])('%s: %i entries, %i disabled, imports %j, no problems', (file, entries, disabled, imports) => {
    const parsed = parse(file);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries).toHaveLength(entries);
    expect(parsed.disabled).toHaveLength(disabled);
    expect(parsed.imports).toEqual(imports);
  });

  it('covers every .nix fixture', () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.nix'))).toHaveLength(9);
  });
});

describe('entries', () => {
  it.each([
    [
      HEAD,
      'helix',
      'package',
      'A post-modern modal text editor - https://helix-editor.com/',
      'dev tools (tech-only editors and AI IDEs)',
    ],
    [
      HEAD,
      'dust',
      'package',
      'Modern disk usage analyzer (faster than du)',
      'Claude Code performance optimization tools',
    ],
    [
      HEAD,
      'python312Packages.lizard',
      'package',
      'Code complexity analysis (CCN < 10)',
      'Code Quality & Analysis Tools',
    ],
    [
      HEAD,
      'srt',
      'wrapper',
      'srt - External sandbox wrapper (kept for compatibility, native sandbox preferred)',
      'Claude Code sandbox dependencies (native sandbox uses these directly)',
    ],
    [
      HEAD,
      'claude-seccomp',
      'local',
      'Seccomp BPF filter + apply binary (blocks AF_UNIX in sandbox)',
      'Claude Code sandbox dependencies (native sandbox uses these directly)',
    ],
    [
      HEAD,
      'droid',
      'wrapper',
      "Droid - Factory.ai's #1 Terminal-Bench AI development agent (always latest)",
      null,
    ],
    [
      HEAD,
      'python3',
      'package',
      'Python 3 with rich included (system-wide, avoids tkinter issues in devenv)',
      'Python with tech-specific extras (rich, pymupdf4llm beyond business baseline)',
    ],
    [HEAD, 'ltrace', 'package', 'Library call tracer (tests disabled - flaky)', 'NordVPN via WireGuard'],
    [
      HEAD,
      'gogcli',
      'local',
      'Google Suite CLI (Gmail, Calendar, Drive, Contacts) - https://github.com/steipete/gogcli',
      'Python with tech-specific extras (rich, pymupdf4llm beyond business baseline)',
    ],
    [HEAD, 'fdfind', 'wrapper', null, 'Create fdfind symlink for yazi compatibility'],
    [
      HEAD,
      'antigravity',
      'input',
      'Google Antigravity - Next-generation agentic IDE - https://antigravity.google',
      'dev tools (tech-only editors and AI IDEs)',
    ],
    [HEAD, 'tcpdump', 'package', 'Command-line packet analyzer', 'Code Quality & Analysis Tools'],
    [
      COMMON,
      'ripgrep',
      'package',
      'Modern grep (rg)',
      'Essential CLI (context-aware shell commands need these)',
    ],
    [
      COMMON,
      'rustdesk-flutter-x11',
      'wrapper',
      null,
      'Remote support (TeamViewer-like, connects via ID + password)',
    ],
    [
      COMMON,
      'devenv',
      'input',
      'Per-project dev shells (upstream, not nixpkgs)',
      'Development infrastructure',
    ],
    [COMMON, 'nerd-fonts.jetbrains-mono', 'package', null, 'Fonts'],
    [
      OLD,
      'gemini-cli',
      'wrapper',
      'Gemini CLI - Always uses latest version via npx (currently v0.9.0+)',
      'AI Tools - All use @latest/@alpha for automatic updates (system philosophy: always latest)',
    ],
    [
      OLD,
      'bottom',
      'package',
      'Modern system monitor (btm command)',
      'Claude Code performance optimization tools',
    ],
    [DEVENV, 'nodePackages.markdownlint-cli2', 'package', 'Markdown linting', 'Documentation tooling'],
    [
      DEVENV,
      'commitizen-go',
      'package',
      'Go implementation (avoids Python version dependency issues)',
      'Git hooks and security',
    ],
  ])('%s: %s is a %s described %j in section %j', (file, name, kind, description, section) => {
    expect(entry(file, name)).toMatchObject({ kind, description, section });
  });

  it('reads lists behind ++ lib.optionals with their condition', () => {
    const parsed = parse(BUSINESS);
    expect(parsed.entries.filter((e) => e.condition === 'isGoogle').map((e) => e.name)).toEqual([
      'gemini',
      'chrome-devtools-mcp',
    ]);
    expect(parsed.entries.filter((e) => e.condition === 'isClaude').map((e) => e.name)).toEqual([
      'claude-code',
      'bun',
    ]);
  });

  it('never takes text inside a writeShellScriptBin body for a package', () => {
    const names = parse(HEAD).entries.map((e) => e.name);
    expect(names).not.toContain('curl');
    expect(names).not.toContain('nodejs_22');
    expect(names).not.toContain('rich');
  });

  it('records the option each list belongs to', () => {
    expect(entry(HEAD, 'helix')?.option).toBe('environment.systemPackages');
    expect(entry(DEVENV, 'uv')?.option).toBe('packages');
  });

  it('keeps the user section order', () => {
    expect(parse(COMMON).sections).toEqual([
      'AI Assistant',
      'Google Workspace CLI - Unified CLI for Drive, Gmail, Calendar, etc.',
      'Version control',
      'Browser',
      'Office suite',
      'Essential CLI (context-aware shell commands need these)',
      'Core development runtimes',
      'Development infrastructure',
      'Shell enhancements',
      'Nix tooling',
      'Remote support (TeamViewer-like, connects via ID + password)',
      'System utilities',
      'Fonts',
    ]);
  });
});

describe('disabled packages', () => {
  it('reads `# name # reason` lines with their reason', () => {
    expect(parse(HEAD).disabled.map((d) => [d.name, d.reason?.slice(0, 20) ?? null])).toEqual([
      ['zed-editor', 'TEMP: Disabled - req'],
      ['cursor', 'TEMP: Disabled 2026-'],
      ['whisper-dictation', 'Whisper Dictation - '],
      ['mycli', 'TEMP: Disabled - sql'],
      ['usql', 'TEMP: Disabled - coc'],
      ['wireshark', 'use nix-shell -p wir'],
    ]);
  });

  it('reads bare commented-out selects', () => {
    expect(parse(HM_BASE).disabled.map((d) => d.name)).toEqual(['neovim', 'tmux']);
  });
});

describe('small inputs', () => {
  it.each([
    [
      'with pkgs.gnome',
      '{ pkgs, ... }: { environment.systemPackages = with pkgs.gnome; [ nautilus ]; }',
      'gnome.nautilus',
    ],
    [
      'pkgs. select',
      '{ pkgs, ... }: { home.packages = [ pkgs.python3Packages.foo ]; }',
      'python3Packages.foo',
    ],
    [
      'lib.optional',
      '{ pkgs, lib, ... }: { environment.systemPackages = [ ] ++ lib.optional cond pkgs.jq; }',
      'jq',
    ],
    ['nested attrsets', '{ pkgs, ... }: { environment = { systemPackages = with pkgs; [ fd ]; }; }', 'fd'],
    ['users.users', '{ pkgs, ... }: { users.users.me.packages = with pkgs; [ sd ]; }', 'sd'],
    ['if', '{ pkgs, ... }: { environment.systemPackages = with pkgs; if x then [ bat ] else [ ]; }', 'bat'],
    [
      'a module’s config = lib.mkIf',
      '{ pkgs, lib, config, ... }: { config = lib.mkIf config.x.enable { home.packages = [ pkgs.eza ]; }; }',
      'eza',
    ],
    [
      'only the package options',
      '{ pkgs, ... }: { services.udev.packages = [ pkgs.android-udev-rules ]; fonts.packages = [ pkgs.roboto ]; }',
      'roboto',
    ],
  ])('%s', (_name, text, attr) => {
    const parsed = parsePackagesNix(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries.map((e) => e.attr)).toEqual([attr]);
  });

  it('reports a syntax error as a problem, never throws', () => {
    const parsed = parsePackagesNix('{ environment.systemPackages = with pkgs; [ ripgrep ', 'broken.nix');
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]?.message).toMatch(/^broken\.nix:1: syntax error/);
    expect(parsed.syntaxErrors).toEqual([1]);
  });

  it('treats a let-bound name in a with-list as the file’s own derivation', () => {
    const parsed = parsePackagesNix(
      '{ pkgs, ... }: let mine = 1; in { environment.systemPackages = with pkgs; [ mine jq ]; }',
    );
    expect(parsed.entries.map((e) => [e.name, e.kind])).toEqual([
      ['mine', 'local'],
      ['jq', 'package'],
    ]);
  });
});

describe('commented-out packages are disabled packages, never section headers', () => {
  const list = (body: string) =>
    `{ pkgs, ... }: {\n  environment.systemPackages = with pkgs; [\n${body}\n  ];\n}\n`;
  it.each([
    ['inside a group', '    # Editors\n    helix\n    # neovim\n    vim', ['neovim'], ['Editors']],
    [
      'several in a row after a blank line',
      '    git\n\n    # htop\n    # btop\n    jq',
      ['htop', 'btop'],
      [],
    ],
    [
      'heading nothing before a blank line',
      '    git\n\n    # htop\n\n    # Tools\n    jq',
      ['htop'],
      ['Tools'],
    ],
    ['at the end of the list', '    git\n    # htop', ['htop'], []],
    ['a name no heading has (digits, _, -)', '    # nodejs_20\n    git', ['nodejs_20'], []],
    ['with pkgs. and a reason', '    # pkgs.zed-editor # slow to build\n    git', ['zed-editor'], []],
    [
      '`name - why` above another package',
      '    nmap\n    # wireshark - use nix-shell when needed\n    tcpdump',
      ['wireshark'],
      [],
    ],
  ])('%s', (_label, body, disabled, sections) => {
    const parsed = parsePackagesNix(list(body));
    expect(parsed.problems).toEqual([]);
    expect(parsed.disabled.map((d) => d.name)).toEqual(disabled);
    expect(parsed.sections).toEqual(sections);
  });

  it('a one-word prose heading above its group stays a heading', () => {
    const parsed = parsePackagesNix(list('    git\n\n    # fonts\n    roboto'));
    expect(parsed.disabled).toEqual([]);
    expect(parsed.entries.find((e) => e.name === 'roboto')?.section).toBe('fonts');
  });

  it('keeps the section a disabled line sits in and the reason', () => {
    const parsed = parsePackagesNix(
      list('    # Database clients\n    pgcli\n    # mycli # TEMP: broken\n    usql'),
    );
    expect(parsed.disabled).toEqual([
      { name: 'mycli', reason: 'TEMP: broken', section: 'Database clients', line: 5 },
    ]);
    expect(parsed.entries.map((e) => [e.name, e.section])).toEqual([
      ['pgcli', 'Database clients'],
      ['usql', 'Database clients'],
    ]);
  });
});

// Shapes seen in public NixOS configurations (written afresh here, not copied): package lists kept
// as let-bound attribute sets of lists, joined by attrValues/flatten, or behind mkIf/mkMerge.
describe('lists reached through let bindings and list functions', () => {
  it.each([
    [
      'let sets = with pkgs; { … }; attrValues + flatten',
      `{ pkgs, lib, ... }:
let
  sets = with pkgs; {
    gui = [ firefox kitty ];
    cli = [ ripgrep fd ];
  };
in
{
  environment.systemPackages = lib.flatten (builtins.attrValues sets);
}`,
      [
        ['firefox', 'gui'],
        ['kitty', 'gui'],
        ['ripgrep', 'cli'],
        ['fd', 'cli'],
      ],
    ],
    [
      'attrValues of inherited let lists',
      `{ pkgs, lib, ... }:
with pkgs;
let
  linters = [ shellcheck statix ];
  others = [ jq ];
in
{
  environment.systemPackages = lib.flatten (builtins.attrValues {
    inherit linters;
    inherit others;
  });
}`,
      [
        ['shellcheck', 'linters'],
        ['statix', 'linters'],
        ['jq', 'others'],
      ],
    ],
    [
      'a top-level with pkgs and an inline attribute set',
      `{ pkgs, lib, ... }:
with pkgs; {
  environment.systemPackages = lib.flatten (builtins.attrValues {
    coreutils = [ coreutils-full findutils.locate ];
    scripts = [ yabai ];
  });
}`,
      [
        ['coreutils-full', 'coreutils'],
        ['findutils.locate', 'coreutils'],
        ['yabai', 'scripts'],
      ],
    ],
    [
      'selected lists joined with ++',
      `{ pkgs, ... }:
let sets = with pkgs; { dev = [ git ]; media = [ mpv ]; };
in { home.packages = sets.dev ++ sets.media; }`,
      [
        ['git', 'dev'],
        ['mpv', 'media'],
      ],
    ],
    [
      'a let list after ++ and mkIf',
      `{ pkgs, lib, config, ... }:
let devTools = with pkgs; [ gh ];
in { environment.systemPackages = lib.mkIf config.dev.enable ([ pkgs.git ] ++ devTools); }`,
      [
        ['git', null],
        ['gh', null],
      ],
    ],
    [
      'mkMerge and mkBefore',
      `{ pkgs, lib, ... }: { home.packages = lib.mkMerge [ (lib.mkBefore [ pkgs.jq ]) (with pkgs; [ yq ]) ]; }`,
      [
        ['jq', null],
        ['yq', null],
      ],
    ],
    [
      'attrValues of inherit (pkgs)',
      `{ pkgs, ... }: { home.packages = builtins.attrValues { inherit (pkgs) bat eza; inherit (pkgs.gnome) nautilus; }; }`,
      [
        ['bat', null],
        ['eza', null],
        ['gnome.nautilus', null],
      ],
    ],
    [
      'flatten of let lists, optional packages and an inline attrValues',
      `{ pkgs, lib, cfg, ... }:
let shells = with pkgs; [ fish ]; editors = [ pkgs.helix ];
in {
  home.packages = lib.flatten [
    shells
    editors
    (lib.optional cfg.office pkgs.libreoffice)
    (lib.optionals cfg.resume [ pkgs.typst ])
    (builtins.attrValues { inherit (pkgs) slack; })
    (if cfg.gui then [ pkgs.pwvucontrol ] else [ ])
  ];
}`,
      [
        ['fish', null],
        ['helix', null],
        ['libreoffice', null],
        ['typst', null],
        ['slack', null],
        ['pwvucontrol', null],
      ],
    ],
    [
      'concatLists of lists from other nixpkgs instances',
      `{ pkgs, pkgs-stable, pkgsUnstable, lib, ... }:
let fonts = with pkgs-stable; [ hack-font ];
in {
  environment.systemPackages = lib.concatLists [
    (with pkgs; [ (with nerd-fonts; [ fira-code ]) ])
    fonts
    [ pkgsUnstable.gh pkgs.unstable.glow ]
    (builtins.attrValues { inherit (pkgs.unstable) devenv; })
  ];
}`,
      [
        ['nerd-fonts.fira-code', null],
        ['hack-font', null],
        ['gh', null],
        ['glow', null],
        ['devenv', null],
      ],
    ],
    [
      'flatten of nested lists',
      `{ pkgs, lib, ... }: { environment.systemPackages = with pkgs; lib.flatten [ [ git ] [ [ jq ] ] ]; }`,
      [
        ['git', null],
        ['jq', null],
      ],
    ],
  ])('%s', (_label, text, expected) => {
    const parsed = parsePackagesNix(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries.map((e) => [e.attr, e.section])).toEqual(expected);
  });

  it('names derivations built in an attribute set by their attribute, under the outer section', () => {
    const parsed = parsePackagesNix(`{ pkgs, lib, ... }:
let
  mine = { gh-clone = pkgs.callPackage ../pkgs/gh-clone/default.nix { }; };
  sets = { cli = with pkgs; [ jq ]; custom = builtins.attrValues mine; };
in { environment.systemPackages = lib.flatten (builtins.attrValues sets); }`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries.map((e) => [e.name, e.kind, e.section])).toEqual([
      ['jq', 'package', 'cli'],
      ['gh-clone', 'local', 'custom'],
    ]);
  });

  it.each([
    ['a function of the list', '{ pkgs, lib, ... }: { environment.systemPackages = lib.unique mine; }'],
    ['a name bound nowhere', '{ pkgs, ... }: { environment.systemPackages = import ./list.nix pkgs; }'],
    ['a let name bound to itself', '{ pkgs, ... }: let l = l; in { environment.systemPackages = l; }'],
  ])('says what it could not follow: %s', (_label, text) => {
    const parsed = parsePackagesNix(text, 'sys.nix');
    expect(parsed.problems[0]?.message).toMatch(
      /^sys\.nix:1: environment\.systemPackages: expression not understood/,
    );
  });
});
