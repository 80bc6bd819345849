import { describe, expect, it } from 'vitest';
import type { InstalledPackage } from '../../src/core/nix/types.js';
import type { ClaudeSegmentRow, HumanCommandRow } from '../../src/core/usage.js';
import { buildUsageReport } from '../../src/core/usage.js';

const NOW = new Date('2026-01-31T12:00:00Z');
const DAY = 86_400_000;
const at = (daysAgo: number) => NOW.getTime() - daysAgo * DAY;

const pkg = (name: string, extra: Partial<InstalledPackage> = {}): InstalledPackage => ({
  name,
  attr: name,
  version: null,
  description: null,
  section: null,
  mainProgram: null,
  bins: null,
  ...extra,
});

const packages = [
  pkg('ripgrep'),
  pkg('bottom'),
  pkg('fd'),
  pkg('eza'),
  pkg('jq'),
  pkg('nerd-fonts.jetbrains-mono'),
  pkg('dejavu_fonts'),
  pkg('claude-autonomous', { attr: null, bins: ['claude-autonomous'] }),
];
const human = (daysAgo: number | null, programs: string[], ephemeral: string[] = []): HumanCommandRow => ({
  ts: daysAgo === null ? null : at(daysAgo),
  programs,
  ephemeral,
});
const claude = (daysAgo: number, program: string, ephemeral: string[] = []): ClaudeSegmentRow => ({
  ts: at(daysAgo),
  program,
  ephemeral,
});

const report = (
  h: HumanCommandRow[],
  c: ClaudeSegmentRow[],
  days = 30,
  binaries: Record<string, string> = {},
) => buildUsageReport({ set: { packages, binaries }, human: h, claude: c, days, now: NOW });

describe('buildUsageReport', () => {
  it('maps rg to ripgrep and btm to bottom, so neither is dormant', () => {
    const r = report(
      [human(1, ['rg']), human(2, ['btm'])],
      [claude(1, 'rg'), claude(3, '/run/current-system/sw/bin/rg')],
    );
    expect(r.tools).toEqual([
      { tool: 'rg', package: 'ripgrep', human: 1, claude: 2, lastUsed: new Date(at(1)).toISOString() },
      { tool: 'btm', package: 'bottom', human: 1, claude: 0, lastUsed: new Date(at(2)).toISOString() },
    ]);
    expect(r.dormant.map((d) => d.package)).toEqual(['claude-autonomous', 'eza', 'fd', 'jq']);
  });

  it('uses the live binary map before the curated one', () => {
    const r = report([human(1, ['fdfind'])], [], 30, { fdfind: 'fd' });
    expect(r.tools[0]).toMatchObject({ tool: 'fdfind', package: 'fd' });
    expect(r.dormant.map((d) => d.package)).not.toContain('fd');
  });

  it('lists packages without binaries apart, never as dormant', () => {
    const r = report([], []);
    expect(r.withoutBinaries).toEqual(['dejavu_fonts', 'nerd-fonts.jetbrains-mono']);
    expect(r.dormant.map((d) => d.package)).not.toContain('dejavu_fonts');
    expect(r.installed).toBe(8);
  });

  it('shows the binaries a dormant package is checked by', () => {
    const r = report([], []);
    expect(r.dormant.find((d) => d.package === 'ripgrep')).toMatchObject({ attr: 'ripgrep', bins: ['rg'] });
    expect(r.dormant.find((d) => d.package === 'bottom')?.bins).toEqual(['btm']);
  });

  it.each([
    ['inside the window', 29, 1],
    ['exactly at the window start', 30, 1],
    ['just before the window', 30.001, 0],
    ['in the future', -1, 0],
  ])('counts a use %s', (_label, daysAgo, expected) => {
    const r = report([human(daysAgo, ['jq'])], []);
    expect(r.tools.find((t) => t.tool === 'jq')?.human ?? 0).toBe(expected);
  });

  it('reports the window it used', () => {
    expect(report([], [], 7).window).toEqual({
      days: 7,
      from: '2026-01-24T12:00:00.000Z',
      to: '2026-01-31T12:00:00.000Z',
    });
  });

  it('never counts undated history lines, but says how many there were', () => {
    const r = report([human(null, ['jq']), human(null, ['rg'])], []);
    expect(r.tools).toEqual([]);
    expect(r.undatedHumanCommands).toBe(2);
  });

  it('proposes packages used ephemerally at least 3 times and not installed', () => {
    const r = report(
      [human(1, ['nix'], ['nixpkgs#hyperfine']), human(2, [','], ['hyperfine']), human(40, ['nix'], ['sd'])],
      [
        claude(1, 'nix', ['hyperfine']),
        claude(1, 'nix', ['sd']),
        claude(2, 'nix-shell', ['sd']),
        claude(3, 'nix', ['jq']),
        claude(3, 'nix', ['jq']),
        claude(3, 'nix', ['jq']),
      ],
    );
    expect(r.installCandidates.map(({ package: name, uses }) => ({ name, uses }))).toEqual([
      { name: 'hyperfine', uses: 3 },
    ]);
  });

  it('leaves shell builtins out of the tool table', () => {
    const r = report([human(1, ['cd', 'echo', 'git'])], []);
    expect(r.tools.map((t) => t.tool)).toEqual(['git']);
    expect(r.tools[0]?.package).toBeNull();
  });

  it('gives a dormant package its last use from older history', () => {
    const r = buildUsageReport({
      set: { packages, binaries: {} },
      human: [],
      claude: [],
      days: 30,
      now: NOW,
      lastSeen: { rg: at(45) },
    });
    expect(r.dormant.find((d) => d.package === 'ripgrep')?.lastUsed).toBe(new Date(at(45)).toISOString());
  });
});
