// Services, deployments, service deployments and service revisions in their API output shapes.
import type { EcsContext } from './ecs-context.js';
import { tasksOfService } from './ecs-context.js';
import { clusterArn } from './ecs-names.js';
import type {
  DeploymentRecord,
  Json,
  ServiceDeploymentRecord,
  ServiceRecord,
  ServiceRevisionRecord,
  TaskRecord,
  TaskSetRecord,
} from './ecs-state.js';
import { tagsView } from './ecs-tags.js';
import { stageOf, taskPlanOf } from './native-progress.js';
import { compact } from './task-views.js';

const PENDING = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);
const date = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));

/** RUNNING tasks count as running; every not-yet-RUNNING state the scheduler still wants counts as pending. */
export const counts = (tasks: readonly TaskRecord[]) => ({
  running: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
  pending: tasks.filter((t) => PENDING.has(t.lastStatus) && t.desiredStatus === 'RUNNING').length,
});

const platformFamily = (launchType: string) => (launchType === 'FARGATE' ? 'Linux' : undefined);

function deploymentView(d: DeploymentRecord, tasks: readonly TaskRecord[]): Json {
  const c = counts(tasks.filter((t) => t.deploymentId === d.id));
  return compact({
    id: d.id,
    status: d.status,
    taskDefinition: d.config.taskDefinition,
    desiredCount: d.desiredCount,
    pendingCount: c.pending,
    runningCount: c.running,
    failedTasks: d.failedTasks,
    createdAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
    launchType: d.config.launchType,
    platformVersion: d.config.platformVersion,
    platformFamily: platformFamily(d.config.launchType),
    networkConfiguration: d.config.networkConfiguration,
    serviceConnectConfiguration: d.config.serviceConnectConfiguration,
    volumeConfigurations: d.config.volumeConfigurations,
    vpcLatticeConfigurations: d.config.vpcLatticeConfigurations,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
  });
}

/** Set by the task set handlers (which use this module's counts), so the two modules do not import each other. */
export const views: { taskSet: (ctx: EcsContext, svc: ServiceRecord, set: TaskSetRecord) => Json } = { taskSet: () => ({}) };

export function serviceView(ctx: EcsContext, svc: ServiceRecord, withTags: boolean): Json {
  const tasks = tasksOfService(ctx, svc);
  const c = counts(tasks);
  const live = svc.deployments.filter((d) => d.status !== 'INACTIVE');
  return compact({
    serviceArn: svc.arn,
    serviceName: svc.name,
    clusterArn: clusterArn(ctx.scope, svc.clusterName),
    loadBalancers: svc.config.loadBalancers,
    serviceRegistries: svc.config.serviceRegistries,
    status: svc.status,
    desiredCount: svc.desiredCount,
    runningCount: c.running,
    pendingCount: c.pending,
    launchType: svc.config.launchType,
    platformVersion: svc.config.platformVersion,
    platformFamily: platformFamily(svc.config.launchType),
    taskDefinition: svc.config.taskDefinition,
    deploymentConfiguration: svc.deploymentConfiguration,
    deployments: live.map((d) => deploymentView(d, tasks)),
    taskSets: svc.taskSets?.map((s) => views.taskSet(ctx, svc, s)),
    roleArn: svc.roleArn,
    events: svc.events.map((e) => ({ id: e.id, createdAt: new Date(e.createdAt), message: e.message })),
    createdAt: new Date(svc.createdAt),
    placementConstraints: svc.placementConstraints,
    placementStrategy: svc.placementStrategy,
    networkConfiguration: svc.config.networkConfiguration,
    healthCheckGracePeriodSeconds: svc.healthCheckGracePeriodSeconds,
    schedulingStrategy: svc.schedulingStrategy,
    deploymentController: svc.deploymentController,
    createdBy: svc.createdBy,
    enableECSManagedTags: svc.enableECSManagedTags,
    propagateTags: svc.propagateTags,
    enableExecuteCommand: svc.enableExecuteCommand,
    availabilityZoneRebalancing: svc.availabilityZoneRebalancing,
    currentServiceDeployment: svc.currentServiceDeployment,
    currentServiceRevisions: live.map((d) => {
      const dc = counts(tasks.filter((t) => t.deploymentId === d.id));
      return { arn: d.serviceRevisionArn, requestedTaskCount: d.desiredCount, runningTaskCount: dc.running, pendingTaskCount: dc.pending };
    }),
    tags: withTags ? tagsView(svc.tags) : undefined,
    resourceManagementType: svc.express ? 'ECS' : undefined,
  });
}

/** Live counts of the tasks running a revision, over the deployments of the service that run it. */
function revisionSummary(ctx: EcsContext, svc: ServiceRecord | undefined, arn: string, requested: number): Json {
  const deps = svc?.deployments.filter((d) => d.serviceRevisionArn === arn && d.status !== 'INACTIVE') ?? [];
  const tasks = svc ? tasksOfService(ctx, svc).filter((t) => deps.some((d) => d.id === t.deploymentId)) : [];
  const c = counts(tasks);
  return { arn, requestedTaskCount: requested, runningTaskCount: c.running, pendingTaskCount: c.pending };
}

