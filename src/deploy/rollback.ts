// `rollback`: stops an in-flight deployment with ROLLBACK, otherwise moves the service back to the previous revision.
import type { Service } from '@aws-sdk/client-ecs';
import { awsErrorCode } from '../aws/aws-call.js';
import { CortadoError, UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import type { DeployContext } from './deploy-context.js';
import { familyRevision, requireService, taskDefinitionName } from './service-lookup.js';
import { activeRevisions } from './task-definition-lookup.js';
import { type WaitUntil, watchDeployment } from './watch-deployment.js';
import { rollbackCodeDeploy } from './codedeploy/codedeploy-rollback.js';
import { isExpressService } from './express-service.js';

export interface RollbackOptions {
  readonly dryRun?: boolean;
  /** Deregister the revision rolled back from once the rollback succeeded (ecspresso's default: true). */
  readonly deregisterTaskDefinition?: boolean;
  /** --revision N: roll back to revision N of the family; one known to have failed needs `force`. */
  readonly revision?: number;
  readonly force?: boolean;
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
  /** Why this revision (history, fallback or --revision). */
  readonly reason?: string;
}

/** Pure: the newest ACTIVE revision older than `current`. */
export function previousRevision(revisions: readonly number[], current: number): number | undefined {
  return revisions.filter((r) => r < current).sort((a, b) => b - a)[0];
}

/** What ECS's deployment history says about the family's revisions, newest deployment first. */
export interface RevisionHistory {
  /** Revisions whose deployment completed (SUCCESSFUL). */
  readonly succeeded: readonly number[];
  /** Revisions whose deployment was rolled back (ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED) and never completed one. */
  readonly failed: readonly number[];
}

export type RollbackChoice = { readonly revision: number; readonly reason: string } | { readonly refused: string };

/**
 * Pure: where a rollback goes, and why. ECS's deployment history decides when it has one: the revision of the newest SUCCESSFUL
 * deployment older than `current` and still ACTIVE — so a revision the circuit breaker rolled back (ROLLBACK_SUCCESSFUL) is
 * never chosen. Without such history (older services, deployments aged out), the newest ACTIVE older revision. `--revision N`
 * picks N, refused when it is not ACTIVE, or when it is known to have failed unless `force`.
 */
export function chooseRollback(
  family: string,
  active: readonly number[],
  current: number,
  history: RevisionHistory,
  pick?: { readonly revision: number; readonly force?: boolean },
): RollbackChoice {
  const failedNote = (r: number) => (history.failed.includes(r) ? `; ${family}:${r} was rolled back by ECS` : '');
  if (pick) {
    const r = pick.revision;
    if (!active.includes(r)) return { refused: `${family}:${r} is not an ACTIVE revision (active: ${active.join(', ') || 'none'})` };
    if (r === current) return { refused: `the service already runs ${family}:${r}` };
    if (history.failed.includes(r) && !history.succeeded.includes(r) && !pick.force)
      return {
        refused: `${family}:${r} failed its last deployment (ECS rolled it back): pass --force with --revision ${r} to use it anyway`,
      };
    return { revision: r, reason: `--revision ${r}${history.failed.includes(r) ? ' (--force: it failed before)' : ''}` };
  }
  const fromHistory = history.succeeded.find((r) => r < current && active.includes(r));
  if (fromHistory !== undefined) {
    const skipped = history.failed.filter((r) => r > fromHistory && r < current);
    return {
      revision: fromHistory,
      reason: `the newest older revision that completed a deployment${skipped.length ? ` (skipped, rolled back by ECS: ${skipped.map((r) => `${family}:${r}`).join(', ')})` : ''}`,
    };
  }
  if (history.succeeded.some((r) => r < current))
    return { refused: `no older revision that completed a deployment is still ACTIVE in ${family}` };
  const prev = previousRevision(
    active.filter((r) => !history.failed.includes(r)),
    current,
  );
  if (prev === undefined) return { refused: `${family} has no older ACTIVE revision to roll back to${failedNote(current - 1)}` };
  return { revision: prev, reason: 'the newest older ACTIVE revision (ECS has no deployment history for the older ones)' };
}

/** Kept for callers of the earlier rule: the revision only. */
export function rollbackRevision(active: readonly number[], current: number, succeededNewestFirst: readonly number[]): number | undefined {
  const c = chooseRollback('', active, current, { succeeded: succeededNewestFirst, failed: [] });
  return 'revision' in c ? c.revision : undefined;
}

/** The family's revisions by the outcome of their deployments on this service, newest first (ECS keeps 90 days). */
async function revisionHistory(ctx: DeployContext, service: string, family: string): Promise<RevisionHistory> {
  const ecs = await ctx.aws.ecs();
  const listed = await ecs.listServiceDeployments(
    { cluster: ctx.config.cluster, service, status: ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'], maxResults: 50 },
    ctx.signal,
  );
  const deployments = (listed.serviceDeployments ?? []).filter((d) => d.targetServiceRevisionArn);
  if (deployments.length === 0) return { succeeded: [], failed: [] };
  const arns = [...new Set(deployments.map((d) => d.targetServiceRevisionArn!))];
  const tdByRevision = new Map<string, string | undefined>();
  for (let i = 0; i < arns.length; i += 20) {
    const described = await ecs.describeServiceRevisions({ serviceRevisionArns: arns.slice(i, i + 20) }, ctx.signal);
    for (const r of described.serviceRevisions ?? []) tdByRevision.set(r.serviceRevisionArn!, r.taskDefinition);
  }
  const revisionOf = (arn: string) => {
    const td = tdByRevision.get(arn);
    const fr = td ? familyRevision(td) : undefined;
    return fr?.family === family ? fr.revision : undefined;
  };
  const pick = (statuses: readonly string[]) =>
    deployments
      .filter((d) => statuses.includes(d.status ?? ''))
      .map((d) => revisionOf(d.targetServiceRevisionArn!))
      .filter((r): r is number => r !== undefined);
  const succeeded = pick(['SUCCESSFUL']);
  return { succeeded, failed: pick(['ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']).filter((r) => !succeeded.includes(r)) };
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
  if (o.revision !== undefined && ctx.config.expressServiceDefinitionPath) throw expressRevision(name);
  const svc = await requireService(ctx, name);
  if (svc.deploymentController?.type === 'CODE_DEPLOY') return rollbackCodeDeploy(ctx, svc, o);
  const express = isExpressService(svc);
  if (express && o.revision !== undefined) throw expressRevision(name);
  const ecs = await ctx.aws.ecs();
  const from = taskDefinitionName(svc.taskDefinition);
  const flight = o.revision === undefined ? await inFlightDeployment(ctx, svc) : undefined;
  // As ecspresso: an Express service is rolled back by stopping its deployment in progress. Moving it to an older task
  // definition with UpdateService would leave its Express configuration (image, environment) saying something else.
  if (express && !flight)
    throw new UsageError(
      'EXPRESS_NOTHING_IN_FLIGHT',
      `Express service ${name} (on ${from}) has no deployment in progress: rollback stops one with ROLLBACK; nothing changed`,
      'to go back to an earlier image, put it in the Express service definition and `cortado deploy`',
    );
  const startedAt = ctx.clock.now();
  if (flight) {
    if (o.dryRun) {
      ctx.host.notify(msg('info', 'DRY_RUN', `dry run: would stop deployment ${flight.replace(/^.*\//, '')} of ${from} with ROLLBACK`));
      return { service: name, mode: 'stop-deployment', from, status: 'dry-run' };
    }
    try {
      await ecs.stopServiceDeployment({ serviceDeploymentArn: flight, stopType: 'ROLLBACK' }, ctx.signal);
    } catch (e) {
      // ECS refuses when nothing completed before this deployment (a new service's first one): nothing to go back to.
      if (awsErrorCode(e) !== 'ConflictException') throw e;
      throw new UsageError(
        'NO_PREVIOUS_REVISION',
        `service ${name} runs ${from}; cannot roll back its deployment in progress: ${e instanceof Error ? e.message.replace(/^.*?ConflictException: /, '') : String(e)}`,
        '`cortado status` shows its deployments; a new service has no earlier revision to go back to',
      );
    }
    ctx.host.notify(msg('info', 'ROLLBACK_REQUESTED', `stopped deployment ${flight.replace(/^.*\//, '')} of ${from} with ROLLBACK`));
    if (o.noWait) return { service: name, mode: 'stop-deployment', from, status: 'started' };
    const r = await watchDeployment(ctx, { service: name, serviceDeploymentArn: flight, startedAt, until: o.waitUntil ?? 'stable' });
    if (r.outcome.kind === 'failed' && !r.outcome.rolledBack)
      throw new CortadoError('ROLLBACK_FAILED', `rollback of service ${name} failed: ${r.outcome.reason}`, { source: 'aws' });
    const to = taskDefinitionName(r.service.taskDefinition);
    const deregistered = o.deregisterTaskDefinition !== false && to !== from ? await deregister(ctx, svc.taskDefinition!) : undefined;
    return { service: name, mode: 'stop-deployment', from, to, status: 'done', ...(deregistered ? { deregistered } : {}) };
  }
  const { family, revision } = familyRevision(svc.taskDefinition!);
  const [active, history] = await Promise.all([activeRevisions(ctx, family), revisionHistory(ctx, name, family)]);
  const choice = chooseRollback(
    family,
    active,
    revision ?? 0,
    history,
    o.revision !== undefined ? { revision: o.revision, force: Boolean(o.force) } : undefined,
  );
  if ('refused' in choice)
    throw new UsageError(
      o.revision !== undefined ? 'BAD_OPTION' : 'NO_PREVIOUS_REVISION',
      `service ${name} runs ${from}; cannot roll back: ${choice.refused}`,
    );
  const to = `${family}:${choice.revision}`;
  const deregisters = o.deregisterTaskDefinition !== false;
  const plan = `roll service ${name} back from ${from} to ${to}: ${choice.reason}${deregisters ? `; then deregister ${from}` : ''}`;
  if (o.dryRun) {
    ctx.host.notify(msg('info', 'DRY_RUN', `dry run: would ${plan}`));
    return { service: name, mode: 'previous-revision', from, to, status: 'dry-run', reason: choice.reason };
  }
  ctx.host.notify(msg('info', 'ROLLBACK_TARGET', `${to}: ${choice.reason}`));
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
  const deregistered = deregisters ? await deregister(ctx, svc.taskDefinition!) : undefined;
  return {
    service: name,
    mode: 'previous-revision',
    from,
    to,
    status: 'done',
    reason: choice.reason,
    ...(deregistered ? { deregistered } : {}),
  };
}

const expressRevision = (name: string) =>
  new UsageError(
    'BAD_OPTION',
    `--revision does not apply to Express service ${name}: its task definition is ECS's, registered from the Express service definition`,
    'rollback stops its deployment in progress; to run an earlier image, deploy it from the Express service definition',
  );

async function deregister(ctx: DeployContext, arn: string): Promise<string> {
  await (await ctx.aws.ecs()).deregisterTaskDefinition({ taskDefinition: arn }, ctx.signal);
  ctx.host.notify(msg('info', 'TASK_DEFINITION_DEREGISTERED', `deregistered ${taskDefinitionName(arn)}`));
  return taskDefinitionName(arn);
}
