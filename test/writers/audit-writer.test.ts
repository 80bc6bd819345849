import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/writers/audit-writer.js';
import { appendAuditEntry, renderAuditEntry } from '../../src/writers/audit-writer.js';
import { suggestion } from '../helpers/suggestion-builder.js';

const settingsFile = '/home/me/code/p/.claude/settings.local.json';

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  const s = suggestion({
    id: 'abc123',
    rule: 'Bash(cargo test *)',
    target: settingsFile,
    examples: [
      'cargo test -p core',
      'GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123 cargo test',
      'cargo test `x`',
      'a fourth',
    ],
  });
  return {
    kind: 'apply',
    applyId: '20261124T044000000Z-abcd',
    when: new Date('2026-11-24T04:40:00Z'),
    settingsFile,
    actor: 'interactive',
    backupPath: '/state/backups/x/settings',
    changes: [
      {
        action: 'added',
        list: 'allow',
        rule: s.rule,
        replaces: [],
        suggestion: s,
        editedFrom: 'Bash(cargo test -p core *)',
      },
    ],
    ...overrides,
  };
}

describe('audit trail', () => {
  it('an entry names the file, the rule, its evidence, redacted examples and who decided', () => {
    expect(renderAuditEntry(entry())).toBe(
      [
        '## 2026-11-24 04:40 UTC — apply 20261124T044000000Z-abcd',
        '',
        `- File: \`${settingsFile}\``,
        '- Decided by: the user, approving the batch at the `apply` prompt',
        '- Previous content backed up to `/state/backups/x/settings`',
        '',
        '### Added `Bash(cargo test *)` to `allow`',
        '',
        '- Confidence 90% · risk build-test · would have saved 12 prompts in 30 days · 0 denied calls covered',
        '- Evidence: 12 approvals, 0 denials, 5 sessions, 1 project (2026-10-01 – 2026-11-20)',
        '- Examples: `cargo test -p core`, `GITHUB_TOKEN=__REDACTED__ cargo test`, `` cargo test `x` ``',
        '- Why: approved 12 times in 5 sessions, never denied',
        '- Proposal id: `abc123`',
        '- Breadth edited by the user (proposed `Bash(cargo test -p core *)`)',
        '',
      ].join('\n'),
    );
  });

  it('appends: earlier entries (even hand-written ones) stay, the header is written once', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clearance-audit-'));
    const file = path.join(dir, '.claude', 'settings.json');
    mkdirSync(path.dirname(file));
    const first = appendAuditEntry(entry({ settingsFile: file }));
    const afterFirst = readFileSync(first, 'utf8');
    writeFileSync(first, `${afterFirst}\nA note the user added by hand.`);
    appendAuditEntry(entry({ settingsFile: file, applyId: 'second', actor: 'yes' }));
    const text = readFileSync(first, 'utf8');
    expect(path.basename(first)).toBe('permissions_auto_generated.md');
    expect(text.startsWith(afterFirst)).toBe(true);
    expect(text).toContain('A note the user added by hand.\n\n## 2026-11-24 04:40 UTC — apply second');
    expect(text.match(/^# Permission changes made by clearance$/gm)).toHaveLength(1);
  });
});
