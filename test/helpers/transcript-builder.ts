// Hand-written Claude Code homes for end-to-end tests: git projects under <home>/work and session
// transcripts under <home>/.claude/projects, in the line shapes of reference/claude-code.md §2.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const REJECT =
  "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.";

/** How the user answered one call's prompt. */
export type Answer = 'approve' | 'deny';

/** One call to write. */
export interface CallSpec {
  tool?: string;
  /** Bash command (shorthand for input {command}). */
  command?: string;
  input?: Record<string, unknown>;
  answer?: Answer;
}

let counter = 0;
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** Builds a home directory with projects and transcripts. */
export class HomeBuilder {
  constructor(readonly home: string) {}

  /** Create `<home>/work/<name>` as a git repository and return its path. */
  project(name: string): string {
    const dir = path.join(this.home, 'work', name);
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    return dir;
  }

  /** Write a settings file (JSON) under the home or a project. */
  settings(file: string, permissions: Record<string, unknown>): void {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ permissions }, null, 2)}\n`);
  }

  /** Write one session transcript with the given calls, one turn per call, starting at `start`. */
  session(
    project: string,
    start: Date,
    calls: CallSpec[],
    opts: { version?: string; mode?: string } = {},
  ): string {
    counter += 1;
    const sessionId = `${hex(counter, 8)}-0000-4000-8000-${hex(counter, 12)}`;
    const version = opts.version ?? '2.1.38';
    const mode = opts.mode ?? 'default';
    let t = start.getTime();
    let parent: string | null = null;
    const lines: string[] = [];
    const envelope = (): Record<string, unknown> => {
      counter += 1;
      const uuid = `${hex(counter, 8)}-1111-4111-8111-${hex(counter, 12)}`;
      const e = {
        parentUuid: parent,
        isSidechain: false,
        userType: 'external',
        cwd: project,
        sessionId,
        version,
        gitBranch: 'main',
        uuid,
      };
      parent = uuid;
      return e;
    };
    const stamp = (): string => {
      t += 2000;
      return new Date(t).toISOString();
    };
    for (const call of calls) {
      lines.push(
        JSON.stringify({
          ...envelope(),
          type: 'user',
          message: { role: 'user', content: 'next step please' },
          timestamp: stamp(),
          permissionMode: mode,
        }),
      );
      counter += 1;
      const id = `toolu_${hex(counter, 24)}`;
      const tool = call.tool ?? 'Bash';
      const input = call.input ?? { command: call.command ?? 'true' };
      lines.push(
        JSON.stringify({
          ...envelope(),
          type: 'assistant',
          message: {
            model: 'claude-opus-4-6',
            id: `msg_${counter}`,
            type: 'message',
            role: 'assistant',
            content: [{ type: 'tool_use', id, name: tool, input }],
          },
          requestId: `req_${counter}`,
          timestamp: stamp(),
        }),
      );
      const denied = call.answer === 'deny';
      lines.push(
        JSON.stringify({
          ...envelope(),
          type: 'user',
          message: {
            role: 'user',
            content: [
              { tool_use_id: id, type: 'tool_result', content: denied ? REJECT : 'ok', is_error: denied },
            ],
          },
          timestamp: stamp(),
          toolUseResult: denied
            ? 'User rejected tool use'
            : { stdout: 'ok', stderr: '', interrupted: false, isImage: false },
        }),
      );
    }
    const dir = path.join(this.home, '.claude', 'projects', project.replace(/[^A-Za-z0-9]/g, '-'));
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${sessionId}.jsonl`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }
}
