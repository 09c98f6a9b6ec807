// CreateSecurityGroup, DescribeSecurityGroups, DeleteSecurityGroup and their rules (Authorize/Revoke, DescribeSecurityGroupRules).
import { AwsError } from '../../aws-error.js';
import type { Handler } from '../../service.js';
import { newId } from './default-network.js';
import { checkDryRun, page, setTags, specifiedTags, strings, tagList, type Ec2Context } from './ec2-context.js';
import { dependencyViolation, groupNameNotFound, groupNotFound, invalidValue, ruleNotFound } from './ec2-errors.js';
import { applyFilters } from './ec2-filters.js';
import type { GroupRecord, RuleRecord } from './ec2-state.js';
import { describeRule, permissionsView, ruleView, rulesOf, sameRule } from './security-group-rules.js';
import { findVpc } from './vpc-handlers.js';

const GROUP_FILTERS = ['group-id', 'group-name', 'vpc-id', 'description', 'owner-id'];
const RULE_FILTERS = ['group-id', 'security-group-rule-id'];

export const groupArn = (ctx: Ec2Context, id: string) => `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${id}`;

export function securityGroupHandlers(ctx: Ec2Context): Record<string, Handler> {
  const { state } = ctx;

  const view = (g: GroupRecord) => ({
    GroupId: g.id,
    GroupName: g.name,
    Description: g.description,
    VpcId: g.vpcId,
    OwnerId: ctx.accountId,
    SecurityGroupArn: groupArn(ctx, g.id),
    IpPermissions: permissionsView(
      ctx,
      g.rules.filter((r) => !r.isEgress),
    ),
    IpPermissionsEgress: permissionsView(
      ctx,
      g.rules.filter((r) => r.isEgress),
    ),
    Tags: tagList(ctx, g.id),
  });

  /** By GroupId, or by GroupName in the default VPC (as the flat EC2-Classic-era parameters name groups). */
  const resolve = (ref: { GroupId?: string; GroupName?: string }): GroupRecord => {
    if (ref.GroupId !== undefined) {
      const g = state.groups.get(ref.GroupId);
      if (!g) throw groupNotFound(ref.GroupId);
      return g;
    }
    if (ref.GroupName !== undefined) {
      const g = [...state.groups.values()].find((x) => x.vpcId === ctx.defaults.vpcId && x.name === ref.GroupName);
      if (!g) throw groupNameNotFound(ref.GroupName, ctx.defaults.vpcId);
      return g;
    }
    throw new AwsError('MissingParameter', 'The request must contain the parameter groupName or groupId');
  };

  const authorize =
    (isEgress: boolean): Handler =>
    (input) => {
      const group = resolve({
        ...(input.GroupId !== undefined ? { GroupId: String(input.GroupId) } : {}),
        ...(input.GroupName !== undefined ? { GroupName: String(input.GroupName) } : {}),
      });
      const rules = rulesOf(group, isEgress, input, resolve);
      for (const r of rules) {
        if (group.rules.some((x) => sameRule(x, r)))
          throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRule(r)}" already exists`);
      }
      checkDryRun(input);
      group.rules.push(...rules);
      return { Return: true, SecurityGroupRules: rules.map((r) => ruleView(ctx, r)) };
    };

  const revoke =
    (isEgress: boolean): Handler =>
    (input) => {
      const group = resolve({
        ...(input.GroupId !== undefined ? { GroupId: String(input.GroupId) } : {}),
        ...(input.GroupName !== undefined ? { GroupName: String(input.GroupName) } : {}),
      });
      const ids = strings(input.SecurityGroupRuleIds);
      let gone: RuleRecord[];
      if (ids.length > 0) {
        gone = ids.map((id) => {
          const r = group.rules.find((x) => x.id === id && x.isEgress === isEgress);
          if (!r) throw ruleNotFound(id);
          return r;
        });
      } else {
        gone = rulesOf(group, isEgress, input, resolve).map((wanted) => {
          const r = group.rules.find((x) => sameRule(x, wanted));
          if (!r) throw new AwsError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
          return r;
        });
      }
      checkDryRun(input);
      const removed = new Set(gone.map((r) => r.id));
      const keep = group.rules.filter((r) => !removed.has(r.id));
      group.rules.length = 0;
      group.rules.push(...keep);
      return {
        Return: true,
        RevokedSecurityGroupRules: gone.map((r) => ({
          SecurityGroupRuleId: r.id,
          GroupId: r.groupId,
          IsEgress: r.isEgress,
          IpProtocol: r.ipProtocol,
          FromPort: r.fromPort,
          ToPort: r.toPort,
          CidrIpv4: r.cidrIpv4,
          CidrIpv6: r.cidrIpv6,
          ReferencedGroupId: r.referencedGroupId,
          Description: r.description,
        })),
      };
    };

  return {
    CreateSecurityGroup(input) {
      const name = String(input.GroupName);
      const vpcId = input.VpcId !== undefined ? findVpc(ctx, String(input.VpcId)).id : ctx.defaults.vpcId;
      if (name === 'default') throw new AwsError('InvalidGroup.Reserved', `The security group 'default' is reserved`);
      if (/^sg-/i.test(name)) throw invalidValue('Group names may not be in the format sg-*');
      if (name.length > 255) throw invalidValue(`Invalid value '${name}' for groupName. Length exceeds maximum of 255.`);
      if ([...state.groups.values()].some((g) => g.vpcId === vpcId && g.name === name))
        throw new AwsError('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpcId}'`);
      checkDryRun(input);
      const id = newId('sg');
      const group: GroupRecord = {
        id,
        name,
        description: String(input.Description),
        vpcId,
        rules: [{ id: newId('sgr'), groupId: id, isEgress: true, ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' }],
      };
      state.groups.set(id, group);
      state.createdNetworking = true;
      setTags(ctx, id, specifiedTags(input.TagSpecifications, 'security-group'));
      return { GroupId: id, SecurityGroupArn: groupArn(ctx, id), Tags: tagList(ctx, id) };
    },

    DescribeSecurityGroups(input) {
      const ids = strings(input.GroupIds);
      const names = strings(input.GroupNames);
      for (const id of ids) if (!state.groups.has(id)) throw groupNotFound(id);
      let all = [...state.groups.values()];
      if (ids.length > 0) all = all.filter((g) => ids.includes(g.id));
      if (names.length > 0) {
        for (const n of names)
          if (!all.some((g) => g.name === n && g.vpcId === ctx.defaults.vpcId)) throw groupNameNotFound(n, ctx.defaults.vpcId);
        all = all.filter((g) => names.includes(g.name) && g.vpcId === ctx.defaults.vpcId);
      }
      const hits = applyFilters(
        all,
        input.Filters,
        GROUP_FILTERS,
        (g) => ({
          'group-id': [g.id],
          'group-name': [g.name],
          'vpc-id': [g.vpcId],
          description: [g.description],
          'owner-id': [ctx.accountId],
        }),
        (g) => state.tags.get(g.id),
      );
      const p = page(hits, input, `groups/${JSON.stringify([ids, names, input.Filters])}`);
      return { SecurityGroups: p.items.map(view), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
    },

    DeleteSecurityGroup(input) {
      const group = resolve({
        ...(input.GroupId !== undefined ? { GroupId: String(input.GroupId) } : {}),
        ...(input.GroupName !== undefined ? { GroupName: String(input.GroupName) } : {}),
      });
      if (group.name === 'default')
        throw new AwsError('CannotDelete', `the specified group: "${group.id}" name: "default" cannot be deleted by a user`);
      const referenced =
        [...state.groups.values()].some((g) => g.id !== group.id && g.rules.some((r) => r.referencedGroupId === group.id)) ||
        [...state.instances.values()].some((i) => i.state !== 'terminated' && i.groupIds.includes(group.id));
      if (referenced) throw dependencyViolation(`resource ${group.id} has a dependent object`);
      checkDryRun(input);
      state.groups.delete(group.id);
      state.tags.delete(group.id);
      return { Return: true, GroupId: group.id };
    },

    AuthorizeSecurityGroupIngress: authorize(false),
    AuthorizeSecurityGroupEgress: authorize(true),
    RevokeSecurityGroupIngress: revoke(false),
    RevokeSecurityGroupEgress: revoke(true),

    DescribeSecurityGroupRules(input) {
      const ids = strings(input.SecurityGroupRuleIds);
      const all = [...state.groups.values()].flatMap((g) => g.rules);
      for (const id of ids) if (!all.some((r) => r.id === id)) throw ruleNotFound(id);
      const chosen = ids.length > 0 ? all.filter((r) => ids.includes(r.id)) : all;
      const hits = applyFilters(
        chosen,
        input.Filters,
        RULE_FILTERS,
        (r) => ({ 'group-id': [r.groupId], 'security-group-rule-id': [r.id] }),
        () => undefined,
      );
      const p = page(hits, input, `rules/${JSON.stringify([ids, input.Filters])}`);
      return { SecurityGroupRules: p.items.map((r) => ruleView(ctx, r)), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
    },
  };
}
