// The conformance matrix (conformance/matrix.json): (settings, permission mode, tool call) cases, and
// recordings of what a real client decided for each. Recording runs one client session per group
// (one call a turn), a few groups at a time.
import { readFileSync } from 'node:fs';
import type { ClientOutcome, HomeSettings } from './run-client.js';
import { runClient } from './run-client.js';

/** One case: a tool call; `{P}` / `{H}` stand for the throwaway project (the cwd) and home. */
export interface MatrixCase {
  id: string;
  tool: string;
  input: Record<string, unknown>;
}

/** Cases sharing settings and a mode: one client session. */
export interface MatrixGroup {
  id: string;
  category: string;
  mode: string;
  settings: HomeSettings;
  cases: MatrixCase[];
  files?: Record<string, string>;
  mcp?: boolean;
  note?: string;
}

/** The whole matrix. */
export interface Matrix {
  description: string;
  groups: MatrixGroup[];
}

/** What the client decided for one case. */
export interface RecordedCase {
  outcome: ClientOutcome;
  /** `permissionDecision` as the transcript had it (null when absent). */
  permissionDecision: Record<string, unknown> | null;
  toolDenialKind: string | null;
  /** The tool_result text, paths put back as `{P}` / `{H}`, first 200 characters. */
  text: string;
}

/** A recording of one client version over the matrix. */
export interface Recording {
  client: string;
  version: string;
  cases: Record<string, RecordedCase>;
}

/** Read and check the matrix file (throws on a malformed one: it is the project's own data). */
export function loadMatrix(file: string): Matrix {
  const matrix = JSON.parse(readFileSync(file, 'utf8')) as Matrix;
  const ids = new Set<string>();
  for (const group of matrix.groups) {
    for (const c of group.cases) {
      if (ids.has(c.id)) throw new Error(`conformance matrix: duplicate case id ${c.id}`);
      ids.add(c.id);
    }
  }
  return matrix;
}

/** Every case with its group, in file order. */
export function matrixCases(matrix: Matrix): { group: MatrixGroup; case: MatrixCase }[] {
  return matrix.groups.flatMap((group) => group.cases.map((c) => ({ group, case: c })));
}

function unplace(text: string, project: string, home: string, dir: string): string {
  return text.replaceAll(project, '{P}').replaceAll(home, '{H}').replaceAll(dir, '{D}');
}

/** Options of a recording run. */
export interface RecordOptions {
  binary: string;
  /** Groups to run at once (each is one client process). */
  concurrency?: number;
  /** Only these groups (ids). */
  groups?: readonly string[];
  onGroup?: (group: MatrixGroup, done: number, total: number) => void;
}

/** Run the real client over the matrix and record its decision for every case. */
export async function recordMatrix(matrix: Matrix, options: RecordOptions): Promise<Recording> {
  const groups = matrix.groups.filter((g) => !options.groups || options.groups.includes(g.id));
  const cases: Record<string, RecordedCase> = {};
  let version = 'unknown';
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const group = groups[next];
      next += 1;
      if (!group) return;
      const run = await runClient({
        binary: options.binary,
        script: group.cases.map((c) => [
          { id: `toolu_${c.id.replace(/[^A-Za-z0-9_]/g, '_')}`, tool: c.tool, input: c.input },
        ]),
        settings: group.settings,
        mode: group.mode,
        ...(group.files ? { files: group.files } : {}),
        ...(group.mcp ? { mcp: true } : {}),
        timeoutMs: 60_000 + group.cases.length * 2_000,
      });
      if (run.version !== 'unknown') version = run.version;
      group.cases.forEach((c, i) => {
        const r = run.calls[i];
        if (!r) return;
        cases[c.id] = {
          outcome: r.outcome,
          permissionDecision: r.permissionDecision,
          toolDenialKind: r.toolDenialKind,
          text: unplace(r.text, run.project, run.home, run.dir).slice(0, 200),
        };
      });
      done += 1;
      options.onGroup?.(group, done, groups.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return { client: '@anthropic-ai/claude-code', version, cases };
}

/** Cases whose outcome differs between two recordings (or is missing from one). */
export function diffRecordings(
  before: Recording,
  after: Recording,
): { id: string; before: ClientOutcome | null; after: ClientOutcome | null }[] {
  const ids = new Set([...Object.keys(before.cases), ...Object.keys(after.cases)]);
  const out: { id: string; before: ClientOutcome | null; after: ClientOutcome | null }[] = [];
  for (const id of ids) {
    const b = before.cases[id]?.outcome ?? null;
    const a = after.cases[id]?.outcome ?? null;
    if (a !== b) out.push({ id, before: b, after: a });
  }
  return out;
}
