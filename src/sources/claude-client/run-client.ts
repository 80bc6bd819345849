// Run the real Claude Code client offline and inertly, and read back what it decided for each call
// (reference real-client.md §1-§2). The client talks to a scripted stand-in API on loopback, lives in
// a throwaway home, and every Bash command it decides to run goes to CLAUDE_CODE_SHELL_PREFIX: a
// script that only logs its argument, so nothing of the probed command runs. Where bubblewrap exists
// the client also runs with a read-only root and only the throwaway directory writable; its web
// tools go to a loopback proxy that refuses everything.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Script, ScriptedCall } from './stand-in-api.js';
import { startBlackHoleProxy, startStandInApi } from './stand-in-api.js';

/** Settings files of a throwaway home, as JSON values (undefined = no file). */
export interface HomeSettings {
  user?: unknown;
  project?: unknown;
  local?: unknown;
}

/** What the real client did with one call. */
export type ClientOutcome = 'runs' | 'prompts' | 'refused' | 'invalid';

/** The client's own record of one call. */
export interface ClientCallResult {
  id: string;
  tool: string;
  input: Record<string, unknown>;
  outcome: ClientOutcome;
  /** The transcript's `permissionDecision` object, when there was one. */
  permissionDecision: Record<string, unknown> | null;
  toolDenialKind: string | null;
  /** The tool_result text (first 400 characters). */
  text: string;
}

/** Everything one run of the client wrote. */
export interface ClientRun {
  version: string;
  calls: ClientCallResult[];
  /** Raw transcript lines of the main session (the throwaway paths left as they were). */
  transcript: string[];
  transcriptPath: string | null;
  /** One JSON object a hook event, when hooks were requested. */
  hookEvents: Record<string, unknown>[];
  /** OpenTelemetry log records, when OTel was requested. */
  otelEvents: Record<string, unknown>[];
  /** Tool names the client offered the model. */
  tools: string[];
  /** What reached the shell prefix (the wrapped command lines the client tried to run). */
  executed: string[];
  /** The throwaway directory (removed unless `keep`). */
  dir: string;
  project: string;
  home: string;
  stderr: string;
}

/** Options of one run. */
export interface RunOptions {
  /** The client binary (the native `claude`). */
  binary: string;
  /** One list of calls a turn; a turn of several calls is a parallel batch. */
  script: Script;
  settings?: HomeSettings;
  /** `default`, `acceptEdits`, `plan`, `bypassPermissions`, `dontAsk`. */
  mode?: string;
  /** Record hook stdin for these events (PreToolUse, PermissionRequest, PostToolUse, …). */
  hooks?: string[];
  /** Export OTel logs to the stand-in. */
  otel?: boolean;
  /** Files to create in the project before the run (path relative to the project → content). */
  files?: Record<string, string>;
  /** Use bubblewrap when it is installed (default true). */
  sandbox?: boolean;
  keep?: boolean;
  timeoutMs?: number;
  /** Extra environment for the client. */
  env?: Record<string, string>;
  /** Configure the probe MCP server (`mcp__probe__read_thing`, `…write_thing`, `…drop_thing`). */
  mcp?: boolean;
  /** Start the client in this directory of the project (relative; default the project itself). */
  subdir?: string;
}

/** Replace `{P}` (the throwaway project) and `{H}` (its home) in every string of a value. */
export function placePaths<T>(value: T, project: string, home: string): T {
  if (typeof value === 'string') return value.replaceAll('{P}', project).replaceAll('{H}', home) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => placePaths(v, project, home)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, placePaths(v, project, home)])) as T;
  }
  return value;
}

const API_KEY = 'sk-ant-clearance-harness-0000000000000000';

let bwrapUsable: boolean | undefined;

/** True when bubblewrap can run here (installed and allowed to create namespaces). */
export function bubblewrapWorks(): boolean {
  if (bwrapUsable === undefined) {
    const r = spawnSync('bwrap', ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', 'true'], {
      stdio: 'ignore',
      timeout: 10_000,
    });
    bwrapUsable = r.status === 0;
  }
  return bwrapUsable;
}

/** `claude --version` → "2.1.328", or null when the binary cannot start. */
export function clientVersion(binary: string): string | null {
  try {
    const out = execFileSync(binary, ['--version'], {
      encoding: 'utf8',
      timeout: 20_000,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), DISABLE_AUTOUPDATER: '1' },
    });
    return /(\d+\.\d+\.\d+)/.exec(out)?.[1] ?? null;
  } catch {
    return null;
  }
}

