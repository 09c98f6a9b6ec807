// Which CodeDeploy application and deployment group deploy a CODE_DEPLOY service: from the config, or found as ecspresso finds it.
import { CortadoError } from '../../core/errors.js';
import type { DeployContext } from '../deploy-context.js';

export interface DeploymentGroupRef {
  readonly applicationName: string;
  readonly deploymentGroupName: string;
}

/**
 * `codedeploy: {application_name, deployment_group_name}` when both are set; otherwise every application's deployment
 * groups (ListApplications, ListDeploymentGroups, BatchGetDeploymentGroups) are searched for the one whose ecsServices
 * names this cluster and service, as ecspresso does.
 */
export async function findDeploymentGroup(ctx: DeployContext, service: string): Promise<DeploymentGroupRef> {
  const cfg = ctx.config.codedeploy;
  if (cfg?.applicationName && cfg.deploymentGroupName)
    return { applicationName: cfg.applicationName, deploymentGroupName: cfg.deploymentGroupName };
  const cd = await ctx.aws.codedeploy();
  const apps: string[] = [];
  if (cfg?.applicationName) apps.push(cfg.applicationName);
  else {
    let nextToken: string | undefined;
    do {
      const out = await cd.listApplications(nextToken ? { nextToken } : {}, ctx.signal);
      apps.push(...(out.applications ?? []));
      nextToken = out.nextToken;
    } while (nextToken);
  }
  const found: DeploymentGroupRef[] = [];
  for (const applicationName of apps) {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const out = await cd.listDeploymentGroups({ applicationName, ...(nextToken ? { nextToken } : {}) }, ctx.signal);
      names.push(...(out.deploymentGroups ?? []));
      nextToken = out.nextToken;
    } while (nextToken);
    for (let i = 0; i < names.length; i += 100) {
      const out = await cd.batchGetDeploymentGroups({ applicationName, deploymentGroupNames: names.slice(i, i + 100) }, ctx.signal);
      for (const g of out.deploymentGroupsInfo ?? [])
        if ((g.ecsServices ?? []).some((s) => s.serviceName === service && s.clusterName === ctx.config.cluster))
          found.push({ applicationName, deploymentGroupName: g.deploymentGroupName! });
    }
  }
  if (found.length === 1) return found[0]!;
  const where = `service ${service} in cluster ${ctx.config.cluster}`;
  throw new CortadoError(
    'CODEDEPLOY_GROUP_NOT_FOUND',
    found.length === 0
      ? `no CodeDeploy deployment group deploys ${where}`
      : `${found.length} CodeDeploy deployment groups deploy ${where}: ${found.map((f) => `${f.applicationName}/${f.deploymentGroupName}`).join(', ')}`,
    { source: 'aws', hint: `set codedeploy.application_name and codedeploy.deployment_group_name in ${ctx.config.path}` },
  );
}
