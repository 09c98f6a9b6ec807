// Fixtures for the ECS native blue/green, canary and linear scenarios: an ALB with a blue and an alternate target group.
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { boto3 } from '../../helpers/sandbox.js';
import { api, cli, NETWORK, waitFor } from './ecs-fixtures.js';

/** Process start-up takes real time, which the speed factor stretches into simulated minutes: the ALB's checks wait. */
export const GRACE = '1200';
export const ROLE = 'arn:aws:iam::000000000000:role/ecsInfrastructureRoleForLoadBalancers';

export interface Alb {
  readonly blue: string;
  readonly green: string;
  readonly rule: string;
  readonly testRule: string;
  readonly url: string;
  readonly testUrl: string;
}

/** A load balancer whose production rule (port 8080) and test rule (port 9090) forward 100/0 to blue and green. */
export async function createAlb(sandbox: Sandbox, prefix: string): Promise<Alb> {
  const r = await boto3(
    sandbox,
    `elb=boto3.client('elbv2',endpoint_url=endpoint,region_name=region)
lb=elb.create_load_balancer(Name='${prefix}-alb',Subnets=['subnet-a','subnet-b'])['LoadBalancers'][0]['LoadBalancerArn']
def tg(name):
    arn=elb.create_target_group(Name=name,Protocol='HTTP',Port=8080,VpcId='vpc-1',TargetType='ip',HealthCheckPath='/health',HealthCheckIntervalSeconds=5,HealthCheckTimeoutSeconds=2,HealthyThresholdCount=2,UnhealthyThresholdCount=2)['TargetGroups'][0]['TargetGroupArn']
    elb.modify_target_group_attributes(TargetGroupArn=arn,Attributes=[{'Key':'deregistration_delay.timeout_seconds','Value':'5'}])
    return arn
blue=tg('${prefix}-blue')
green=tg('${prefix}-green')
fwd=[{'Type':'forward','ForwardConfig':{'TargetGroups':[{'TargetGroupArn':blue,'Weight':100},{'TargetGroupArn':green,'Weight':0}]}}]
def rule(port):
    l=elb.create_listener(LoadBalancerArn=lb,Protocol='HTTP',Port=port,DefaultActions=[{'Type':'fixed-response','FixedResponseConfig':{'StatusCode':'404'}}])['Listeners'][0]['ListenerArn']
    return elb.create_rule(ListenerArn=l,Priority=10,Conditions=[{'Field':'path-pattern','Values':['/*']}],Actions=fwd)['Rules'][0]['RuleArn'], l
prod,pl=rule(8080)
test,tl=rule(9090)
print(json.dumps({'blue':blue,'green':green,'rule':prod,'testRule':test,'listener':pl,'testListener':tl}))`,
  );
  assert.equal(r.code, 0, r.stderr);
  const out = r.json as { blue: string; green: string; rule: string; testRule: string; listener: string; testListener: string };
  const { listeners } = (await (await fetch(`${sandbox.endpoint}/_cortado/elbv2/listeners`)).json()) as {
    listeners: Array<{ listenerArn: string; url: string }>;
  };
  const url = (arn: string) => listeners.find((l) => l.listenerArn === arn)!.url;
  return {
    blue: out.blue,
    green: out.green,
    rule: out.rule,
    testRule: out.testRule,
    url: url(out.listener),
    testUrl: url(out.testListener),
  };
}

/** `aws elbv2 describe-rules`: target group ARN → weight of the rule's forward action. */
export async function ruleWeights(sandbox: Sandbox, rule: string): Promise<Record<string, number>> {
  const out = await cli(sandbox, ['elbv2', 'describe-rules', '--rule-arns', rule]);
  const rules = out.Rules as Array<{
    Actions: Array<{ Type: string; ForwardConfig?: { TargetGroups: Array<{ TargetGroupArn: string; Weight: number }> } }>;
  }>;
  const groups = rules[0]!.Actions.find((a) => a.Type === 'forward')!.ForwardConfig!.TargetGroups;
  return Object.fromEntries(groups.map((g) => [g.TargetGroupArn, g.Weight]));
}

/** `n` requests through a listener: how many each version answered, and how many 5xx. */
export async function sample(url: string, n: number): Promise<{ versions: Record<string, number>; errors: number }> {
  const versions: Record<string, number> = {};
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const res = await fetch(url);
    const body = (await res.json()) as { version?: string };
    if (res.status >= 500) errors += 1;
    const v = body.version ?? `status-${res.status}`;
    versions[v] = (versions[v] ?? 0) + 1;
  }
  return { versions, errors };
}

/** The 99.9 % normal interval of a binomial count: the split test can fail only if the weights are wrong. */
export function binomialInterval(n: number, p: number): readonly [number, number] {
  const sd = Math.sqrt(n * p * (1 - p));
  return [n * p - 3.29 * sd, n * p + 3.29 * sd];
}

