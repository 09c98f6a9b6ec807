// ChangeResourceRecordSets (all-or-nothing batches) and ListResourceRecordSets (reversed-label order, 300 per page).
import type { SandboxEnv } from '../../env.js';
import type { Handler } from '../../service.js';
import { applyChangeBatch, type Change } from './change-batch.js';
import { compareNames, normalizeName } from './dns-name.js';
import { visibleZone } from './hosted-zone-handlers.js';
import { invalidChangeBatch, invalidInput, noSuchHealthCheck, pageSize } from './route53-errors.js';
import type { RecordSet } from './record-set.js';
import type { Route53Store } from './route53-store.js';
import { changeInfo, submitChange } from './zone-changes.js';

export const MAX_RECORDS_PER_PAGE = 300;

const compareRecords = (a: RecordSet, b: RecordSet): number =>
  compareNames(a.Name, b.Name) ||
  (a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0) ||
  ((a.SetIdentifier ?? '') < (b.SetIdentifier ?? '') ? -1 : (a.SetIdentifier ?? '') > (b.SetIdentifier ?? '') ? 1 : 0);

export function recordHandlers(env: SandboxEnv, store: Route53Store): Record<string, Handler> {
  return {
    ChangeResourceRecordSets: (input) => {
      const zone = visibleZone(env, store, input.HostedZoneId);
      const batch = input.ChangeBatch as { Changes: Change[]; Comment?: string };
      // A record that names a health check needs the check to exist when it is written (not when it is deleted).
      for (const c of batch.Changes) {
        const id = c.ResourceRecordSet.HealthCheckId;
        if (c.Action !== 'DELETE' && id !== undefined && !store.healthChecks.has(id)) throw noSuchHealthCheck(id);
      }
      const result = applyChangeBatch(zone, batch.Changes);
      if (result.kind === 'rejected') throw invalidChangeBatch(result.messages);
      zone.records = result.records;
      return { ChangeInfo: changeInfo(submitChange(env, store, batch.Comment), env.clock.now().getTime()) };
    },
    ListResourceRecordSets: (input) => {
      const zone = visibleZone(env, store, input.HostedZoneId);
      if (input.StartRecordType !== undefined && input.StartRecordName === undefined)
        throw invalidInput('The input is not valid: StartRecordType requires StartRecordName.');
      if (input.StartRecordIdentifier !== undefined && input.StartRecordType === undefined)
        throw invalidInput('The input is not valid: StartRecordIdentifier requires StartRecordName and StartRecordType.');
      const size = pageSize(input.MaxItems, MAX_RECORDS_PER_PAGE);
      const records = [...zone.records].sort(compareRecords);
      let start = 0;
      if (input.StartRecordName !== undefined) {
        const name = normalizeName(String(input.StartRecordName));
        if (name.kind === 'invalid') throw invalidInput(`The input is not valid: ${name.problem}`);
        const from: RecordSet = {
          Name: name.name,
          Type: String(input.StartRecordType ?? ''),
          ...(input.StartRecordIdentifier !== undefined ? { SetIdentifier: String(input.StartRecordIdentifier) } : {}),
        };
        start = records.findIndex((r) => compareRecords(r, from) >= 0);
        if (start < 0) start = records.length;
      }
      const page = records.slice(start, start + size);
      const next = records[start + size];
      return {
        ResourceRecordSets: page,
        IsTruncated: next !== undefined,
        ...(next
          ? {
              NextRecordName: next.Name,
              NextRecordType: next.Type,
              ...(next.SetIdentifier !== undefined ? { NextRecordIdentifier: next.SetIdentifier } : {}),
            }
          : {}),
        MaxItems: String(size),
      };
    },
  };
}
