// Which definition keys the AWS API has (the SDK's own schemas): keys match case-insensitively, as Go's JSON decoding in ecspresso does; the rest are reported and dropped.
import type { UnknownKey } from '../unknown-keys.js';
import { ECS_FIELDS } from './ecs-fields.js';
import { suggest } from './shape.js';

/** The input shapes definition files hold. */
export const DEFINITION_ROOT = {
  task: 'RegisterTaskDefinitionRequest',
  service: 'CreateServiceRequest',
  express: 'CreateExpressGatewayServiceRequest',
} as const;

export interface FieldReport {
  /** The value with every key spelt as the API spells it, and unknown keys removed. */
  readonly value: unknown;
  readonly unknown: readonly UnknownKey[];
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(v: unknown, type: string, path: string, unknown: UnknownKey[]): unknown {
  if (type === '' || type === '[]' || type === '{}') return v;
  if (type.startsWith('[')) return Array.isArray(v) ? v.map((item, i) => walk(item, type.slice(1, -1), `${path}[${i}]`, unknown)) : v;
  if (type.startsWith('{')) {
    if (!isMapping(v)) return v;
    return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, type.slice(1, -1), path ? `${path}.${k}` : k, unknown)]));
  }
  const members = ECS_FIELDS[type];
  if (!members || !isMapping(v)) return v;
  const known = Object.keys(members);
  const byLower = new Map(known.map((k) => [k.toLowerCase(), k]));
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(v)) {
    const field = path ? `${path}.${k}` : k;
    const name = members[k] !== undefined ? k : byLower.get(k.toLowerCase());
    if (name === undefined || (name !== k && Object.hasOwn(v, name))) {
      const s = suggest(k, known);
      unknown.push(s !== undefined ? { field, suggestion: s } : { field });
      continue;
    }
    out[name] = walk(item, members[name]!, path ? `${path}.${name}` : name, unknown);
  }
  return out;
}

/** Pure: `containerDefinitions[0].PortMappings` is spelt `portMappings`; `portMapping` is reported (did you mean portMappings?) and dropped. */
export function checkFields(value: unknown, kind: keyof typeof DEFINITION_ROOT): FieldReport {
  const unknown: UnknownKey[] = [];
  return { value: walk(value, DEFINITION_ROOT[kind], '', unknown), unknown };
}
