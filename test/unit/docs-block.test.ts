import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BEGIN_MARKER,
  END_MARKER,
  extractBlock,
  renderToolsBlock,
  replaceBlock,
  shortDiff,
} from '../../src/core/docs-block.js';
import { packageSetFromFiles } from '../../src/core/nix/package-set.js';
import { parsePackagesNix } from '../../src/core/nix/packages-nix.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'nix');
const nix = (file: string) => readFileSync(path.join(fixtures, 'nixos-config', file), 'utf8');
const common = packageSetFromFiles([parsePackagesNix(nix('common-packages.nix@HEAD.nix'))], 'common');
const head = packageSetFromFiles(
  [
    parsePackagesNix(nix('packages.nix@HEAD-ad6afc1.nix')),
    parsePackagesNix(nix('common-packages.nix@HEAD.nix')),
  ],
  'head',
);
const render = (set: typeof common) => renderToolsBlock(set);

describe('renderToolsBlock', () => {
  it('is wrapped in its markers', () => {
    const block = render(common);
    expect(block.startsWith(BEGIN_MARKER)).toBe(true);
    expect(block.endsWith(END_MARKER)).toBe(true);
  });

  it('groups tools under the user’s own section headers, in the user’s order', () => {
    const headers = render(common)
      .split('\n')
      .filter((l) => l.startsWith('### '));
    expect(headers.slice(0, 4)).toEqual([
      '### AI Assistant',
      '### Google Workspace CLI - Unified CLI for Drive, Gmail, Calendar, etc.',
      '### Version control',
      '### Browser',
    ]);
  });

  it('shows each tool by its command, with its packages.nix comment', () => {
    const block = render(common);
    expect(block).toContain('- `rg` (ripgrep) — Modern grep (rg)');
    expect(block).toContain('- `eza` — Modern ls');
    expect(block).toContain('- nerd-fonts.jetbrains-mono');
  });

  it.each([
    ['rg', 'grep', true],
    ['fd', 'find', true],
    ['bat', 'cat', true],
    ['eza', 'ls', true],
    ['delta', 'diff', true],
    ['sd', 'sed', false],
    ['btm', 'top', false],
  ])('prefer table: `%s` over `%s` shown only when installed (%s)', (use, over, shown) => {
    const table = render(common).split('## Tools that are not installed')[0] ?? '';
    expect(table.includes(`| \`${use}\` | \`${over}\` |`)).toBe(shown);
  });

  it('says how to run a missing modern tool ephemerally', () => {
    expect(render(common)).toContain('- `sd` (instead of `sed`): `nix shell nixpkgs#sd --command sd …`');
    expect(render(head)).not.toContain('nix shell nixpkgs#dust');
  });

  it('is deterministic: same set, same bytes, whatever the input order', () => {
    const reversed = { ...head, packages: [...head.packages].reverse() };
    expect(render(reversed)).toBe(render(head));
    expect(render(head)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});

describe('replaceBlock', () => {
  const block = `${BEGIN_MARKER}\nnew\n${END_MARKER}`;

  it('rewrites only the bytes between the markers', () => {
    const before = `# Mine\n\nkeep this\n${BEGIN_MARKER}\nold\nlines\n${END_MARKER}\ntail stays — exactly\n`;
    const result = replaceBlock(before, block);
    expect(result).toEqual({ ok: true, text: `# Mine\n\nkeep this\n${block}\ntail stays — exactly\n` });
  });

  it.each([
    ['an empty file', '', `${block}\n`],
    ['a file ending in a newline', '# Mine\n', `# Mine\n\n${block}\n`],
    ['a file without a final newline', '# Mine', `# Mine\n\n${block}\n`],
  ])('appends the block to %s', (_label, before, after) => {
    expect(replaceBlock(before, block)).toEqual({ ok: true, text: after });
  });

  it('is idempotent', () => {
    const once = replaceBlock('# Mine\n', block);
    const twice = once.ok ? replaceBlock(once.text, block) : once;
    expect(twice).toEqual(once);
  });

  it.each([
    ['begin without end', `${BEGIN_MARKER}\nx\n`, 'without'],
    ['end without begin', `x\n${END_MARKER}\n`, 'without'],
    ['two begins', `${BEGIN_MARKER}\n${BEGIN_MARKER}\n${END_MARKER}\n`, 'appears 2 times'],
    ['end before begin', `${END_MARKER}\n${BEGIN_MARKER}\n`, 'comes before'],
  ])('refuses malformed markers: %s', (_label, before, message) => {
    const result = replaceBlock(before, block);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain(message);
  });

  it('extracts the current block', () => {
    expect(extractBlock(`a\n${block}\nb`)).toEqual({ ok: true, block });
    expect(extractBlock('a\n')).toEqual({ ok: true, block: null });
  });
});

describe('shortDiff', () => {
  it('shows removed and added lines only', () => {
    expect(shortDiff('a\nb\nc', 'a\nB\nc\nd')).toBe('- b\n+ B\n+ d');
  });

  it('caps long diffs', () => {
    const diff = shortDiff('', Array.from({ length: 50 }, (_, i) => `l${i}`).join('\n'), 5);
    expect(diff.split('\n')).toHaveLength(6);
    expect(diff).toMatch(/more changed lines$/);
  });
});