// The shell prefix: log the wrapped command line, run nothing, succeed. The client also starts
// stdio MCP servers through the prefix: the harness's own probe server (and only it) is started.
// Hook commands go through the prefix too: the harness's own hook recorder (and only it) runs.
function writePrefix(dir: string, log: string, hookLog?: string): string {
  const file = path.join(dir, 'shell-prefix.sh');
  const probe = path.join(dir, 'mcp-probe.cjs');
  writeFileSync(
    file,
    `#!/bin/sh\n${hookLog ? `if [ "$*" = ${shQuote(hookCommand(hookLog))} ]; then exec /bin/sh -c "$*"; fi\n` : ''}if [ "$*" = "${process.execPath} ${probe}" ] || [ "$*" = "'${process.execPath}' '${probe}'" ]; then exec '${process.execPath}' '${probe}'; fi\nprintf '%s\\n' "$*" >> '${log}'\nexit 0\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

function shQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

function hookCommand(log: string): string {
  return `cat >> '${log}'; printf '\\n' >> '${log}'`;
}

function hookSettings(events: readonly string[], log: string): Record<string, unknown> {
  const command = hookCommand(log);
  return Object.fromEntries(
    events.map((event) => [event, [{ matcher: '*', hooks: [{ type: 'command', command }] }]]),
  );
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Build the throwaway home: onboarding done, the project trusted, the settings under test. */
export function makeThrowawayHome(
  options: Pick<RunOptions, 'settings' | 'hooks' | 'files' | 'mcp'>,
  hookLog: string,
): {
  dir: string;
  home: string;
  project: string;
} {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'clearance-client-')));
  const home = path.join(dir, 'home');
  const project = path.join(home, 'proj');
  mkdirSync(path.join(project, 'src'), { recursive: true });
  mkdirSync(path.join(home, '.claude'), { recursive: true });
  writeFileSync(path.join(project, 'README.md'), '# throwaway project\n');
  writeFileSync(path.join(project, 'src', 'main.ts'), 'export const x = 1;\n');
  writeFileSync(path.join(project, 'data.json'), '{"a": 1}\n');
  for (const [rel, content] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
    writeFileSync(path.join(project, rel), content);
  }
  spawnSync('git', ['init', '-q', project], { stdio: 'ignore' });
  // The probe MCP server is passed with --mcp-config: servers from files the client reads need an
  // approval that -p cannot give.
  let mcpServers: Record<string, unknown> | undefined;
  if (options.mcp) {
    const server = path.join(dir, 'mcp-probe.cjs');
    writeFileSync(server, MCP_PROBE_SOURCE);
    mcpServers = { probe: { type: 'stdio', command: process.execPath, args: [server] } };
    writeJson(path.join(dir, 'mcp.json'), { mcpServers });
  }
  writeJson(path.join(home, '.claude.json'), {
    hasCompletedOnboarding: true,
    projects: { [project]: { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true } },
    customApiKeyResponses: { approved: [API_KEY.slice(-20)], rejected: [] },
  });
  const s = placePaths(options.settings ?? {}, project, home);
  const user = { ...((s.user as Record<string, unknown> | undefined) ?? {}) };
  if (options.hooks && options.hooks.length > 0) user.hooks = hookSettings(options.hooks, hookLog);
  if (s.user !== undefined || options.hooks) writeJson(path.join(home, '.claude', 'settings.json'), user);
  if (s.project !== undefined) writeJson(path.join(project, '.claude', 'settings.json'), s.project);
  if (s.local !== undefined) writeJson(path.join(project, '.claude', 'settings.local.json'), s.local);
  return { dir, home, project };
}

function projectSlug(project: string): string {
  return project.replace(/[^A-Za-z0-9]/g, '-');
}

function newestTranscript(home: string, project: string): string | null {
  const dir = path.join(home, '.claude', 'projects', projectSlug(project));
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0] ?? null;
}

/** Map one tool_result line to an outcome (reference real-client.md §2). */
export function outcomeOf(
  decision: Record<string, unknown> | null,
  denialKind: string | null,
  isError: boolean,
): ClientOutcome {
  if (decision) {
    if (decision.decision === 'accept') return 'runs';
    // A deny rule refuses without asking (`rule:<source>`, Bash adds `toolDenialKind:
    // "permission-rule"`); an ask rule has the same code but is reported as a refused prompt
    // (`user-rejected`), like every other call the client would have asked about in -p.
    const code = typeof decision.reasonCode === 'string' ? decision.reasonCode : '';
    if (denialKind === 'permission-rule') return 'refused';
    return code.startsWith('rule:') && denialKind !== 'user-rejected' ? 'refused' : 'prompts';
  }
  if (denialKind === 'permission-rule') return 'refused';
  if (denialKind === 'user-rejected') return 'prompts';
  // No decision at all: the call failed validation (unknown tool, bad input) before permissions.
  return isError ? 'invalid' : 'runs';
}

