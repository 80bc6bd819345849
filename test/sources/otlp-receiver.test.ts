import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { openDb, type Db } from '../../src/store/db.js';
import { startOtlpReceiver, type OtlpReceiver } from '../../src/sources/otlp-receiver.js';
import { runCli } from '../helpers/run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'clearance-otlp-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// ---- a tiny protobuf encoder for ExportLogsServiceRequest -----------------------------------

const utf8 = new TextEncoder();
function varint(value: bigint | number): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v ? byte | 0x80 : byte);
  } while (v);
  return out;
}
const tag = (field: number, wire: number) => varint((field << 3) | wire);
const bytesField = (field: number, payload: number[] | Uint8Array) => [
  ...tag(field, 2),
  ...varint(payload.length),
  ...payload,
];
const stringField = (field: number, text: string) => bytesField(field, utf8.encode(text));
const fixed64 = (field: number, value: bigint) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, value, true);
  return [...tag(field, 1), ...new Uint8Array(view.buffer)];
};
type Any = string | number | boolean;
const anyValue = (value: Any) =>
  typeof value === 'string'
    ? stringField(1, value)
    : typeof value === 'boolean'
      ? [...tag(2, 0), value ? 1 : 0]
      : [...tag(3, 0), ...varint(value)];
const keyValue = (field: number, key: string, value: Any) =>
  bytesField(field, [...stringField(1, key), ...bytesField(2, anyValue(value))]);

interface Event {
  name?: string;
  toolUseId?: string;
  decision?: string;
  source?: string;
  command?: string;
  timeNanos?: bigint;
}

function eventAttributes(event: Event): [string, Any][] {
  const attributes: [string, Any][] = [
    ['event.name', event.name ?? 'tool_decision'],
    ['session.id', 'sess-1'],
    ['tool_name', 'Bash'],
  ];
  if (event.toolUseId) attributes.push(['tool_use_id', event.toolUseId]);
  if (event.decision) attributes.push(['decision', event.decision]);
  if (event.source) attributes.push(['source', event.source]);
  if (event.command)
    attributes.push(['tool_parameters', JSON.stringify({ bash_command: 'x', full_command: event.command })]);
  return attributes;
}

function protobufRequest(events: Event[]): Uint8Array {
  const records = events.flatMap((event) =>
    bytesField(2, [
      ...fixed64(1, event.timeNanos ?? 1_760_000_000_000_000_000n),
      ...[...tag(2, 0), 9], // severity_number: a field clearance does not read
      ...bytesField(5, anyValue(`claude_code.${event.name ?? 'tool_decision'}`)),
      ...eventAttributes(event).flatMap(([key, value]) => keyValue(6, key, value)),
      ...[...tag(99, 0), ...varint(12345)], // an unknown field, skipped by wire type
    ]),
  );
  const resource = bytesField(1, keyValue(1, 'service.name', 'claude-code'));
  const scope = bytesField(2, [
    ...bytesField(1, stringField(1, 'com.anthropic.claude_code.events')),
    ...records,
  ]);
  return new Uint8Array(bytesField(1, [...resource, ...scope]));
}

function jsonRequest(events: Event[]): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'claude-code' } }] },
        scopeLogs: [
          {
            scope: { name: 'com.anthropic.claude_code.events' },
            logRecords: events.map((event) => ({
              timeUnixNano: String(event.timeNanos ?? 1_760_000_000_000_000_000n),
              body: { stringValue: `claude_code.${event.name ?? 'tool_decision'}` },
              attributes: eventAttributes(event).map(([key, value]) => ({
                key,
                value: typeof value === 'string' ? { stringValue: value } : { intValue: String(value) },
              })),
            })),
          },
        ],
      },
    ],
  });
}

