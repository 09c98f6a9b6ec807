// EC2's records in one account and region: VPCs, subnets, security groups with their rules, instances, and tags.

export type InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

export interface VpcRecord {
  readonly id: string;
  readonly cidrBlock: string;
  readonly isDefault: boolean;
  readonly instanceTenancy: string;
  readonly associationId: string;
}

export interface SubnetRecord {
  readonly id: string;
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly availabilityZone: string;
  readonly availabilityZoneId: string;
  readonly defaultForAz: boolean;
  /** Next host offset handed to an instance (AWS keeps the first four addresses and the last one). */
  nextHost: number;
}

export interface RuleRecord {
  readonly id: string;
  readonly groupId: string;
  readonly isEgress: boolean;
  readonly ipProtocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly referencedGroupId?: string;
  readonly description?: string;
}

export interface GroupRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly vpcId: string;
  readonly rules: RuleRecord[];
}

export interface InstanceRecord {
  readonly id: string;
  readonly reservationId: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
  readonly privateIpAddress: string;
  readonly groupIds: readonly string[];
  readonly launchTime: Date;
  readonly amiLaunchIndex: number;
  readonly clientToken?: string;
  readonly keyName?: string;
  state: InstanceStateName;
  stateTransitionReason: string;
}

export interface Ec2State {
  readonly vpcs: Map<string, VpcRecord>;
  readonly subnets: Map<string, SubnetRecord>;
  readonly groups: Map<string, GroupRecord>;
  readonly instances: Map<string, InstanceRecord>;
  /** Tags by resource id. */
  readonly tags: Map<string, Map<string, string>>;
  /** Whether any VPC, subnet or security group was created: from then on unknown ids given to ECS and ELBv2 are errors. */
  createdNetworking: boolean;
}

export const emptyState = (): Ec2State => ({
  vpcs: new Map(),
  subnets: new Map(),
  groups: new Map(),
  instances: new Map(),
  tags: new Map(),
  createdNetworking: false,
});

/** EC2's numeric instance state codes. */
export const STATE_CODES: Readonly<Record<InstanceStateName, number>> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};