/** As outcomeOf, for a whole result: a tool that a deny rule names is removed from the session. */
export function outcomeOfResult(
  decision: Record<string, unknown> | null,
  denialKind: string | null,
  isError: boolean,
  text: string,
): ClientOutcome {
  const outcome = outcomeOf(decision, denialKind, isError);
  return outcome === 'invalid' && text.includes('No such tool available') ? 'refused' : outcome;
}

interface TranscriptRecord {
  type?: string;
  permissionDecision?: Record<string, unknown>;
  toolDenialKind?: string;
  message?: { content?: unknown };
}

function readTranscript(file: string | null): {
  lines: string[];
  byId: Map<
    string,
    { decision: Record<string, unknown> | null; denial: string | null; isError: boolean; text: string }
  >;
} {
  const byId = new Map<
    string,
    { decision: Record<string, unknown> | null; denial: string | null; isError: boolean; text: string }
  >();
  if (!file) return { lines: [], byId };
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  for (const line of lines) {
    let record: TranscriptRecord;
    try {
      record = JSON.parse(line) as TranscriptRecord;
    } catch {
      continue;
    }
    if (record.type !== 'user' || !Array.isArray(record.message?.content)) continue;
    for (const block of record.message.content as Record<string, unknown>[]) {
      if (block.type !== 'tool_result' || typeof block.tool_use_id !== 'string') continue;
      const content = block.content;
      const text = typeof content === 'string' ? content : JSON.stringify(content ?? '');
      byId.set(block.tool_use_id, {
        decision: record.permissionDecision ?? null,
        denial: record.toolDenialKind ?? null,
        isError: block.is_error === true,
        text: text.slice(0, 400),
      });
    }
  }
  return { lines, byId };
}

function readJsonLines(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) return [];
  const out: Record<string, unknown>[] = [];
  // Hook stdin is one JSON document per event, possibly pretty-printed: split on top-level objects.
  const text = readFileSync(file, 'utf8');
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') {
      if (depth === 0) start = i;
      depth += 1;
    } else if (ch === '}') {
      depth -= 1;
      if (depth === 0 && start >= 0) {
        try {
          out.push(JSON.parse(text.slice(start, i + 1)) as Record<string, unknown>);
        } catch {
          // a torn write: skip it
        }
        start = -1;
      }
    }
  }
  return out;
}

function sandboxArgs(dir: string, binary: string): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp'];
  // The binary may itself live under /tmp (a test install): keep it visible.
  const realBinary = realpathSync(binary);
  if (realBinary.startsWith('/tmp/'))
    args.push('--ro-bind', path.dirname(realBinary), path.dirname(realBinary));
  args.push('--bind', dir, dir, '--die-with-parent', '--unshare-pid', '--unshare-ipc', '--unshare-uts');
  return args;
}

/** A run made ready but not started: the throwaway home, the stand-in API and the command line. */
export interface PreparedClientRun {
  /** The program and its arguments (bubblewrap around the client when it is usable). */
  command: [string, string[]];
  env: Record<string, string>;
  dir: string;
  project: string;
  /** Where the client starts: the project, or the `subdir` of it asked for. */
  start: string;
  home: string;
  /** The script with `{P}`/`{H}` placed. */
  script: Script;
  /** Read back everything the client wrote (call after it exited). */
  collect(stderr: string): Promise<ClientRun>;
  /** Stop the stand-in and remove the throwaway directory (unless `keep`). */
  close(): Promise<void>;
}

/**
 * Prepare one run without starting the client: for a driver of its own (an interactive session
 * under tmux answers real prompts). `interactive` leaves out `-p` and passes `prompt` as the first
 * message of an interactive session.
 */
