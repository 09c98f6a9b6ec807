// CreateVpc, DescribeVpcs, DeleteVpc: IPv4 blocks from /16 to /28; a VPC is deleted only once nothing is left in it.
import type { Handler } from '../../service.js';
import { defaultGroup, newId } from './default-network.js';
import { checkDryRun, page, setTags, specifiedTags, strings, tagList, type Ec2Context } from './ec2-context.js';
import { dependencyViolation, invalidValue, missingParameter, vpcNotFound } from './ec2-errors.js';
import { applyFilters } from './ec2-filters.js';
import type { VpcRecord } from './ec2-state.js';
import { parseBlock } from './ipv4-cidr.js';
import { AwsError } from '../../aws-error.js';

const VPC_FILTERS = ['vpc-id', 'cidr', 'cidr-block-association.cidr-block', 'is-default', 'state', 'owner-id', 'dhcp-options-id'];

export function vpcView(ctx: Ec2Context, v: VpcRecord) {
  return {
    VpcId: v.id,
    CidrBlock: v.cidrBlock,
    State: 'available',
    OwnerId: ctx.accountId,
    InstanceTenancy: v.instanceTenancy,
    IsDefault: v.isDefault,
    DhcpOptionsId: 'default',
    CidrBlockAssociationSet: [{ AssociationId: v.associationId, CidrBlock: v.cidrBlock, CidrBlockState: { State: 'associated' } }],
    Tags: tagList(ctx, v.id),
  };
}

export function findVpc(ctx: Ec2Context, id: string): VpcRecord {
  const vpc = ctx.state.vpcs.get(id);
  if (!vpc) throw vpcNotFound([id]);
  return vpc;
}

export function vpcHandlers(ctx: Ec2Context): Record<string, Handler> {
  const { state } = ctx;
  return {
    CreateVpc(input) {
      const cidr = input.CidrBlock as string | undefined;
      if (cidr === undefined) throw missingParameter('cidrBlock');
      const block = parseBlock(cidr);
      if (!block) throw invalidValue(`Value (${cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
      if (block.prefix < 16 || block.prefix > 28) throw new AwsError('InvalidVpc.Range', `The CIDR '${cidr}' is invalid.`);
      checkDryRun(input);
      const vpc: VpcRecord = {
        id: newId('vpc'),
        cidrBlock: cidr,
        isDefault: false,
        instanceTenancy: (input.InstanceTenancy as string | undefined) ?? 'default',
        associationId: newId('vpc-cidr-assoc'),
      };
      state.vpcs.set(vpc.id, vpc);
      const group = defaultGroup(newId('sg'), vpc.id);
      state.groups.set(group.id, group);
      state.createdNetworking = true;
      setTags(ctx, vpc.id, specifiedTags(input.TagSpecifications, 'vpc'));
      return { Vpc: vpcView(ctx, vpc) };
    },

    DescribeVpcs(input) {
      const ids = strings(input.VpcIds);
      const missing = ids.filter((id) => !state.vpcs.has(id));
      if (missing.length > 0) throw vpcNotFound(missing);
      const all = ids.length > 0 ? ids.map((id) => state.vpcs.get(id)!) : [...state.vpcs.values()];
      const hits = applyFilters(
        all,
        input.Filters,
        VPC_FILTERS,
        (v) => ({
          'vpc-id': [v.id],
          cidr: [v.cidrBlock],
          'cidr-block-association.cidr-block': [v.cidrBlock],
          'is-default': [String(v.isDefault)],
          state: ['available'],
          'owner-id': [ctx.accountId],
          'dhcp-options-id': ['default'],
        }),
        (v) => state.tags.get(v.id),
      );
      const p = page(hits, input, `vpcs/${JSON.stringify([ids, input.Filters])}`);
      return { Vpcs: p.items.map((v) => vpcView(ctx, v)), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
    },

    DeleteVpc(input) {
      const id = String(input.VpcId);
      findVpc(ctx, id);
      checkDryRun(input);
      const inUse =
        [...state.subnets.values()].some((s) => s.vpcId === id) ||
        [...state.groups.values()].some((g) => g.vpcId === id && g.name !== 'default');
      if (inUse) throw dependencyViolation(`The vpc '${id}' has dependencies and cannot be deleted.`);
      for (const g of [...state.groups.values()]) if (g.vpcId === id) state.groups.delete(g.id);
      state.vpcs.delete(id);
      state.tags.delete(id);
      return {};
    },
  };
}
