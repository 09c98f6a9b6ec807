// The AWS calls the autoscaler makes, as narrow views of src/aws's seams (tests fake exactly these).
import type { AutoScalingApi } from '../aws/autoscaling-api.js';
import type { AwsClients } from '../aws/aws-clients.js';
import type { CloudWatchApi } from '../aws/cloudwatch-api.js';
import type { EcsApi } from '../aws/ecs-api.js';
import type { Elbv2Api } from '../aws/elbv2-api.js';
import type { SourceKind } from './autoscale-spec.js';

export type AutoscaleEcs = Pick<
  EcsApi,
  'describeServices' | 'updateService' | 'listTasks' | 'describeTasks' | 'listTagsForResource' | 'tagResource' | 'untagResource'
>;
export type AutoscaleAas = Pick<AutoScalingApi, 'describeScalableTargets' | 'registerScalableTarget'>;
export type AutoscaleCloudWatch = Pick<CloudWatchApi, 'getMetricData'>;
export type AutoscaleElb = Pick<Elbv2Api, 'describeTargetGroups'>;

export interface AutoscaleAws {
  readonly ecs: AutoscaleEcs;
  readonly aas: AutoscaleAas;
  readonly cloudwatch: AutoscaleCloudWatch;
  readonly elb: AutoscaleElb;
}

const unused = <T extends object>(what: string): T =>
  new Proxy({} as T, {
    // Not a thenable: `then` is absent, so Promise.all takes the view as a value.
    get: (_, op) =>
      op === 'then'
        ? undefined
        : () => Promise.reject(new Error(`internal: the autoscaler's ${String(op)} on ${what} is not wired for this source`)),
  });

/** Per-task sources never load the CloudWatch or ELB SDKs. */
export async function autoscaleAws(all: AwsClients, source: SourceKind): Promise<AutoscaleAws> {
  // Throttling comes back to the controller, which backs off and decides afresh at its next poll (never a stale update).
  const clients = all.surfacingThrottling?.() ?? all;
  const cw = source === 'alb' || source === 'ecs';
  const [ecs, aas, cloudwatch, elb] = await Promise.all([
    clients.ecs(),
    clients.autoScaling(),
    cw ? clients.cloudwatch() : unused<AutoscaleCloudWatch>('cloudwatch'),
    source === 'alb' ? clients.elbv2() : unused<AutoscaleElb>('elbv2'),
  ]);
  return { ecs, aas, cloudwatch, elb };
}
