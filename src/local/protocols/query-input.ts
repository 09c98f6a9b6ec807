// Reads an awsQuery form (Action=...&A.member.1=...) into handler input, typed by the model.
import { AwsError } from '../aws-error.js';
import type { MemberRef, ServiceModel } from '../model/model.js';
import { shapeOf } from '../model/model.js';
import { toDate } from './wire.js';

type Params = ReadonlyMap<string, string>;

function hasPrefix(params: Params, prefix: string): boolean {
  for (const k of params.keys()) if (k === prefix || k.startsWith(`${prefix}.`)) return true;
  return false;
}

/** One scalar parameter, typed by the model (shared with EC2's Query dialect). */
export function scalarParam(model: ServiceModel, ref: MemberRef, raw: string, key: string): unknown {
  const shape = shapeOf(model, ref.shape);
  const bad = (what: string) => new AwsError('MalformedQueryString', `Value '${raw}' for parameter ${key} is not a valid ${what}`);
  switch (shape.type) {
    case 'integer':
    case 'long':
    case 'short':
    case 'byte': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isInteger(n)) throw bad('integer');
      return n;
    }
    case 'double':
    case 'float':
    case 'bigDecimal': {
      const n = Number(raw);
      // "NaN" is a value the SDKs send (the service then judges it, as CloudWatch's PutMetricData does).
      if (raw.trim() === '' || (Number.isNaN(n) && raw !== 'NaN')) throw bad('number');
      return n;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw bad('boolean');
      return raw === 'true';
    case 'timestamp': {
      const d = toDate(raw);
      if (!d) throw bad('timestamp');
      return d;
    }
    case 'blob':
      return Buffer.from(raw, 'base64');
    default:
      return raw;
  }
}

function read(model: ServiceModel, ref: MemberRef, params: Params, prefix: string): unknown {
  const shape = shapeOf(model, ref.shape);
  if (shape.type === 'structure') {
    if (!hasPrefix(params, prefix) && prefix !== '') return undefined;
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const wire = member.locationName ?? name;
      const v = read(model, member, params, prefix ? `${prefix}.${wire}` : wire);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }
  if (shape.type === 'list') {
    const flattened = ref.flattened || shape.flattened;
    const memberName = shape.member?.locationName ?? 'member';
    const base = flattened ? prefix : `${prefix}.${memberName}`;
    // An empty list is sent as "Name=" with no members.
    if (!hasPrefix(params, base)) return params.has(prefix) ? [] : undefined;
    const items: unknown[] = [];
    for (let i = 1; hasPrefix(params, `${base}.${i}`); i++) items.push(read(model, shape.member!, params, `${base}.${i}`));
    return items;
  }
  if (shape.type === 'map') {
    const flattened = ref.flattened || shape.flattened;
    const base = flattened ? prefix : `${prefix}.entry`;
    if (!hasPrefix(params, base)) return undefined;
    const out: Record<string, unknown> = {};
    const keyName = shape.key?.locationName ?? 'key';
    const valueName = shape.value?.locationName ?? 'value';
    for (let i = 1; hasPrefix(params, `${base}.${i}`); i++) {
      const k = params.get(`${base}.${i}.${keyName}`);
      if (k !== undefined) out[k] = read(model, shape.value!, params, `${base}.${i}.${valueName}`);
    }
    return out;
  }
  const raw = params.get(prefix);
  return raw === undefined ? undefined : scalarParam(model, ref, raw, prefix);
}

export function parseForm(body: Buffer, query: URLSearchParams): Map<string, string> {
  const params = new Map<string, string>();
  for (const [k, v] of query) params.set(k, v);
  const text = body.toString('utf8');
  if (text.length > 0) for (const [k, v] of new URLSearchParams(text)) params.set(k, v);
  return params;
}

export function readQueryInput(model: ServiceModel, shapeName: string | undefined, params: Params): Record<string, unknown> {
  if (!shapeName) return {};
  return (read(model, { shape: shapeName }, params, '') as Record<string, unknown> | undefined) ?? {};
}
