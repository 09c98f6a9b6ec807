// Resource record sets: identity (name, type, set identifier), value equality for DELETE, and shape checks.
import { AwsError } from '../../aws-error.js';
import { normalizeName } from './dns-name.js';

export interface AliasTarget {
  readonly HostedZoneId: string;
  readonly DNSName: string;
  readonly EvaluateTargetHealth: boolean;
}

/** ResourceRecordSet in the API's field names; Name (and an alias' DNSName) normalised. */
export interface RecordSet {
  readonly Name: string;
  readonly Type: string;
  readonly SetIdentifier?: string;
  readonly Weight?: number;
  readonly Region?: string;
  readonly GeoLocation?: Readonly<Record<string, string>>;
  readonly Failover?: string;
  readonly MultiValueAnswer?: boolean;
  readonly TTL?: number;
  readonly ResourceRecords?: ReadonlyArray<{ readonly Value: string }>;
  readonly AliasTarget?: AliasTarget;
  readonly HealthCheckId?: string;
  readonly TrafficPolicyInstanceId?: string;
  readonly CidrRoutingConfig?: Readonly<Record<string, string>>;
  readonly GeoProximityLocation?: Readonly<Record<string, unknown>>;
}

export const recordKey = (r: Pick<RecordSet, 'Name' | 'Type' | 'SetIdentifier'>): string => `${r.Name}|${r.Type}|${r.SetIdentifier ?? ''}`;

/** [name='www.example.com.', type='A'] with set-identifier for routing-policy records, as Route 53 writes it. */
export const describeRecord = (r: Pick<RecordSet, 'Name' | 'Type' | 'SetIdentifier'>): string =>
  `[name='${r.Name}', type='${r.Type}'${r.SetIdentifier !== undefined ? `, set-identifier='${r.SetIdentifier}'` : ''}]`;

const ROUTING_FIELDS = [
  'Weight',
  'Region',
  'GeoLocation',
  'Failover',
  'MultiValueAnswer',
  'GeoProximityLocation',
  'CidrRoutingConfig',
] as const;

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

/** A DELETE must repeat the record as it is; optional fields the DELETE leaves out are not compared when the record never had them. */
export function sameValues(existing: RecordSet, requested: RecordSet): boolean {
  const values = (r: RecordSet) => [...(r.ResourceRecords ?? []).map((x) => x.Value)].sort();
  if (canonical(values(existing)) !== canonical(values(requested))) return false;
  if (existing.TTL !== requested.TTL) return false;
  if (canonical(existing.AliasTarget ?? null) !== canonical(requested.AliasTarget ?? null)) return false;
  if (existing.HealthCheckId !== requested.HealthCheckId) return false;
  for (const f of ROUTING_FIELDS) {
    if (f === 'MultiValueAnswer' && requested.MultiValueAnswer === undefined) continue;
    if (canonical(existing[f] ?? null) !== canonical(requested[f] ?? null)) return false;
  }
  return true;
}

const changeLabel = (action: string, r: RecordSet) =>
  `[Action=${action}, Name=${r.Name}, Type=${r.Type}, SetIdentifier=${r.SetIdentifier ?? 'null'}]`;

/** Structural rules Route 53 answers with InvalidInput (before looking at the zone's contents). */
export function checkShape(action: string, r: RecordSet): void {
  const alias = r.AliasTarget !== undefined;
  const plain = r.TTL !== undefined || r.ResourceRecords !== undefined;
  const policy = r.TrafficPolicyInstanceId !== undefined;
  const kinds = [alias, plain, policy].filter(Boolean).length;
  const complete = alias || policy || (r.TTL !== undefined && r.ResourceRecords !== undefined);
  if (kinds !== 1 || !complete) {
    const found = kinds > 1 ? 'more than one' : 'none';
    throw new AwsError(
      'InvalidInput',
      `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found ${found} in Change with ${changeLabel(action, r)}`,
    );
  }
  const routing = ROUTING_FIELDS.filter((f) => r[f] !== undefined);
  if (r.SetIdentifier !== undefined && routing.length !== 1) {
    throw new AwsError(
      'InvalidInput',
      `Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found ${routing.length === 0 ? 'none' : 'more than one'} in Change with ${changeLabel(action, r)}`,
    );
  }
  if (r.SetIdentifier === undefined && routing.length > 0) {
    throw new AwsError('InvalidInput', `Invalid request: Missing field 'SetIdentifier' in Change with ${changeLabel(action, r)}`);
  }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isIpv6 = (v: string): boolean => {
  if (!/^[0-9a-fA-F:.]+$/.test(v) || (v.match(/::/g) ?? []).length > 1) return false;
  const groups = v.split(':');
  return groups.length >= 3 && groups.length <= 8 && groups.every((g) => g === '' || /^[0-9a-fA-F]{1,4}$/.test(g) || IPV4.test(g));
};

/** Value problems Route 53 reports inside InvalidChangeBatch ("Invalid Resource Record: FATAL problem: ..."). */
export function valueProblem(r: RecordSet): string | undefined {
  for (const { Value: v } of r.ResourceRecords ?? []) {
    if (r.Type === 'A' && !IPV4.test(v))
      return `Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '${v}''`;
    if (r.Type === 'AAAA' && !isIpv6(v))
      return `Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '${v}''`;
    if ((r.Type === 'TXT' || r.Type === 'SPF') && !/^".*"$/s.test(v.trim()))
      return `Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '${v}''`;
  }
  return undefined;
}

/** Input → stored form: names normalised; throws InvalidChangeBatch-style problems as strings via the result. */
export function normalizeRecord(
  raw: RecordSet,
): { readonly kind: 'ok'; readonly record: RecordSet } | { readonly kind: 'invalid'; readonly problem: string } {
  const name = normalizeName(raw.Name);
  if (name.kind === 'invalid') return { kind: 'invalid', problem: `FATAL problem: ${name.problem}` };
  let alias = raw.AliasTarget;
  if (alias) {
    const target = normalizeName(alias.DNSName);
    if (target.kind === 'invalid') return { kind: 'invalid', problem: `FATAL problem: ${target.problem}` };
    alias = {
      HostedZoneId: alias.HostedZoneId.split('/').pop() ?? alias.HostedZoneId,
      DNSName: target.name,
      EvaluateTargetHealth: alias.EvaluateTargetHealth,
    };
  }
  return { kind: 'ok', record: { ...raw, Name: name.name, ...(alias ? { AliasTarget: alias } : {}) } };
}
