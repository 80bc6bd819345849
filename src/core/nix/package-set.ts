// Turning what one reader saw into the common PackageSet shape.
import type { Problem } from '../types.js';
import { programsForPackage } from './program-map.js';
import type { InstalledPackage, PackageSet, ParsedPackagesFile } from './types.js';

/** The package set of one or more parsed packages.nix files (imports already followed). */
export function packageSetFromFiles(files: ParsedPackagesFile[], origin: string): PackageSet {
  const packages: InstalledPackage[] = [];
  const seen = new Set<string>();
  const sections: string[] = [];
  for (const file of files) {
    for (const section of file.sections) if (!sections.includes(section)) sections.push(section);
    for (const entry of file.entries) {
      if (seen.has(entry.name)) continue;
      seen.add(entry.name);
      packages.push({
        name: entry.name,
        attr: entry.attr,
        version: null,
        description: entry.description,
        section: entry.section,
        mainProgram: null,
        // A wrapper's derivation is named after the one binary it makes.
        bins: entry.kind === 'wrapper' ? [entry.name] : null,
      });
    }
  }
  return {
    source: 'packages-nix',
    origin,
    packages,
    binaries: {},
    disabled: files.flatMap((f) => f.disabled),
    sections,
  };
}

/**
 * The binaries a package provides, best knowledge first: what the reader saw, the binary map,
 * mainProgram, the curated program map, and finally the package's own name (most packages install
 * a binary named like them).
 */
export function binariesOf(pkg: InstalledPackage, binaries: Record<string, string>): string[] {
  if (pkg.bins !== null) return [...pkg.bins].sort();
  const found = new Set<string>();
  for (const [bin, owner] of Object.entries(binaries)) if (owner === pkg.name) found.add(bin);
  if (pkg.mainProgram) found.add(pkg.mainProgram);
  for (const program of programsForPackage(pkg.attr ?? pkg.name)) found.add(program);
  for (const program of programsForPackage(pkg.name)) found.add(program);
  if (found.size === 0) found.add(pkg.name.split('.').pop() ?? pkg.name);
  return [...found].sort();
}

/** Add meta descriptions (from `nix eval`) to packages whose packages.nix line has no comment. */
export function withDescriptions(set: PackageSet, descriptions: Record<string, string | null>): PackageSet {
  return {
    ...set,
    packages: set.packages.map((p) => {
      const meta = descriptions[p.attr ?? p.name] ?? null;
      return p.description || !meta ? p : { ...p, description: meta };
    }),
  };
}

/** A package-set reader's result: the set (null when the reader had nothing) and its problems. */
export interface PackageSetResult {
  value: PackageSet | null;
  problems: Problem[];
}
