// The baseline service: the stable revision at the canary's size, in a target group of its own, created from the canary
// service's settings for one release and removed after it. Found again by tag, so a resumed release reuses it.
import type * as ecs from '@aws-sdk/client-ecs';
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsErrorCode } from '../../aws/aws-call.js';
import type { EcsApi } from '../../aws/ecs-api.js';
import type { Elbv2Api } from '../../aws/elbv2-api.js';
import { CortadoError } from '../../core/errors.js';
import { forwardIndex } from '../routers/forward-weights.js';

export type BaselineEcs = Pick<EcsApi, 'describeServices' | 'createService' | 'updateService' | 'deleteService'>;
export type BaselineElb = Pick<
  Elbv2Api,
  | 'describeTargetGroups'
  | 'createTargetGroup'
  | 'deleteTargetGroup'
  | 'describeRules'
  | 'modifyRule'
  | 'describeListeners'
  | 'modifyListener'
>;

/** On the baseline service and its target group; the value is the stable service it stands in for. */
export const BASELINE_TAG = 'cortado:canary-baseline';

export interface BaselineWhere {
  readonly cluster: string;
  readonly stableService: string;
  readonly canaryService: string;
  readonly baselineService: string;
  readonly canaryTargetGroupArn: string;
  readonly stableTargetGroupArn: string;
  /** The weighted forward action: a listener rule, or a listener's default action. */
  readonly listenerRuleArn?: string;
  readonly listenerArn?: string;
}

/** Target group names are at most 32 characters: the canary group's name with a `-bl` suffix. */
export function baselineGroupName(canaryTargetGroupArn: string): string {
  const name = /:targetgroup\/([^/]+)\//.exec(canaryTargetGroupArn)?.[1] ?? 'canary';
  return `${name.slice(0, 29)}-bl`;
}

/**
 * Pure: the forward action with the baseline group at the canary's weight, taken from stable's share, so canary and
 * baseline see the same traffic: stable 100 − c − b, canary c, baseline b = min(c, 100 − c). `share` 0 drops the group.
 */
export function withBaselineShare(actions: readonly Action[], w: BaselineWhere, baselineTg: string, canary: number): Action[] {
  const i = forwardIndex(actions, w.listenerRuleArn ?? w.listenerArn ?? 'the route');
  const fwd = actions[i]!;
  const b = Math.max(0, Math.min(canary, 100 - canary));
  const groups = (fwd.ForwardConfig?.TargetGroups ?? (fwd.TargetGroupArn ? [{ TargetGroupArn: fwd.TargetGroupArn, Weight: 1 }] : []))
    .filter((g) => g.TargetGroupArn !== baselineTg)
    .map((g) => (g.TargetGroupArn === w.stableTargetGroupArn ? { ...g, Weight: 100 - canary - b } : g));
  if (b > 0) groups.push({ TargetGroupArn: baselineTg, Weight: b });
  const { TargetGroupArn: _single, ...rest } = fwd;
  const next: Action = { ...rest, ForwardConfig: { ...fwd.ForwardConfig, TargetGroups: groups } };
  return actions.map((a, j) => (j === i ? next : a));
}

const tag = (w: BaselineWhere) => ({ key: BASELINE_TAG, value: w.stableService });

export interface BaselineService {
  /** Creates (or updates) the target group and service: `revision` at `tasks`. Returns the target group ARN. */
  ensure(revision: string, tasks: number, signal: AbortSignal): Promise<string>;
  /** Gives the baseline the canary's share of requests (0: none). */
  setShare(canary: number, signal: AbortSignal): Promise<void>;
  /** Out of the forward action, service deleted, target group deleted; nothing left is not an error. */
  remove(signal: AbortSignal): Promise<void>;
  /** The baseline target group, when it exists. */
  targetGroup(signal: AbortSignal): Promise<string | undefined>;
}

