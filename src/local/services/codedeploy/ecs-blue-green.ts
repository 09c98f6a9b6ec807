// The ECS blue/green lifecycle of a CodeDeploy deployment, one step per tick, through ECS task sets and the ALB listeners.
import type { SandboxEnv } from '../../env.js';
import { AwsError } from '../../aws-error.js';
import {
  type CodeDeployState,
  type DeploymentRecord,
  type Json,
  type LifecycleEventName,
  type TaskSetSide,
  groupKey,
} from './codedeploy-state.js';
import { findConfig, shiftPlan } from './deployment-configs.js';
import { failDeployment, rollBack } from './deployment-outcome.js';

/** Replacement tasks that may stop without ever becoming healthy before the deployment fails (our choice). */
export const FAILED_TASKS_LIMIT = 3;
/** How long the replacement task set may take to become steady, simulated (our choice; AWS documents no figure). */
export const INSTALL_TIMEOUT_MS = 60 * 60_000;

export interface BlueGreenDeps {
  readonly env: SandboxEnv;
  readonly state: CodeDeployState;
  /** Sandbox time in epoch ms; `simulatedSince` scales a real interval by the sandbox speed. */
  now(): number;
  simulatedSince(from: number): number;
}

type Caller = (service: string, op: string, input: Json) => Promise<Json>;

function caller(env: SandboxEnv): Caller {
  return async (service, op, input) => {
    const c = env.seams.caller;
    if (!c) throw new AwsError('InternalFailure', 'cortado local: no service caller');
    return ((await c.call(service, op, input)) ?? {}) as Json;
  };
}

export function setEvent(d: DeploymentRecord, name: LifecycleEventName, status: 'InProgress' | 'Succeeded', at: number): void {
  const e = d.lifecycle.find((x) => x.name === name);
  if (!e) return;
  if (e.startTime === undefined) e.startTime = at;
  e.status = status;
  if (status === 'Succeeded') e.endTime = at;
}

const succeed = (d: DeploymentRecord, names: readonly LifecycleEventName[], at: number) => {
  for (const n of names) setEvent(d, n, 'Succeeded', at);
};

/** Points a listener's default action at the two target groups with the given weights. */
export async function route(env: SandboxEnv, listenerArn: string, sides: readonly TaskSetSide[]): Promise<void> {
  await caller(env)('elbv2', 'ModifyListener', {
    ListenerArn: listenerArn,
    DefaultActions: [
      {
        Type: 'forward',
        ForwardConfig: { TargetGroups: sides.map((s) => ({ TargetGroupArn: s.targetGroupArn, Weight: s.trafficWeight })) },
      },
    ],
  });
}

export const pairOf = (d: DeploymentRecord): Json => ((d.group.loadBalancerInfo as Json).targetGroupPairInfoList as Json[])[0]!;
export const listenersOf = (pair: Json, key: 'prodTrafficRoute' | 'testTrafficRoute'): string[] =>
  ((pair[key] as Json | undefined)?.listenerArns as string[] | undefined) ?? [];

