// Domain types shared by every layer. Plain data only: these cross the store, the core logic,
// the writers and the dashboard, so nothing here may depend on I/O or UI libraries.

/** A Claude Code tool-use id (`toolu_…`), or a synthetic id for calls known only from hooks/OTel. */
export type ToolUseId = string & { readonly __brand: 'ToolUseId' };
/** A Claude Code session id (uuid). */
export type SessionId = string & { readonly __brand: 'SessionId' };

/**
 * Where a fact came from, best first. `inferred` facts are never shown as exact. `transcript-exact`:
 * the transcript's own `permissionDecision` (newer clients), as exact as hooks and OTel.
 */
export type EvidenceBasis = 'otel' | 'hook' | 'transcript-exact' | 'transcript' | 'inferred';

/** What the transcript says happened to a call (reference/claude-code.md §2.3–2.4). */
export type CallOutcome =
  | 'success' // ran; tool_result without is_error
  | 'error' // ran and failed (non-zero exit, tool error)
  | 'user-rejected' // the user said No at the prompt (with or without a reason)
  | 'rule-denied' // a deny rule or a PreToolUse hook denied it
  | 'classifier-denied' // auto-mode classifier
  | 'mode-denied' // dontAsk / headless "you haven't granted it yet"
  | 'cancelled' // "doesn't want to take this action right now", Esc on a running tool
  | 'no-result'; // no tool_result seen (yet)

/** The user's answer to a permission prompt, as far as the evidence tells. */
export type PromptAnswer = 'approved' | 'denied' | 'not-prompted' | 'unknown';

/** Claude Code permission modes (plus null when unknown). */
export type PermissionMode = 'default' | 'acceptEdits' | 'plan' | 'auto' | 'dontAsk' | 'bypassPermissions';

/** One tool call as stored: inputs are already redacted (see core/redact.ts). */
export interface ToolCall {
  id: ToolUseId;
  sessionId: SessionId;
  agentId: string | null;
  sidechain: boolean;
  /** Epoch milliseconds of the tool_use line. */
  ts: number;
  cwd: string;
  /** Git root of cwd when known, else cwd: the project the call belongs to. */
  project: string;
  /** Claude Code semver from the transcript line, e.g. "2.1.38". */
  version: string | null;
  permissionMode: PermissionMode | null;
  tool: string;
  /** Redacted tool input (Bash: command; Read/Edit: file_path; WebFetch: url; …). */
  input: Record<string, unknown>;
  /** Redacted Bash command, else null. */
  command: string | null;
  outcome: CallOutcome;
  /** The user's reason when they rejected with a comment (redacted). */
  rejectionReason: string | null;
  /** Whether a prompt was shown; null = unknown. */
  prompted: boolean | null;
  promptedBasis: EvidenceBasis | null;
  answer: PromptAnswer;
  answerBasis: EvidenceBasis | null;
  /** Rules Claude Code offered in the prompt (`permission_suggestions`), when the hook saw it. */
  offeredRules: string[];
}

/** One simple command of a Bash call after parsing (core/shell). */
export interface CommandSegment {
  /** The program after wrapper stripping (`git`, `rg`, `./gradlew`), or '' when none. */
  program: string;
  /** Subcommand path for multi-level CLIs: ['diff'] for `git diff`, ['flake','check'] for nix. */
  subcommand: string[];
  /** argv after wrappers and env assignments were removed (redacted). */
  argv: string[];
  /**
   * The segment as a rule would see it: its source text from the program word to the last argument
   * (wrappers and env assignments removed, quotes kept as written — Claude Code matches the text, not
   * argv) (redacted).
   */
  text: string;
  /** Wrappers stripped in front (`timeout`, `nice`, `xargs`, …). */
  wrappers: string[];
  /** Env assignment names in front (`PGPASSWORD`); values are never kept. */
  envNames: string[];
  /** True when the segment came from inside `$(…)`, backticks, `bash -c '…'` or similar. */
  nested: boolean;
  /** `nix shell nixpkgs#X --command Y` / `nix run nixpkgs#X` / `nix-shell -p X` / `, X`: the packages used ephemerally. */
  ephemeralPackages: string[];
  /** Output redirection targets (`> out.txt`), for Edit-rule checks. */
  redirects: string[];
  /**
   * True when this segment is a view of the program an outer segment runs (`bash -c` body, `xargs -0 X`,
   * `nix shell … --command X`, `, X`): Claude Code matches allow rules against the outer text, so allow
   * checks skip it while deny/ask still see it. Absent (e.g. read back from the store) = treated as a
   * real segment, which is the stricter reading.
   */
  inner?: boolean;
  /**
   * Set when the segment has leading env assignments: true when every value is a plain literal that
   * Claude Code accepts for its name (`LANG=C`, not `LANG=1`, `X=$Y`, `NODE_ENV='x'`). The values
   * themselves are never kept. Absent (no assignments, or read back from the store) = names decide.
   */
  envSafe?: boolean;
  /**
   * A shell construct Claude Code will not auto-allow under a rule (`subshell`, `group`, `background`,
   * `heredoc`, `case`, `function`, `command-substitution`, `quoted-substitution`, `variable`,
   * `braced-variable`, `brace-expansion`, `process-substitution`, `redirect-expansion`). Absent = none.
   */
  construct?: string;
}

