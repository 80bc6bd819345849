// A local OTLP/HTTP logs receiver (POST /v1/logs) that keeps Claude Code's tool_decision events:
// the one signal that says exactly whether the user was prompted and what they answered
// (DESIGN.md §2). It listens on 127.0.0.1 only — the events carry full commands — bounds every
// request, and answers malformed input with a status code instead of crashing.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { Db } from '../store/db.js';
import {
  OtlpDecodeError,
  decodeLogsJson,
  decodeLogsProtobuf,
  toolDecisions,
  type ToolDecision,
} from './otlp-logs.js';

/** Default port: the OTLP/HTTP port every exporter uses when none is configured. */
export const DEFAULT_OTLP_PORT = 4318;

/** Largest request body accepted (after decompression); larger ones get 413. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The only address the receiver binds. */
export const LOOPBACK = '127.0.0.1';

/** Counters a caller can report when the receiver stops. */
export interface ReceiverStats {
  requests: number;
  rejected: number;
  decisions: number;
  inserted: number;
  problems: number;
}

/** Options for startOtlpReceiver. */
export interface OtlpReceiverOptions {
  db: Db;
  /** 0 picks a free port. */
  port: number;
  maxBodyBytes?: number;
  /** The clock for events that carry no timestamp. */
  now?: () => number;
}

/** A running receiver. */
export interface OtlpReceiver {
  host: string;
  port: number;
  /** The endpoint URL Claude Code's exporter posts to. */
  endpoint: string;
  stats: ReceiverStats;
  close(): Promise<void>;
}

/** Why a request was refused: an HTTP status and a one-line message. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const PROTOBUF_TYPES = new Set(['application/x-protobuf', 'application/protobuf']);

/** The body, at most `max` bytes; a larger one is drained and refused with 413. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let tooLarge = Number.isFinite(declared) && declared > max;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) tooLarge = true;
      // Keep reading so the client sees the 413, but never hold more than `max` bytes; a sender
      // that keeps going far past the limit is cut off.
      if (tooLarge) {
        chunks.length = 0;
        if (size > max * 16) req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () =>
      tooLarge
        ? reject(new HttpError(413, `request body larger than ${max} bytes`))
        : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

function decode(req: IncomingMessage, raw: Buffer, max: number) {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  let body = raw;
  if (encoding === 'gzip') {
    try {
      body = gunzipSync(raw, { maxOutputLength: max });
    } catch (error) {
      if (error instanceof RangeError) throw new HttpError(413, `decompressed body larger than ${max} bytes`);
      throw new HttpError(400, 'body is not valid gzip');
    }
  } else if (encoding !== 'identity') throw new HttpError(415, `unsupported content-encoding ${encoding}`);
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  try {
    if (type === 'application/json') return { json: true, records: decodeLogsJson(body.toString('utf8')) };
    if (PROTOBUF_TYPES.has(type)) return { json: false, records: decodeLogsProtobuf(body) };
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw new HttpError(400, `malformed OTLP logs: ${error.message}`);
    throw error;
  }
  throw new HttpError(415, `unsupported content-type ${type || '(none)'}`);
}

/** Start the receiver on 127.0.0.1; rejects (EADDRINUSE, EACCES) when the port cannot be bound. */
export async function startOtlpReceiver(options: OtlpReceiverOptions): Promise<OtlpReceiver> {
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? (() => Date.now());
  const stats: ReceiverStats = { requests: 0, rejected: 0, decisions: 0, inserted: 0, problems: 0 };
  const insert = options.db.prepare<
    [number, string | null, string | null, string | null, string, string, string | null]
  >(
    `INSERT OR IGNORE INTO otel_decisions (ts, session_id, tool_use_id, tool_name, decision, source, command)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const store = options.db.transaction((decisions: ToolDecision[]) => {
    let inserted = 0;
    for (const d of decisions)
      inserted += insert.run(
        d.ts,
        d.sessionId,
        d.toolUseId,
        d.toolName,
        d.decision,
        d.source,
        d.command,
      ).changes;
    return inserted;
  });

  const reply = (res: ServerResponse, status: number, json: boolean, message?: string) => {
    if (res.headersSent) return;
    // A success is an empty ExportLogsServiceResponse; an error carries a google.rpc.Status-like message.
    const body = json || message ? JSON.stringify(message ? { code: status, message } : {}) : '';
    res.writeHead(status, {
      'content-type': json || message ? 'application/json' : 'application/x-protobuf',
      'content-length': Buffer.byteLength(body),
      ...(status === 405 ? { allow: 'POST' } : {}),
    });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    stats.requests++;
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname !== '/v1/logs')
      throw new HttpError(404, 'not found: this receiver only takes POST /v1/logs');
    if (req.method !== 'POST') throw new HttpError(405, 'method not allowed: use POST');
    const { json, records } = decode(req, await readBody(req, max), max);
    const decisions = toolDecisions(records, now());
    stats.problems += decisions.problems.length;
    stats.decisions += decisions.value.length;
    if (decisions.value.length > 0) {
      try {
        stats.inserted += store(decisions.value);
      } catch {
        // The store is busy beyond its timeout or unwritable: the exporter retries on 503.
        throw new HttpError(503, 'could not store the events; retry');
      }
    }
    reply(res, 200, json);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      stats.rejected++;
      if (error instanceof HttpError) reply(res, error.status, true, error.message);
      else reply(res, 500, true, 'internal error');
      // An unread body (404/405/415) must not wedge the connection.
      req.resume();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    host: address,
    port,
    endpoint: `http://${LOOPBACK}:${port}/v1/logs`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** The environment that makes Claude Code export its events to a receiver on `port`. */
export function claudeCodeOtelEnv(port: number): Record<string, string> {
  return {
    CLAUDE_CODE_ENABLE_TELEMETRY: '1',
    OTEL_LOGS_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `http://${LOOPBACK}:${port}/v1/logs`,
    OTEL_LOG_TOOL_DETAILS: '1',
  };
}
