// An in-memory DashboardBackend with realistic, deterministic content. Component tests, store
// tests and the TUI benchmark run against it, so they need no database or corpus.
import type {
  FileChangePlan,
  RiskClass,
  Suggestion,
  SuggestionKind,
  UsageReport,
} from '../src/core/types.js';
import type {
  ApplyResult,
  DashboardBackend,
  DashboardDecision,
  DataProblem,
  DecisionDetail,
  PostRebuildReport,
} from './backend.js';

/** A decision the fake backend saw, in order. */
export interface FakeCall {
  method: string;
  ids: string[];
  state?: DashboardDecision | undefined;
  detail?: DecisionDetail | undefined;
}

const programs = [
  'git',
  'npm',
  'cargo',
  'nix',
  'rg',
  'fd',
  'jq',
  'make',
  'pytest',
  'docker',
  'kubectl',
  'gh',
];
const subcommands = ['status', 'diff', 'log', 'test', 'build', 'run', 'check', 'show', 'list', 'fmt'];
const risks: RiskClass[] = ['read-only', 'build-test', 'vcs-write', 'network', 'file-write'];

/** One realistic proposal; `i` picks the variant deterministically. */
export function fakeSuggestion(i: number, overrides: Partial<Suggestion> = {}): Suggestion {
  const program = programs[i % programs.length]!;
  const sub = subcommands[Math.floor(i / programs.length) % subcommands.length]!;
  const kinds: SuggestionKind[] = ['allow', 'allow', 'allow', 'allow', 'deny', 'ask', 'remove', 'replace'];
  const kind = kinds[i % kinds.length]!;
  const rule =
    kind === 'remove'
      ? `Bash(${program} legacy-${i}:*)`
      : `Bash(${program} ${sub}${i >= programs.length * subcommands.length ? `-${i}` : ''}:*)`;
  const history = Array.from({ length: 14 }, (_, d) => ({
    day: `2026-11-${String(10 + d).padStart(2, '0')}`,
    approvals: (i + d * 3) % 5,
    denials: kind === 'deny' ? (i + d) % 3 : d % 7 === 3 ? 1 : 0,
  }));
  const approvals = history.reduce((n, h) => n + h.approvals, 0);
  const denials = history.reduce((n, h) => n + h.denials, 0);
  return {
    id: `s${String(i).padStart(5, '0')}`,
    kind,
    rule,
    replaces: kind === 'replace' ? [`Bash(${program} ${sub} --all:*)`, `Bash(${program} ${sub} -v:*)`] : [],
    target: '/home/demo/.claude/settings.json',
    scope: i % 3 === 0 ? 'project' : 'user',
    project: i % 3 === 0 ? '/home/demo/src/webapp' : null,
    level: 'subcommand',
    confidence: Math.round((0.55 + ((i * 37) % 45) / 100) * 100) / 100,
    confidenceInputs: {
      weightedApprovals: approvals * 0.8,
      weightedDenials: denials * 0.8,
      wilsonLower: 0.81,
      spread: 0.9,
      distinctDays: 11,
      halfLifeDays: 14,
    },
    evidence: {
      approvals,
      denials,
      sessions: 3 + (i % 9),
      projects: 1 + (i % 3),
      firstSeen: '2026-11-10T09:12:00.000Z',
      lastSeen: '2026-11-23T17:40:00.000Z',
    },
    risk: risks[i % risks.length]!,
    promptsSaved: kind === 'remove' || kind === 'replace' ? 0 : 200 - (i % 200),
    deniedCovered: 0,
    examples: [
      `${program} ${sub} --stat`,
      `${program} ${sub} src/`,
      `PGPASSWORD=__REDACTED__ ${program} ${sub}`,
    ],
    alsoMatches: [`${program} ${sub} --force`, `${program} ${sub} -x`],
    reason:
      kind === 'remove'
        ? 'dead: matched nothing in 30 days'
        : kind === 'replace'
          ? 'duplicate: two rules say the same'
          : `approved ${approvals} times over 11 days`,
    history,
    alternatives: [
      {
        rule: `Bash(${program} ${sub} --stat)`,
        level: 'exact',
        promptsSaved: 12,
        deniedCovered: 0,
        blockedBy: null,
      },
      {
        rule: `Bash(${program}:*)`,
        level: 'program',
        promptsSaved: 240,
        deniedCovered: 3,
        blockedBy: `covers ${program} push --force, denied 3 times`,
      },
    ],
    ...overrides,
  };
}

