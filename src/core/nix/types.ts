// Plain data describing a Nix package set, whichever reader produced it (packages.nix, nix eval,
// the live system profile). Shared by the parser, the sources, usage analytics and the docs block.
import type { Problem } from '../types.js';

/** How an entry of a package list was written. */
export type PackageEntryKind =
  | 'package' // a nixpkgs attribute: `ripgrep`, `python312Packages.lizard`, `pkgs.fd`
  | 'wrapper' // a derivation built in place, named by a string: `(writeShellScriptBin "srt" …)`
  | 'input' // a flake input's package: `inputs.devenv.packages.${system}.devenv`
  | 'local' // a let-bound or local file derivation: `claude-seccomp`, `(callPackage ./x.nix { })`
  | 'expression'; // anything else the list holds, named by its text

/** One package of a hand-written list. */
export interface PackageEntry {
  /** Name a user would recognise, and the package name used for binary matching. */
  name: string;
  /** nixpkgs attribute path (without `pkgs.`) when the entry is one, else null. */
  attr: string | null;
  kind: PackageEntryKind;
  /** The same-line comment (`ripgrep # fast grep`), or a `name - text` comment just above it. */
  description: string | null;
  /** The user's own section header (the own-line comment above the group), or null. */
  section: string | null;
  /** The condition of `lib.optionals cond [ … ]` / `lib.optional cond x` / `if`, or null. */
  condition: string | null;
  /** The option the list belongs to (`environment.systemPackages`, `home.packages`, …). */
  option: string;
  /** 1-based line of the entry. */
  line: number;
}

/** A commented-out package line: `# zed-editor # TEMP: disabled …`. */
export interface DisabledPackage {
  name: string;
  reason: string | null;
  section: string | null;
  line: number;
}

/** What one packages.nix file says, without evaluating anything. */
export interface ParsedPackagesFile {
  entries: PackageEntry[];
  /** Section headers in order of first appearance. */
  sections: string[];
  /** Paths in `imports = [ … ]` exactly as written (relative to the file). */
  imports: string[];
  disabled: DisabledPackage[];
  problems: Problem[];
  /** 1-based lines of syntax errors: a file that does not parse is not read at all by Nix. */
  syntaxErrors: number[];
  /** How many package options (systemPackages, home.packages, …) the file sets. */
  packageOptions: number;
}

/** Which reader a package set came from, best first. */
export type PackageSource = 'nix-eval' | 'live-system' | 'packages-nix';

/** One installed package, as any reader sees it. */
export interface InstalledPackage {
  /** Package name (pname, else the entry name). */
  name: string;
  /** nixpkgs attribute path when known. */
  attr: string | null;
  version: string | null;
  description: string | null;
  section: string | null;
  mainProgram: string | null;
  /** Binaries it provides when the reader saw them (live system); null when unknown. */
  bins: string[] | null;
}

/** A package set with the binary → package map that usage analytics needs. */
export interface PackageSet {
  source: PackageSource;
  /** Where it came from: the flake ref, the profile dirs, or the packages.nix path. */
  origin: string;
  packages: InstalledPackage[];
  /** Binary name → package name, from the live system and mainProgram. */
  binaries: Record<string, string>;
  /** Commented-out packages (packages.nix only). */
  disabled: DisabledPackage[];
  /** Section headers in order (packages.nix only). */
  sections: string[];
}