export async function prepareClientRun(
  options: RunOptions & {
    interactive?: boolean;
    prompt?: string;
    /** The Agent tool's subagents play this script (their prompt must contain the marker). */
    subagent?: { marker: string; script: Script };
  },
): Promise<PreparedClientRun> {
  const scratch = makeThrowawayHome(options, '/dev/null');
  const script = placePaths(options.script, scratch.project, scratch.home);
  // MCP servers connect in the background in -p: a first harmless turn (a Read), answered late,
  // lets them connect before the calls under test are made.
  // MCP tools are deferred: a ToolSearch turn loads them, as the model would.
  const played = options.mcp
    ? [
        [{ id: 'toolu_warmup', tool: 'Read', input: { file_path: path.join(scratch.project, 'README.md') } }],
        [
          {
            id: 'toolu_toolsearch',
            tool: 'ToolSearch',
            input: {
              query: 'select:mcp__probe__read_thing,mcp__probe__write_thing,mcp__probe__drop_thing',
              max_results: 10,
            },
          },
        ],
        ...script,
      ]
    : script;
  const subagent = options.subagent
    ? {
        marker: options.subagent.marker,
        script: placePaths(options.subagent.script, scratch.project, scratch.home),
      }
    : undefined;
  const api = await startStandInApi(played, {
    ...(options.mcp ? { firstTurnDelayMs: 1500 } : {}),
    ...(subagent ? { subagent } : {}),
  });
  const proxy = await startBlackHoleProxy();
  const hookFile = path.join(scratch.dir, 'hooks.log');
  // The hook log must live inside the writable throwaway dir: rewrite the settings to point there.
  if (options.hooks && options.hooks.length > 0) {
    const userFile = path.join(scratch.home, '.claude', 'settings.json');
    const user = JSON.parse(readFileSync(userFile, 'utf8')) as Record<string, unknown>;
    user.hooks = hookSettings(options.hooks, hookFile);
    writeJson(userFile, user);
  }
  const execLog = path.join(scratch.dir, 'executed.log');
  const prefix = writePrefix(scratch.dir, execLog, options.hooks?.length ? hookFile : undefined);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: scratch.home,
    USER: 'clearance',
    TERM: options.interactive ? 'xterm-256color' : 'dumb',
    LANG: 'C.UTF-8',
    SHELL: '/bin/bash',
    TMPDIR: path.join(scratch.dir, 'tmp'),
    ANTHROPIC_BASE_URL: api.url,
    ANTHROPIC_API_KEY: API_KEY,
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_BASH_MAINTAIN_PROJECT_WORKING_DIR: '1',
    CLAUDE_CODE_SHELL_PREFIX: prefix,
    HTTP_PROXY: proxy.url,
    HTTPS_PROXY: proxy.url,
    http_proxy: proxy.url,
    https_proxy: proxy.url,
    NO_PROXY: '127.0.0.1,localhost',
    // The harness runs as whatever user runs the tests (root in CI); the client refuses
    // bypassPermissions as root unless told it is in a sandbox, which it is.
    IS_SANDBOX: '1',
    no_proxy: '127.0.0.1,localhost',
    ...options.env,
  };
  mkdirSync(env.TMPDIR!, { recursive: true });
  if (options.otel) {
    Object.assign(env, {
      CLAUDE_CODE_ENABLE_TELEMETRY: '1',
      OTEL_LOGS_EXPORTER: 'otlp',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: api.url,
      OTEL_LOGS_EXPORT_INTERVAL: '200',
      OTEL_LOG_TOOL_DETAILS: '1',
    });
  } else {
    env.DISABLE_TELEMETRY = '1';
  }
  const clientArgs = [
    ...(process.env.CLEARANCE_HARNESS_DEBUG_FILE
      ? ['--debug-file', process.env.CLEARANCE_HARNESS_DEBUG_FILE]
      : []),
    ...(options.interactive ? [] : ['-p', 'Run the scripted calls.']),
    '--permission-mode',
    options.mode ?? 'default',
  ];
  if (options.mcp) clientArgs.push('--mcp-config', path.join(scratch.dir, 'mcp.json'));
  if (options.interactive) clientArgs.push(options.prompt ?? 'Run the scripted calls.');
  // `check --cwd` in a subdirectory: the client starts there, as it would for the user
  const start = options.subdir ? path.join(scratch.project, options.subdir) : scratch.project;
  if (!start.startsWith(`${scratch.project}/`) && start !== scratch.project)
    throw new Error(`subdir outside the project: ${options.subdir}`);
  mkdirSync(start, { recursive: true });
  const useSandbox = options.sandbox !== false && bubblewrapWorks();
  const command: [string, string[]] = useSandbox
    ? [
        'bwrap',
        [...sandboxArgs(scratch.dir, options.binary), '--chdir', start, options.binary, ...clientArgs],
      ]
    : [options.binary, clientArgs];
  const collect = async (stderr: string): Promise<ClientRun> => {
    if (options.otel) await new Promise((r) => setTimeout(r, 300));
    const transcriptPath =
      newestTranscript(scratch.home, start) ?? newestTranscript(scratch.home, scratch.project);
    const { lines, byId } = readTranscript(transcriptPath);
    const calls = script.flat().map((call: ScriptedCall): ClientCallResult => {
      const seen = byId.get(call.id);
      const returned = api.results.get(call.id);
      const decision = seen?.decision ?? null;
      const denial = seen?.denial ?? null;
      return {
        id: call.id,
        tool: call.tool,
        input: call.input,
        outcome:
          seen || returned
            ? outcomeOfResult(
                decision,
                denial,
                seen?.isError ?? returned?.isError ?? false,
                seen?.text ?? returned?.text ?? '',
              )
            : 'prompts',
        permissionDecision: decision,
        toolDenialKind: denial,
        text:
          seen?.text ?? returned?.text.slice(0, 400) ?? '(no result: the client never answered this call)',
      };
    });
    const executed = existsSync(execLog)
      ? readFileSync(execLog, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
      : [];
    const versionLine = lines.find((l) => l.includes('"version":"'));
    const version = versionLine ? (/"version":"([^"]+)"/.exec(versionLine)?.[1] ?? 'unknown') : 'unknown';
    return {
      version,
      calls,
      transcript: lines,
      transcriptPath,
      hookEvents: readJsonLines(hookFile),
      otelEvents: [...api.otelEvents],
      tools: [...api.toolNames].sort(),
      executed,
      dir: scratch.dir,
      project: scratch.project,
      home: scratch.home,
      stderr,
    };
  };
  const close = async (): Promise<void> => {
    await api.close();
    await proxy.close();
    if (!options.keep) rmSync(scratch.dir, { recursive: true, force: true });
  };
  return {
    command,
    env,
    dir: scratch.dir,
    project: scratch.project,
    start,
    home: scratch.home,
    script,
    collect,
    close,
  };
}

