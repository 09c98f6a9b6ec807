// ALB metrics from CloudWatch: RequestCountPerTarget (a rate per target, times the tasks) or ActiveConnectionCount (the load balancer's).
import type { CloudWatchApi } from '../../aws/cloudwatch-api.js';
import type { Elbv2Api } from '../../aws/elbv2-api.js';
import type { Clock } from '../../core/clock.js';
import { UsageError } from '../../core/errors.js';
import type { CloudWatchSourceSpec } from '../autoscale-spec.js';
import { latestDatapoint } from './cloudwatch-read.js';
import type { LoadSource } from './load-source.js';

export interface AlbSourceDeps {
  readonly cloudwatch: Pick<CloudWatchApi, 'getMetricData'>;
  readonly elb: Pick<Elbv2Api, 'describeTargetGroups'>;
  readonly clock: Clock;
  /** The service's first load balancer target group, when the config names none. */
  readonly serviceTargetGroupArn?: string;
}

/** `arn:...:targetgroup/name/id` → `targetgroup/name/id`; `arn:...:loadbalancer/app/name/id` → `app/name/id` (CloudWatch's dimension values). */
export const arnSuffix = (arn: string, after: string): string =>
  arn.slice(arn.indexOf(after) + (after === 'targetgroup/' ? 0 : after.length));

export function albSource(spec: Extract<CloudWatchSourceSpec, { kind: 'alb' }>, deps: AlbSourceDeps): LoadSource {
  const tg = spec.targetGroupArn ?? deps.serviceTargetGroupArn;
  if (tg === undefined)
    throw new UsageError(
      'AUTOSCALE_NO_TARGET_GROUP',
      'autoscale.source kind alb: the service has no load balancer target group',
      'set autoscale.source.target_group to the target group ARN',
    );
  let lbDimension: string | undefined;
  return {
    kind: 'alb',
    unit: spec.metric === 'RequestCountPerTarget' ? 'requests/s' : 'active connections',
    async read(tasks, signal) {
      if (spec.metric === 'RequestCountPerTarget') {
        const p = await latestDatapoint(
          deps.cloudwatch,
          {
            namespace: 'AWS/ApplicationELB',
            name: 'RequestCountPerTarget',
            dimensions: [{ Name: 'TargetGroup', Value: arnSuffix(tg, 'targetgroup/') }],
            stat: 'Sum',
            periodS: spec.periodS,
          },
          deps.clock,
          signal,
        );
        if (!p) return { tasks: [], error: 'no RequestCountPerTarget datapoint' };
        return { tasks: [], total: (p.value / spec.periodS) * Math.max(1, tasks.length) };
      }
      if (lbDimension === undefined) {
        const g = (await deps.elb.describeTargetGroups({ TargetGroupArns: [tg] }, signal)).TargetGroups?.[0];
        const lb = g?.LoadBalancerArns?.[0];
        if (!lb) return { tasks: [], error: 'the target group is not attached to a load balancer' };
        lbDimension = arnSuffix(lb, 'loadbalancer/');
      }
      const p = await latestDatapoint(
        deps.cloudwatch,
        {
          namespace: 'AWS/ApplicationELB',
          name: 'ActiveConnectionCount',
          dimensions: [{ Name: 'LoadBalancer', Value: lbDimension }],
          stat: 'Sum',
          periodS: spec.periodS,
        },
        deps.clock,
        signal,
      );
      return p ? { tasks: [], total: p.value } : { tasks: [], error: 'no ActiveConnectionCount datapoint' };
    },
  };
}
