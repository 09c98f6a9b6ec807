// Follows a CodeDeploy ECS deployment to its end (or to a lifecycle event), reporting status, events and traffic shifted.
import type { DeploymentInfo, ECSTarget } from '@aws-sdk/client-codedeploy';
import { msg } from '../../core/io-host.js';
import { waitLoop } from '../../core/wait-loop.js';
import type { DeployContext } from '../deploy-context.js';

export const LIFECYCLE_EVENTS = [
  'BeforeInstall',
  'Install',
  'AfterInstall',
  'AllowTestTraffic',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
] as const;

export interface CodeDeployOutcome {
  readonly kind: 'succeeded' | 'failed' | 'stopped' | 'reached';
  readonly info: DeploymentInfo;
  /** Why it failed or stopped, in CodeDeploy's words, and what its rollback did. */
  readonly reason?: string;
  readonly rolledBack: boolean;
}

/** Pure: one line for what changed since the last report (undefined when nothing did). */
export function progressLine(info: DeploymentInfo, target: ECSTarget | undefined): string {
  const green = target?.taskSetsInfo?.find((s) => s.taskSetLabel === 'Green');
  const current = target?.lifecycleEvents?.find((e) => e.status === 'InProgress')?.lifecycleEventName;
  const parts = [`deployment ${info.deploymentId ?? ''}: ${info.status ?? 'unknown'}`];
  if (current) parts.push(current);
  if (green?.trafficWeight !== undefined) parts.push(`${green.trafficWeight}% of production traffic on the replacement task set`);
  return parts.join(', ');
}

/** Pure: the failure CodeDeploy reports, with its rollback. */
export function failureReason(info: DeploymentInfo): { readonly reason: string; readonly rolledBack: boolean } {
  const e = info.errorInformation;
  const base = e ? `${e.code ?? 'ERROR'}: ${e.message ?? ''}` : `CodeDeploy deployment ended ${info.status ?? ''}`;
  const rb = info.rollbackInfo;
  const rolledBack = Boolean(rb?.rollbackDeploymentId);
  return {
    reason: rolledBack ? `${base}; CodeDeploy rolled back (deployment ${rb!.rollbackDeploymentId}): ${rb!.rollbackMessage ?? ''}` : base,
    rolledBack,
  };
}

export async function watchCodeDeploy(ctx: DeployContext, deploymentId: string, until?: string): Promise<CodeDeployOutcome> {
  const cd = await ctx.aws.codedeploy();
  const loop = waitLoop(ctx.clock, `CodeDeploy deployment ${deploymentId}`, ctx.timeoutMs, ctx.pollIntervalMs, ctx.signal);
  ctx.host.notify(
    msg(
      'info',
      'DEPLOY_WAITING',
      `waiting for CodeDeploy deployment ${deploymentId} ${until ? `to pass ${until}` : 'to succeed'} (timeout ${Math.round(ctx.timeoutMs / 1000)} s)`,
    ),
  );
  let last = '';
  let targetId: string | undefined;
  for (;;) {
    const info = (await cd.getDeployment({ deploymentId }, ctx.signal)).deploymentInfo ?? {};
    let target: ECSTarget | undefined;
    if (info.status !== 'Created' && info.status !== 'Queued') {
      targetId ??= (await cd.listDeploymentTargets({ deploymentId }, ctx.signal)).targetIds?.[0];
      if (targetId) target = (await cd.getDeploymentTarget({ deploymentId, targetId }, ctx.signal)).deploymentTarget?.ecsTarget;
    }
    const line = progressLine(info, target);
    if (line !== last) {
      const green = target?.taskSetsInfo?.find((s) => s.taskSetLabel === 'Green');
      ctx.host.notify(
        msg('info', 'CODEDEPLOY_PROGRESS', line, {
          deploymentId,
          status: info.status,
          ...(green?.trafficWeight !== undefined ? { trafficShiftedPercent: green.trafficWeight } : {}),
        }),
      );
      last = line;
    }
    if (info.status === 'Succeeded') return { kind: 'succeeded', info, rolledBack: false };
    if (info.status === 'Failed' || info.status === 'Stopped') {
      const f = failureReason(info);
      return { kind: info.status === 'Failed' ? 'failed' : 'stopped', info, reason: f.reason, rolledBack: f.rolledBack };
    }
    if (until && target?.lifecycleEvents?.some((e) => e.lifecycleEventName === until && e.status === 'Succeeded'))
      return { kind: 'reached', info, rolledBack: false };
    await loop.tick();
  }
}
