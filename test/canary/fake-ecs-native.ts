// A fake of ECS native CANARY deployments behind the canary's AWS seam: stages, PAUSE hooks, weights, rollback.
import type * as ecs from '@aws-sdk/client-ecs';
import type { CanaryAws } from '../../src/canary/aws/canary-aws.js';

const RULE = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/lb/1111111111111111/2222222222222222/3333333333333333';
export const BLUE = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/blue/1111111111111111';
export const GREEN = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/green/2222222222222222';
const LB = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/lb/1111111111111111';
const SERVICE = 'arn:aws:ecs:us-east-1:000000000000:service/c/app';
/** Calls the ecs-native flow never makes. */
const unused = (): never => {
  throw new Error('not used by the ecs-native flow');
};

type Stage =
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'PRE_PRODUCTION_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP';

interface FakeDeployment {
  arn: string;
  status: ecs.ServiceDeploymentStatus;
  stage: Stage;
  weight: number;
  /** Index into the weights CANARY moves through: canaryPercent, then 100. */
  shift: number;
  hooks: ecs.DeploymentLifecycleHookDetail[];
  revision: string;
  rollbackReason?: string;
}

/** PRE_PRODUCTION_TRAFFIC_SHIFT is a hook stage only, not a lifecycleStage value: report the stage before it (unconfirmed). */
const reportedStage = (d: FakeDeployment): ecs.ServiceDeploymentLifecycleStage =>
  d.stage === 'PRE_PRODUCTION_TRAFFIC_SHIFT' ? (d.shift === 0 ? 'POST_SCALE_UP' : 'PRODUCTION_TRAFFIC_SHIFT') : d.stage;

export interface FakeNative {
  readonly aws: CanaryAws;
  readonly calls: string[];
  /** Error rate the fake CloudWatch reports for a task definition's canary traffic. */
  errorRateOf: (taskDefinition: string) => number;
  deployment(): FakeDeployment | undefined;
}

