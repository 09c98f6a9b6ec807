// RunInstances, DescribeInstances, TerminateInstances, DescribeInstanceStatus: instances are records, no machine runs.
import { AwsError } from '../../aws-error.js';
import type { Handler } from '../../service.js';
import { newId } from './default-network.js';
import { checkDryRun, page, setTags, specifiedTags, strings, tagList, type Ec2Context } from './ec2-context.js';
import {
  groupNameNotFound,
  groupNotFound,
  instanceNotFound,
  invalidValue,
  malformed,
  missingParameter,
  subnetNotFound,
} from './ec2-errors.js';
import { applyFilters } from './ec2-filters.js';
import { STATE_CODES, type InstanceRecord, type InstanceStateName, type SubnetRecord } from './ec2-state.js';
import { toAddress, parseBlock } from './ipv4-cidr.js';

/** Simulated time an instance stays `pending` after RunInstances, and `shutting-down` after TerminateInstances. */
export const PENDING_MS = 5_000;
export const SHUTTING_DOWN_MS = 5_000;

const INSTANCE_FILTERS = [
  'instance-id',
  'instance-state-name',
  'instance-state-code',
  'instance-type',
  'image-id',
  'subnet-id',
  'vpc-id',
  'availability-zone',
  'private-ip-address',
  'reservation-id',
  'instance.group-id',
  'group-id',
  'key-name',
];

