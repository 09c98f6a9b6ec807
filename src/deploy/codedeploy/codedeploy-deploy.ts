// Deploys a CODE_DEPLOY service: a CodeDeploy deployment with an AppSpec for the new task definition, followed to its end.
import type { Service } from '@aws-sdk/client-ecs';
import type { AutoRollbackEvent } from '@aws-sdk/client-codedeploy';
import { msg } from '../../core/io-host.js';
import type { DeployContext } from '../deploy-context.js';
import { DeploymentFailedError } from '../deploy-errors.js';
import { taskDefinitionName } from '../service-lookup.js';
import { appSpecYaml, buildAppSpec } from './appspec.js';
import { watchCodeDeploy } from './codedeploy-watch.js';
import { findDeploymentGroup } from './deployment-group.js';

export interface CodeDeployOptions {
  readonly noWait?: boolean;
  /** A lifecycle event (`AllowTestTraffic`, ...): return once it has succeeded instead of waiting for the end. */
  readonly waitUntilEvent?: string;
  /** --rollback-events: auto rollback on these events for this deployment. */
  readonly rollbackEvents?: readonly string[];
  /** --auto-rollback-disabled: no auto rollback for this deployment, whatever the deployment group says. */
  readonly autoRollbackDisabled?: boolean;
}

export interface CodeDeployResult {
  readonly deploymentId: string;
  readonly status: 'started' | 'deployed';
}

/** The deployment's autoRollbackConfiguration override, if any flag asks for one. */
function rollbackOverride(o: CodeDeployOptions) {
  if (o.autoRollbackDisabled) return { autoRollbackConfiguration: { enabled: false } };
  if (o.rollbackEvents?.length) return { autoRollbackConfiguration: { enabled: true, events: o.rollbackEvents as AutoRollbackEvent[] } };
  return {};
}

export async function deployWithCodeDeploy(
  ctx: DeployContext,
  svc: Service,
  tdArn: string,
  o: CodeDeployOptions,
): Promise<CodeDeployResult> {
  const name = svc.serviceName!;
  const group = await findDeploymentGroup(ctx, name);
  const content = appSpecYaml(buildAppSpec(svc, tdArn, ctx.config.appspec));
  const cd = await ctx.aws.codedeploy();
  const out = await cd.createDeployment(
    {
      applicationName: group.applicationName,
      deploymentGroupName: group.deploymentGroupName,
      revision: { revisionType: 'AppSpecContent', appSpecContent: { content } },
      ...rollbackOverride(o),
    },
    ctx.signal,
  );
  const deploymentId = out.deploymentId!;
  ctx.host.notify(
    msg(
      'info',
      'CODEDEPLOY_DEPLOYMENT',
      `created CodeDeploy deployment ${deploymentId} of ${taskDefinitionName(tdArn)} (${group.applicationName}/${group.deploymentGroupName})`,
      { deploymentId, ...group, appSpec: content },
    ),
  );
  if (o.noWait) return { deploymentId, status: 'started' };
  const r = await watchCodeDeploy(ctx, deploymentId, o.waitUntilEvent);
  if (r.kind === 'failed' || r.kind === 'stopped')
    throw new DeploymentFailedError(
      `CodeDeploy deployment ${deploymentId} of ${taskDefinitionName(tdArn)} to service ${name} ${r.kind}: ${r.reason ?? ''}`,
      [],
      r.rolledBack,
    );
  return { deploymentId, status: 'deployed' };
}
