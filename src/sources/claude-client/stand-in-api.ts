// A scripted stand-in for the Anthropic Messages API on loopback (reference real-client.md §1), so
// the real Claude Code client can be run offline. Stateless: the next turn is picked from the number
// of assistant messages already in the request, and every tool_result the client sends back is kept
// so a run can tell what happened to each call. It also takes OTLP/HTTP JSON logs (`/v1/logs`) so a
// run can record the client's OpenTelemetry events, and answers any other path with a harmless 200.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted tool call. `id` becomes the tool_use id the client reports back. */
export interface ScriptedCall {
  id: string;
  tool: string;
  input: Record<string, unknown>;
}

/** A script: one list of calls per assistant turn (several calls in one turn = a parallel batch). */
export type Script = ScriptedCall[][];

/** A tool_result block as the client sent it back. */
export interface ReturnedResult {
  toolUseId: string;
  isError: boolean;
  text: string;
}

/** A running stand-in. */
export interface StandInApi {
  url: string;
  port: number;
  /** tool_result blocks seen so far, by tool_use id (the latest wins). */
  results: Map<string, ReturnedResult>;
  /** OTLP log records received (`/v1/logs`), each flattened to its attributes. */
  otelEvents: Record<string, unknown>[];
  /** Tool names the client offered in its requests (what the session could call). */
  toolNames: Set<string>;
  /** Number of Messages API requests answered. */
  requests(): number;
  close(): Promise<void>;
}

interface MessageBody {
  model?: string;
  messages?: { role: string; content: unknown }[];
  tools?: unknown[];
}

function sse(res: http.ServerResponse, events: [string, Record<string, unknown>][]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [type, data] of events)
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  res.end();
}

function textTurn(model: string, turn: number, text: string): [string, Record<string, unknown>][] {
  return [
    ['message_start', { message: messageShell(model, turn) }],
    ['content_block_start', { index: 0, content_block: { type: 'text', text: '' } }],
    ['content_block_delta', { index: 0, delta: { type: 'text_delta', text } }],
    ['content_block_stop', { index: 0 }],
    [
      'message_delta',
      { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } },
    ],
    ['message_stop', {}],
  ];
}

function messageShell(model: string, turn: number): Record<string, unknown> {
  return {
    id: `msg_standin_${turn}`,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1 },
  };
}

function toolTurn(model: string, turn: number, calls: ScriptedCall[]): [string, Record<string, unknown>][] {
  const events: [string, Record<string, unknown>][] = [
    ['message_start', { message: messageShell(model, turn) }],
  ];
  calls.forEach((call, index) => {
    events.push([
      'content_block_start',
      { index, content_block: { type: 'tool_use', id: call.id, name: call.tool, input: {} } },
    ]);
    events.push([
      'content_block_delta',
      { index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(call.input) } },
    ]);
    events.push(['content_block_stop', { index }]);
  });
  events.push([
    'message_delta',
    { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 1 } },
  ]);
  events.push(['message_stop', {}]);
  return events;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((c: unknown) =>
        c && typeof c === 'object' && 'text' in c && typeof c.text === 'string' ? c.text : '',
      )
      .join('\n');
  }
  return '';
}

function collectResults(body: MessageBody, into: Map<string, ReturnedResult>): void {
  for (const message of body.messages ?? []) {
    if (message.role !== 'user' || !Array.isArray(message.content)) continue;
    for (const block of message.content as Record<string, unknown>[]) {
      if (block.type !== 'tool_result' || typeof block.tool_use_id !== 'string') continue;
      into.set(block.tool_use_id, {
        toolUseId: block.tool_use_id,
        isError: block.is_error === true,
        text: textOf(block.content),
      });
    }
  }
}

// OTLP/HTTP JSON: resourceLogs[].scopeLogs[].logRecords[].attributes[{key, value:{stringValue|intValue…}}].
function flattenOtlp(payload: unknown, into: Record<string, unknown>[]): void {
  const resourceLogs = (payload as { resourceLogs?: unknown[] }).resourceLogs ?? [];
  for (const rl of resourceLogs as { scopeLogs?: { logRecords?: Record<string, unknown>[] }[] }[]) {
    for (const sl of rl.scopeLogs ?? []) {
      for (const record of sl.logRecords ?? []) {
        const flat: Record<string, unknown> = {};
        for (const attr of (record.attributes ?? []) as { key: string; value: Record<string, unknown> }[]) {
          const v = attr.value;
          flat[attr.key] = v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue ?? null;
        }
        const body = record.body as { stringValue?: string } | undefined;
        if (body?.stringValue) flat['body'] = body.stringValue;
        into.push(flat);
      }
    }
  }
}

/** Start the stand-in on 127.0.0.1 (a free port). The script is played in turn order; then "done". */
export async function startStandInApi(
  script: Script,
  options: {
    firstTurnDelayMs?: number;
    /**
     * Subagents (the Agent tool) start their own conversation with the same API: a request whose
     * first user message contains `marker` (put it in the Agent call's prompt) plays this script.
     */
    subagent?: { marker: string; script: Script };
  } = {},
): Promise<StandInApi> {
  const results = new Map<string, ReturnedResult>();
  const otelEvents: Record<string, unknown>[] = [];
  let requests = 0;
  const toolNames = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '';
      if (req.method === 'POST' && url.startsWith('/v1/logs')) {
        try {
          flattenOtlp(JSON.parse(raw), otelEvents);
        } catch {
          // a protobuf or broken export: nothing to record
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      if (req.method !== 'POST' || !url.startsWith('/v1/messages') || url.includes('count_tokens')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ input_tokens: 1 }));
        return;
      }
      let body: MessageBody;
      try {
        body = JSON.parse(raw) as MessageBody;
      } catch {
        res.writeHead(400).end();
        return;
      }
      requests += 1;
      collectResults(body, results);
      for (const tool of body.tools ?? []) {
        const name = (tool as { name?: unknown }).name;
        if (typeof name === 'string') toolNames.add(name);
      }
      const model = body.model ?? 'claude-stand-in';
      const turn = (body.messages ?? []).filter((m) => m.role === 'assistant').length;
      const sub = options.subagent;
      const firstUser = body.messages?.find((m) => m.role === 'user');
      const played = sub && firstUser && textOf(firstUser.content).includes(sub.marker) ? sub.script : script;
      // Side queries (titles, summaries) carry no tools: answer them with plain text.
      const calls = Array.isArray(body.tools) && body.tools.length > 0 ? played[turn] : undefined;
      const answer = (): void =>
        sse(res, calls && calls.length > 0 ? toolTurn(model, turn, calls) : textTurn(model, turn, 'done'));
      if (turn === 0 && options.firstTurnDelayMs) setTimeout(answer, options.firstTurnDelayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    results,
    otelEvents,
    toolNames,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback HTTP(S) proxy that refuses everything: the client's web tools never leave the machine. */
export async function startBlackHoleProxy(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(403).end('blocked by the clearance harness'));
  server.on('connect', (_req, socket) => {
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
