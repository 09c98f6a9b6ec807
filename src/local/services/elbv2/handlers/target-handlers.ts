// RegisterTargets, DeregisterTargets, DescribeTargetHealth: targets by IP (what ECS registers), instance id or Lambda ARN.
import { isIPv4, isIPv6 } from 'node:net';
import { AwsError } from '../../../aws-error.js';
import type { Handler } from '../../../service.js';
import { checkArn } from '../elbv2-arns.js';
import { visible, type Elbv2Context } from '../elbv2-context.js';
import { targetGroupNotFound, validation } from '../elbv2-errors.js';
import type { TargetGroupRecord } from '../elbv2-state.js';
import { describeHealth, NOT_REGISTERED } from '../target-health.js';
import type { TargetRef } from '../target-set.js';

interface TargetInput {
  readonly Id: string;
  readonly Port?: number;
  readonly AvailabilityZone?: string;
}

const invalidTarget = (message: string) => new AwsError('InvalidTarget', message);

function resolveTarget(tg: TargetGroupRecord, t: TargetInput): TargetRef {
  if (tg.targetType === 'ip') {
    const v6 = tg.ipAddressType === 'ipv6';
    if (v6 ? !isIPv6(t.Id) : !isIPv4(t.Id)) throw invalidTarget(`The IP address '${t.Id}' is not a valid ${v6 ? 'IPv6' : 'IPv4'} address`);
  } else if (tg.targetType === 'instance') {
    if (!/^i-[0-9a-f]{8,17}$/.test(t.Id)) throw invalidTarget(`The instance ID '${t.Id}' is not valid`);
  } else if (!/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/.test(t.Id)) {
    throw invalidTarget(`The Lambda function ARN '${t.Id}' is not valid`);
  }
  const port = tg.targetType === 'lambda' ? 0 : (t.Port ?? tg.port);
  if (port === undefined) throw validation(`A port must be specified for target '${t.Id}'`);
  return { id: t.Id, port, ...(t.AvailabilityZone ? { availabilityZone: t.AvailabilityZone } : {}) };
}

const targetOutput = (tg: TargetGroupRecord, t: TargetRef) => ({
  Id: t.id,
  ...(tg.targetType !== 'lambda' ? { Port: t.port } : {}),
  ...(t.availabilityZone ? { AvailabilityZone: t.availabilityZone } : {}),
});

export function targetHandlers(ctx: Elbv2Context): Record<string, Handler> {
  const find = (arn: string) => {
    const tg = ctx.state.targetGroups.get(checkArn('targetgroup', arn));
    if (!tg || !visible(ctx, tg)) throw targetGroupNotFound();
    return tg;
  };

  return {
    RegisterTargets(input) {
      const tg = find(String(input.TargetGroupArn));
      const targets = (input.Targets as TargetInput[]).map((t) => resolveTarget(tg, t));
      if (tg.targetType === 'lambda' && (targets.length > 1 || ctx.targets.registrations(tg.arn).some((r) => r.id !== targets[0]?.id))) {
        throw new AwsError('TooManyTargets', 'A target group with target type lambda can have only one target');
      }
      ctx.targets.register(tg.arn, targets);
      return {};
    },

    DeregisterTargets(input) {
      const tg = find(String(input.TargetGroupArn));
      const targets = (input.Targets as TargetInput[]).map((t) => resolveTarget(tg, t));
      // The call returns once draining has started; the target leaves the group when the delay ends.
      for (const t of targets) void ctx.targets.deregister(tg.arn, t);
      return {};
    },

    DescribeTargetHealth(input) {
      const tg = find(String(input.TargetGroupArn));
      const regs = ctx.targets.registrations(tg.arn);
      const include = Array.isArray(input.Include) && input.Include.length > 0;
      const hcPort = (port: number) => (tg.healthCheck.port === 'traffic-port' ? String(port) : tg.healthCheck.port);
      const describe = (t: TargetRef, health: ReturnType<typeof describeHealth>) => ({
        Target: targetOutput(tg, t),
        ...(tg.targetType !== 'lambda' ? { HealthCheckPort: hcPort(t.port) } : {}),
        TargetHealth: health,
        ...(include ? { AnomalyDetection: { Result: 'normal', MitigationInEffect: 'no' } } : {}),
      });
      const ofReg = (r: (typeof regs)[number]) => describe(r, describeHealth(r.health, r.draining, tg.healthCheck.enabled));
      const wanted = input.Targets as TargetInput[] | undefined;
      if (!wanted?.length) return { TargetHealthDescriptions: regs.map(ofReg) };
      const out = wanted.flatMap((w) => {
        const matches = regs.filter((r) => r.id === w.Id && (w.Port === undefined || r.port === w.Port));
        if (matches.length > 0) return matches.map(ofReg);
        return [describe(resolveTarget(tg, w), NOT_REGISTERED)];
      });
      return { TargetHealthDescriptions: out };
    },
  };
}
