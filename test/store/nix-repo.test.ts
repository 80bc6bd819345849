import { describe, expect, it } from 'vitest';
import type { InstalledPackage, PackageSet } from '../../src/core/nix/types.js';
import { openDb } from '../../src/store/db.js';
import {
  latestSnapshot,
  markReviewed,
  packageDiffSinceLastReview,
  recordSnapshot,
} from '../../src/store/nix-repo.js';

const pkg = (name: string, version: string | null): InstalledPackage => ({
  name,
  attr: name,
  version,
  description: `${name} tool`,
  section: 'tools',
  mainProgram: null,
  bins: name === 'ripgrep' ? ['rg'] : null,
});
const set = (...packages: InstalledPackage[]): PackageSet => ({
  source: 'live-system',
  origin: '/run/current-system/sw/bin',
  packages,
  binaries: { rg: 'ripgrep' },
  disabled: [],
  sections: ['tools'],
});
const day = (n: number) => new Date(Date.UTC(2026, 0, n));

describe('nix snapshots', () => {
  it('records a snapshot only when the set changed', () => {
    const db = openDb(':memory:');
    expect(recordSnapshot(db, set(pkg('ripgrep', '14.1.1')), day(1)).changed).toBe(true);
    expect(recordSnapshot(db, set(pkg('ripgrep', '14.1.1')), day(2)).changed).toBe(false);
    expect(recordSnapshot(db, set(pkg('ripgrep', '14.1.2')), day(3)).changed).toBe(true);
  });

  it('reads the latest snapshot back as a package set', () => {
    const db = openDb(':memory:');
    recordSnapshot(db, set(pkg('ripgrep', '14.1.1'), pkg('jq', '1.7')), day(1));
    const latest = latestSnapshot(db);
    expect(latest?.packages.map((p) => [p.name, p.version, p.bins])).toEqual([
      ['jq', '1.7', null],
      ['ripgrep', '14.1.1', ['rg']],
    ]);
    expect(latest?.binaries).toEqual({ rg: 'ripgrep' });
    expect(latest?.takenAt).toEqual(day(1));
  });

  it('tells added, removed and updated packages since the previous snapshot', () => {
    const db = openDb(':memory:');
    expect(packageDiffSinceLastReview(db)).toEqual({ added: [], removed: [], updated: [] });
    recordSnapshot(db, set(pkg('ripgrep', '14.1.1'), pkg('jq', '1.7'), pkg('fd', '10.1')), day(1));
    recordSnapshot(db, set(pkg('ripgrep', '14.1.2'), pkg('fd', '10.1'), pkg('bottom', '0.10')), day(2));
    expect(packageDiffSinceLastReview(db)).toEqual({
      added: ['bottom'],
      removed: ['jq'],
      updated: [{ name: 'ripgrep', from: '14.1.1', to: '14.1.2' }],
    });
  });

  it('does not call a package updated when one snapshot has no version for it', () => {
    const db = openDb(':memory:');
    recordSnapshot(db, set(pkg('gimp', '2.10.38'), pkg('tokei', null)), day(1));
    recordSnapshot(db, set(pkg('gimp', null), pkg('tokei', '13.0.0')), day(2));
    expect(packageDiffSinceLastReview(db)).toEqual({ added: [], removed: [], updated: [] });
  });

  it('compares with the last reviewed snapshot once the user has reviewed', () => {
    const db = openDb(':memory:');
    recordSnapshot(db, set(pkg('jq', '1.7')), day(1));
    markReviewed(db, day(1));
    recordSnapshot(db, set(pkg('jq', '1.7'), pkg('fd', '10.1')), day(2));
    recordSnapshot(db, set(pkg('jq', '1.7'), pkg('fd', '10.1'), pkg('sd', '1.0')), day(3));
    expect(packageDiffSinceLastReview(db).added).toEqual(['fd', 'sd']);
    markReviewed(db, day(3));
    expect(packageDiffSinceLastReview(db)).toEqual({ added: [], removed: [], updated: [] });
  });
});