const serviceOf = (ctx: EcsContext, arn: string): ServiceRecord | undefined => Object.values(ctx.state.services).find((s) => s.arn === arn);

/**
 * A native deployment's revisions: requested shares of traffic (a snapshot, [API:ECS ServiceRevisionSummary]) and
 * task counts (blue keeps its tasks until CLEAN_UP; green none once rolled back).
 */
function nativeRequests(svc: ServiceRecord | undefined, sd: ServiceDeploymentRecord): (arn: string, target: boolean) => Json {
  const n = sd.native;
  if (!n) return () => ({});
  const blueRev = svc?.deployments.find((d) => d.id === n.blueDeploymentId)?.serviceRevisionArn;
  const plan = taskPlanOf(n);
  const desired = svc?.desiredCount ?? 0;
  return (arn, target) => {
    const share = (green: number) => (target ? green : arn === blueRev ? 100 - green : 0);
    const tasks = target
      ? plan.primary === 'green'
        ? desired
        : 0
      : arn === blueRev && (plan.keepBlue || plan.primary === 'blue')
        ? desired
        : 0;
    return { requestedTaskCount: tasks, requestedProductionTrafficWeight: share(n.production), requestedTestTrafficWeight: share(n.test) };
  };
}

function hookDetails(sd: ServiceDeploymentRecord): Json[] | undefined {
  return sd.native?.runs.map((r) =>
    compact({
      hookId: r.hookId,
      targetType: r.targetType,
      targetArn: r.targetArn,
      status: r.status,
      expiresAt: new Date(r.expiresAt),
      timeoutAction: r.timeoutAction,
    }),
  );
}

export function serviceDeploymentView(ctx: EcsContext, sd: ServiceDeploymentRecord): Json {
  const svc = serviceOf(ctx, sd.serviceArn);
  const target = svc?.deployments.find((d) => d.serviceDeploymentArn === sd.arn);
  const weights = nativeRequests(svc, sd);
  return compact({
    serviceDeploymentArn: sd.arn,
    serviceArn: sd.serviceArn,
    clusterArn: sd.clusterArn,
    createdAt: new Date(sd.createdAt),
    startedAt: date(sd.startedAt),
    finishedAt: date(sd.finishedAt),
    stoppedAt: date(sd.stoppedAt),
    updatedAt: new Date(sd.updatedAt),
    sourceServiceRevisions: sd.sourceRevisionArns.map((arn) => ({ ...revisionSummary(ctx, svc, arn, 0), ...weights(arn, false) })),
    targetServiceRevision: {
      ...revisionSummary(ctx, svc, sd.targetRevisionArn, target?.desiredCount ?? svc?.desiredCount ?? 0),
      ...weights(sd.targetRevisionArn, true),
    },
    status: sd.status,
    statusReason: sd.statusReason,
    deploymentConfiguration: sd.deploymentConfiguration,
    lifecycleStage: sd.native ? stageOf(sd.native.point) : undefined,
    lifecycleHookDetails: hookDetails(sd),
    rollback: sd.rollback
      ? { reason: sd.rollback.reason, startedAt: new Date(sd.rollback.startedAt), serviceRevisionArn: sd.rollback.serviceRevisionArn }
      : undefined,
    deploymentCircuitBreaker: { ...sd.circuitBreaker },
    alarms: { status: 'DISABLED', alarmNames: [], triggeredAlarmNames: [] },
  });
}

export const serviceDeploymentBrief = (sd: ServiceDeploymentRecord): Json =>
  compact({
    serviceDeploymentArn: sd.arn,
    serviceArn: sd.serviceArn,
    clusterArn: sd.clusterArn,
    startedAt: date(sd.startedAt),
    createdAt: new Date(sd.createdAt),
    finishedAt: date(sd.finishedAt),
    targetServiceRevisionArn: sd.targetRevisionArn,
    status: sd.status,
    statusReason: sd.statusReason,
  });

export const serviceRevisionView = (rev: ServiceRevisionRecord): Json =>
  compact({
    serviceRevisionArn: rev.arn,
    serviceArn: rev.serviceArn,
    clusterArn: rev.clusterArn,
    taskDefinition: rev.config.taskDefinition,
    launchType: rev.config.launchType,
    platformVersion: rev.config.platformVersion,
    platformFamily: platformFamily(rev.config.launchType),
    loadBalancers: rev.config.loadBalancers,
    serviceRegistries: rev.config.serviceRegistries,
    networkConfiguration: rev.config.networkConfiguration,
    serviceConnectConfiguration: rev.config.serviceConnectConfiguration,
    volumeConfigurations: rev.config.volumeConfigurations,
    vpcLatticeConfigurations: rev.config.vpcLatticeConfigurations,
    monitoring: rev.config.monitoring,
    containerImages: rev.containerImages.map((c) => ({ containerName: c.containerName, image: c.image })),
    guardDutyEnabled: false,
    createdAt: new Date(rev.createdAt),
    resolvedConfiguration: rev.resolvedLoadBalancers
      ? { loadBalancers: rev.resolvedLoadBalancers.map((lb) => ({ ...lb })) }
      : rev.config.loadBalancers.length > 0
        ? { loadBalancers: rev.config.loadBalancers.map((lb) => ({ targetGroupArn: lb.targetGroupArn })) }
        : undefined,
  });
