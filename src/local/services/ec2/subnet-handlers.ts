// CreateSubnet, DescribeSubnets, DeleteSubnet: a block inside its VPC's, overlapping no other subnet, in one of the zones.
import { AwsError } from '../../aws-error.js';
import type { Handler } from '../../service.js';
import { newId, ZONE_LETTERS, zoneId, zoneName } from './default-network.js';
import { checkDryRun, page, setTags, specifiedTags, strings, tagList, type Ec2Context } from './ec2-context.js';
import { dependencyViolation, invalidValue, missingParameter, subnetNotFound } from './ec2-errors.js';
import { applyFilters } from './ec2-filters.js';
import type { SubnetRecord } from './ec2-state.js';
import { contains, overlaps, parseBlock } from './ipv4-cidr.js';
import { findVpc } from './vpc-handlers.js';

const SUBNET_FILTERS = [
  'subnet-id',
  'vpc-id',
  'availability-zone',
  'availability-zone-id',
  'availabilityZone',
  'cidr-block',
  'cidr',
  'cidrBlock',
  'default-for-az',
  'defaultForAz',
  'state',
  'owner-id',
  'subnet-arn',
];

/** Addresses AWS leaves free in a subnet: its size less the five it reserves, less the instances in it. */
const availableIps = (ctx: Ec2Context, s: SubnetRecord): number => {
  const block = parseBlock(s.cidrBlock);
  const used = [...ctx.state.instances.values()].filter((i) => i.subnetId === s.id && i.state !== 'terminated').length;
  return Math.max(0, (block?.size ?? 0) - 5 - used);
};

export const subnetArn = (ctx: Ec2Context, id: string) => `arn:aws:ec2:${ctx.region}:${ctx.accountId}:subnet/${id}`;

export function subnetView(ctx: Ec2Context, s: SubnetRecord) {
  return {
    SubnetId: s.id,
    SubnetArn: subnetArn(ctx, s.id),
    VpcId: s.vpcId,
    CidrBlock: s.cidrBlock,
    AvailabilityZone: s.availabilityZone,
    AvailabilityZoneId: s.availabilityZoneId,
    AvailableIpAddressCount: availableIps(ctx, s),
    DefaultForAz: s.defaultForAz,
    MapPublicIpOnLaunch: s.defaultForAz,
    State: 'available',
    OwnerId: ctx.accountId,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    Tags: tagList(ctx, s.id),
  };
}

function zoneIndex(ctx: Ec2Context, input: Record<string, unknown>): number {
  const name = input.AvailabilityZone as string | undefined;
  const id = input.AvailabilityZoneId as string | undefined;
  const indexes = ZONE_LETTERS.map((_, i) => i);
  if (name !== undefined) {
    const i = indexes.find((n) => zoneName(ctx.region, n) === name);
    if (i === undefined)
      throw invalidValue(
        `Value (${name}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${indexes.map((n) => zoneName(ctx.region, n)).join(', ')}.`,
      );
    return i;
  }
  if (id !== undefined) {
    const i = indexes.find((n) => zoneId(ctx.region, n) === id);
    if (i === undefined) throw invalidValue(`Value (${id}) for parameter availabilityZoneId is invalid.`);
    return i;
  }
  // AWS picks a zone for you; the sandbox takes the one with the fewest subnets of this VPC.
  return 0;
}

export function subnetHandlers(ctx: Ec2Context): Record<string, Handler> {
  const { state } = ctx;
  return {
    CreateSubnet(input) {
      const vpc = findVpc(ctx, String(input.VpcId));
      const cidr = input.CidrBlock as string | undefined;
      if (cidr === undefined) throw missingParameter('cidrBlock');
      const block = parseBlock(cidr);
      if (!block) throw invalidValue(`Value (${cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
      const vpcBlock = parseBlock(vpc.cidrBlock)!;
      if (!contains(vpcBlock, block) || block.prefix > 28) throw new AwsError('InvalidSubnet.Range', `The CIDR '${cidr}' is invalid.`);
      const siblings = [...state.subnets.values()].filter((s) => s.vpcId === vpc.id);
      if (siblings.some((s) => overlaps(parseBlock(s.cidrBlock)!, block)))
        throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${cidr}' conflicts with another subnet`);
      let zone = zoneIndex(ctx, input);
      if (input.AvailabilityZone === undefined && input.AvailabilityZoneId === undefined) {
        const counts = ZONE_LETTERS.map((_, i) => siblings.filter((s) => s.availabilityZone === zoneName(ctx.region, i)).length);
        zone = counts.indexOf(Math.min(...counts));
      }
      checkDryRun(input);
      const subnet: SubnetRecord = {
        id: newId('subnet'),
        vpcId: vpc.id,
        cidrBlock: cidr,
        availabilityZone: zoneName(ctx.region, zone),
        availabilityZoneId: zoneId(ctx.region, zone),
        defaultForAz: false,
        nextHost: 4,
      };
      state.subnets.set(subnet.id, subnet);
      state.createdNetworking = true;
      setTags(ctx, subnet.id, specifiedTags(input.TagSpecifications, 'subnet'));
      return { Subnet: subnetView(ctx, subnet) };
    },

    DescribeSubnets(input) {
      const ids = strings(input.SubnetIds);
      const missing = ids.filter((id) => !state.subnets.has(id));
      if (missing.length > 0) throw subnetNotFound(missing);
      const all = ids.length > 0 ? ids.map((id) => state.subnets.get(id)!) : [...state.subnets.values()];
      const hits = applyFilters(
        all,
        input.Filters,
        SUBNET_FILTERS,
        (s) => ({
          'subnet-id': [s.id],
          'vpc-id': [s.vpcId],
          'availability-zone': [s.availabilityZone],
          availabilityZone: [s.availabilityZone],
          'availability-zone-id': [s.availabilityZoneId],
          'cidr-block': [s.cidrBlock],
          cidr: [s.cidrBlock],
          cidrBlock: [s.cidrBlock],
          'default-for-az': [String(s.defaultForAz)],
          defaultForAz: [String(s.defaultForAz)],
          state: ['available'],
          'owner-id': [ctx.accountId],
          'subnet-arn': [subnetArn(ctx, s.id)],
        }),
        (s) => state.tags.get(s.id),
      );
      const p = page(hits, input, `subnets/${JSON.stringify([ids, input.Filters])}`);
      return { Subnets: p.items.map((s) => subnetView(ctx, s)), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
    },

    DeleteSubnet(input) {
      const id = String(input.SubnetId);
      if (!state.subnets.has(id)) throw subnetNotFound([id]);
      checkDryRun(input);
      if ([...state.instances.values()].some((i) => i.subnetId === id && i.state !== 'terminated'))
        throw dependencyViolation(`The subnet '${id}' has dependencies and cannot be deleted.`);
      state.subnets.delete(id);
      state.tags.delete(id);
      return {};
    },
  };
}