export function fakeEcsNative(canaryPercent = 10): FakeNative {
  const calls: string[] = [];
  let tags: ecs.Tag[] = [];
  const tds = new Map<string, ecs.TaskDefinition>([
    [
      'arn:td:1',
      { taskDefinitionArn: 'arn:td:1', family: 'app', containerDefinitions: [{ name: 'app', image: 'shop/app:v1', essential: true }] },
    ],
  ]);
  let running = 'arn:td:1';
  let dep: FakeDeployment | undefined;
  let hookSeq = 0;
  const weights = () => ({ green: dep && dep.status !== 'ROLLBACK_SUCCESSFUL' ? dep.weight : 0 });
  const pause = (d: FakeDeployment) => {
    d.hooks = [{ hookId: `ecs-pause-${++hookSeq}`, targetType: 'PAUSE', status: 'AWAITING_ACTION', timeoutAction: 'ROLLBACK' }];
  };
  const awaiting = (d: FakeDeployment) => d.hooks.some((h) => h.status === 'AWAITING_ACTION');
  /** One stage per look, as time passing would; a waiting PAUSE hook holds the deployment. */
  function tick(d: FakeDeployment): void {
    if (d.status === 'ROLLBACK_IN_PROGRESS') {
      d.weight = 0;
      d.status = 'ROLLBACK_SUCCESSFUL';
      return;
    }
    if (d.status !== 'IN_PROGRESS' || awaiting(d)) return;
    const steps = [canaryPercent, 100];
    switch (d.stage) {
      case 'PRE_SCALE_UP':
        d.stage = 'SCALE_UP';
        break;
      case 'SCALE_UP':
        d.stage = 'POST_SCALE_UP';
        break;
      case 'POST_SCALE_UP':
        d.stage = 'PRE_PRODUCTION_TRAFFIC_SHIFT';
        pause(d);
        break;
      case 'PRE_PRODUCTION_TRAFFIC_SHIFT':
        d.stage = 'PRODUCTION_TRAFFIC_SHIFT';
        d.weight = steps[d.shift]!;
        break;
      case 'PRODUCTION_TRAFFIC_SHIFT':
        d.shift++;
        if (d.shift < steps.length) {
          d.stage = 'PRE_PRODUCTION_TRAFFIC_SHIFT';
          pause(d);
        } else {
          d.stage = 'POST_PRODUCTION_TRAFFIC_SHIFT';
          pause(d);
        }
        break;
      case 'POST_PRODUCTION_TRAFFIC_SHIFT':
        d.stage = 'BAKE_TIME';
        break;
      case 'BAKE_TIME':
        d.stage = 'CLEAN_UP';
        break;
      case 'CLEAN_UP':
        d.status = 'SUCCESSFUL';
        running = d.revision;
        break;
    }
  }
  const service = (): ecs.Service => ({
    serviceName: 'app',
    serviceArn: SERVICE,
    status: 'ACTIVE',
    taskDefinition: running,
    desiredCount: 2,
    deploymentController: { type: 'ECS' },
    deploymentConfiguration: {
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent, canaryBakeTimeInMinutes: 1 },
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'] }],
    },
    loadBalancers: [
      {
        targetGroupArn: BLUE,
        containerName: 'app',
        containerPort: 8080,
        advancedConfiguration: {
          alternateTargetGroupArn: GREEN,
          productionListenerRule: RULE,
          roleArn: 'arn:aws:iam::000000000000:role/ecs',
        },
      },
    ],
  });
  const fake: FakeNative = {
    calls,
    errorRateOf: () => 0,
    deployment: () => dep,
    aws: {
      ecs: {
        describeServices: async () => ({ services: [service()], failures: [], $metadata: {} }),
        describeTaskDefinition: async (i) => ({ taskDefinition: tds.get(i.taskDefinition!)!, $metadata: {} }),
        registerTaskDefinition: async (i) => {
          const arn = `arn:td:${tds.size + 1}`;
          tds.set(arn, { ...(i as ecs.TaskDefinition), taskDefinitionArn: arn });
          return { taskDefinition: tds.get(arn)!, $metadata: {} };
        },
        updateService: async (i) => {
          calls.push(`UpdateService ${i.taskDefinition}`);
          dep = {
            arn: `arn:aws:ecs:us-east-1:000000000000:service-deployment/c/app/d${hookSeq + 1}`,
            status: 'IN_PROGRESS',
            stage: 'PRE_SCALE_UP',
            weight: 0,
            shift: 0,
            hooks: [],
            revision: i.taskDefinition!,
          };
          return { service: service(), $metadata: {} };
        },
        listServiceDeployments: async () => ({
          serviceDeployments: dep
            ? [{ serviceDeploymentArn: dep.arn, status: dep.status, createdAt: new Date(), targetServiceRevisionArn: 'arn:rev:2' }]
            : [],
          $metadata: {},
        }),
        describeServiceDeployments: async () => {
          if (!dep) return { serviceDeployments: [], $metadata: {} };
          tick(dep);
          return {
            serviceDeployments: [
              {
                serviceDeploymentArn: dep.arn,
                status: dep.status,
                lifecycleStage: reportedStage(dep),
                lifecycleHookDetails: dep.hooks,
                targetServiceRevision: { arn: 'arn:rev:2', requestedProductionTrafficWeight: dep.weight },
                ...(dep.rollbackReason ? { rollback: { reason: dep.rollbackReason } } : {}),
              },
            ],
            $metadata: {},
          };
        },
        describeServiceRevisions: async () => ({
          serviceRevisions: [{ resolvedConfiguration: { loadBalancers: [{ targetGroupArn: GREEN, productionListenerRule: RULE }] } }],
          $metadata: {},
        }),
        continueServiceDeployment: async (i) => {
          calls.push(`Continue ${i.action} at ${dep?.stage} (${dep?.weight}%)`);
          const hook = dep?.hooks.find((h) => h.hookId === i.hookId && h.status === 'AWAITING_ACTION');
          if (!dep || !hook) throw Object.assign(new Error('The hook is not awaiting action.'), { name: 'InvalidParameterException' });
          hook.status = 'SUCCEEDED';
          if (i.action === 'ROLLBACK') {
            dep.status = 'ROLLBACK_IN_PROGRESS';
            dep.rollbackReason = 'ContinueServiceDeployment ROLLBACK';
          }
          return { serviceDeploymentArn: dep.arn, $metadata: {} };
        },
        stopServiceDeployment: async (i) => {
          calls.push('StopServiceDeployment ROLLBACK');
          if (dep) {
            dep.status = 'ROLLBACK_IN_PROGRESS';
            dep.rollbackReason = 'stopped';
          }
          return { serviceDeploymentArn: i.serviceDeploymentArn, $metadata: {} };
        },
        listTagsForResource: async () => ({ tags, $metadata: {} }),
        tagResource: async (i) => {
          const byKey = new Map(tags.map((t) => [t.key, t]));
          for (const t of i.tags ?? []) byKey.set(t.key, t);
          tags = [...byKey.values()];
          return { $metadata: {} };
        },
        untagResource: async (i) => {
          tags = tags.filter((t) => !i.tagKeys?.includes(t.key!));
          return { $metadata: {} };
        },
        listTasks: async () => ({ taskArns: [], $metadata: {} }),
        describeTasks: async () => ({ tasks: [], failures: [], $metadata: {} }),
        createService: unused,
        deleteService: unused,
      },
      elb: {
        describeRules: async () => ({
          Rules: [
            {
              RuleArn: RULE,
              Actions: [
                {
                  Type: 'forward',
                  ForwardConfig: {
                    TargetGroups: [
                      { TargetGroupArn: BLUE, Weight: 100 - weights().green },
                      { TargetGroupArn: GREEN, Weight: weights().green },
                    ],
                  },
                },
              ],
            },
          ],
          $metadata: {},
        }),
        describeListeners: async () => ({ Listeners: [], $metadata: {} }),
        createRule: unused,
        deleteRule: unused,
        describeTags: unused,
        createTargetGroup: unused,
        deleteTargetGroup: unused,
        modifyRule: async () => {
          throw new Error('ECS owns this rule');
        },
        modifyListener: async () => {
          throw new Error('ECS owns this listener');
        },
        describeTargetGroups: async () => ({ TargetGroups: [{ TargetGroupArn: BLUE, LoadBalancerArns: [LB] }], $metadata: {} }),
        describeTargetHealth: async () => ({ TargetHealthDescriptions: [], $metadata: {} }),
      },
      cloudwatch: {
        /** 1,000 requests a window split by the green weight; the new revision's errors as errorRateOf says. */
        getMetricData: async (i) => {
          const green = dep?.weight ?? 0;
          const rate = dep ? fake.errorRateOf(dep.revision) : 0;
          const results = (i.MetricDataQueries ?? []).map((q) => {
            const tg = q.MetricStat?.Metric?.Dimensions?.find((x) => x.Name === 'TargetGroup')?.Value ?? '';
            const isGreen = tg.startsWith('targetgroup/green');
            const requests = isGreen ? 10 * green : 10 * (100 - green);
            const name = q.MetricStat?.Metric?.MetricName;
            const value =
              name === 'RequestCount'
                ? requests
                : name === 'HTTPCode_Target_5XX_Count'
                  ? isGreen
                    ? requests * rate
                    : 0
                  : name === 'TargetResponseTime'
                    ? 0.01
                    : 0;
            return {
              Id: q.Id,
              Timestamps: value > 0 ? [new Date()] : [],
              Values: value > 0 ? [value] : [],
              StatusCode: 'Complete' as const,
            };
          });
          return { MetricDataResults: results, $metadata: {} };
        },
      },
    },
  };
  return fake;
}
