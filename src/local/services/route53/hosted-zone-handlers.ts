// CreateHostedZone, GetHostedZone, ListHostedZones, ListHostedZonesByName, DeleteHostedZone and GetChange.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import type { Handler } from '../../service.js';
import { compareNames, normalizeName } from './dns-name.js';
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
      if (input.DelegationSetId !== undefined)
        throw new AwsError('NoSuchDelegationSet', `A reusable delegation set with the ID ${String(input.DelegationSetId)} does not exist.`);
      const config = input.HostedZoneConfig as { Comment?: string; PrivateZone?: boolean } | undefined;
      const vpc = input.VPC as Partial<Vpc> | undefined;
      if (vpc && (!vpc.VPCId || !vpc.VPCRegion)) throw invalidInput('A VPC requires both VPCId and VPCRegion.');
      if (config?.PrivateZone && !vpc) throw invalidInput('A private hosted zone requires a VPC (VPCId and VPCRegion).');
      const privateZone = vpc !== undefined;
      const nameServers = privateZone ? PRIVATE_NAME_SERVERS : publicNameServers();
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
      };
      store.zones.set(zone.id, zone);
      const change = submitChange(env, store, undefined);
      return {
        HostedZone: hostedZoneOutput(zone),
        ChangeInfo: changeInfo(change, now()),
        DelegationSet: { NameServers: [...nameServers] },
        ...(vpc ? { VPC: zone.vpcs[0] } : {}),
        Location: `${env.endpoint()}/2013-04-01/hostedzone/${zone.id}`,
      };
    },
    GetHostedZone: (input) => {
      const zone = visibleZone(env, store, input.Id);
      return {
        HostedZone: hostedZoneOutput(zone),
        ...(zone.privateZone ? { VPCs: zone.vpcs } : { DelegationSet: { NameServers: [...zone.nameServers] } }),
      };
    },
    ListHostedZones: (input) => {
      if (input.DelegationSetId !== undefined)
        throw new AwsError('NoSuchDelegationSet', `A reusable delegation set with the ID ${String(input.DelegationSetId)} does not exist.`);
      const size = pageSize(input.MaxItems, MAX_ZONES_PER_PAGE);
      const zones = [...store.zones.values()].filter(
        (z) => env.consistency.visible(z.stamp) && (input.HostedZoneType !== 'PrivateHostedZone' || z.privateZone),
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
    GetChange: (input) => {
      const id = String(input.Id).split('/').pop() ?? '';
      const change = store.changes.get(id);
      if (!change) throw noSuchChange(id);
      return { ChangeInfo: changeInfo(change, now()) };
    },
  };
}
