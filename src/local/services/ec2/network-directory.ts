// The EC2 seam other services use: subnets, security groups, VPCs and instances by id, lenient until networking is created.
import type { InstanceInfo, NetworkDirectory, SubnetInfo } from '../../env.js';
import { zoneName } from './default-network.js';
import type { Ec2Context } from './ec2-context.js';
import { instanceSize } from './instance-types.js';

export function createNetworkDirectory(ctx: Ec2Context): NetworkDirectory {
  const { state, defaults } = ctx;
  /** Before any networking is created, unknown ids are taken as the default VPC's (made-up ids in existing set-ups). */
  const lenient = () => !state.createdNetworking;
  return {
    defaultVpcId: defaults.vpcId,
    defaultSecurityGroupId(vpcId = defaults.vpcId) {
      return [...state.groups.values()].find((g) => g.vpcId === vpcId && g.name === 'default')?.id;
    },
    subnets(ids) {
      const found: SubnetInfo[] = [];
      const missing: string[] = [];
      ids.forEach((id, i) => {
        const s = state.subnets.get(id);
        if (s) found.push({ subnetId: s.id, vpcId: s.vpcId, availabilityZone: s.availabilityZone });
        else if (lenient()) found.push({ subnetId: id, vpcId: defaults.vpcId, availabilityZone: zoneName(ctx.region, i) });
        else missing.push(id);
      });
      return { found, missing };
    },
    securityGroups(ids) {
      const found: Array<{ groupId: string; vpcId: string }> = [];
      const missing: string[] = [];
      for (const id of ids) {
        const g = state.groups.get(id);
        if (g) found.push({ groupId: g.id, vpcId: g.vpcId });
        else if (lenient()) found.push({ groupId: id, vpcId: defaults.vpcId });
        else missing.push(id);
      }
      return { found, missing };
    },
    vpcExists: (id) => state.vpcs.has(id) || lenient(),
    instance(id): InstanceInfo | undefined {
      const i = state.instances.get(id);
      if (!i) return undefined;
      const size = instanceSize(i.instanceType);
      return {
        instanceId: i.id,
        instanceType: i.instanceType,
        state: i.state,
        availabilityZone: i.availabilityZone,
        subnetId: i.subnetId,
        vpcId: i.vpcId,
        privateIpAddress: i.privateIpAddress,
        vcpus: size.vcpus,
        memoryMiB: size.memoryMiB,
      };
    },
  };
}
