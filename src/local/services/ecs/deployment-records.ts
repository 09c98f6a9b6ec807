// Creates the records behind a deployment: the service revision, the service deployment, and the Deployment itself.
import { decimalId } from '../../ids.js';
import { randomBytes } from 'node:crypto';
import { circuitBreakerOf, circuitBreakerThreshold } from './circuit-breaker.js';
import { type EcsContext, taskDefinitionByArn } from './ecs-context.js';
import { clusterArn, serviceDeploymentArn, serviceRevisionArn } from './ecs-names.js';
import type {
  DeployableConfig,
  DeploymentRecord,
  Json,
  ServiceDeploymentRecord,
  ServiceRecord,
  ServiceRevisionRecord,
} from './ecs-state.js';
import { deploymentTargetGroups, planNativeStart } from './native-start.js';
import { rolloutReasons } from './service-events.js';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 21 alphanumerics, like `EZe5RNVLH6PPzHXINuP28` in AWS's service deployment ARNs. */
const serviceDeploymentId = (): string => [...randomBytes(21)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');

export const ONGOING_SD: ReadonlySet<string> = new Set([
  'PENDING',
  'IN_PROGRESS',
  'STOP_REQUESTED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
]);

function createRevision(
  ctx: EcsContext,
  svc: ServiceRecord,
  config: DeployableConfig,
  targetGroups?: readonly string[],
): ServiceRevisionRecord {
  const td = taskDefinitionByArn(ctx, config.taskDefinition);
  const defs = (td?.body.containerDefinitions as Json[] | undefined) ?? [];
  const rev: ServiceRevisionRecord = {
    arn: serviceRevisionArn(ctx.scope, svc.clusterName, svc.name, decimalId()),
    serviceArn: svc.arn,
    clusterArn: clusterArn(ctx.scope, svc.clusterName),
    config,
    createdAt: ctx.now(),
    containerImages: defs.map((d) => ({ containerName: String(d.name), image: String(d.image) })),
    ...(targetGroups
      ? {
          resolvedLoadBalancers: config.loadBalancers.map((lb, i) => ({
            targetGroupArn: targetGroups[i] ?? lb.targetGroupArn ?? '',
            ...(lb.advancedConfiguration ? { productionListenerRule: lb.advancedConfiguration.productionListenerRule } : {}),
          })),
        }
      : {}),
  };
  ctx.state.serviceRevisions[rev.arn] = rev;
  return rev;
}

/** Service deployments still under way when a newer one starts are stopped by it. */
function supersede(ctx: EcsContext, svc: ServiceRecord): void {
  for (const sd of Object.values(ctx.state.serviceDeployments)) {
    if (sd.serviceArn !== svc.arn || !ONGOING_SD.has(sd.status)) continue;
    sd.status = 'STOPPED';
    sd.statusReason = 'Service deployment was stopped because a newer service deployment started.';
    sd.stoppedAt = sd.finishedAt = sd.updatedAt = ctx.now();
  }
}

const liveDeployments = (svc: ServiceRecord) => svc.deployments.filter((d) => d.status !== 'INACTIVE');

/** CreateService, UpdateService that needs a deployment, or forceNewDeployment. */
export function startDeployment(ctx: EcsContext, svc: ServiceRecord, config: DeployableConfig): DeploymentRecord {
  const now = ctx.now();
  const native = planNativeStart(svc, config);
  const advanced = config.loadBalancers.some((lb) => lb.advancedConfiguration);
  const targetGroups = native?.targetGroups ?? (advanced ? deploymentTargetGroups(svc, config, false) : undefined);
  const rev = createRevision(ctx, svc, config, targetGroups);
  supersede(ctx, svc);
  const id = `ecs-svc/${decimalId()}`;
  const cb = circuitBreakerOf(svc.deploymentConfiguration);
  const sd: ServiceDeploymentRecord = {
    arn: serviceDeploymentArn(ctx.scope, svc.clusterName, svc.name, serviceDeploymentId()),
    serviceArn: svc.arn,
    clusterArn: rev.clusterArn,
    createdAt: now,
    updatedAt: now,
    sourceRevisionArns: liveDeployments(svc).map((d) => d.serviceRevisionArn),
    targetRevisionArn: rev.arn,
    deploymentId: id,
    status: 'PENDING',
    deploymentConfiguration: svc.deploymentConfiguration,
    circuitBreaker: {
      status: cb.enable ? 'MONITORING' : 'DISABLED',
      failureCount: 0,
      threshold: circuitBreakerThreshold(svc.desiredCount, cb.threshold),
    },
    ...(native ? { native: native.progress } : {}),
  };
  ctx.state.serviceDeployments[sd.arn] = sd;
  return addPrimary(ctx, svc, {
    id,
    config,
    serviceDeploymentArn: sd.arn,
    serviceRevisionArn: rev.arn,
    messageId: id,
    rolloutStateReason: rolloutReasons.inProgress(id),
    ...(targetGroups ? { targetGroups } : {}),
  });
}

/** Rolls back to the last deployment that COMPLETED: a fresh deployment id running that deployment's revision. */
export function startRollback(ctx: EcsContext, svc: ServiceRecord, failed: DeploymentRecord, reason: string): DeploymentRecord | undefined {
  const target = svc.lastCompleted;
  const rev = target ? ctx.state.serviceRevisions[target.serviceRevisionArn] : undefined;
  const sd = ctx.state.serviceDeployments[failed.serviceDeploymentArn];
  if (!target || !rev || !sd) return undefined;
  const now = ctx.now();
  sd.status = 'ROLLBACK_REQUESTED';
  sd.rollback = { reason, startedAt: now, serviceRevisionArn: rev.arn };
  sd.updatedAt = now;
  const id = `ecs-svc/${decimalId()}`;
  return addPrimary(ctx, svc, {
    id,
    config: rev.config,
    serviceDeploymentArn: sd.arn,
    serviceRevisionArn: rev.arn,
    messageId: target.deploymentId,
    rolloutStateReason: rolloutReasons.rollingBack(target.deploymentId),
    rollbackOf: sd.arn,
    ...(rev.resolvedLoadBalancers ? { targetGroups: rev.resolvedLoadBalancers.map((lb) => lb.targetGroupArn) } : {}),
  });
}

interface PrimarySpec {
  readonly id: string;
  readonly config: DeployableConfig;
  readonly serviceDeploymentArn: string;
  readonly serviceRevisionArn: string;
  readonly messageId: string;
  readonly rolloutStateReason: string;
  readonly rollbackOf?: string;
  readonly targetGroups?: readonly string[];
}

function addPrimary(ctx: EcsContext, svc: ServiceRecord, spec: PrimarySpec): DeploymentRecord {
  const now = ctx.now();
  for (const d of svc.deployments)
    if (d.status === 'PRIMARY') {
      d.status = 'ACTIVE';
      d.updatedAt = now;
    }
  const dep: DeploymentRecord = {
    ...spec,
    status: 'PRIMARY',
    desiredCount: svc.desiredCount,
    createdAt: now,
    updatedAt: now,
    rolloutState: 'IN_PROGRESS',
    failedTasks: 0,
  };
  svc.deployments.unshift(dep);
  svc.config = spec.config;
  svc.currentServiceDeployment = spec.serviceDeploymentArn;
  svc.steadySince = undefined;
  return dep;
}
