// CreateHostedZone, GetHostedZone, ListHostedZones, ListHostedZonesByName, DeleteHostedZone and GetChange.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import type { Handler } from '../../service.js';
import { delegationSetOutput, findDelegationSet } from './delegation-set-handlers.js';
import { compareNames, isInZone, normalizeName } from './dns-name.js';
import { invalidDomainName, invalidInput, noSuchChange, noSuchHostedZone, pageSize } from './route53-errors.js';
import {
  defaultRecords,
  newZoneId,
  PRIVATE_NAME_SERVERS,
  publicNameServers,
  type Route53Store,
  type Vpc,
  type ZoneState,
} from './route53-store.js';
import { changeInfo, submitChange } from './zone-changes.js';

export const MAX_ZONES_PER_PAGE = 100;

export const hostedZoneOutput = (z: ZoneState): Record<string, unknown> => ({
  Id: `/hostedzone/${z.id}`,
  Name: z.name,
  CallerReference: z.callerReference,
  Config: { ...(z.comment !== undefined ? { Comment: z.comment } : {}), PrivateZone: z.privateZone },
  ResourceRecordSetCount: z.records.length,
});

/** A public zone's name servers; a zone created with (or marked as) a reusable delegation set also shows the set. */
const zoneDelegationSet = (store: Route53Store, zone: ZoneState): Record<string, unknown> => {
  const shared = zone.delegationSetId === undefined ? undefined : store.delegationSets.get(zone.delegationSetId);
  return shared ? delegationSetOutput(shared) : { NameServers: [...zone.nameServers] };
};

/** Reads see a zone once its eventual-consistency stamp is visible. */
export function visibleZone(env: SandboxEnv, store: Route53Store, id: unknown): ZoneState {
  const bare = String(id).split('/').pop() ?? '';
  const zone = store.zones.get(bare);
  if (!zone || !env.consistency.visible(zone.stamp)) throw noSuchHostedZone(bare);
  return zone;
}