// ---- HTTP ------------------------------------------------------------------------------------

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function post(
  port: number,
  body: string | Uint8Array,
  headers: Record<string, string>,
  options: { method?: string; path?: string; host?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: options.host ?? '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/v1/logs',
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const asJson = { 'content-type': 'application/json' };
const asProtobuf = { 'content-type': 'application/x-protobuf' };

let db: Db;
let receiver: OtlpReceiver;
let dbs = 0;
beforeEach(async () => {
  db = openDb(path.join(work, `otel-${++dbs}.db`));
  receiver = await startOtlpReceiver({ db, port: 0, maxBodyBytes: 64 * 1024, now: () => 1_700_000_000_000 });
});
afterEach(async () => {
  await receiver.close();
  db.close();
});

const rows = () =>
  db
    .prepare(
      'SELECT ts, session_id, tool_use_id, tool_name, decision, source, command FROM otel_decisions ORDER BY id',
    )
    .all();

const decisionEvents: Event[] = [
  {
    toolUseId: 'toolu_1',
    decision: 'accept',
    source: 'user_temporary',
    command: 'PGPASSWORD=hunter2 psql -c "select 1"',
  },
  { toolUseId: 'toolu_2', decision: 'reject', source: 'user_reject', command: 'rm -rf build' },
  { name: 'tool_result', toolUseId: 'toolu_1', decision: 'accept', source: 'config' },
];

describe('the OTLP receiver', () => {
  it.each([
    ['JSON', () => post(receiver.port, jsonRequest(decisionEvents), asJson)],
    ['protobuf', () => post(receiver.port, protobufRequest(decisionEvents), asProtobuf)],
    [
      'gzip-compressed protobuf',
      () =>
        post(receiver.port, gzipSync(protobufRequest(decisionEvents)), {
          ...asProtobuf,
          'content-encoding': 'gzip',
        }),
    ],
  ])(
    'stores the tool_decision events of a %s request, commands redacted, other events ignored',
    async (_label, send) => {
      const reply = await send();
      expect(reply.status).toBe(200);
      expect(rows()).toEqual([
        {
          ts: 1_760_000_000_000,
          session_id: 'sess-1',
          tool_use_id: 'toolu_1',
          tool_name: 'Bash',
          decision: 'accept',
          source: 'user_temporary',
          command: 'PGPASSWORD=__REDACTED__ psql -c "select 1"',
        },
        {
          ts: 1_760_000_000_000,
          session_id: 'sess-1',
          tool_use_id: 'toolu_2',
          tool_name: 'Bash',
          decision: 'reject',
          source: 'user_reject',
          command: 'rm -rf build',
        },
      ]);
    },
  );

  it('answers protobuf with protobuf and JSON with JSON', async () => {
    const proto = await post(receiver.port, protobufRequest([]), asProtobuf);
    const json = await post(receiver.port, jsonRequest([]), asJson);
    expect([proto.headers['content-type'], proto.body]).toEqual(['application/x-protobuf', '']);
    expect([json.headers['content-type'], json.body]).toEqual(['application/json', '{}']);
  });

  it('stores a decision once when the exporter retries the same request', async () => {
    await post(receiver.port, jsonRequest(decisionEvents), asJson);
    await post(receiver.port, protobufRequest(decisionEvents), asProtobuf);
    expect(rows()).toHaveLength(2);
  });

  it('skips a decision event without decision or source and counts it', async () => {
    const reply = await post(
      receiver.port,
      jsonRequest([{ toolUseId: 'toolu_9', source: 'config' }]),
      asJson,
    );
    expect(reply.status).toBe(200);
    expect(rows()).toEqual([]);
    expect(receiver.stats.problems).toBe(1);
  });

  it('uses the receive time for an event without a timestamp', async () => {
    await post(
      receiver.port,
      jsonRequest([{ toolUseId: 'toolu_3', decision: 'accept', source: 'config', timeNanos: 0n }]),
      asJson,
    );
    expect(rows()).toEqual([expect.objectContaining({ ts: 1_700_000_000_000 })]);
  });

  it.each([
    ['invalid JSON', '{"resourceLogs": [', asJson],
    ['JSON that is not an object', '[1,2]', asJson],
    ['resourceLogs that is not an array', '{"resourceLogs": {"a": 1}}', asJson],
    [
      'an attribute without a key',
      JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ attributes: [{ value: {} }] }] }] }] }),
      asJson,
    ],
    ['a truncated protobuf message', protobufRequest(decisionEvents).slice(0, 40), asProtobuf],
    ['a length running past the end', new Uint8Array([0x0a, 0xff, 0x01, 0x00]), asProtobuf],
    ['an endless varint', new Uint8Array([0x08, ...new Array<number>(12).fill(0xff)]), asProtobuf],
    ['a group wire type', new Uint8Array([0x0b, 0x0c]), asProtobuf],
    ['binary junk', new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]), asProtobuf],
    ['bad gzip', new Uint8Array([1, 2, 3]), { ...asProtobuf, 'content-encoding': 'gzip' }],
  ])('refuses %s with 400 and stores nothing', async (_label, body, headers) => {
    const reply = await post(receiver.port, body, headers);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({ code: 400, message: expect.stringMatching(/malformed|gzip/) });
    expect(rows()).toEqual([]);
  });

  it.each([
    ['a body over the limit', () => post(receiver.port, new Uint8Array(200 * 1024), asProtobuf)],
    [
      'a gzip body that inflates over the limit',
      () =>
        post(receiver.port, gzipSync(new Uint8Array(1024 * 1024)), {
          ...asProtobuf,
          'content-encoding': 'gzip',
        }),
    ],
  ])('refuses %s with 413', async (_label, send) => {
    expect((await send()).status).toBe(413);
  });

  it.each([
    ['a wrong path', 404, { path: '/v1/traces' }, jsonRequest(decisionEvents)],
    // Node's client sends a GET body unframed, so the GET goes without one.
    ['GET', 405, { method: 'GET' }, ''],
    ['PUT', 405, { method: 'PUT' }, jsonRequest(decisionEvents)],
  ])('answers %s with %i', async (_label, status, options, body) => {
    const reply = await post(receiver.port, body, asJson, options);
    expect(reply.status).toBe(status);
    expect(rows()).toEqual([]);
  });

  it('refuses an unknown content type with 415', async () => {
    expect((await post(receiver.port, 'hello', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('answers a burst of 500 concurrent requests and stores every decision once', async () => {
    const replies = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        i % 2
          ? post(
              receiver.port,
              jsonRequest([{ toolUseId: `toolu_${i}`, decision: 'accept', source: 'config' }]),
              asJson,
            )
          : post(
              receiver.port,
              protobufRequest([{ toolUseId: `toolu_${i}`, decision: 'accept', source: 'config' }]),
              asProtobuf,
            ),
      ),
    );
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(500);
    expect(db.prepare('SELECT count(DISTINCT tool_use_id) AS n FROM otel_decisions').get()).toEqual({
      n: 500,
    });
    expect(receiver.stats).toMatchObject({ requests: 500, decisions: 500, inserted: 500, rejected: 0 });
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(receiver.host).toBe('127.0.0.1');
    expect(receiver.endpoint).toBe(`http://127.0.0.1:${receiver.port}/v1/logs`);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
  it.skipIf(!external)(
    `is not reachable on this machine's other address${external ? ` (${external})` : ' (skipped: none)'}`,
    async () => {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: external, port: receiver.port });
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome).toBe('ECONNREFUSED');
    },
  );
});