/** Result of parsing one shell command line. */
export interface ParsedCommand {
  segments: CommandSegment[];
  /** Operators seen between segments (`&&`, `|`, …): any means a rule cannot cover the whole. */
  operators: string[];
  /** Set when the parser could not parse the command; segments is then empty. */
  error: string | null;
}

/** Risk classes of the risk policy (core/risk-policy.ts). */
export type RiskClass =
  | 'read-only'
  | 'build-test'
  | 'vcs-write'
  | 'package-install'
  | 'file-write'
  | 'network'
  | 'privilege'
  | 'destructive'
  | 'inline-code'
  | 'download-exec'
  | 'unknown';

/** How broad a proposed rule is. */
export type RuleLevel =
  'exact' | 'subcommand' | 'program' | 'path' | 'domain' | 'tool' | 'mcp-server' | 'mcp-tool';

export type SuggestionKind = 'allow' | 'deny' | 'ask' | 'remove' | 'replace';
export type SettingsScope = 'managed' | 'user' | 'project' | 'local';

/** Evidence counts behind a proposal. */
export interface SuggestionEvidence {
  approvals: number;
  denials: number;
  sessions: number;
  projects: number;
  /** ISO timestamps. */
  firstSeen: string | null;
  lastSeen: string | null;
}

/** The inputs of the confidence figure, shown next to it. */
export interface ConfidenceInputs {
  /** Recency-weighted approvals and denials. */
  weightedApprovals: number;
  weightedDenials: number;
  /** Wilson lower bound at 95% before the spread factor. */
  wilsonLower: number;
  /** 0..1 factor from spread over sessions, days and projects. */
  spread: number;
  distinctDays: number;
  halfLifeDays: number;
}

/** One day's approvals/denials for a proposal's chart. */
export interface DailyCount {
  day: string; // YYYY-MM-DD
  approvals: number;
  denials: number;
}

/** A breadth the user may switch a proposal to with `e` (edit). */
export interface RuleAlternative {
  rule: string;
  level: RuleLevel;
  /** Prompts it would have saved in the window. */
  promptsSaved: number;
  /** Denied calls it would have auto-approved (a non-zero here makes it unsafe). */
  deniedCovered: number;
  /** Why the engine did not pick it, if it did not. */
  blockedBy: string | null;
}

