// The default VPC every account has in every region (172.31.0.0/16, a default subnet per zone, a default security group).
import { createHash } from 'node:crypto';
import { hexId } from '../../ids.js';
import type { Ec2State, GroupRecord, SubnetRecord } from './ec2-state.js';

/** The zones the sandbox gives every region. */
export const ZONE_LETTERS = ['a', 'b', 'c'] as const;

/** Default subnets are the first /20s of 172.31.0.0/16, one per zone, as AWS creates them. */
const DEFAULT_SUBNET_CIDRS = ['172.31.0.0/20', '172.31.16.0/20', '172.31.32.0/20'] as const;

/**
 * Stable ids for the default network of an account and region: the same hash ELBv2 used for its pretend VPC and default
 * security group before EC2 was served, so load balancers created before keep matching.
 */
export const stableId = (prefix: string, key: string): string => `${prefix}-${createHash('sha256').update(key).digest('hex').slice(0, 17)}`;

/** A new resource id in AWS's long form (17 hex digits). */
export const newId = (prefix: string): string => `${prefix}-${hexId(9).slice(0, 17)}`;

const DIRECTIONS: Readonly<Record<string, string>> = {
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  central: 'c',
  northeast: 'ne',
  southeast: 'se',
  northwest: 'nw',
  southwest: 'sw',
};

/** `us-east-1` → `use1`, `eu-central-1` → `euc1`, `ap-southeast-2` → `apse2`: the prefix of AWS's zone ids. */
export function regionCode(region: string): string {
  const [area = '', direction = '', number = ''] = region.split('-');
  return `${area}${DIRECTIONS[direction] ?? direction.charAt(0)}${number}`;
}

export const zoneName = (region: string, index: number): string => `${region}${ZONE_LETTERS[index % ZONE_LETTERS.length]}`;
export const zoneId = (region: string, index: number): string => `${regionCode(region)}-az${(index % ZONE_LETTERS.length) + 1}`;

export interface DefaultNetwork {
  readonly vpcId: string;
  readonly groupId: string;
  readonly subnetIds: readonly string[];
}

export function defaultNetworkIds(accountId: string, region: string): DefaultNetwork {
  return {
    vpcId: stableId('vpc', `vpc/${accountId}/${region}`),
    groupId: stableId('sg', `sg/${accountId}/${region}`),
    subnetIds: ZONE_LETTERS.map((letter) => stableId('subnet', `subnet/${accountId}/${region}/${letter}`)),
  };
}

/** A VPC's own `default` security group: all traffic from itself in, everything out. */
export function defaultGroup(id: string, vpcId: string): GroupRecord {
  return {
    id,
    name: 'default',
    description: 'default VPC security group',
    vpcId,
    rules: [
      { id: newId('sgr'), groupId: id, isEgress: false, ipProtocol: '-1', referencedGroupId: id },
      { id: newId('sgr'), groupId: id, isEgress: true, ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' },
    ],
  };
}

/** Fills an empty state with the default VPC, its subnets and its default security group. */
export function addDefaultNetwork(state: Ec2State, accountId: string, region: string): DefaultNetwork {
  const ids = defaultNetworkIds(accountId, region);
  state.vpcs.set(ids.vpcId, {
    id: ids.vpcId,
    cidrBlock: '172.31.0.0/16',
    isDefault: true,
    instanceTenancy: 'default',
    associationId: newId('vpc-cidr-assoc'),
  });
  ids.subnetIds.forEach((id, i) => {
    const subnet: SubnetRecord = {
      id,
      vpcId: ids.vpcId,
      cidrBlock: DEFAULT_SUBNET_CIDRS[i]!,
      availabilityZone: zoneName(region, i),
      availabilityZoneId: zoneId(region, i),
      defaultForAz: true,
      nextHost: 4,
    };
    state.subnets.set(id, subnet);
  });
  state.groups.set(ids.groupId, defaultGroup(ids.groupId, ids.vpcId));
  return ids;
}