/** A usage report with `rows` tools. */
export function fakeUsage(rows = 24): UsageReport {
  const names = ['rg', 'fd', 'jq', 'git', 'nix', 'htop', 'bat', 'eza', 'delta', 'tokei', 'hyperfine', 'yq'];
  return {
    window: { days: 90, from: '2026-08-26', to: '2026-11-24' },
    installed: 180,
    tools: Array.from({ length: rows }, (_, i) => ({
      tool: i < names.length ? names[i]! : `tool-${i}`,
      package: i < names.length ? names[i]! : `pkg-${i}`,
      human: (i * 17) % 90,
      claude: (i * 29) % 130,
      lastUsed: `2026-11-${String(1 + (i % 23)).padStart(2, '0')}`,
    })),
    dormant: [
      { package: 'gimp', attr: 'gimp', bins: ['gimp', 'gimp-console'], lastUsed: null },
      { package: 'libreoffice', attr: 'libreoffice', bins: ['soffice', 'lowriter'], lastUsed: '2026-06-02' },
      { package: 'ncdu', attr: 'ncdu', bins: ['ncdu'], lastUsed: '2026-07-19' },
    ],
    installCandidates: [
      { package: 'hyperfine', uses: 7, lastUsed: '2026-11-20' },
      { package: 'sqlite', uses: 3, lastUsed: '2026-11-12' },
    ],
    withoutBinaries: ['noto-fonts'],
  };
}

/** Options of the fake backend. */
export interface FakeBackendOptions {
  suggestions?: number | Suggestion[];
  usageRows?: number;
  postRebuild?: PostRebuildReport;
  /** When set, scan() waits for this promise (first-frame tests). */
  scanGate?: Promise<void>;
  /** Data problems the scan reports (the problems line). */
  problemList?: DataProblem[];
}

/** The fake backend plus a log of every call, for assertions. */
export interface FakeBackend extends DashboardBackend {
  calls: FakeCall[];
}

/** Build a fake backend. */
export function createFakeBackend(options: FakeBackendOptions = {}): FakeBackend {
  const source =
    typeof options.suggestions === 'object'
      ? options.suggestions
      : Array.from({ length: options.suggestions ?? 12 }, (_, i) => fakeSuggestion(i));
  let pending = [...source];
  const calls: FakeCall[] = [];
  const planFor = (list: Suggestion[]): FileChangePlan[] => {
    const byTarget = new Map<string, Suggestion[]>();
    for (const s of list) byTarget.set(s.target, [...(byTarget.get(s.target) ?? []), s]);
    return [...byTarget].map(([file, items]) => ({
      path: file,
      diff: [
        `--- ${file}`,
        `+++ ${file}`,
        '@@ -1,4 +1,' + (4 + items.length) + ' @@',
        ' {',
        '   "permissions": {',
        '     "allow": [',
        ...items.map((s) => `+      "${s.rule}",`),
        '       "Bash(ls:*)"',
      ].join('\n'),
      added: items.map((s) => s.rule),
      removed: [],
      refusal: null,
    }));
  };
  return {
    calls,
    async scan(onProgress) {
      onProgress({ phase: 'transcripts', done: 0, total: 3 });
      if (options.scanGate) await options.scanGate;
      onProgress({ phase: 'transcripts', done: 3, total: 3 });
      calls.push({ method: 'scan', ids: [] });
      return { newCalls: 42, problems: 0, problemList: options.problemList ?? [] };
    },
    async loadSuggestions() {
      return pending;
    },
    async pendingDecisions() {
      return {};
    },
    async decide(suggestion, state, detail) {
      calls.push({ method: 'decide', ids: [suggestion.id], state, detail });
    },
    async undoDecision(list) {
      calls.push({ method: 'undo', ids: list.map((s) => s.id) });
    },
    async planApply(list) {
      calls.push({ method: 'planApply', ids: list.map((s) => s.id) });
      return planFor(list);
    },
    async apply(list): Promise<ApplyResult> {
      calls.push({ method: 'apply', ids: list.map((s) => s.id) });
      const ids = new Set(list.map((s) => s.id));
      pending = pending.filter((s) => !ids.has(s.id));
      return { applyId: 'a1b2c3', files: new Set(list.map((s) => s.target)).size, applied: [...ids] };
    },
    async usage() {
      return fakeUsage(options.usageRows);
    },
    async postRebuild() {
      return (
        options.postRebuild ?? {
          packages: {
            added: ['hyperfine'],
            removed: ['gimp'],
            updated: [{ name: 'git', from: '2.47.0', to: '2.47.1' }],
          },
          docsStale: true,
          orphanRules: ['Bash(gimp:*)'],
        }
      );
    },
  };
}