export function instanceHandlers(ctx: Ec2Context): Record<string, Handler> {
  const { state } = ctx;
  const move = (id: string, from: InstanceStateName, to: InstanceStateName, afterMs: number) =>
    ctx.env.clock.after(afterMs, () => {
      const i = state.instances.get(id);
      if (i && i.state === from) i.state = to;
    });

  const stateView = (s: InstanceStateName) => ({ Code: STATE_CODES[s], Name: s });
  const view = (i: InstanceRecord) => ({
    InstanceId: i.id,
    ImageId: i.imageId,
    InstanceType: i.instanceType,
    State: stateView(i.state),
    StateTransitionReason: i.stateTransitionReason,
    PrivateIpAddress: i.state === 'terminated' ? undefined : i.privateIpAddress,
    PrivateDnsName: i.state === 'terminated' ? '' : privateDns(ctx.region, i.privateIpAddress),
    PublicDnsName: '',
    SubnetId: i.state === 'terminated' ? undefined : i.subnetId,
    VpcId: i.state === 'terminated' ? undefined : i.vpcId,
    Placement: { AvailabilityZone: i.availabilityZone, Tenancy: 'default', GroupName: '' },
    LaunchTime: i.launchTime,
    AmiLaunchIndex: i.amiLaunchIndex,
    Architecture: 'x86_64',
    Hypervisor: 'xen',
    VirtualizationType: 'hvm',
    RootDeviceType: 'ebs',
    RootDeviceName: '/dev/xvda',
    Monitoring: { State: 'disabled' },
    ...(i.keyName ? { KeyName: i.keyName } : {}),
    ...(i.clientToken ? { ClientToken: i.clientToken } : {}),
    SecurityGroups: i.groupIds.map((g) => ({ GroupId: g, GroupName: state.groups.get(g)?.name ?? '' })),
    Tags: tagList(ctx, i.id),
  });
  const reservationView = (reservationId: string, instances: readonly InstanceRecord[]) => ({
    ReservationId: reservationId,
    OwnerId: ctx.accountId,
    Groups: [],
    Instances: instances.map(view),
  });

  const pickSubnet = (input: Record<string, unknown>): SubnetRecord => {
    const nic = (Array.isArray(input.NetworkInterfaces) ? input.NetworkInterfaces : [])[0] as { SubnetId?: string } | undefined;
    const id = (input.SubnetId as string | undefined) ?? nic?.SubnetId;
    if (id !== undefined) {
      const s = state.subnets.get(id);
      if (!s) throw subnetNotFound([id]);
      return s;
    }
    const zone = (input.Placement as { AvailabilityZone?: string } | undefined)?.AvailabilityZone;
    const defaults = [...state.subnets.values()].filter((s) => s.vpcId === ctx.defaults.vpcId && s.defaultForAz);
    const hit = zone ? defaults.find((s) => s.availabilityZone === zone) : defaults[0];
    if (!hit) throw invalidValue(`Invalid availability zone: [${zone ?? ''}]`);
    return hit;
  };

  const pickGroups = (input: Record<string, unknown>, subnet: SubnetRecord): string[] => {
    const nic = (Array.isArray(input.NetworkInterfaces) ? input.NetworkInterfaces : [])[0] as { Groups?: string[] } | undefined;
    const ids = [...strings(input.SecurityGroupIds), ...(nic?.Groups ?? [])];
    for (const id of ids) {
      const g = state.groups.get(id);
      if (!g) throw groupNotFound(id);
      if (g.vpcId !== subnet.vpcId)
        throw new AwsError('InvalidParameter', `Security group ${id} and subnet ${subnet.id} belong to different networks.`);
    }
    for (const name of strings(input.SecurityGroups)) {
      const g = [...state.groups.values()].find((x) => x.vpcId === subnet.vpcId && x.name === name);
      if (!g) throw groupNameNotFound(name, subnet.vpcId);
      ids.push(g.id);
    }
    if (ids.length > 0) return ids;
    const fallback = [...state.groups.values()].find((g) => g.vpcId === subnet.vpcId && g.name === 'default');
    return fallback ? [fallback.id] : [];
  };

  const nextAddress = (subnet: SubnetRecord): string => {
    const block = parseBlock(subnet.cidrBlock)!;
    if (subnet.nextHost >= block.size - 1)
      throw new AwsError(
        'InsufficientFreeAddressesInSubnet',
        'There are not enough free addresses in subnet to satisfy the requested number of instances.',
      );
    const ip = toAddress(block.start + subnet.nextHost);
    subnet.nextHost++;
    return ip;
  };

  const lookup = (ids: readonly string[]): InstanceRecord[] => {
    for (const id of ids) if (!/^i-[0-9a-f]{8,17}$/.test(id)) throw malformed('InvalidInstanceID.Malformed', id, 'i');
    const missing = ids.filter((id) => !state.instances.has(id));
    if (missing.length > 0) throw instanceNotFound(missing);
    return ids.map((id) => state.instances.get(id)!);
  };

  return {
    RunInstances(input) {
      const min = Number(input.MinCount);
      const max = Number(input.MaxCount);
      if (min < 1) throw invalidValue(`Value (${min}) for parameter minCount is invalid. Expected a positive integer.`);
      if (max < min)
        throw invalidValue(
          `Value (${max}) for parameter maxCount is invalid. Expected a value greater than or equal to minCount (${min}).`,
        );
      const imageId = input.ImageId as string | undefined;
      if (imageId === undefined && input.LaunchTemplate === undefined) throw missingParameter('ImageId');
      if (imageId !== undefined && !/^ami-[0-9a-zA-Z]+$/.test(imageId)) throw malformed('InvalidAMIID.Malformed', imageId, 'ami');
      const token = input.ClientToken as string | undefined;
      if (token) {
        const earlier = [...state.instances.values()].filter((i) => i.clientToken === token);
        if (earlier.length > 0) return reservationView(earlier[0]!.reservationId, earlier);
      }
      const subnet = pickSubnet(input);
      const groupIds = pickGroups(input, subnet);
      checkDryRun(input);
      const reservationId = newId('r');
      const created: InstanceRecord[] = [];
      for (let n = 0; n < max; n++) {
        const instance: InstanceRecord = {
          id: newId('i'),
          reservationId,
          imageId: imageId ?? 'ami-00000000000000000',
          instanceType: (input.InstanceType as string | undefined) ?? 'm1.small',
          subnetId: subnet.id,
          vpcId: subnet.vpcId,
          availabilityZone: subnet.availabilityZone,
          privateIpAddress: nextAddress(subnet),
          groupIds,
          launchTime: new Date(Math.floor(ctx.env.clock.now().getTime() / 1000) * 1000),
          amiLaunchIndex: n,
          ...(token ? { clientToken: token } : {}),
          ...(input.KeyName ? { keyName: String(input.KeyName) } : {}),
          state: 'pending',
          stateTransitionReason: '',
        };
        state.instances.set(instance.id, instance);
        setTags(ctx, instance.id, specifiedTags(input.TagSpecifications, 'instance'));
        move(instance.id, 'pending', 'running', PENDING_MS);
        created.push(instance);
      }
      return reservationView(reservationId, created);
    },

    DescribeInstances(input) {
      const ids = strings(input.InstanceIds);
      const all = ids.length > 0 ? lookup(ids) : [...state.instances.values()];
      const hits = applyFilters(
        all,
        input.Filters,
        INSTANCE_FILTERS,
        (i) => ({
          'instance-id': [i.id],
          'instance-state-name': [i.state],
          'instance-state-code': [String(STATE_CODES[i.state])],
          'instance-type': [i.instanceType],
          'image-id': [i.imageId],
          'subnet-id': [i.subnetId],
          'vpc-id': [i.vpcId],
          'availability-zone': [i.availabilityZone],
          'private-ip-address': [i.privateIpAddress],
          'reservation-id': [i.reservationId],
          'instance.group-id': i.groupIds,
          'group-id': i.groupIds,
          'key-name': [i.keyName],
        }),
        (i) => state.tags.get(i.id),
      );
      const p = page(hits, input, `instances/${JSON.stringify([ids, input.Filters])}`);
      const byReservation = new Map<string, InstanceRecord[]>();
      for (const i of p.items) byReservation.set(i.reservationId, [...(byReservation.get(i.reservationId) ?? []), i]);
      return {
        Reservations: [...byReservation].map(([r, list]) => reservationView(r, list)),
        ...(p.NextToken ? { NextToken: p.NextToken } : {}),
      };
    },

    TerminateInstances(input) {
      const list = lookup(strings(input.InstanceIds));
      checkDryRun(input);
      return {
        TerminatingInstances: list.map((i) => {
          const previous = i.state;
          if (previous !== 'terminated' && previous !== 'shutting-down') {
            i.state = 'shutting-down';
            i.stateTransitionReason = `User initiated (${ctx.env.clock.now().toISOString().replace('T', ' ').slice(0, 19)} GMT)`;
            move(i.id, 'shutting-down', 'terminated', SHUTTING_DOWN_MS);
          }
          return { InstanceId: i.id, PreviousState: stateView(previous), CurrentState: stateView(i.state) };
        }),
      };
    },

    DescribeInstanceStatus(input) {
      const ids = strings(input.InstanceIds);
      const all = ids.length > 0 ? lookup(ids) : [...state.instances.values()];
      const shown = input.IncludeAllInstances === true ? all : all.filter((i) => i.state === 'running');
      const hits = applyFilters(
        shown,
        input.Filters,
        ['availability-zone', 'instance-state-name', 'instance-state-code', 'instance-status.status', 'system-status.status'],
        (i) => ({
          'availability-zone': [i.availabilityZone],
          'instance-state-name': [i.state],
          'instance-state-code': [String(STATE_CODES[i.state])],
          'instance-status.status': [i.state === 'running' ? 'ok' : 'not-applicable'],
          'system-status.status': [i.state === 'running' ? 'ok' : 'not-applicable'],
        }),
        () => undefined,
      );
      const p = page(hits, input, `status/${JSON.stringify([ids, input.Filters, input.IncludeAllInstances])}`);
      const summary = (i: InstanceRecord) => ({
        Status: i.state === 'running' ? 'ok' : 'not-applicable',
        Details: i.state === 'running' ? [{ Name: 'reachability', Status: 'passed' }] : [],
      });
      return {
        InstanceStatuses: p.items.map((i) => ({
          InstanceId: i.id,
          AvailabilityZone: i.availabilityZone,
          InstanceState: stateView(i.state),
          InstanceStatus: summary(i),
          SystemStatus: summary(i),
          Events: [],
        })),
        ...(p.NextToken ? { NextToken: p.NextToken } : {}),
      };
    },
  };
}

/** `ip-10-0-1-4.ec2.internal` in us-east-1, `ip-10-0-1-4.eu-central-1.compute.internal` elsewhere. */
export const privateDns = (region: string, ip: string): string =>
  `ip-${ip.replaceAll('.', '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}`;
