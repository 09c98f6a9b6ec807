// Reusable delegation sets: four name servers several hosted zones share; Create (optionally from a zone), Get, List, Delete.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import type { Handler } from '../../service.js';
import { invalidInput, noSuchDelegationSet, pageSize } from './route53-errors.js';
import { newDelegationSetId, publicNameServers, type DelegationSetState, type Route53Store } from './route53-store.js';

/** Route 53's default quota of reusable delegation sets per account [DG R53 "Quotas"]. */
export const MAX_DELEGATION_SETS = 100;
const MAX_PER_PAGE = 100;

export const bareDelegationSetId = (id: unknown): string => String(id).split('/').pop() ?? '';

export const delegationSetOutput = (d: DelegationSetState): Record<string, unknown> => ({
  Id: `/delegationset/${d.id}`,
  CallerReference: d.callerReference,
  NameServers: [...d.nameServers],
});

/** The set a request names, or NoSuchDelegationSet. */
export function findDelegationSet(store: Route53Store, id: unknown): DelegationSetState {
  const d = store.delegationSets.get(bareDelegationSetId(id));
  if (!d) throw noSuchDelegationSet(String(id));
  return d;
}

export function delegationSetHandlers(env: SandboxEnv, store: Route53Store): Record<string, Handler> {
  return {
    CreateReusableDelegationSet: (input) => {
      const ref = String(input.CallerReference);
      if ([...store.delegationSets.values()].some((d) => d.callerReference === ref))
        throw new AwsError(
          'DelegationSetAlreadyCreated',
          'A delegation set with the same owner and caller reference combination has already been created.',
        );
      if (store.delegationSets.size >= MAX_DELEGATION_SETS)
        throw new AwsError('LimitsExceeded', `The account has reached the limit of ${MAX_DELEGATION_SETS} reusable delegation sets.`);
      let nameServers: readonly string[] = publicNameServers();
      const id = newDelegationSetId();
      if (input.HostedZoneId !== undefined) {
        // Marking a zone's own name servers reusable: the zone then belongs to the new set.
        const zoneId = String(input.HostedZoneId).split('/').pop() ?? '';
        const zone = store.zones.get(zoneId);
        if (!zone) throw new AwsError('HostedZoneNotFound', `The specified HostedZone can't be found: ${zoneId}`);
        if (zone.privateZone) throw invalidInput("A reusable delegation set can't be made from a private hosted zone.");
        if (zone.delegationSetId !== undefined)
          throw new AwsError('DelegationSetAlreadyReusable', 'The specified delegation set has already been marked as reusable.');
        nameServers = zone.nameServers;
        store.zones.set(zone.id, { ...zone, delegationSetId: id });
      }
      const d: DelegationSetState = { id, callerReference: ref, nameServers };
      store.delegationSets.set(id, d);
      return { DelegationSet: delegationSetOutput(d), Location: `${env.endpoint()}/2013-04-01/delegationset/${id}` };
    },
    GetReusableDelegationSet: (input) => ({ DelegationSet: delegationSetOutput(findDelegationSet(store, input.Id)) }),
    ListReusableDelegationSets: (input) => {
      const size = pageSize(input.MaxItems, MAX_PER_PAGE);
      const all = [...store.delegationSets.values()];
      let start = 0;
      if (input.Marker !== undefined) {
        start = all.findIndex((d) => d.id === bareDelegationSetId(input.Marker));
        if (start < 0) throw invalidInput(`The marker ${String(input.Marker)} is not valid.`);
      }
      const next = all[start + size];
      return {
        DelegationSets: all.slice(start, start + size).map(delegationSetOutput),
        Marker: input.Marker ?? '',
        IsTruncated: next !== undefined,
        ...(next ? { NextMarker: next.id } : {}),
        MaxItems: String(size),
      };
    },
    DeleteReusableDelegationSet: (input) => {
      const d = findDelegationSet(store, input.Id);
      if ([...store.zones.values()].some((z) => z.delegationSetId === d.id))
        throw new AwsError(
          'DelegationSetInUse',
          'The specified delegation contains associated hosted zones which must be deleted before the reusable delegation set can be deleted.',
        );
      store.delegationSets.delete(d.id);
      return {};
    },
  };
}
