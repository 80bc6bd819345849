// Builders for hand-made transcript lines and temp homes (shapes from reference/claude-code.md §2.3).
import Database from 'better-sqlite3';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScanSummary } from '../../src/sources/scan.js';
import { runCli } from '../helpers/run-cli.js';

export const SESSION = '11111111-2222-3333-4444-555555555555';

/** A temp home with a git project at <home>/work/app and its transcript dir. */
export function makeHome(): { home: string; project: string; dir: string; file: string } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'clearance-ingest-'));
  const project = path.join(home, 'work', 'app');
  mkdirSync(path.join(project, '.git'), { recursive: true });
  mkdirSync(path.join(project, 'src'), { recursive: true });
  const dir = path.join(home, '.claude', 'projects', '-work-app');
  mkdirSync(dir, { recursive: true });
  return { home, project, dir, file: path.join(dir, `${SESSION}.jsonl`) };
}

interface Envelope {
  cwd?: string;
  session?: string;
  ts?: string;
  version?: string;
  sidechain?: boolean;
  agentId?: string;
  /** The assistant response id (`message.id`): calls sharing it form one parallel batch. */
  message?: string;
}

function envelope({ message: _message, ...e }: Envelope): Record<string, unknown> {
  return {
    parentUuid: null,
    isSidechain: e.sidechain ?? false,
    userType: 'external',
    cwd: e.cwd ?? '/tmp',
    sessionId: e.session ?? SESSION,
    version: e.version ?? '2.1.38',
    gitBranch: 'main',
    ...(e.agentId ? { agentId: e.agentId } : {}),
    uuid: 'u',
    timestamp: e.ts ?? '2026-02-10T21:12:00.000Z',
  };
}

/** A user prompt line carrying the permission mode. */
export function prompt(mode: string, e: Envelope = {}): string {
  return JSON.stringify({
    ...envelope(e),
    type: 'user',
    message: { role: 'user', content: 'do it' },
    permissionMode: mode,
  });
}

/** An assistant line with one tool_use block. */
export function toolUse(id: string, name: string, input: Record<string, unknown>, e: Envelope = {}): string {
  return JSON.stringify({
    ...envelope(e),
    type: 'assistant',
    message: {
      id: e.message ?? `msg_${id}`,
      type: 'message',
      role: 'assistant',
      content: [{ type: 'tool_use', id, name, input }],
    },
    requestId: 'req_1',
  });
}

/** A user line with one tool_result block. */
export function toolResult(
  id: string,
  content: string,
  opts: { isError?: boolean; toolUseResult?: unknown; denialKind?: string } & Envelope = {},
): string {
  return JSON.stringify({
    ...envelope(opts),
    type: 'user',
    message: {
      role: 'user',
      content: [
        {
          tool_use_id: id,
          type: 'tool_result',
          content,
          ...(opts.isError === undefined ? {} : { is_error: opts.isError }),
        },
      ],
    },
    ...(opts.toolUseResult === undefined ? {} : { toolUseResult: opts.toolUseResult }),
    ...(opts.denialKind ? { toolDenialKind: opts.denialKind } : {}),
  });
}

/** Write lines (each followed by a newline). */
export function writeLines(file: string, lines: string[]): void {
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
}

/** Append lines. */
export function appendLines(file: string, lines: string[]): void {
  appendFileSync(file, lines.map((l) => `${l}\n`).join(''));
}

/** The parsed `scan --json` output. */
export type ScanJson = ScanSummary;

/** Run `clearance scan --json --home <home>` in-process. */
export async function scan(home: string): Promise<ScanJson> {
  const result = await runCli(['scan', '--json', '--home', home, '--now', '2026-03-01T00:00:00Z']);
  return JSON.parse(result.stdout) as ScanJson;
}

/** Query the store of a home. */
export function query<T>(home: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(home, '.local', 'state', 'clearance', 'clearance.db'), {
    readonly: true,
  });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Every text cell of every table, for secret greps. */
export function dumpStore(home: string): string {
  const tables = query<{ name: string }>(home, "SELECT name FROM sqlite_master WHERE type = 'table'");
  return tables.map((t) => JSON.stringify(query(home, `SELECT * FROM "${t.name}"`))).join('\n');
}
