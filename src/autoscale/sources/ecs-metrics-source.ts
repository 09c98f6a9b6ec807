// ECS service CPU or memory utilization from CloudWatch (60 s, or the 20 s high-resolution metrics): average % times the tasks.
import type { CloudWatchApi } from '../../aws/cloudwatch-api.js';
import type { Clock } from '../../core/clock.js';
import type { CloudWatchSourceSpec } from '../autoscale-spec.js';
import { latestDatapoint } from './cloudwatch-read.js';
import type { LoadSource } from './load-source.js';

export interface EcsMetricsDeps {
  readonly cloudwatch: Pick<CloudWatchApi, 'getMetricData'>;
  readonly clock: Clock;
  readonly cluster: string;
  readonly service: string;
}

/** The load is the service's average utilization times its running tasks, so `target` is the percent one task should run at. */
export function ecsMetricsSource(spec: Extract<CloudWatchSourceSpec, { kind: 'ecs' }>, deps: EcsMetricsDeps): LoadSource {
  return {
    kind: 'ecs',
    unit: spec.metric === 'CPUUtilization' ? 'CPU %' : 'memory %',
    async read(tasks, signal) {
      const p = await latestDatapoint(
        deps.cloudwatch,
        {
          namespace: 'AWS/ECS',
          name: spec.metric,
          dimensions: [
            { Name: 'ClusterName', Value: deps.cluster },
            { Name: 'ServiceName', Value: deps.service },
          ],
          stat: 'Average',
          periodS: spec.periodS,
        },
        deps.clock,
        signal,
      );
      if (!p) return { tasks: [], error: `no ${spec.metric} datapoint` };
      return { tasks: [], total: p.value * Math.max(1, tasks.length) };
    },
  };
}
