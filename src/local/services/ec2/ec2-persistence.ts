// --state-dir support for EC2: the records of one account and region as JSON, and back (instances finish their transitions).
import type { Ec2State, GroupRecord, InstanceRecord, InstanceStateName, SubnetRecord, VpcRecord } from './ec2-state.js';

interface Ec2Snapshot {
  readonly vpcs: VpcRecord[];
  readonly subnets: SubnetRecord[];
  readonly groups: GroupRecord[];
  readonly instances: Array<Omit<InstanceRecord, 'launchTime'> & { readonly launchTime: string }>;
  readonly tags: Array<[string, Array<[string, string]>]>;
  readonly createdNetworking: boolean;
}

export const snapshotEc2 = (state: Ec2State): Ec2Snapshot =>
  JSON.parse(
    JSON.stringify({
      vpcs: [...state.vpcs.values()],
      subnets: [...state.subnets.values()],
      groups: [...state.groups.values()],
      instances: [...state.instances.values()],
      tags: [...state.tags].map(([id, tags]) => [id, [...tags]]),
      createdNetworking: state.createdNetworking,
    }),
  ) as Ec2Snapshot;

/** Where an instance caught between states at save time ends up (its timer did not survive the restart). */
const SETTLED: Readonly<Partial<Record<InstanceStateName, InstanceStateName>>> = {
  pending: 'running',
  'shutting-down': 'terminated',
  stopping: 'stopped',
};

const isSnapshot = (v: unknown): v is Ec2Snapshot =>
  typeof v === 'object' &&
  v !== null &&
  ['vpcs', 'subnets', 'groups', 'instances', 'tags'].every((k) => Array.isArray((v as Record<string, unknown>)[k]));

/** Replaces the state's records in place (handlers and the network directory hold the maps). */
export function restoreEc2(state: Ec2State, saved: unknown): void {
  if (!isSnapshot(saved)) throw new Error('EC2 state in the state file has an unexpected shape; move the file away to start empty');
  for (const m of [state.vpcs, state.subnets, state.groups, state.instances, state.tags]) m.clear();
  for (const v of saved.vpcs) state.vpcs.set(v.id, v);
  for (const s of saved.subnets) state.subnets.set(s.id, s);
  for (const g of saved.groups) state.groups.set(g.id, g);
  for (const i of saved.instances) {
    const settled = SETTLED[i.state];
    state.instances.set(i.id, { ...i, launchTime: new Date(i.launchTime), ...(settled ? { state: settled } : {}) });
  }
  for (const [id, tags] of saved.tags) state.tags.set(id, new Map(tags));
  state.createdNetworking = saved.createdNetworking === true;
}
