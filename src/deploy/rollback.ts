// `rollback`: stops an in-flight deployment with ROLLBACK, otherwise moves the service back to the previous revision.
import type { Service } from '@aws-sdk/client-ecs';
import { CortadoError, UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import type { DeployContext } from './deploy-context.js';
import { familyRevision, requireService, taskDefinitionName } from './service-lookup.js';
import { activeRevisions } from './task-definition-lookup.js';
import { type WaitUntil, watchDeployment } from './watch-deployment.js';

export interface RollbackOptions {
  readonly dryRun?: boolean;
  readonly deregisterTaskDefinition?: boolean;
  readonly noWait?: boolean;
  readonly waitUntil?: WaitUntil;
}

export interface RollbackResult {
  readonly service: string;
  readonly mode: 'stop-deployment' | 'previous-revision';
  readonly from: string;
  readonly to?: string;
  readonly status: 'dry-run' | 'started' | 'done';
  readonly deregistered?: string;
}

/** Pure: the newest ACTIVE revision older than `current`. */
export function previousRevision(revisions: readonly number[], current: number): number | undefined {
  return revisions.filter((r) => r < current).sort((a, b) => b - a)[0];
}

/**
 * Pure: where a rollback goes. ECS's deployment history decides when it has one: the revision of the newest SUCCESSFUL
 * deployment older than `current` and still ACTIVE — so a revision the circuit breaker rolled back (ROLLBACK_SUCCESSFUL)
 * is never chosen. Without such history (older services, deployments aged out), the newest ACTIVE older revision.
 */
export function rollbackRevision(active: readonly number[], current: number, succeededNewestFirst: readonly number[]): number | undefined {
  const fromHistory = succeededNewestFirst.find((r) => r < current && active.includes(r));
  return fromHistory ?? (succeededNewestFirst.some((r) => r < current) ? undefined : previousRevision(active, current));
}

/** Revisions of `family` that completed a deployment of the service, newest deployment first (ECS keeps 90 days). */
async function succeededRevisions(ctx: DeployContext, service: string, family: string): Promise<number[]> {
  const ecs = await ctx.aws.ecs();
  const listed = await ecs.listServiceDeployments(
    { cluster: ctx.config.cluster, service, status: ['SUCCESSFUL'], maxResults: 20 },
    ctx.signal,
  );
  const revisionArns = (listed.serviceDeployments ?? []).map((d) => d.targetServiceRevisionArn).filter((a): a is string => Boolean(a));
  if (revisionArns.length === 0) return [];
  const described = await ecs.describeServiceRevisions({ serviceRevisionArns: revisionArns }, ctx.signal);
  const tdByRevision = new Map((described.serviceRevisions ?? []).map((r) => [r.serviceRevisionArn, r.taskDefinition]));
  return revisionArns
    .map((arn) => tdByRevision.get(arn))
    .filter((td): td is string => Boolean(td))
    .map((td) => familyRevision(td))
    .filter((fr) => fr.family === family && fr.revision !== undefined)
    .map((fr) => fr.revision!);
}

/** The in-flight deployment's ARN, read from DescribeServices when it says so (no extra call), else listed. */
async function inFlightDeployment(ctx: DeployContext, svc: Service): Promise<string | undefined> {
  const primary = svc.deployments?.find((d) => d.status === 'PRIMARY');
  if (primary?.rolloutState !== 'IN_PROGRESS') return undefined;
  if (svc.currentServiceDeployment) return svc.currentServiceDeployment;
  const ecs = await ctx.aws.ecs();
  const out = await ecs.listServiceDeployments(
    { cluster: ctx.config.cluster, service: svc.serviceName!, status: ['PENDING', 'IN_PROGRESS'] },
    ctx.signal,
  );
  return out.serviceDeployments?.[0]?.serviceDeploymentArn;
}

export async function rollback(ctx: DeployContext, o: RollbackOptions = {}): Promise<RollbackResult> {
  const name = ctx.serviceName();
  const svc = await requireService(ctx, name);
  const ecs = await ctx.aws.ecs();
  const from = taskDefinitionName(svc.taskDefinition);
  const flight = await inFlightDeployment(ctx, svc);
  const startedAt = ctx.clock.now();
  if (flight) {
    if (o.dryRun) {
      ctx.host.notify(msg('info', 'DRY_RUN', `dry run: would stop deployment ${flight.replace(/^.*\//, '')} of ${from} with ROLLBACK`));
      return { service: name, mode: 'stop-deployment', from, status: 'dry-run' };
    }
    await ecs.stopServiceDeployment({ serviceDeploymentArn: flight, stopType: 'ROLLBACK' }, ctx.signal);
    ctx.host.notify(msg('info', 'ROLLBACK_REQUESTED', `stopped deployment ${flight.replace(/^.*\//, '')} of ${from} with ROLLBACK`));
    if (o.noWait) return { service: name, mode: 'stop-deployment', from, status: 'started' };
    const r = await watchDeployment(ctx, { service: name, serviceDeploymentArn: flight, startedAt, until: o.waitUntil ?? 'stable' });
    if (r.outcome.kind === 'failed' && !r.outcome.rolledBack)
      throw new CortadoError('ROLLBACK_FAILED', `rollback of service ${name} failed: ${r.outcome.reason}`, { source: 'aws' });
    const to = taskDefinitionName(r.service.taskDefinition);
    const deregistered = o.deregisterTaskDefinition && to !== from ? await deregister(ctx, svc.taskDefinition!) : undefined;
    return { service: name, mode: 'stop-deployment', from, to, status: 'done', ...(deregistered ? { deregistered } : {}) };
  }
  const { family, revision } = familyRevision(svc.taskDefinition!);
  const [active, succeeded] = await Promise.all([activeRevisions(ctx, family), succeededRevisions(ctx, name, family)]);
  const prev = rollbackRevision(active, revision ?? 0, succeeded);
  if (prev === undefined)
    throw new UsageError(
      'NO_PREVIOUS_REVISION',
      `service ${name} runs ${from} and ${family} has no older ACTIVE revision that completed a deployment to roll back to`,
    );
  const to = `${family}:${prev}`;
  if (o.dryRun) {
    ctx.host.notify(msg('info', 'DRY_RUN', `dry run: would roll service ${name} back from ${from} to ${to}`));
    return { service: name, mode: 'previous-revision', from, to, status: 'dry-run' };
  }
  const out = await ecs.updateService({ cluster: ctx.config.cluster, service: name, taskDefinition: to }, ctx.signal);
  ctx.host.notify(msg('info', 'ROLLBACK_STARTED', `rolling service ${name} back from ${from} to ${to}`));
  if (o.noWait) return { service: name, mode: 'previous-revision', from, to, status: 'started' };
  const primary = out.service?.deployments?.find((d) => d.status === 'PRIMARY');
  const arn = out.service?.currentServiceDeployment;
  const r = await watchDeployment(ctx, {
    service: name,
    startedAt: primary?.createdAt ?? startedAt,
    until: o.waitUntil ?? 'stable',
    ...(arn ? { serviceDeploymentArn: arn } : {}),
    ...(primary?.id ? { deploymentId: primary.id } : {}),
  });
  if (r.outcome.kind === 'failed')
    throw new CortadoError('ROLLBACK_FAILED', `rollback of service ${name} to ${to} failed: ${r.outcome.reason}`, { source: 'aws' });
  const deregistered = o.deregisterTaskDefinition ? await deregister(ctx, svc.taskDefinition!) : undefined;
  return { service: name, mode: 'previous-revision', from, to, status: 'done', ...(deregistered ? { deregistered } : {}) };
}

async function deregister(ctx: DeployContext, arn: string): Promise<string> {
  await (await ctx.aws.ecs()).deregisterTaskDefinition({ taskDefinition: arn }, ctx.signal);
  ctx.host.notify(msg('info', 'TASK_DEFINITION_DEREGISTERED', `deregistered ${taskDefinitionName(arn)}`));
  return taskDefinitionName(arn);
}
