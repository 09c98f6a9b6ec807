// `rollback` of a CODE_DEPLOY service: stop the in-flight CodeDeploy deployment with rollback, or deploy the previous revision through CodeDeploy.
import type { DeploymentStatus } from '@aws-sdk/client-codedeploy';
import type { Service } from '@aws-sdk/client-ecs';
import { CortadoError, UsageError } from '../../core/errors.js';
import { msg } from '../../core/io-host.js';
import type { DeployContext } from '../deploy-context.js';
import type { RollbackResult } from '../rollback.js';
import { familyRevision, taskDefinitionName } from '../service-lookup.js';
import { activeRevisions } from '../task-definition-lookup.js';
import { deployWithCodeDeploy } from './codedeploy-deploy.js';
import { watchCodeDeploy } from './codedeploy-watch.js';
import { findDeploymentGroup } from './deployment-group.js';

const UNDER_WAY: DeploymentStatus[] = ['Created', 'Queued', 'InProgress', 'Ready', 'Baking'];

export interface CodeDeployRollbackOptions {
  readonly dryRun?: boolean;
  readonly noWait?: boolean;
  readonly revision?: number;
  readonly deregisterTaskDefinition?: boolean;
}

export async function rollbackCodeDeploy(ctx: DeployContext, svc: Service, o: CodeDeployRollbackOptions): Promise<RollbackResult> {
  const name = svc.serviceName!;
  const from = taskDefinitionName(svc.taskDefinition);
  const group = await findDeploymentGroup(ctx, name);
  const cd = await ctx.aws.codedeploy();
  const flight = (await cd.listDeployments({ ...group, includeOnlyStatuses: UNDER_WAY }, ctx.signal)).deployments?.[0];
  if (flight && o.revision === undefined) {
    if (o.dryRun) {
      ctx.host.notify(msg('info', 'DRY_RUN', `dry run: would stop CodeDeploy deployment ${flight} with auto rollback`));
      return { service: name, mode: 'stop-deployment', from, status: 'dry-run' };
    }
    await cd.stopDeployment({ deploymentId: flight, autoRollbackEnabled: true }, ctx.signal);
    ctx.host.notify(msg('info', 'CODEDEPLOY_STOPPED', `stopped CodeDeploy deployment ${flight} with auto rollback`));
    if (o.noWait) return { service: name, mode: 'stop-deployment', from, status: 'started' };
    const r = await watchCodeDeploy(ctx, flight);
    if (r.kind === 'succeeded')
      throw new CortadoError('ROLLBACK_FAILED', `CodeDeploy deployment ${flight} succeeded before it could be stopped`, { source: 'aws' });
    if (!r.rolledBack)
      throw new CortadoError('ROLLBACK_FAILED', `CodeDeploy deployment ${flight} stopped but did not roll back: ${r.reason ?? ''}`, {
        source: 'aws',
      });
    return { service: name, mode: 'stop-deployment', from, to: from, status: 'done', reason: r.reason ?? 'stopped' };
  }
  const { family, revision } = familyRevision(svc.taskDefinition!);
  const active = await activeRevisions(ctx, family);
  const target = o.revision ?? active.filter((r) => r < (revision ?? 0)).sort((a, b) => b - a)[0];
  if (target === undefined || !active.includes(target))
    throw new UsageError('NO_PREVIOUS_REVISION', `service ${name} runs ${from}; cannot roll back: ${family} has no older ACTIVE revision`);
  const to = `${family}:${target}`;
  const reason = o.revision !== undefined ? `--revision ${target}` : 'the newest older ACTIVE revision, deployed through CodeDeploy';
  if (o.dryRun) {
    ctx.host.notify(msg('info', 'DRY_RUN', `dry run: would deploy ${to} to service ${name} through CodeDeploy (${reason})`));
    return { service: name, mode: 'previous-revision', from, to, status: 'dry-run', reason };
  }
  ctx.host.notify(msg('info', 'ROLLBACK_TARGET', `${to}: ${reason}`));
  const tdArn = svc.taskDefinition!.replace(/task-definition\/.*$/, `task-definition/${to}`);
  const r = await deployWithCodeDeploy(ctx, svc, tdArn, { ...(o.noWait ? { noWait: true } : {}) });
  if (r.status === 'started') return { service: name, mode: 'previous-revision', from, to, status: 'started', reason };
  let deregistered: string | undefined;
  if (o.deregisterTaskDefinition !== false) {
    await (await ctx.aws.ecs()).deregisterTaskDefinition({ taskDefinition: svc.taskDefinition! }, ctx.signal);
    deregistered = from;
    ctx.host.notify(msg('info', 'TASK_DEFINITION_DEREGISTERED', `deregistered ${from}`));
  }
  return { service: name, mode: 'previous-revision', from, to, status: 'done', reason, ...(deregistered ? { deregistered } : {}) };
}
