import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HomeBuilder } from '../helpers/transcript-builder.js';
import type { CallSpec } from '../helpers/transcript-builder.js';
import { runCli } from '../helpers/run-cli.js';
import type { Suggestion } from '../../src/core/types.js';
import { openDb } from '../../src/store/db.js';
import { recordDecision } from '../../src/store/decisions-repo.js';

const NOW = '2026-03-01T12:00:00Z';
const DAY = 86_400_000;

interface JsonSuggestion {
  id: string;
  kind: string;
  rule: string;
  replaces: string[];
  target: string;
  scope: string;
  project: string | null;
  confidence: number;
  evidence: {
    approvals: number;
    denials: number;
    sessions: number;
    projects: number;
    firstSeen: string;
    lastSeen: string;
  };
  risk: string;
  promptsSaved: number;
  examples: string[];
  reason: string;
}

/** A home where `calls` are spread over `sessions` sessions on consecutive days before NOW. */
function spread(b: HomeBuilder, project: string, calls: CallSpec[], sessions = 8): void {
  for (let s = 0; s < sessions; s++) {
    const mine = calls.filter((_, i) => i % sessions === s);
    b.session(project, new Date(Date.parse(NOW) - (s + 1) * DAY), mine);
  }
}

const n = (count: number, spec: CallSpec): CallSpec[] => Array.from({ length: count }, () => spec);

async function suggest(home: string, extra: string[] = []) {
  const db = path.join(home, 'state.db');
  return runCli(['suggest', '--home', home, '--db', db, '--now', NOW, ...extra]);
}

async function suggestJson(home: string): Promise<JsonSuggestion[]> {
  const result = await suggest(home, ['--json']);
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { suggestions: JsonSuggestion[] }).suggestions;
}

