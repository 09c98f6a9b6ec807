// CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup and the target group attribute calls.
import { AwsError } from '../../../aws-error.js';
import { hexId } from '../../../ids.js';
import type { Handler, Input } from '../../../service.js';
import { applyTargetGroupAttributes, attributeList, defaultTargetGroupAttributes, type AttributeInput } from '../attributes.js';
import { checkArn, targetGroupArn } from '../elbv2-arns.js';
import { markerPage, strings, visible, type Elbv2Context } from '../elbv2-context.js';
import { loadBalancerNotFound, notEmulated, targetGroupNotFound, validation } from '../elbv2-errors.js';
import { targetGroupOutput } from '../elbv2-output.js';
import { targetGroupUsage, type TargetGroupRecord, type TargetType } from '../elbv2-state.js';
import { applyHealthCheck, healthCheckDefaults } from '../health-check-config.js';
import { checkTargetGroupName } from '../resource-names.js';
import { initialTags } from '../tag-list.js';
import { checkTargetGroupVpc } from '../network-checks.js';

/** DG quotas: target groups per Region. */
const MAX_TARGET_GROUPS = 3000;

function settingsFrom(input: Input): Omit<TargetGroupRecord, 'arn' | 'id' | 'attributes' | 'tags' | 'stamp'> {
  const name = String(input.Name);
  checkTargetGroupName(name);
  const targetType = ((input.TargetType as string | undefined) ?? 'instance') as TargetType | 'alb';
  if (targetType === 'alb') throw notEmulated("Target type 'alb'");
  const protocol = input.Protocol as string | undefined;
  const port = input.Port as number | undefined;
  const vpcId = input.VpcId as string | undefined;
  const protocolVersion = input.ProtocolVersion as string | undefined;
  if (targetType === 'lambda') {
    if (protocol !== undefined) throw validation("A protocol cannot be specified for target groups with target type 'lambda'");
    if (port !== undefined) throw validation("A port cannot be specified for target groups with target type 'lambda'");
    if (vpcId !== undefined) throw validation("A VPC ID cannot be specified for target groups with target type 'lambda'");
  } else {
    if (protocol === undefined) throw validation('A protocol must be specified');
    if (port === undefined) throw validation('A port must be specified');
    if (vpcId === undefined) throw validation('A VPC ID must be specified');
    if (protocol !== 'HTTP' && protocol !== 'HTTPS') throw notEmulated(`Target group protocol '${protocol}'`);
    if (protocolVersion !== undefined && !['HTTP1', 'HTTP2', 'GRPC'].includes(protocolVersion)) {
      throw validation(`Protocol version '${protocolVersion}' must be one of 'HTTP1', 'HTTP2' or 'GRPC'`);
    }
  }
  const base = healthCheckDefaults(targetType, protocol, protocolVersion);
  return {
    name,
    targetType,
    ...(protocol !== undefined ? { protocol, protocolVersion: protocolVersion ?? 'HTTP1' } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(vpcId !== undefined ? { vpcId } : {}),
    ...(targetType !== 'lambda' ? { ipAddressType: (input.IpAddressType as string | undefined) ?? 'ipv4' } : {}),
    healthCheck: applyHealthCheck(base, input, targetType, protocolVersion),
  };
}

const sameSettings = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

export function targetGroupHandlers(ctx: Elbv2Context): Record<string, Handler> {
  const { state } = ctx;
  const find = (arn: string) => {
    const tg = state.targetGroups.get(checkArn('targetgroup', arn));
    if (!tg || !visible(ctx, tg)) throw targetGroupNotFound();
    return tg;
  };
  const output = (tg: TargetGroupRecord, usage = targetGroupUsage(state)) => targetGroupOutput(tg, [...(usage.get(tg.arn) ?? [])]);

  return {
    CreateTargetGroup(input) {
      const settings = settingsFrom(input);
      checkTargetGroupVpc(ctx, settings.vpcId);
      const existing = [...state.targetGroups.values()].find((tg) => tg.name === settings.name);
      if (existing) {
        const { arn: _a, id: _i, attributes: _at, tags: _t, stamp: _s, ...current } = existing;
        if (!sameSettings(current, settings))
          throw new AwsError(
            'DuplicateTargetGroupName',
            `A target group with the same name '${settings.name}' exists, but with different settings`,
          );
        return { TargetGroups: [output(existing)] };
      }
      if (state.targetGroups.size >= MAX_TARGET_GROUPS)
        throw new AwsError('TooManyTargetGroups', `The quota for the number of target groups ('${MAX_TARGET_GROUPS}') has been reached`);
      const id = hexId(8);
      const arn = targetGroupArn(ctx.scope, settings.name, id);
      const tg: TargetGroupRecord = {
        ...settings,
        arn,
        id,
        attributes: defaultTargetGroupAttributes(settings.targetType),
        tags: initialTags(input.Tags, arn),
        stamp: ctx.env.consistency.stamp(),
      };
      state.targetGroups.set(arn, tg);
      return { TargetGroups: [output(tg)] };
    },

    DescribeTargetGroups(input) {
      const arns = strings(input.TargetGroupArns);
      const names = strings(input.Names);
      const lbArn = input.LoadBalancerArn as string | undefined;
      if ([arns.length > 0, names.length > 0, lbArn !== undefined].filter(Boolean).length > 1) {
        throw validation('Only one of load balancer ARN, target group ARNs or target group names can be specified');
      }
      const usage = targetGroupUsage(state);
      let selected: TargetGroupRecord[];
      if (arns.length > 0) selected = arns.map(find);
      else if (names.length > 0) {
        selected = names.map((n) => {
          const tg = [...state.targetGroups.values()].find((t) => t.name === n && visible(ctx, t));
          if (!tg) throw new AwsError('TargetGroupNotFound', `Target groups '[${n}]' not found`);
          return tg;
        });
      } else if (lbArn !== undefined) {
        const lb = state.loadBalancers.get(checkArn('loadbalancer', lbArn));
        if (!lb || !visible(ctx, lb)) throw loadBalancerNotFound();
        selected = [...state.targetGroups.values()].filter((tg) => usage.get(tg.arn)?.has(lbArn) && visible(ctx, tg));
      } else selected = [...state.targetGroups.values()].filter((tg) => visible(ctx, tg));
      const page = markerPage(selected, input, `tg:${arns.join()}:${names.join()}:${lbArn ?? ''}`);
      return { TargetGroups: page.items.map((tg) => output(tg, usage)), ...(page.NextMarker ? { NextMarker: page.NextMarker } : {}) };
    },

    ModifyTargetGroup(input) {
      const tg = find(String(input.TargetGroupArn));
      const healthCheck = applyHealthCheck(tg.healthCheck, input, tg.targetType, tg.protocolVersion);
      const next = { ...tg, healthCheck, stamp: ctx.env.consistency.stamp() };
      state.targetGroups.set(tg.arn, next);
      ctx.groupChanged(tg.arn);
      ctx.targets.restartChecks(tg.arn);
      return { TargetGroups: [output(next)] };
    },

    DeleteTargetGroup(input) {
      const arn = checkArn('targetgroup', String(input.TargetGroupArn));
      if (!state.targetGroups.has(arn)) return {};
      if (targetGroupUsage(state).has(arn))
        throw new AwsError('ResourceInUse', `Target group '${arn}' is currently in use by a listener or a rule`);
      state.targetGroups.delete(arn);
      ctx.targets.dropGroup(arn);
      ctx.groupChanged(arn);
      return {};
    },

    DescribeTargetGroupAttributes(input) {
      return { Attributes: attributeList(find(String(input.TargetGroupArn)).attributes) };
    },

    ModifyTargetGroupAttributes(input) {
      const tg = find(String(input.TargetGroupArn));
      const attributes = applyTargetGroupAttributes(tg.attributes, input.Attributes as AttributeInput[], tg.targetType);
      state.targetGroups.set(tg.arn, { ...tg, attributes });
      ctx.groupChanged(tg.arn);
      return { Attributes: attributeList(attributes) };
    },
  };
}