async function start(deps: BlueGreenDeps, d: DeploymentRecord): Promise<void> {
  const call = caller(deps.env);
  const now = deps.now();
  d.status = 'InProgress';
  d.startedAt = now;
  const svcRef = ((d.group.ecsServices as Json[])[0] ?? {}) as Json;
  const cluster = String(svcRef.clusterName);
  const service = String(svcRef.serviceName);
  const described = await call('ecs', 'DescribeServices', { cluster, services: [service] });
  const svc = (described.services as Json[] | undefined)?.[0];
  if (!svc || svc.status !== 'ACTIVE')
    return failDeployment(
      deps,
      d,
      'INVALID_ECS_SERVICE',
      `The ECS service ${service} in cluster ${cluster} does not exist or is not ACTIVE.`,
    );
  if ((svc.deploymentController as Json | undefined)?.type !== 'CODE_DEPLOY')
    return failDeployment(deps, d, 'INVALID_ECS_SERVICE', `The ECS service ${service} does not use the CODE_DEPLOY deployment controller.`);
  const pair = pairOf(d);
  const names = (pair.targetGroups as Json[]).map((t) => String(t.name));
  const tgs = await call('elbv2', 'DescribeTargetGroups', { Names: names });
  const arnOf = (name: string) => ((tgs.TargetGroups as Json[]).find((t) => t.TargetGroupName === name)?.TargetGroupArn as string) ?? '';
  const prod = listenersOf(pair, 'prodTrafficRoute')[0]!;
  const weights = deps.env.seams.targets?.forwardWeights(prod) ?? [];
  const weightOf = (arn: string) => weights.find((w) => w.targetGroupArn === arn)?.weight ?? 0;
  const [a, b] = names.map((n) => ({ name: n, arn: arnOf(n) })) as [{ name: string; arn: string }, { name: string; arn: string }];
  const [blue, green] = weightOf(b.arn) > weightOf(a.arn) ? [b, a] : [a, b];
  const sets = await call('ecs', 'DescribeTaskSets', { cluster, service });
  const primary = (sets.taskSets as Json[]).find((s) => s.status === 'PRIMARY');
  d.target = {
    cluster,
    service,
    serviceArn: String(svc.serviceArn),
    blue: {
      label: 'Blue',
      targetGroupName: blue.name,
      targetGroupArn: blue.arn,
      trafficWeight: 100,
      ...(primary ? { taskSetId: String(primary.id) } : {}),
    },
    green: { label: 'Green', targetGroupName: green.name, targetGroupArn: green.arn, trafficWeight: 0 },
  };
  // The replacement's target group joins the production listener at weight 0, so the load balancer health-checks it.
  await route(deps.env, prod, [d.target.blue, d.target.green]);
  succeed(d, ['BeforeInstall'], now);
  setEvent(d, 'Install', 'InProgress', now);
  const spec = d.appSpec;
  try {
    const created = await call('ecs', 'CreateTaskSet', {
      cluster,
      service,
      externalId: d.id,
      taskDefinition: spec.taskDefinition,
      launchType: svc.launchType,
      loadBalancers: [{ targetGroupArn: green.arn, containerName: spec.containerName, containerPort: spec.containerPort }],
      scale: { value: 100, unit: 'PERCENT' },
      ...(spec.networkConfiguration ? { networkConfiguration: spec.networkConfiguration } : {}),
      ...(spec.platformVersion ? { platformVersion: spec.platformVersion } : {}),
    });
    d.target.green.taskSetId = String((created.taskSet as Json).id);
  } catch (e) {
    return failDeployment(
      deps,
      d,
      'ECS_UPDATE_ERROR',
      `The ECS service cannot create the replacement task set: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  d.installStarted = now;
  d.phase = 'install';
}

/** Replacement tasks that stopped without having passed their health checks: exited, failed to start, or found unhealthy. */
async function failedGreenTasks(deps: BlueGreenDeps, d: DeploymentRecord): Promise<{ count: number; reason?: string }> {
  const call = caller(deps.env);
  const t = d.target!;
  const listed = await call('ecs', 'ListTasks', { cluster: t.cluster, startedBy: t.green.taskSetId, desiredStatus: 'STOPPED' });
  const arns = (listed.taskArns as string[] | undefined) ?? [];
  if (arns.length === 0) return { count: 0 };
  const described = await call('ecs', 'DescribeTasks', { cluster: t.cluster, tasks: arns.slice(0, 100) });
  const failed = ((described.tasks as Json[] | undefined) ?? []).filter(
    (x) =>
      x.stopCode === 'EssentialContainerExited' ||
      x.stopCode === 'TaskFailedToStart' ||
      /health check/i.test(String(x.stoppedReason ?? '')),
  );
  const last = failed[0];
  return { count: failed.length, ...(last ? { reason: String(last.stoppedReason ?? last.stopCode) } : {}) };
}

async function checkGreen(deps: BlueGreenDeps, d: DeploymentRecord): Promise<boolean> {
  const f = await failedGreenTasks(deps, d);
  if (f.count < FAILED_TASKS_LIMIT) return true;
  await failDeployment(
    deps,
    d,
    'ECS_UPDATE_ERROR',
    `The ECS deployment failed: ${f.count} tasks of the replacement task set stopped before becoming healthy (last: ${f.reason ?? 'unknown'}).`,
  );
  return false;
}

async function install(deps: BlueGreenDeps, d: DeploymentRecord): Promise<void> {
  if (!(await checkGreen(deps, d))) return;
  const t = d.target!;
  const sets = await caller(deps.env)('ecs', 'DescribeTaskSets', { cluster: t.cluster, service: t.service, taskSets: [t.green.taskSetId] });
  const green = (sets.taskSets as Json[] | undefined)?.[0];
  const steady = green && green.stabilityStatus === 'STEADY_STATE' && Number(green.runningCount) >= Number(green.computedDesiredCount);
  if (!steady) {
    if (deps.simulatedSince(d.installStarted!) >= INSTALL_TIMEOUT_MS)
      await failDeployment(deps, d, 'TIMEOUT', 'The replacement task set did not reach a steady state in time.');
    return;
  }
  const now = deps.now();
  succeed(d, ['Install', 'AfterInstall'], now);
  const pair = pairOf(d);
  for (const l of listenersOf(pair, 'testTrafficRoute'))
    await route(deps.env, l, [
      { ...t.blue, trafficWeight: 0 },
      { ...t.green, trafficWeight: 100 },
    ]);
  succeed(d, ['AllowTestTraffic', 'AfterAllowTestTraffic'], now);
  d.phase = 'ready';
  d.readySince = now;
}

function ready(deps: BlueGreenDeps, d: DeploymentRecord): Promise<void> | void {
  const opt = ((d.group.blueGreenDeploymentConfiguration as Json | undefined)?.deploymentReadyOption as Json | undefined) ?? {};
  const waitMs = Number(opt.waitTimeInMinutes ?? 0) * 60_000;
  const waited = deps.simulatedSince(d.readySince!);
  if (opt.actionOnTimeout === 'STOP_DEPLOYMENT' && !d.continued) {
    d.status = 'Ready';
    if (waited < waitMs) return;
    return failDeployment(
      deps,
      d,
      'TIMEOUT',
      'The deployment timed out waiting for ContinueDeployment (deploymentReadyOption STOP_DEPLOYMENT).',
    );
  }
  if (!d.continued && waited < waitMs) return;
  d.status = 'InProgress';
  const now = deps.now();
  succeed(d, ['BeforeAllowTraffic'], now);
  setEvent(d, 'AllowTraffic', 'InProgress', now);
  d.phase = 'shift';
  d.step = 0;
}

async function shift(deps: BlueGreenDeps, d: DeploymentRecord): Promise<void> {
  if (!(await checkGreen(deps, d))) return;
  const plan = shiftPlan(findConfig(deps.state, d.deploymentConfigName));
  const t = d.target!;
  if (d.step < plan.steps.length) {
    if (d.stepAt !== undefined && deps.simulatedSince(d.stepAt) < plan.intervalMinutes * 60_000) return;
    const green = plan.steps[d.step]!;
    t.green.trafficWeight = green;
    t.blue.trafficWeight = 100 - green;
    await route(deps.env, listenersOf(pairOf(d), 'prodTrafficRoute')[0]!, [t.blue, t.green]);
    d.step += 1;
    d.stepAt = deps.now();
    return;
  }
  const now = deps.now();
  succeed(d, ['AllowTraffic', 'AfterAllowTraffic'], now);
  await caller(deps.env)('ecs', 'UpdateServicePrimaryTaskSet', {
    cluster: t.cluster,
    service: t.service,
    primaryTaskSet: t.green.taskSetId,
  });
  d.terminationWaitStarted = now;
  d.phase = 'terminate';
}

async function terminate(deps: BlueGreenDeps, d: DeploymentRecord): Promise<void> {
  const term =
    ((d.group.blueGreenDeploymentConfiguration as Json | undefined)?.terminateBlueInstancesOnDeploymentSuccess as Json | undefined) ?? {};
  const waitMs = Number(term.terminationWaitTimeInMinutes ?? 0) * 60_000;
  if (!d.continued && deps.simulatedSince(d.terminationWaitStarted!) < waitMs) {
    await checkGreen(deps, d);
    return;
  }
  const t = d.target!;
  if (t.blue.taskSetId && term.action !== 'KEEP_ALIVE')
    await caller(deps.env)('ecs', 'DeleteTaskSet', { cluster: t.cluster, service: t.service, taskSet: t.blue.taskSetId });
  d.status = 'Succeeded';
  d.completedAt = deps.now();
  d.phase = 'done';
}

/** One step of a deployment that is under way; a StopDeployment request is honoured first. */
export async function advance(deps: BlueGreenDeps, d: DeploymentRecord): Promise<void> {
  if (d.stopRequest) {
    const how = d.stopRequest;
    delete d.stopRequest;
    d.status = 'Stopped';
    d.errorInformation = { code: 'MANUAL_STOP', message: 'The deployment was stopped by a StopDeployment request.' };
    await rollBack(deps, d, how.autoRollback, 'stopped');
    return;
  }
  if (!deps.state.groups[groupKey(d.applicationName, d.deploymentGroupName)])
    return failDeployment(deps, d, 'DEPLOYMENT_GROUP_MISSING', 'The deployment group was deleted.');
  const step = { start, install, ready, shift, terminate, done: () => undefined }[d.phase];
  await step(deps, d);
  d.updatedAt = deps.now();
}
