// The one seam between the dashboard and the rest of clearance. Components and the store only
// ever see this interface; src/dashboard-backend.ts wires it to the real services and tests use
// components/fake-backend.ts. Types only: no I/O lives here.
import type { FileChangePlan, PackageDiff, Suggestion, UsageReport } from '../src/core/types.js';

/** A progress report while the incremental scan runs (one line in the status bar). */
export interface ScanProgress {
  phase: string;
  done: number;
  total: number | null;
}

/** What a scan found, as the status line shows it. */
export interface ScanResult {
  newCalls: number;
  problems: number;
  /** Calls of headless (-p/SDK) sessions and those refused there unasked: never counted as denials. */
  headlessCalls?: number;
  headlessRefusals?: number;
  /** Every data problem worth a line (malformed settings, unreadable files, junk lines). */
  problemList?: DataProblem[];
}

/** One data problem: where, and what (one line). */
export interface DataProblem {
  source: string;
  message: string;
}

/** A decision the user can take on a proposal from the dashboard. */
export type DashboardDecision = 'approved' | 'rejected' | 'edited';

/** Extra detail recorded with a decision. */
export interface DecisionDetail {
  reason?: string | undefined;
  editedRule?: string | undefined;
}

/** A decision on record that has not reached a settings file yet. */
export interface RememberedDecision {
  state: DashboardDecision;
  reason?: string | undefined;
  editedRule?: string | undefined;
}

/** What an apply wrote. */
export interface ApplyResult {
  applyId: string | null;
  files: number;
  applied: string[];
}

/** What changed since the previous review (post-rebuild mode). */
export interface PostRebuildReport {
  /** null when there is no earlier package snapshot to compare with. */
  packages: PackageDiff | null;
  /** True when the CLAUDE.md tools block no longer matches the package set; null when unknown. */
  docsStale: boolean | null;
  /** Settings rules that name programs no longer installed. */
  orphanRules: string[];
}

/** The services the dashboard store calls. Every method may be slow; none may block the first frame. */
export interface DashboardBackend {
  /** Incremental scan of every source, reporting progress as it goes. */
  scan(onProgress: (progress: ScanProgress) => void): Promise<ScanResult>;
  /** Pending proposals (already redacted). */
  loadSuggestions(): Promise<Suggestion[]>;
  /** Approved/edited decisions on these proposals taken earlier and not applied (a crash or a quit loses nothing). */
  pendingDecisions(ids: string[]): Promise<Record<string, RememberedDecision>>;
  /** Persist one decision at once, so a crash loses nothing. */
  decide(suggestion: Suggestion, state: DashboardDecision, detail?: DecisionDetail): Promise<void>;
  /** Take back the decisions on these proposals (recorded as undone). */
  undoDecision(suggestions: Suggestion[]): Promise<void>;
  /** The exact per-file change applying these proposals would make. */
  planApply(suggestions: Suggestion[]): Promise<FileChangePlan[]>;
  /** Write the planned change. */
  apply(suggestions: Suggestion[], plans: FileChangePlan[]): Promise<ApplyResult>;
  /** The usage report over the last `days` days. */
  usage(days: number): Promise<UsageReport | null>;
  /** Package set, docs and rule drift since the previous review; records the new snapshot. */
  postRebuild(): Promise<PostRebuildReport>;
}