export function createBaselineService(w: BaselineWhere, aws: { readonly ecs: BaselineEcs; readonly elb: BaselineElb }): BaselineService {
  const groupName = baselineGroupName(w.canaryTargetGroupArn);

  async function findGroup(signal: AbortSignal): Promise<string | undefined> {
    try {
      const out = await aws.elb.describeTargetGroups({ Names: [groupName] }, signal);
      return out.TargetGroups?.[0]?.TargetGroupArn;
    } catch (e) {
      if (awsErrorCode(e) === 'TargetGroupNotFoundException') return undefined;
      throw e;
    }
  }

  async function describe(service: string, signal: AbortSignal): Promise<ecs.Service | undefined> {
    const out = await aws.ecs.describeServices({ cluster: w.cluster, services: [service] }, signal);
    return out.services?.find((s) => s.status !== 'INACTIVE');
  }

  async function readActions(signal: AbortSignal): Promise<Action[]> {
    if (w.listenerRuleArn) return [...((await aws.elb.describeRules({ RuleArns: [w.listenerRuleArn] }, signal)).Rules?.[0]?.Actions ?? [])];
    return [...((await aws.elb.describeListeners({ ListenerArns: [w.listenerArn!] }, signal)).Listeners?.[0]?.DefaultActions ?? [])];
  }

  async function writeActions(actions: Action[], signal: AbortSignal): Promise<void> {
    if (w.listenerRuleArn) await aws.elb.modifyRule({ RuleArn: w.listenerRuleArn, Actions: actions }, signal);
    else await aws.elb.modifyListener({ ListenerArn: w.listenerArn!, DefaultActions: actions }, signal);
  }

  async function ensureGroup(signal: AbortSignal): Promise<string> {
    const existing = await findGroup(signal);
    if (existing) return existing;
    const canary = (await aws.elb.describeTargetGroups({ TargetGroupArns: [w.canaryTargetGroupArn] }, signal)).TargetGroups?.[0];
    if (!canary)
      throw new CortadoError('CANARY_BASELINE', `the canary target group ${w.canaryTargetGroupArn} was not found`, { source: 'aws' });
    const out = await aws.elb.createTargetGroup(
      {
        Name: groupName,
        Protocol: canary.Protocol,
        Port: canary.Port,
        VpcId: canary.VpcId,
        TargetType: canary.TargetType,
        HealthCheckProtocol: canary.HealthCheckProtocol,
        HealthCheckPort: canary.HealthCheckPort,
        HealthCheckPath: canary.HealthCheckPath,
        HealthCheckIntervalSeconds: canary.HealthCheckIntervalSeconds,
        HealthCheckTimeoutSeconds: canary.HealthCheckTimeoutSeconds,
        HealthyThresholdCount: canary.HealthyThresholdCount,
        UnhealthyThresholdCount: canary.UnhealthyThresholdCount,
        ...(canary.Matcher ? { Matcher: canary.Matcher } : {}),
        Tags: [{ Key: BASELINE_TAG, Value: w.stableService }],
      },
      signal,
    );
    return out.TargetGroups![0]!.TargetGroupArn!;
  }

  return {
    targetGroup: findGroup,
    async ensure(revision, tasks, signal) {
      const tg = await ensureGroup(signal);
      const mine = await describe(w.baselineService, signal);
      if (mine) {
        await aws.ecs.updateService(
          { cluster: w.cluster, service: w.baselineService, taskDefinition: revision, desiredCount: tasks },
          signal,
        );
        return tg;
      }
      const from = await describe(w.canaryService, signal);
      if (!from)
        throw new CortadoError('CANARY_BASELINE', `the canary service ${w.canaryService} was not found in ${w.cluster}`, { source: 'aws' });
      const lb = from.loadBalancers?.find((l) => l.targetGroupArn === w.canaryTargetGroupArn) ?? from.loadBalancers?.[0];
      await aws.ecs.createService(
        {
          cluster: w.cluster,
          serviceName: w.baselineService,
          taskDefinition: revision,
          desiredCount: tasks,
          ...(from.capacityProviderStrategy?.length
            ? { capacityProviderStrategy: from.capacityProviderStrategy }
            : { launchType: from.launchType }),
          ...(from.platformVersion ? { platformVersion: from.platformVersion } : {}),
          ...(from.networkConfiguration ? { networkConfiguration: from.networkConfiguration } : {}),
          loadBalancers: lb ? [{ targetGroupArn: tg, containerName: lb.containerName, containerPort: lb.containerPort }] : [],
          ...(from.healthCheckGracePeriodSeconds !== undefined
            ? { healthCheckGracePeriodSeconds: from.healthCheckGracePeriodSeconds }
            : {}),
          ...(from.deploymentConfiguration ? { deploymentConfiguration: from.deploymentConfiguration } : {}),
          propagateTags: 'SERVICE',
          tags: [tag(w)],
        },
        signal,
      );
      return tg;
    },
    async setShare(canary, signal) {
      const tg = await findGroup(signal);
      if (!tg) return;
      await writeActions(withBaselineShare(await readActions(signal), w, tg, canary), signal);
    },
    async remove(signal) {
      const tg = await findGroup(signal);
      if (tg) {
        const actions = await readActions(signal);
        if (JSON.stringify(actions).includes(tg)) await writeActions(withBaselineShare(actions, w, tg, 0), signal);
      }
      if (await describe(w.baselineService, signal))
        await aws.ecs.deleteService({ cluster: w.cluster, service: w.baselineService, force: true }, signal);
      if (tg) await aws.elb.deleteTargetGroup({ TargetGroupArn: tg }, signal);
    },
  };
}