export function hostedZoneHandlers(env: SandboxEnv, store: Route53Store): Record<string, Handler> {
  const now = () => env.clock.now().getTime();
  return {
    CreateHostedZone: (input) => {
      const name = normalizeName(String(input.Name));
      if (name.kind === 'invalid' || name.name === '.')
        throw invalidDomainName(`${String(input.Name)} is not a valid domain name${name.kind === 'invalid' ? `: ${name.problem}` : ''}`);
      const callerReference = String(input.CallerReference);
      if ([...store.zones.values()].some((z) => z.callerReference === callerReference)) {
        throw new AwsError(
          'HostedZoneAlreadyExists',
          `A hosted zone has already been created with the specified caller reference (${callerReference}).`,
          409,
        );
      }
      const config = input.HostedZoneConfig as { Comment?: string; PrivateZone?: boolean } | undefined;
      const vpc = input.VPC as Partial<Vpc> | undefined;
      if (vpc && (!vpc.VPCId || !vpc.VPCRegion)) throw invalidInput('A VPC requires both VPCId and VPCRegion.');
      if (config?.PrivateZone && !vpc) throw invalidInput('A private hosted zone requires a VPC (VPCId and VPCRegion).');
      const privateZone = vpc !== undefined;
      const shared = input.DelegationSetId === undefined ? undefined : findDelegationSet(store, input.DelegationSetId);
      if (shared && privateZone) throw invalidInput("A reusable delegation set can't be associated with a private hosted zone.");
      // Zones of one name, or parent and child, can't share name servers [API ConflictingDomainExists].
      const related = (z: ZoneState) => isInZone(z.name, name.name) || isInZone(name.name, z.name);
      if (shared && [...store.zones.values()].some((z) => z.delegationSetId === shared.id && related(z))) {
        throw new AwsError(
          'ConflictingDomainExists',
          `Cannot create hosted zone ${name.name} with DelegationSetId ${shared.id}: its name conflicts with a zone that shares the delegation set.`,
        );
      }
      const nameServers = shared ? shared.nameServers : privateZone ? PRIVATE_NAME_SERVERS : publicNameServers();
      const zone: ZoneState = {
        id: newZoneId(),
        name: name.name,
        callerReference,
        privateZone,
        nameServers,
        vpcs: vpc ? [{ VPCId: vpc.VPCId!, VPCRegion: vpc.VPCRegion! }] : [],
        ...(config?.Comment !== undefined ? { comment: config.Comment } : {}),
        records: defaultRecords(name.name, nameServers),
        stamp: env.consistency.stamp(),
        ...(shared ? { delegationSetId: shared.id } : {}),
      };
      store.zones.set(zone.id, zone);
      const change = submitChange(env, store, undefined);
      return {
        HostedZone: hostedZoneOutput(zone),
        ChangeInfo: changeInfo(change, now()),
        DelegationSet: zoneDelegationSet(store, zone),
        ...(vpc ? { VPC: zone.vpcs[0] } : {}),
        Location: `${env.endpoint()}/2013-04-01/hostedzone/${zone.id}`,
      };
    },
    GetHostedZone: (input) => {
      const zone = visibleZone(env, store, input.Id);
      return {
        HostedZone: hostedZoneOutput(zone),
        ...(zone.privateZone ? { VPCs: zone.vpcs } : { DelegationSet: zoneDelegationSet(store, zone) }),
      };
    },
    ListHostedZones: (input) => {
      const setId = input.DelegationSetId === undefined ? undefined : findDelegationSet(store, input.DelegationSetId).id;
      const size = pageSize(input.MaxItems, MAX_ZONES_PER_PAGE);
      const zones = [...store.zones.values()].filter(
        (z) =>
          env.consistency.visible(z.stamp) &&
          (input.HostedZoneType !== 'PrivateHostedZone' || z.privateZone) &&
          (setId === undefined || z.delegationSetId === setId),
      );
      let start = 0;
      if (input.Marker !== undefined) {
        start = zones.findIndex((z) => z.id === input.Marker);
        if (start < 0) throw invalidInput(`The marker ${String(input.Marker)} is not valid.`);
      }
      const page = zones.slice(start, start + size);
      const next = zones[start + size];
      return {
        HostedZones: page.map(hostedZoneOutput),
        ...(input.Marker !== undefined ? { Marker: input.Marker } : {}),
        IsTruncated: next !== undefined,
        ...(next ? { NextMarker: next.id } : {}),
        MaxItems: String(size),
      };
    },
    ListHostedZonesByName: (input) => {
      if (input.HostedZoneId !== undefined && input.DNSName === undefined) throw invalidInput('HostedZoneId requires DNSName.');
      const size = pageSize(input.MaxItems, MAX_ZONES_PER_PAGE);
      const zones = [...store.zones.values()]
        .filter((z) => env.consistency.visible(z.stamp))
        .sort((a, b) => compareNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      let start = 0;
      if (input.DNSName !== undefined) {
        const name = normalizeName(String(input.DNSName));
        if (name.kind === 'invalid') throw invalidDomainName(`${String(input.DNSName)} is not a valid domain name: ${name.problem}`);
        const id = input.HostedZoneId === undefined ? '' : String(input.HostedZoneId).split('/').pop()!;
        start = zones.findIndex((z) => compareNames(z.name, name.name) > 0 || (compareNames(z.name, name.name) === 0 && z.id >= id));
        if (start < 0) start = zones.length;
      }
      const page = zones.slice(start, start + size);
      const next = zones[start + size];
      return {
        HostedZones: page.map(hostedZoneOutput),
        ...(input.DNSName !== undefined ? { DNSName: input.DNSName } : {}),
        ...(input.HostedZoneId !== undefined ? { HostedZoneId: input.HostedZoneId } : {}),
        IsTruncated: next !== undefined,
        ...(next ? { NextDNSName: next.name, NextHostedZoneId: next.id } : {}),
        MaxItems: String(size),
      };
    },
    DeleteHostedZone: (input) => {
      const zone = visibleZone(env, store, input.Id);
      const extra = zone.records.filter((r) => !(r.Name === zone.name && (r.Type === 'SOA' || r.Type === 'NS')));
      if (extra.length > 0)
        throw new AwsError(
          'HostedZoneNotEmpty',
          'The specified hosted zone contains non-required resource record sets and so cannot be deleted.',
        );
      store.zones.delete(zone.id);
      return { ChangeInfo: changeInfo(submitChange(env, store, undefined), now()) };
    },
    GetHostedZoneCount: () => ({ HostedZoneCount: [...store.zones.values()].filter((z) => env.consistency.visible(z.stamp)).length }),
    GetChange: (input) => {
      const id = String(input.Id).split('/').pop() ?? '';
      const change = store.changes.get(id);
      if (!change) throw noSuchChange(id);
      return { ChangeInfo: changeInfo(change, now()) };
    },
  };
}
