// Reads a JSON-protocol request body into handler input, typed by the model (timestamps, blobs, numbers).
import { AwsError } from '../aws-error.js';
import type { ServiceModel } from '../model/model.js';
import { shapeOf } from '../model/model.js';
import { toDate } from './wire.js';

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function mismatch(path: string, expected: string, value: unknown): AwsError {
  const got = kind(value);
  const what =
    got === 'string'
      ? 'STRING_VALUE'
      : got === 'number'
        ? 'NUMBER_VALUE'
        : got === 'boolean'
          ? 'BOOLEAN_VALUE'
          : got === 'array'
            ? 'Start of list'
            : got === 'object'
              ? 'Start of structure or map'
              : got;
  return new AwsError('SerializationException', `${what} can not be converted to ${expected}${path ? ` at '${path}'` : ''}`);
}

const NON_FINITE: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

function coerce(model: ServiceModel, shapeName: string, value: unknown, path: string): unknown {
  if (value === null) return undefined;
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      if (shape.document) return value;
      if (kind(value) !== 'object') throw mismatch(path, 'a structure', value);
      const src = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (src[name] !== undefined) {
          const v = coerce(model, ref.shape, src[name], path ? `${path}.${name}` : name);
          if (v !== undefined) out[name] = v;
        }
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) throw mismatch(path, 'a list', value);
      return value.map((item, i) => coerce(model, shape.member!.shape, item, `${path}.${i + 1}.member`));
    }
    case 'map': {
      if (kind(value) !== 'object') throw mismatch(path, 'a map', value);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = coerce(model, shape.value!.shape, v, `${path}.${k}`);
      return out;
    }
    case 'string':
      if (typeof value !== 'string') throw mismatch(path, 'String', value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(path, 'Boolean', value);
      return value;
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
    case 'bigInteger':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch(path, shape.type === 'long' ? 'Long' : 'Integer', value);
      return value;
    case 'double':
    case 'float':
    case 'bigDecimal':
      // The JSON protocols send the values JSON has no number for as strings (botocore: "NaN", "Infinity", "-Infinity").
      if (typeof value === 'string' && value in NON_FINITE) return NON_FINITE[value];
      if (typeof value !== 'number') throw mismatch(path, 'Double', value);
      return value;
    case 'timestamp': {
      const d = typeof value === 'number' || typeof value === 'string' ? toDate(value) : undefined;
      if (!d) throw mismatch(path, 'Timestamp', value);
      return d;
    }
    case 'blob':
      if (typeof value !== 'string') throw mismatch(path, 'Blob', value);
      return Buffer.from(value, 'base64');
    default:
      return value;
  }
}

/** Parses and types the body; malformed JSON answers AWS's SerializationException. */
export function readJsonInput(model: ServiceModel, shapeName: string | undefined, body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  let parsed: unknown = {};
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AwsError('SerializationException', 'Unable to parse request body: invalid JSON');
    }
  }
  if (kind(parsed) !== 'object') throw mismatch('', 'a structure', parsed);
  if (!shapeName) return {};
  return coerce(model, shapeName, parsed, '') as Record<string, unknown>;
}

/** JSON protocols send timestamps as epoch seconds and blobs as base64. */
export function writeJsonOutput(output: unknown): string {
  return JSON.stringify(output ?? {}, function replacer(this: Record<string, unknown>, key: string, value: unknown) {
    const original = key === '' ? value : this[key];
    if (original instanceof Date) return original.getTime() / 1000;
    if (Buffer.isBuffer(original)) return original.toString('base64');
    return value;
  });
}
