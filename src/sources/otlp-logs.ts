// OTLP logs (ExportLogsServiceRequest) in both encodings Claude Code's exporter speaks, reduced
// to what clearance needs: each log record's time, name, body and attributes. The protobuf
// reader covers only the subset of opentelemetry-proto we read and skips every other field by
// its wire type, so newer exporters with new fields still decode.
import { redactCommand } from '../core/redact.js';

/** An OTLP AnyValue as plain data (int64 that do not fit a double become strings). */
export type OtlpValue =
  string | number | boolean | null | Uint8Array | OtlpValue[] | { [key: string]: OtlpValue };

/** One log record with its resource's attributes. */
export interface OtlpLogRecord {
  /** time_unix_nano, else observed_time_unix_nano, in milliseconds; undefined when both are 0. */
  timeMs: number | undefined;
  eventName: string | undefined;
  body: OtlpValue;
  attributes: Record<string, OtlpValue>;
  resource: Record<string, OtlpValue>;
}

/** A payload that is not an ExportLogsServiceRequest. */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
}

// AnyValue nests (arrays, kvlists); a bound keeps a hostile payload from exhausting the stack.
const MAX_DEPTH = 32;

// ---------------------------------------------------------------------------------------------
// protobuf

const utf8 = new TextDecoder('utf-8');