/** A proposed change to one settings file, with everything the review shows. */
export interface Suggestion {
  /** Stable id: a short hash of kind, rule, replaces and target. */
  id: string;
  kind: SuggestionKind;
  /** Exact Claude Code rule syntax. */
  rule: string;
  /** For `replace`: the rules this one replaces. For a grouped `remove`: every rule it removes. */
  replaces: string[];
  /**
   * A grouped hygiene proposal: the family its rules share (`Bash(node scripts/migrate.mjs …)`).
   * One decision removes every rule in `replaces`; `rule` is the first of them.
   */
  family?: string;
  /**
   * For `remove`/`replace`: which of `permissions.allow|ask|deny` holds the old rule(s). When
   * absent, apply uses the one list of the target file that holds them (and refuses if several do).
   */
  list?: 'allow' | 'ask' | 'deny';
  /** Absolute path of the settings file it would change. */
  target: string;
  scope: 'user' | 'project';
  /** Absolute project dir, or null for user scope. */
  project: string | null;
  level: RuleLevel;
  confidence: number;
  confidenceInputs: ConfidenceInputs | null;
  evidence: SuggestionEvidence;
  risk: RiskClass;
  /** Prompts the rule would have saved in the last 30 days. */
  promptsSaved: number;
  /** Denied calls the rule would have auto-approved in the evidence (0 for every allow proposal). */
  deniedCovered: number;
  /** A few redacted example commands/inputs. */
  examples: string[];
  /** Other commands the rule would match that were not part of the evidence. */
  alsoMatches: string[];
  /** One-sentence reason, e.g. "dead: matched nothing in 30 days". */
  reason: string;
  history: DailyCount[];
  alternatives: RuleAlternative[];
  /** Allow rules: whether the rule stays in force in auto mode (broad rules are dropped there). */
  survivesAutoMode?: boolean;
  /** What the user's own Claude Code did with this proposal's replay (`clearance verify`); absent = never verified. */
  verify?: VerifyState | null;
}

/** One call where the client and clearance's prediction disagree. */
export interface VerifyDisagreement {
  command: string;
  /** Why the call was replayed: one the proposal covers, one the user denied, a dangerous variant. */
  role: 'covered' | 'denied' | 'variant';
  clearance: string;
  client: string;
  /** The client's own words. */
  clientReason: string;
}

/** The stored outcome of verifying one proposal with a real client. */
export interface VerifyState {
  /** `verified`: the client did what the proposal promises; `failed`: it did not. */
  status: 'verified' | 'failed';
  clientVersion: string;
  /** The user's commands the proposal covers, and how many of them the client treated as promised. */
  covered: number;
  coveredOk: number;
  /** The user's denied calls of the same program, and how many of them the client ran unprompted. */
  denied: number;
  deniedRun: number;
  /** Dangerous variants of the program, and how many of them the client ran unprompted. */
  variants: number;
  variantsRun: number;
  disagreements: VerifyDisagreement[];
  /** One line: "verified with Claude Code 2.1.328: runs 12 of your 12 commands unprompted, …". */
  summary: string;
  /** ISO time. */
  at: string;
}

/** A decision the user took on a proposal (decision memory, issue 4). */
export type DecisionState = 'approved' | 'rejected' | 'edited' | 'applied' | 'undone';

/** One file's planned change: what `A`/`apply --dry-run` shows. */
export interface FileChangePlan {
  path: string;
  /** Unified diff of the file's text. */
  diff: string;
  added: string[];
  removed: string[];
  /** Why the file would be refused, if it would. */
  refusal: string | null;
  /** sha256 of the file when the plan was made (null = missing); apply refuses if it changed differently. */
  beforeHash?: string | null;
  /** The proposals this plan carries out (apply needs them to re-plan and for the audit trail). */
  suggestions?: Suggestion[];
  /** Proposals that change nothing here or were refused, one line each (`rule: why`). */
  notes?: string[];
  /** Declarative mode: the Nix file written instead of `path` (a change takes effect on the next rebuild). */
  nixFile?: string;
}

/** One row of the usage table (issue 5). */
export interface ToolUsage {
  tool: string;
  package: string | null;
  human: number;
  claude: number;
  lastUsed: string | null;
}

/** The usage report behind `clearance usage` and the Usage/Dormant panes. */
export interface UsageReport {
  window: { days: number; from: string; to: string };
  installed: number;
  tools: ToolUsage[];
  dormant: { package: string; attr: string; bins: string[]; lastUsed: string | null }[];
  installCandidates: { package: string; uses: number; lastUsed: string | null }[];
  /** Packages with no binaries (fonts, libraries, services): never called dormant. */
  withoutBinaries: string[];
}

/** What changed in the package set between two snapshots (post-rebuild review). */
export interface PackageDiff {
  added: string[];
  removed: string[];
  updated: { name: string; from: string; to: string }[];
}

/** A problem met while reading user data: counted and reported, never thrown. */
export interface Problem {
  source: string;
  message: string;
}

/** Result wrapper for readers of user data (STYLE.md: `{value, problems}`). */
export interface WithProblems<T> {
  value: T;
  problems: Problem[];
}
