// OTLP logs (ExportLogsServiceRequest) in both encodings Claude Code's exporter speaks, reduced
// to what clearance needs: each log record's time, name, body and attributes. The protobuf
// reader covers only the subset of opentelemetry-proto we read and skips every other field by
// its wire type, so newer exporters with new fields still decode.
import { redactCommand } from '../core/redact.js';
/** A payload that is not an ExportLogsServiceRequest. */
export class OtlpDecodeError extends Error {
    name = 'OtlpDecodeError';
}
// AnyValue nests (arrays, kvlists); a bound keeps a hostile payload from exhausting the stack.
const MAX_DEPTH = 32;
// ---------------------------------------------------------------------------------------------
// protobuf
const utf8 = new TextDecoder('utf-8');
class ProtoReader {
    buf;
    end;
    pos;
    constructor(buf, start = 0, end = buf.length) {
        this.buf = buf;
        this.end = end;
        this.pos = start;
    }
    done() {
        return this.pos >= this.end;
    }
    varint() {
        let result = 0n;
        for (let shift = 0n; shift < 70n; shift += 7n) {
            if (this.pos >= this.end)
                throw new OtlpDecodeError('truncated varint');
            const byte = this.buf[this.pos++];
            result |= BigInt(byte & 0x7f) << shift;
            if ((byte & 0x80) === 0)
                return BigInt.asUintN(64, result);
        }
        throw new OtlpDecodeError('varint longer than 10 bytes');
    }
    length() {
        const n = this.varint();
        if (n > BigInt(this.end - this.pos))
            throw new OtlpDecodeError('length runs past the end of the message');
        return Number(n);
    }
    tag() {
        const tag = Number(this.varint() & 0xffffffffn);
        const field = tag >>> 3;
        if (field === 0)
            throw new OtlpDecodeError('field number 0');
        return { field, wire: tag & 7 };
    }
    fixed64() {
        if (this.end - this.pos < 8)
            throw new OtlpDecodeError('truncated fixed64');
        const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
        this.pos += 8;
        return view;
    }
    bytes() {
        const n = this.length();
        const out = this.buf.subarray(this.pos, this.pos + n);
        this.pos += n;
        return out;
    }
    /** A nested message as its own reader; the outer reader moves past it. */
    message() {
        const n = this.length();
        const inner = new ProtoReader(this.buf, this.pos, this.pos + n);
        this.pos += n;
        return inner;
    }
    skip(wire) {
        if (wire === 0)
            this.varint();
        else if (wire === 1)
            this.fixed64();
        else if (wire === 2) {
            const n = this.length(); // read first: `this.pos += this.length()` would add to the old position
            this.pos += n;
        }
        else if (wire === 5) {
            if (this.end - this.pos < 4)
                throw new OtlpDecodeError('truncated fixed32');
            this.pos += 4;
        }
        else
            throw new OtlpDecodeError(`unsupported wire type ${wire}`);
    }
}
/** Read every field of a message, handing the ones `on` knows to it and skipping the rest. */
function fields(reader, on) {
    while (!reader.done()) {
        const { field, wire } = reader.tag();
        if (!on(field, wire))
            reader.skip(wire);
    }
}
function expectWire(actual, expected, what) {
    if (actual !== expected)
        throw new OtlpDecodeError(`${what}: wire type ${actual}, expected ${expected}`);
}
function int64(value) {
    const signed = BigInt.asIntN(64, value);
    return signed >= BigInt(Number.MIN_SAFE_INTEGER) && signed <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(signed)
        : signed.toString();
}
function protoAnyValue(reader, depth) {
    if (depth > MAX_DEPTH)
        throw new OtlpDecodeError('values nested too deeply');
    let value = null;
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
                const items = [];
                const array = reader.message();
                fields(array, (f, w) => {
                    if (f !== 1)
                        return false;
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
function protoKeyValue(reader, depth) {
    let key = '';
    let value = null;
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
function protoKeyValues(reader, field, depth) {
    const out = {};
    fields(reader, (f, wire) => {
        if (f !== field)
            return false;
        expectWire(wire, 2, 'attribute');
        const [key, value] = protoKeyValue(reader.message(), depth);
        out[key] = value;
        return true;
    });
    return out;
}
function nanosToMs(nanos) {
    return nanos === 0n ? undefined : Number(nanos / 1000000n);
}
function protoLogRecord(reader, resource) {
    let time = 0n;
    let observed = 0n;
    let eventName;
    let body = null;
    const attributes = {};
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
export function decodeLogsProtobuf(bytes) {
    const records = [];
    const request = new ProtoReader(bytes);
    fields(request, (field, wire) => {
        if (field !== 1)
            return false;
        expectWire(wire, 2, 'resource_logs');
        const resourceLogs = request.message();
        let resource = {};
        const scopes = [];
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
                if (f !== 2)
                    return false;
                expectWire(w, 2, 'log_records');
                records.push(protoLogRecord(scope.message(), resource));
                return true;
            });
        }
        return true;
    });
    return records;
}
function pick(object, camel, snake) {
    if (object === null || typeof object !== 'object' || Array.isArray(object))
        return undefined;
    const record = object;
    return record[camel] ?? record[snake];
}
function list(object, camel, snake, what) {
    const value = pick(object, camel, snake);
    if (value === undefined || value === null)
        return [];
    if (!Array.isArray(value))
        throw new OtlpDecodeError(`${what} is not an array`);
    return value;
}
function jsonNumber(value) {
    if (typeof value === 'number')
        return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value))
        return int64(BigInt.asUintN(64, BigInt(value)));
    return undefined;
}
function jsonAnyValue(value, depth) {
    if (depth > MAX_DEPTH)
        throw new OtlpDecodeError('values nested too deeply');
    if (value === null || typeof value !== 'object')
        return null;
    const string = pick(value, 'stringValue', 'string_value');
    if (typeof string === 'string')
        return string;
    const bool = pick(value, 'boolValue', 'bool_value');
    if (typeof bool === 'boolean')
        return bool;
    const int = jsonNumber(pick(value, 'intValue', 'int_value'));
    if (int !== undefined)
        return int;
    const double = pick(value, 'doubleValue', 'double_value');
    if (typeof double === 'number')
        return double;
    const array = pick(value, 'arrayValue', 'array_value');
    if (array !== undefined)
        return list(array, 'values', 'values', 'arrayValue.values').map((v) => jsonAnyValue(v, depth + 1));
    const kvlist = pick(value, 'kvlistValue', 'kvlist_value');
    if (kvlist !== undefined)
        return jsonKeyValues(list(kvlist, 'values', 'values', 'kvlistValue.values'), depth + 1);
    const bytes = pick(value, 'bytesValue', 'bytes_value');
    if (typeof bytes === 'string')
        return new Uint8Array(Buffer.from(bytes, 'base64'));
    return null;
}
function jsonKeyValues(items, depth) {
    const out = {};
    for (const item of items) {
        const key = pick(item, 'key', 'key');
        if (typeof key !== 'string')
            throw new OtlpDecodeError('attribute without a string key');
        out[key] = jsonAnyValue(pick(item, 'value', 'value'), depth);
    }
    return out;
}
function jsonNanosToMs(value) {
    const n = typeof value === 'string' && /^\d+$/.test(value)
        ? BigInt(value)
        : typeof value === 'number'
            ? BigInt(Math.trunc(value))
            : 0n;
    return nanosToMs(n);
}
/** Decode an ExportLogsServiceRequest in OTLP/JSON encoding; throws OtlpDecodeError when malformed. */
export function decodeLogsJson(text) {
    let root;
    try {
        root = JSON.parse(text);
    }
    catch {
        throw new OtlpDecodeError('not JSON');
    }
    if (root === null || typeof root !== 'object' || Array.isArray(root))
        throw new OtlpDecodeError('not a JSON object');
    const records = [];
    for (const resourceLogs of list(root, 'resourceLogs', 'resource_logs', 'resourceLogs')) {
        const resource = jsonKeyValues(list(pick(resourceLogs, 'resource', 'resource'), 'attributes', 'attributes', 'resource.attributes'), 1);
        for (const scopeLogs of list(resourceLogs, 'scopeLogs', 'scope_logs', 'scopeLogs')) {
            for (const record of list(scopeLogs, 'logRecords', 'log_records', 'logRecords')) {
                if (record === null || typeof record !== 'object')
                    throw new OtlpDecodeError('log record is not an object');
                const eventName = pick(record, 'eventName', 'event_name');
                records.push({
                    timeMs: jsonNanosToMs(pick(record, 'timeUnixNano', 'time_unix_nano')) ??
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
const EVENT_NAMES = new Set(['claude_code.tool_decision', 'tool_decision']);
function text(value) {
    if (typeof value === 'string')
        return value === '' ? null : value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    return null;
}
// tool_parameters arrives as a JSON string; a kvlist is accepted too.
function commandOf(parameters) {
    let object = parameters;
    if (typeof parameters === 'string') {
        try {
            object = JSON.parse(parameters);
        }
        catch {
            return null;
        }
    }
    if (object === null || typeof object !== 'object' || Array.isArray(object))
        return null;
    const record = object;
    for (const key of ['full_command', 'bash_command', 'command']) {
        const value = record[key];
        if (typeof value === 'string' && value !== '')
            return redactCommand(value);
    }
    return null;
}
/** True for a record that is a Claude Code tool_decision event (by event name, `event.name` or body). */
export function isToolDecision(record) {
    return [record.eventName, record.attributes['event.name'], record.body].some((name) => typeof name === 'string' && EVENT_NAMES.has(name));
}
/**
 * The tool_decision events among `records`; other events are ignored, and a decision event
 * missing its decision or source is a counted problem.
 */
export function toolDecisions(records, receivedMs) {
    const value = [];
    const problems = [];
    for (const record of records) {
        if (!isToolDecision(record))
            continue;
        const attr = (name) => text(record.attributes[name]) ?? text(record.resource[name]);
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
//# sourceMappingURL=otlp-logs.js.map