class ProtoReader {
  pos: number;
  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) throw new OtlpDecodeError('truncated varint');
      const byte = this.buf[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new OtlpDecodeError('varint longer than 10 bytes');
  }

  length(): number {
    const n = this.varint();
    if (n > BigInt(this.end - this.pos)) throw new OtlpDecodeError('length runs past the end of the message');
    return Number(n);
  }

  tag(): { field: number; wire: number } {
    const tag = Number(this.varint() & 0xffffffffn);
    const field = tag >>> 3;
    if (field === 0) throw new OtlpDecodeError('field number 0');
    return { field, wire: tag & 7 };
  }

  fixed64(): DataView {
    if (this.end - this.pos < 8) throw new OtlpDecodeError('truncated fixed64');
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return view;
  }

  bytes(): Uint8Array {
    const n = this.length();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A nested message as its own reader; the outer reader moves past it. */
  message(): ProtoReader {
    const n = this.length();
    const inner = new ProtoReader(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return inner;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.fixed64();
    else if (wire === 2) {
      const n = this.length(); // read first: `this.pos += this.length()` would add to the old position
      this.pos += n;
    } else if (wire === 5) {
      if (this.end - this.pos < 4) throw new OtlpDecodeError('truncated fixed32');
      this.pos += 4;
    } else throw new OtlpDecodeError(`unsupported wire type ${wire}`);
  }
}

/** Read every field of a message, handing the ones `on` knows to it and skipping the rest. */
function fields(reader: ProtoReader, on: (field: number, wire: number) => boolean): void {
  while (!reader.done()) {
    const { field, wire } = reader.tag();
    if (!on(field, wire)) reader.skip(wire);
  }
}

function expectWire(actual: number, expected: number, what: string): void {
  if (actual !== expected) throw new OtlpDecodeError(`${what}: wire type ${actual}, expected ${expected}`);
}

function int64(value: bigint): number | string {
  const signed = BigInt.asIntN(64, value);
  return signed >= BigInt(Number.MIN_SAFE_INTEGER) && signed <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(signed)
    : signed.toString();
}

function protoAnyValue(reader: ProtoReader, depth: number): OtlpValue {
  if (depth > MAX_DEPTH) throw new OtlpDecodeError('values nested too deeply');
  let value: OtlpValue = null;
  fields(reader, (field, wire) => {
    switch (field) {
      case 1:
        expectWire(wire, 2, 'string_value');
        value = utf8.decode(reader.bytes());
        return true;
      case 2:
        expectWire(wire, 0, 'bool_value');
        value = reader.varint() !== 0n;
        return true;
      case 3:
        expectWire(wire, 0, 'int_value');
        value = int64(reader.varint());
        return true;
      case 4:
        expectWire(wire, 1, 'double_value');
        value = reader.fixed64().getFloat64(0, true);
        return true;
      case 5: {
        expectWire(wire, 2, 'array_value');
        const items: OtlpValue[] = [];
        const array = reader.message();
        fields(array, (f, w) => {
          if (f !== 1) return false;
          expectWire(w, 2, 'array value');
          items.push(protoAnyValue(array.message(), depth + 1));
          return true;
        });
        value = items;
        return true;
      }
      case 6:
        expectWire(wire, 2, 'kvlist_value');
        value = protoKeyValues(reader.message(), 1, depth + 1);
        return true;
      case 7:
        expectWire(wire, 2, 'bytes_value');
        value = reader.bytes().slice();
        return true;
      default:
        return false;
    }
  });
  return value;
}

function protoKeyValue(reader: ProtoReader, depth: number): [string, OtlpValue] {
  let key = '';
  let value: OtlpValue = null;
  fields(reader, (field, wire) => {
    if (field === 1) {
      expectWire(wire, 2, 'key');
      key = utf8.decode(reader.bytes());
      return true;
    }
    if (field === 2) {
      expectWire(wire, 2, 'value');
      value = protoAnyValue(reader.message(), depth);
      return true;
    }
    return false;
  });
  return [key, value];
}

/** The repeated KeyValue field `field` of a message as an object (Resource, LogRecord, KeyValueList). */
function protoKeyValues(reader: ProtoReader, field: number, depth: number): Record<string, OtlpValue> {
  const out: Record<string, OtlpValue> = {};
  fields(reader, (f, wire) => {
    if (f !== field) return false;
    expectWire(wire, 2, 'attribute');
    const [key, value] = protoKeyValue(reader.message(), depth);
    out[key] = value;
    return true;
  });
  return out;
}

function nanosToMs(nanos: bigint): number | undefined {
  return nanos === 0n ? undefined : Number(nanos / 1_000_000n);
}

function protoLogRecord(reader: ProtoReader, resource: Record<string, OtlpValue>): OtlpLogRecord {
  let time = 0n;
  let observed = 0n;
  let eventName: string | undefined;
  let body: OtlpValue = null;
  const attributes: Record<string, OtlpValue> = {};
  fields(reader, (field, wire) => {
    switch (field) {
      case 1:
        expectWire(wire, 1, 'time_unix_nano');
        time = reader.fixed64().getBigUint64(0, true);
        return true;
      case 11:
        expectWire(wire, 1, 'observed_time_unix_nano');
        observed = reader.fixed64().getBigUint64(0, true);
        return true;
      case 5:
        expectWire(wire, 2, 'body');
        body = protoAnyValue(reader.message(), 1);
        return true;
      case 6: {
        expectWire(wire, 2, 'attributes');
        const [key, value] = protoKeyValue(reader.message(), 1);
        attributes[key] = value;
        return true;
      }
      case 12:
        expectWire(wire, 2, 'event_name');
        eventName = utf8.decode(reader.bytes()) || undefined;
        return true;
      default:
        return false;
    }
  });
  return { timeMs: nanosToMs(time) ?? nanosToMs(observed), eventName, body, attributes, resource };
}

/** Decode an ExportLogsServiceRequest in protobuf encoding; throws OtlpDecodeError when malformed. */
export function decodeLogsProtobuf(bytes: Uint8Array): OtlpLogRecord[] {
  const records: OtlpLogRecord[] = [];
  const request = new ProtoReader(bytes);
  fields(request, (field, wire) => {
    if (field !== 1) return false;
    expectWire(wire, 2, 'resource_logs');
    const resourceLogs = request.message();
    let resource: Record<string, OtlpValue> = {};
    const scopes: ProtoReader[] = [];
    fields(resourceLogs, (f, w) => {
      if (f === 1) {
        expectWire(w, 2, 'resource');
        resource = protoKeyValues(resourceLogs.message(), 1, 1);
        return true;
      }
      if (f === 2) {
        expectWire(w, 2, 'scope_logs');
        scopes.push(resourceLogs.message());
        return true;
      }
      return false;
    });
    // Resource may follow scope_logs on the wire: records are read once the resource is known.
    for (const scope of scopes) {
      fields(scope, (f, w) => {
        if (f !== 2) return false;
        expectWire(w, 2, 'log_records');
        records.push(protoLogRecord(scope.message(), resource));
        return true;
      });
    }
    return true;
  });
  return records;
}

// ---------------------------------------------------------------------------------------------
// JSON (OTLP/JSON: lowerCamelCase names, int64 as strings; the proto names are accepted too)

type Json = unknown;

function pick(object: Json, camel: string, snake: string): Json {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
  const record = object as Record<string, Json>;
  return record[camel] ?? record[snake];
}

function list(object: Json, camel: string, snake: string, what: string): Json[] {
  const value = pick(object, camel, snake);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(`${what} is not an array`);
  return value;
}

function jsonNumber(value: Json): number | string | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return int64(BigInt.asUintN(64, BigInt(value)));
  return undefined;
}

function jsonAnyValue(value: Json, depth: number): OtlpValue {
  if (depth > MAX_DEPTH) throw new OtlpDecodeError('values nested too deeply');
  if (value === null || typeof value !== 'object') return null;
  const string = pick(value, 'stringValue', 'string_value');
  if (typeof string === 'string') return string;
  const bool = pick(value, 'boolValue', 'bool_value');
  if (typeof bool === 'boolean') return bool;
  const int = jsonNumber(pick(value, 'intValue', 'int_value'));
  if (int !== undefined) return int;
  const double = pick(value, 'doubleValue', 'double_value');
  if (typeof double === 'number') return double;
  const array = pick(value, 'arrayValue', 'array_value');
  if (array !== undefined)
    return list(array, 'values', 'values', 'arrayValue.values').map((v) => jsonAnyValue(v, depth + 1));
  const kvlist = pick(value, 'kvlistValue', 'kvlist_value');
  if (kvlist !== undefined)
    return jsonKeyValues(list(kvlist, 'values', 'values', 'kvlistValue.values'), depth + 1);
  const bytes = pick(value, 'bytesValue', 'bytes_value');
  if (typeof bytes === 'string') return new Uint8Array(Buffer.from(bytes, 'base64'));
  return null;
}

