// Applies a ChangeBatch to a zone's record sets, all or nothing: every change is checked in order on a working copy.
import { isInZone } from './dns-name.js';
import { checkShape, describeRecord, normalizeRecord, recordKey, sameValues, valueProblem, type RecordSet } from './record-set.js';

export type ChangeAction = 'CREATE' | 'DELETE' | 'UPSERT';

export interface Change {
  readonly Action: ChangeAction;
  readonly ResourceRecordSet: RecordSet;
}

export interface ZoneView {
  readonly id: string;
  readonly name: string;
  readonly records: readonly RecordSet[];
}

export type BatchResult =
  | { readonly kind: 'applied'; readonly records: readonly RecordSet[] }
  | { readonly kind: 'rejected'; readonly messages: readonly string[] };

/** Route 53 quotas per request: 1,000 ResourceRecord elements and 32,000 value characters, UPSERT counting twice. */
export const MAX_RECORDS_PER_BATCH = 1000;
export const MAX_VALUE_CHARS_PER_BATCH = 32_000;

function limitProblems(changes: readonly Change[]): string[] {
  let records = 0;
  let chars = 0;
  for (const c of changes) {
    const weight = c.Action === 'UPSERT' ? 2 : 1;
    const values = c.ResourceRecordSet.ResourceRecords ?? [];
    records += weight * Math.max(values.length, c.ResourceRecordSet.AliasTarget ? 1 : 0);
    chars += weight * values.reduce((n, v) => n + v.Value.length, 0);
  }
  const out: string[] = [];
  if (records > MAX_RECORDS_PER_BATCH) out.push(`Number of records limit of ${MAX_RECORDS_PER_BATCH} exceeded.`);
  if (chars > MAX_VALUE_CHARS_PER_BATCH) out.push(`Number of characters in value limit of ${MAX_VALUE_CHARS_PER_BATCH} exceeded.`);
  return out;
}

/** Conflicts and dangling same-zone aliases, judged on the state the whole batch leaves behind. */
function finalStateProblems(zone: ZoneView, working: ReadonlyMap<string, RecordSet>, touched: readonly RecordSet[]): string[] {
  const out: string[] = [];
  const all = [...working.values()];
  for (const r of touched) {
    if (!working.has(recordKey(r))) continue;
    const others = all.filter((o) => o.Name === r.Name && o.Type !== r.Type);
    if (r.Type === 'CNAME' && others.length > 0) {
      out.push(
        `RRSet of type CNAME with DNS name ${r.Name} is not permitted as it conflicts with other records with the same DNS name in zone ${zone.name}`,
      );
    } else if (r.Type !== 'CNAME' && others.some((o) => o.Type === 'CNAME')) {
      out.push(
        `RRSet of type ${r.Type} with DNS name ${r.Name} is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone ${zone.name}`,
      );
    }
    const alias = r.AliasTarget;
    if (
      alias &&
      alias.HostedZoneId === zone.id &&
      !all.some((o) => o.Name === alias.DNSName && (o.Type === r.Type || o.Type === 'CNAME'))
    ) {
      out.push(`Tried to create an alias that targets ${alias.DNSName}, type ${r.Type} in zone ${zone.id}, but that target was not found`);
    }
  }
  return out;
}

/** Throws InvalidInput for malformed changes; otherwise returns the new record list or every problem found. */
export function applyChangeBatch(zone: ZoneView, changes: readonly Change[]): BatchResult {
  for (const c of changes) checkShape(c.Action, c.ResourceRecordSet);
  const messages = limitProblems(changes);
  const working = new Map(zone.records.map((r) => [recordKey(r), r] as const));
  const touched: RecordSet[] = [];
  for (const change of changes) {
    const normal = normalizeRecord(change.ResourceRecordSet);
    if (normal.kind === 'invalid') {
      messages.push(normal.problem);
      continue;
    }
    const r = normal.record;
    if (!isInZone(r.Name, zone.name)) {
      messages.push(`RRSet with DNS name ${r.Name} is not permitted in zone ${zone.name}`);
      continue;
    }
    const problem = valueProblem(r);
    if (problem) {
      messages.push(problem);
      continue;
    }
    const key = recordKey(r);
    const existing = working.get(key);
    const apex = r.Name === zone.name;
    if (change.Action !== 'DELETE' && r.Type === 'CNAME' && apex) {
      messages.push(`RRSet of type CNAME with DNS name ${r.Name} is not permitted at apex in zone ${zone.name}`);
      continue;
    }
    switch (change.Action) {
      case 'CREATE':
        if (existing) {
          messages.push(`Tried to create resource record set ${describeRecord(r)} but it already exists`);
          continue;
        }
        working.set(key, r);
        touched.push(r);
        break;
      case 'UPSERT':
        working.set(key, r);
        touched.push(r);
        break;
      case 'DELETE':
        if (!existing) {
          messages.push(`Tried to delete resource record set ${describeRecord(r)} but it was not found`);
          continue;
        }
        if (!sameValues(existing, r)) {
          messages.push(`Tried to delete resource record set ${describeRecord(r)} but the values provided do not match the current values`);
          continue;
        }
        if (apex && r.Type === 'SOA') {
          messages.push('A HostedZone must contain exactly one SOA record.');
          continue;
        }
        if (apex && r.Type === 'NS') {
          messages.push('A HostedZone must contain at least one NS record for the zone itself.');
          continue;
        }
        working.delete(key);
        break;
    }
  }
  messages.push(...finalStateProblems(zone, working, touched));
  return messages.length > 0 ? { kind: 'rejected', messages } : { kind: 'applied', records: [...working.values()] };
}