export interface HookView {
  hookId: string;
  targetType: string;
  status: string;
  expiresAt?: string;
  timeoutAction?: string;
}
export interface RevisionSummary {
  arn: string;
  requestedTaskCount: number;
  runningTaskCount: number;
  requestedProductionTrafficWeight?: number;
  requestedTestTrafficWeight?: number;
}
export interface SdView {
  serviceDeploymentArn: string;
  status: string;
  statusReason?: string;
  lifecycleStage?: string;
  lifecycleHookDetails?: HookView[];
  targetServiceRevision: RevisionSummary;
  sourceServiceRevisions: RevisionSummary[];
  rollback?: { reason: string; serviceRevisionArn: string; startedAt: string };
  finishedAt?: string;
}

export async function describeSd(sandbox: Sandbox, arn: string): Promise<SdView> {
  const out = await api(sandbox, 'DescribeServiceDeployments', { serviceDeploymentArns: [arn] });
  return (out.serviceDeployments as SdView[])[0]!;
}

/** Polls the deployment, remembering every lifecycleStage seen, until `until` accepts it. */
export function watchSd(sandbox: Sandbox, arn: string, stages: string[]) {
  return (what: string, until: (sd: SdView) => boolean, timeoutMs = 60_000): Promise<SdView> =>
    waitFor(
      what,
      async () => {
        const sd = await describeSd(sandbox, arn);
        if (sd.lifecycleStage && stages.at(-1) !== sd.lifecycleStage) stages.push(sd.lifecycleStage);
        return until(sd) ? sd : undefined;
      },
      timeoutMs,
    );
}

export const awaiting = (sd: SdView): HookView | undefined => sd.lifecycleHookDetails?.find((h) => h.status === 'AWAITING_ACTION');

const ORDER = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

/** The stages a forward deployment showed must follow the documented order (a poll may miss some). */
export function assertStageOrder(stages: readonly string[]): void {
  const idx = stages.map((s) => ORDER.indexOf(s));
  assert.ok(
    idx.every((i) => i >= 0),
    `unknown stage in ${stages.join(' → ')}`,
  );
  assert.ok(
    idx.every((i, k) => k === 0 || i > idx[k - 1]!),
    `stages out of order: ${stages.join(' → ')}`,
  );
}

export interface NativeService {
  readonly cluster: string;
  readonly name: string;
  readonly taskDefinition: string;
  readonly alb: Alb;
  readonly deploymentConfiguration: Record<string, unknown>;
  readonly desired?: number;
  readonly test?: boolean;
}

export const loadBalancersJson = (s: Pick<NativeService, 'alb' | 'test'>): string =>
  JSON.stringify([
    {
      targetGroupArn: s.alb.blue,
      containerName: 'app',
      containerPort: 8080,
      advancedConfiguration: {
        alternateTargetGroupArn: s.alb.green,
        productionListenerRule: s.alb.rule,
        roleArn: ROLE,
        ...(s.test ? { testListenerRule: s.alb.testRule } : {}),
      },
    },
  ]);

/** create-service with the AWS CLI; returns the first service deployment's ARN once it is SUCCESSFUL. */
export async function createNativeService(sandbox: Sandbox, s: NativeService): Promise<string> {
  const out = await cli(sandbox, [
    'ecs',
    'create-service',
    '--cluster',
    s.cluster,
    '--service-name',
    s.name,
    '--task-definition',
    s.taskDefinition,
    '--desired-count',
    String(s.desired ?? 2),
    '--launch-type',
    'FARGATE',
    '--network-configuration',
    NETWORK,
    '--load-balancers',
    loadBalancersJson(s),
    '--deployment-configuration',
    JSON.stringify(s.deploymentConfiguration),
    '--health-check-grace-period-seconds',
    GRACE,
  ]);
  const arn = (out.service as { currentServiceDeployment: string }).currentServiceDeployment;
  await waitFor(
    'the first deployment SUCCESSFUL',
    async () => ((await describeSd(sandbox, arn)).status === 'SUCCESSFUL' ? true : undefined),
    60_000,
  );
  return arn;
}

/** update-service to a new task definition with the AWS CLI; returns the new service deployment's ARN. */
export async function deployRevision(
  sandbox: Sandbox,
  s: Pick<NativeService, 'cluster' | 'name'>,
  taskDefinition: string,
): Promise<string> {
  const out = await cli(sandbox, [
    'ecs',
    'update-service',
    '--cluster',
    s.cluster,
    '--service',
    s.name,
    '--task-definition',
    taskDefinition,
  ]);
  return (out.service as { currentServiceDeployment: string }).currentServiceDeployment;
}