describe('clearance collect', () => {
  it('--print-env prints the variables Claude Code needs', async () => {
    const result = await runCli(['collect', '--print-env', '--port', '4999']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'export CLAUDE_CODE_ENABLE_TELEMETRY=1',
        'export OTEL_LOGS_EXPORTER=otlp',
        'export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf',
        'export OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=http://127.0.0.1:4999/v1/logs',
        'export OTEL_LOG_TOOL_DETAILS=1',
        '',
      ].join('\n'),
    );
  });

  it('--print-env --json prints them as an object, default port 4318', async () => {
    const result = await runCli(['collect', '--print-env', '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://127.0.0.1:4318/v1/logs',
    });
  });

  it.each([['-1'], ['70000'], ['1.5']])('refuses --port %s with exit 2', async (port) => {
    const result = await runCli(['collect', '--print-env', `--port=${port}`]);
    expect(result.code).toBe(2);
  });

  it('says so in one line when the port is taken', async () => {
    const result = await runCli([
      'collect',
      '--port',
      String(receiver.port),
      '--db',
      path.join(work, 'busy.db'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^clearance: port \d+ on 127\.0\.0\.1 is in use/);
  });

  it('receives until SIGTERM, then stops cleanly and reports what it stored', async () => {
    let stdout = '';
    let portSeen: (port: number) => void = () => undefined;
    const listening = new Promise<number>((resolve) => (portSeen = resolve));
    const write = (text: string) => {
      stdout += text;
      const port = /127\.0\.0\.1:(\d+)\/v1\/logs/.exec(stdout)?.[1];
      if (port) portSeen(Number(port));
      return true;
    };
    const io = { stdout: { write }, stderr: { write: () => true }, stdin: process.stdin };
    const finished = main(['collect', '--port', '0', '--db', path.join(work, 'collect.db')], {
      io,
      env: { PATH: process.env.PATH },
    });
    const port = await Promise.race([listening, finished.then(() => 0)]);
    const reply = await post(port, jsonRequest([decisionEvents[0]!]), asJson);
    process.emit('SIGTERM');
    expect(reply.status).toBe(200);
    expect(await finished).toBe(0);
    expect(stdout).toMatch(/stopped; 1 requests, 1 tool decisions \(1 new\)/);
  });
});
