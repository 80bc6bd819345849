// Package-set snapshots in SQLite (migrations/nix.ts). A snapshot is recorded only when the set
// differs from the latest one, so running `clearance usage` every day does not pile up copies.
import { createHash } from 'node:crypto';
import type { InstalledPackage, PackageSet } from '../core/nix/types.js';
import type { PackageDiff } from '../core/types.js';
import type { Db } from './db.js';

interface SnapshotRow {
  id: number;
  taken_at: number;
  source: string;
  origin: string;
  content_hash: string;
  sections_json: string;
  disabled_json: string;
}

interface PackageRow {
  name: string;
  attr: string | null;
  version: string | null;
  description: string | null;
  section: string | null;
  main_program: string | null;
  bins_json: string | null;
}

// Only what a user would call a change: names, versions, binaries, descriptions, sections.
function contentHash(set: PackageSet): string {
  const packages = [...set.packages]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p) => [p.name, p.attr, p.version, p.description, p.section, p.mainProgram, p.bins]);
  const binaries = Object.entries(set.binaries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([set.source, set.origin, packages, binaries, set.sections, set.disabled]))
    .digest('hex');
}

/** Record the package set as the newest snapshot unless it equals the latest; returns its id. */
export function recordSnapshot(db: Db, set: PackageSet, now: Date): { id: number; changed: boolean } {
  const hash = contentHash(set);
  const latest = db
    .prepare<[], { id: number; content_hash: string }>(
      'SELECT id, content_hash FROM nix_snapshots ORDER BY id DESC LIMIT 1',
    )
    .get();
  if (latest?.content_hash === hash) return { id: latest.id, changed: false };
  const insertPackage = db.prepare(
    `INSERT OR IGNORE INTO nix_snapshot_packages
       (snapshot_id, name, attr, version, description, section, main_program, bins_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertBinary = db.prepare(
    'INSERT OR IGNORE INTO nix_snapshot_binaries (snapshot_id, bin, package) VALUES (?, ?, ?)',
  );
  const id = db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO nix_snapshots (taken_at, source, origin, content_hash, sections_json, disabled_json)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        now.getTime(),
        set.source,
        set.origin,
        hash,
        JSON.stringify(set.sections),
        JSON.stringify(set.disabled),
      );
    const snapshotId = Number(info.lastInsertRowid);
    for (const p of set.packages) {
      insertPackage.run(
        snapshotId,
        p.name,
        p.attr,
        p.version,
        p.description,
        p.section,
        p.mainProgram,
        p.bins === null ? null : JSON.stringify(p.bins),
      );
    }
    for (const [bin, pkg] of Object.entries(set.binaries)) insertBinary.run(snapshotId, bin, pkg);
    return snapshotId;
  })();
  return { id, changed: true };
}

/** A recorded snapshot as a PackageSet, with when it was taken. */
export function loadSnapshot(db: Db, id: number): (PackageSet & { takenAt: Date }) | null {
  const row = db.prepare<[number], SnapshotRow>('SELECT * FROM nix_snapshots WHERE id = ?').get(id);
  if (!row) return null;
  const packages = db
    .prepare<[number], PackageRow>('SELECT * FROM nix_snapshot_packages WHERE snapshot_id = ? ORDER BY name')
    .all(id)
    .map((p): InstalledPackage => ({
      name: p.name,
      attr: p.attr,
      version: p.version,
      description: p.description,
      section: p.section,
      mainProgram: p.main_program,
      bins: p.bins_json === null ? null : (JSON.parse(p.bins_json) as string[]),
    }));
  const binaries: Record<string, string> = {};
  for (const b of db
    .prepare<[number], { bin: string; package: string }>(
      'SELECT bin, package FROM nix_snapshot_binaries WHERE snapshot_id = ? ORDER BY bin',
    )
    .all(id))
    binaries[b.bin] = b.package;
  return {
    source: row.source as PackageSet['source'],
    origin: row.origin,
    packages,
    binaries,
    sections: JSON.parse(row.sections_json) as string[],
    disabled: JSON.parse(row.disabled_json) as PackageSet['disabled'],
    takenAt: new Date(row.taken_at),
  };
}

/** The newest recorded snapshot (the cache used when no reader answers), or null. */
export function latestSnapshot(db: Db): (PackageSet & { takenAt: Date }) | null {
  const row = db.prepare<[], { id: number }>('SELECT id FROM nix_snapshots ORDER BY id DESC LIMIT 1').get();
  return row ? loadSnapshot(db, row.id) : null;
}

/** Remember that the user reviewed the newest snapshot (post-rebuild review done). */
export function markReviewed(db: Db, now: Date): void {
  const row = db.prepare<[], { id: number }>('SELECT id FROM nix_snapshots ORDER BY id DESC LIMIT 1').get();
  if (row)
    db.prepare('INSERT INTO nix_reviews (snapshot_id, reviewed_at) VALUES (?, ?)').run(row.id, now.getTime());
}

/**
 * What changed between the snapshot the user last reviewed (else the one before the newest) and
 * the newest snapshot. Empty when there is nothing to compare.
 */
export function packageDiffSinceLastReview(db: Db): PackageDiff {
  const newest = db
    .prepare<[], { id: number }>('SELECT id FROM nix_snapshots ORDER BY id DESC LIMIT 1')
    .get();
  if (!newest) return { added: [], removed: [], updated: [] };
  const reviewed = db
    .prepare<[], { snapshot_id: number }>('SELECT snapshot_id FROM nix_reviews ORDER BY id DESC LIMIT 1')
    .get();
  const baseId =
    reviewed?.snapshot_id ??
    db
      .prepare<[number], { id: number }>('SELECT id FROM nix_snapshots WHERE id < ? ORDER BY id DESC LIMIT 1')
      .get(newest.id)?.id;
  if (baseId === undefined || baseId === newest.id) return { added: [], removed: [], updated: [] };
  return diffPackages(loadSnapshot(db, baseId)?.packages ?? [], loadSnapshot(db, newest.id)?.packages ?? []);
}

/** Added, removed and version-changed packages between two lists (sorted by name). */
export function diffPackages(before: InstalledPackage[], after: InstalledPackage[]): PackageDiff {
  const old = new Map(before.map((p) => [p.name, p]));
  const now = new Map(after.map((p) => [p.name, p]));
  const sorted = (names: string[]) => names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    added: sorted([...now.keys()].filter((n) => !old.has(n))),
    removed: sorted([...old.keys()].filter((n) => !now.has(n))),
    // Only a version known on both sides can have changed: a reader that did not see a version
    // (packages.nix has none, the live system has one) is not an update.
    updated: [...now.values()]
      .flatMap((p) => {
        const from = old.get(p.name)?.version ?? null;
        return from !== null && p.version !== null && from !== p.version
          ? [{ name: p.name, from, to: p.version }]
          : [];
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}