const dirs: string[] = [];
function home(): HomeBuilder {
  const dir = mkdtempSync(path.join(tmpdir(), 'clearance-suggest-'));
  dirs.push(dir);
  return new HomeBuilder(dir);
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('clearance suggest (end to end over transcripts)', () => {
  let learned: JsonSuggestion[] = [];
  let text = '';
  let json = '';
  let app = '';
  let b: HomeBuilder;

  beforeAll(async () => {
    b = home();
    app = b.project('app');
    spread(b, app, [
      ...n(40, { command: 'cargo test', answer: 'approve' }),
      ...n(40, { command: 'rm -rf target', answer: 'approve' }),
      ...n(30, { command: 'git status && rm -rf x', answer: 'approve' }),
      ...n(5, { command: 'make deploy', answer: 'deny' }),
      ...n(1, { command: 'make deploy', answer: 'approve' }),
      ...n(20, { command: 'PGPASSWORD=hunter2 psql -h db -c "select 1"', answer: 'approve' }),
      ...n(20, {
        command: 'GH_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789 gh pr list',
        answer: 'approve',
      }),
      ...n(20, {
        command: 'curl -H "Authorization: Bearer sk-ant-abcdefghijklmnop" https://api.x.io',
        answer: 'approve',
      }),
    ]);
    json = (await suggest(b.home, ['--json'])).stdout;
    learned = (JSON.parse(json) as { suggestions: JsonSuggestion[] }).suggestions;
    text = (await suggest(b.home)).stdout;
  });

  it('learns cargo test into the project local settings', () => {
    const cargo = learned.find((s) => s.rule === 'Bash(cargo test *)');
    expect(cargo).toMatchObject({
      kind: 'allow',
      scope: 'project',
      project: app,
      target: path.join(app, '.claude', 'settings.local.json'),
      risk: 'build-test',
      evidence: { approvals: 40, denials: 0, sessions: 8, projects: 1 },
    });
  });

  it('proposes no allow rule that could run rm', () => {
    expect(learned.filter((s) => s.kind === 'allow' && /\brm\b/.test(s.rule))).toEqual([]);
  });

  it('proposes ask, not allow, for a command denied 5 times and approved once', () => {
    expect(learned.filter((s) => s.rule.includes('make')).map((s) => [s.kind, s.rule])).toEqual([
      ['ask', 'Bash(make deploy)'],
    ]);
  });

  it.each(['hunter2', 'ghp_abcdef', 'sk-ant-abcdef'])(
    'never prints the secret %s (text or JSON)',
    (secret) => {
      expect(text + json).not.toContain(secret);
    },
  );

  it('gives every JSON item the documented fields', () => {
    expect(Object.keys(learned[0] ?? {})).toEqual(
      expect.arrayContaining([
        'id',
        'kind',
        'rule',
        'replaces',
        'target',
        'scope',
        'project',
        'confidence',
        'evidence',
        'risk',
        'promptsSaved',
        'examples',
        'verify',
      ]),
    );
  });

  it('prints a readable table', () => {
    expect(text.split('\n')[0]).toMatch(/^ID\s+KIND\s+RULE\s+SCOPE\s+CONF\s+RISK\s+SAVED\s+CC\s+EVIDENCE$/);
    expect(text).toContain('Bash(cargo test *)');
    // confidence reads the same as in the dashboard and apply: a percentage
    expect(text.split('\n').find((l) => l.includes('Bash(cargo test *)'))).toMatch(/ \d{1,3}% /);
    // never verified with a real client: the dot, and one line saying how
    expect(text).toMatch(/Bash\(cargo test \*\).*\s·\s/);
    expect(text).toContain('clearance verify');
  });

  it('proposes nothing once the proposal is in force', async () => {
    b.settings(path.join(app, '.claude', 'settings.local.json'), { allow: ['Bash(cargo test *)'] });
    const again = await suggestJson(b.home);
    expect(again.filter((s) => s.rule.startsWith('Bash(cargo'))).toEqual([]);
  });
});

describe('clearance suggest: hygiene of the settings in force', () => {
  it('finds dead, duplicate, shadowed, invalid and replaceable rules', async () => {
    const b = home();
    const app = b.project('app');
    // one-off rules of a subcommand the wildcard spec allows (`npm run *` would also cover `npm run deploy`)
    const npm = ['a', 'b', 'c'].flatMap((x) =>
      n(2, { command: `cargo test -p ${x}`, answer: 'approve' as const }),
    );
    spread(b, app, [...n(12, { command: 'cargo build', answer: 'approve' }), ...npm], 4);
    b.settings(path.join(app, '.claude', 'settings.local.json'), {
      allow: [
        'Bash(cargo build *)',
        'Bash(make *)',
        'Bash(cargo build:*)',
        'Bash(git push origin main)',
        'Write(/tmp/**)',
        'Bash(cargo test -p a)',
        'Bash(cargo test -p b)',
        'Bash(cargo test -p c)',
      ],
      deny: ['Bash(git push *)'],
    });
    const out = await suggestJson(b.home);
    const why = (s: JsonSuggestion): string => s.reason.split(':')[0] ?? '';
    expect(out.map((s) => [s.kind, s.rule, why(s)]).sort()).toEqual(
      [
        ['remove', 'Bash(cargo build:*)', 'duplicate'],
        ['remove', 'Bash(git push origin main)', 'shadowed'],
        ['remove', 'Bash(make *)', 'dead'],
        ['replace', 'Edit(/tmp/**)', 'invalid'],
        ['replace', 'Bash(cargo test *)', '3 one-off rules, one subcommand-level pattern'],
      ].sort(),
    );
  });
});

describe('clearance suggest --project', () => {
  it('keeps proposals for that project and the user file only', async () => {
    const b = home();
    const app = b.project('app');
    const lib = b.project('lib');
    spread(b, app, n(12, { command: 'cargo test', answer: 'approve' }), 4);
    spread(b, lib, n(12, { command: 'pytest -x', answer: 'approve' }), 4);
    const all = await suggestJson(b.home);
    const result = await suggest(b.home, ['--json', '--project', lib]);
    const only = (JSON.parse(result.stdout) as { suggestions: JsonSuggestion[] }).suggestions;
    expect([all.map((s) => s.rule).sort(), only.map((s) => [s.rule, s.project])]).toEqual([
      ['Bash(cargo test *)', 'Bash(pytest *)'],
      [['Bash(pytest *)', lib]],
    ]);
  });
});

describe('clearance suggest: a broken settings file', () => {
  it('names the file in one line and still proposes', async () => {
    const b = home();
    const app = b.project('app');
    spread(b, app, n(12, { command: 'cargo test', answer: 'approve' }), 4);
    const settings = path.join(b.home, '.claude', 'settings.json');
    writeFileSync(settings, '{"permissions": {"allow": [');
    const result = await suggest(b.home, []);
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`${settings}: malformed JSON`);
    expect(result.stdout).toContain('Bash(cargo test *)');
  });
});

describe('clearance suggest: decision memory', () => {
  it('does not propose again what the user rejected while the evidence is unchanged', async () => {
    const b = home();
    const app = b.project('app');
    spread(b, app, n(12, { command: 'cargo test', answer: 'approve' }), 4);
    const [first] = await suggestJson(b.home);
    const db = openDb(path.join(b.home, 'state.db'));
    recordDecision(db, {
      suggestion: first as unknown as Suggestion,
      state: 'rejected',
      actor: 'yes',
      now: new Date(NOW),
    });
    db.close();
    expect([first?.rule, (await suggestJson(b.home)).map((s) => s.rule)]).toEqual(['Bash(cargo test *)', []]);
  });
});

describe('clearance suggest: usage', () => {
  it.each([['1.5'], ['-0.1']])('rejects --min-confidence %s with exit 2', async (value) => {
    const b = home();
    const result = await suggest(b.home, ['--min-confidence', value]);
    expect([result.code, result.stderr]).toEqual([2, expect.stringContaining('--min-confidence')]);
  });

  it('says so when there is nothing to propose', async () => {
    const b = home();
    const result = await suggest(b.home);
    expect([result.code, result.stdout]).toEqual([0, expect.stringContaining('No proposals')]);
  });
});