function jsonKeyValues(items: Json[], depth: number): Record<string, OtlpValue> {
  const out: Record<string, OtlpValue> = {};
  for (const item of items) {
    const key = pick(item, 'key', 'key');
    if (typeof key !== 'string') throw new OtlpDecodeError('attribute without a string key');
    out[key] = jsonAnyValue(pick(item, 'value', 'value'), depth);
  }
  return out;
}

function jsonNanosToMs(value: Json): number | undefined {
  const n =
    typeof value === 'string' && /^\d+$/.test(value)
      ? BigInt(value)
      : typeof value === 'number'
        ? BigInt(Math.trunc(value))
        : 0n;
  return nanosToMs(n);
}

/** Decode an ExportLogsServiceRequest in OTLP/JSON encoding; throws OtlpDecodeError when malformed. */
export function decodeLogsJson(text: string): OtlpLogRecord[] {
  let root: Json;
  try {
    root = JSON.parse(text);
  } catch {
    throw new OtlpDecodeError('not JSON');
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root))
    throw new OtlpDecodeError('not a JSON object');
  const records: OtlpLogRecord[] = [];
  for (const resourceLogs of list(root, 'resourceLogs', 'resource_logs', 'resourceLogs')) {
    const resource = jsonKeyValues(
      list(pick(resourceLogs, 'resource', 'resource'), 'attributes', 'attributes', 'resource.attributes'),
      1,
    );
    for (const scopeLogs of list(resourceLogs, 'scopeLogs', 'scope_logs', 'scopeLogs')) {
      for (const record of list(scopeLogs, 'logRecords', 'log_records', 'logRecords')) {
        if (record === null || typeof record !== 'object')
          throw new OtlpDecodeError('log record is not an object');
        const eventName = pick(record, 'eventName', 'event_name');
        records.push({
          timeMs:
            jsonNanosToMs(pick(record, 'timeUnixNano', 'time_unix_nano')) ??
            jsonNanosToMs(pick(record, 'observedTimeUnixNano', 'observed_time_unix_nano')),
          eventName: typeof eventName === 'string' && eventName !== '' ? eventName : undefined,
          body: jsonAnyValue(pick(record, 'body', 'body'), 1),
          attributes: jsonKeyValues(list(record, 'attributes', 'attributes', 'attributes'), 1),
          resource,
        });
      }
    }
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// Claude Code's tool_decision events

/** One `claude_code.tool_decision` event, ready for the otel_decisions table. */
export interface ToolDecision {
  ts: number;
  sessionId: string | null;
  toolUseId: string | null;
  toolName: string | null;
  /** `accept` or `reject`. */
  decision: string;
  /** `config`, `hook`, `user_permanent`, `user_temporary`, `user_abort`, `user_reject`. */
  source: string;
  /** The Bash command (full_command, else bash_command), redacted; null for other tools. */
  command: string | null;
}

const EVENT_NAMES = new Set(['claude_code.tool_decision', 'tool_decision']);

function text(value: OtlpValue | undefined): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

// tool_parameters arrives as a JSON string; a kvlist is accepted too.
function commandOf(parameters: OtlpValue | undefined): string | null {
  let object: unknown = parameters;
  if (typeof parameters === 'string') {
    try {
      object = JSON.parse(parameters);
    } catch {
      return null;
    }
  }
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return null;
  const record = object as Record<string, unknown>;
  for (const key of ['full_command', 'bash_command', 'command']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return redactCommand(value);
  }
  return null;
}

/** True for a record that is a Claude Code tool_decision event (by event name, `event.name` or body). */
export function isToolDecision(record: OtlpLogRecord): boolean {
  return [record.eventName, record.attributes['event.name'], record.body].some(
    (name) => typeof name === 'string' && EVENT_NAMES.has(name),
  );
}

/**
 * The tool_decision events among `records`; other events are ignored, and a decision event
 * missing its decision or source is a counted problem.
 */
export function toolDecisions(
  records: OtlpLogRecord[],
  receivedMs: number,
): { value: ToolDecision[]; problems: string[] } {
  const value: ToolDecision[] = [];
  const problems: string[] = [];
  for (const record of records) {
    if (!isToolDecision(record)) continue;
    const attr = (name: string) => text(record.attributes[name]) ?? text(record.resource[name]);
    const decision = attr('decision');
    const source = attr('source') ?? attr('decision_source');
    if (!decision || !source) {
      problems.push('tool_decision event without decision or source');
      continue;
    }
    const stamped = attr('event.timestamp');
    const parsed = stamped ? Date.parse(stamped) : Number.NaN;
    value.push({
      ts: record.timeMs ?? (Number.isNaN(parsed) ? receivedMs : parsed),
      sessionId: attr('session.id'),
      toolUseId: attr('tool_use_id') ?? attr('tool_use.id'),
      toolName: attr('tool_name'),
      decision,
      source,
      command: commandOf(record.attributes.tool_parameters),
    });
  }
  return { value, problems };
}