/** Run the client once over a script; resolves when it exits (or is killed at the timeout). */
export async function runClient(
  options: RunOptions & { subagent?: { marker: string; script: Script } },
): Promise<ClientRun> {
  const run = await prepareClientRun(options);
  try {
    const [cmd, args] = run.command;
    const stderr = await new Promise<string>((resolve) => {
      const child = spawn(cmd, args, { cwd: run.start, env: run.env, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c: Buffer) => {
        if (err.length < 20_000) err += c.toString('utf8');
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
      child.on('close', () => {
        clearTimeout(timer);
        resolve(err);
      });
      child.on('error', (e) => {
        clearTimeout(timer);
        resolve(`${err}${e.message}`);
      });
    });
    return await run.collect(stderr);
  } finally {
    await run.close();
  }
}

// A minimal MCP server on stdio (newline-delimited JSON-RPC) with three harmless tools, so the
// client has real MCP tools to decide about.
const MCP_PROBE_SOURCE = `'use strict';
const tools = ['read_thing', 'write_thing', 'drop_thing'].map((name) => ({
  name, description: 'clearance probe tool ' + name,
  inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
}));
let buf = '';
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let nl;
  while ((nl = buf.indexOf('\\n')) >= 0) {
    const line = buf.slice(0, nl); buf = buf.slice(nl + 1);
    if (!line.trim()) continue;
    let msg; try { msg = JSON.parse(line); } catch { continue; }
    if (!msg || typeof msg.method !== 'string' || msg.id === undefined || msg.id === null) continue;
    let result;
    if (msg.method === 'initialize') result = { protocolVersion: (msg.params && msg.params.protocolVersion) || '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'probe', version: '1.0.0' } };
    else if (msg.method === 'tools/list') result = { tools };
    else if (msg.method === 'tools/call') result = { content: [{ type: 'text', text: 'probe ok' }] };
    else if (msg.method === 'ping' || msg.method.endsWith('/list')) result = msg.method === 'ping' ? {} : { [msg.method.split('/')[0]]: [] };
    const reply = result ? { jsonrpc: '2.0', id: msg.id, result } : { jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'no such method' } };
    process.stdout.write(JSON.stringify(reply) + '\\n');
  }
});
`;
