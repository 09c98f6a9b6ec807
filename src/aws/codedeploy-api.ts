// Every CodeDeploy call cortado makes: finding a service's deployment group, creating, following and stopping ECS deployments.
import type * as cd from '@aws-sdk/client-codedeploy';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface CodeDeployApi {
  readonly listApplications: Call<cd.ListApplicationsCommandInput, cd.ListApplicationsCommandOutput>;
  readonly listDeploymentGroups: Call<cd.ListDeploymentGroupsCommandInput, cd.ListDeploymentGroupsCommandOutput>;
  readonly batchGetDeploymentGroups: Call<cd.BatchGetDeploymentGroupsCommandInput, cd.BatchGetDeploymentGroupsCommandOutput>;
  readonly createDeployment: Call<cd.CreateDeploymentCommandInput, cd.CreateDeploymentCommandOutput>;
  readonly getDeployment: Call<cd.GetDeploymentCommandInput, cd.GetDeploymentCommandOutput>;
  readonly listDeployments: Call<cd.ListDeploymentsCommandInput, cd.ListDeploymentsCommandOutput>;
  readonly getDeploymentTarget: Call<cd.GetDeploymentTargetCommandInput, cd.GetDeploymentTargetCommandOutput>;
  readonly listDeploymentTargets: Call<cd.ListDeploymentTargetsCommandInput, cd.ListDeploymentTargetsCommandOutput>;
  readonly stopDeployment: Call<cd.StopDeploymentCommandInput, cd.StopDeploymentCommandOutput>;
}

export const CODEDEPLOY_SEAM: SeamSpec<CodeDeployApi> = {
  service: 'codedeploy',
  clientName: 'CodeDeployClient',
  load: () => import('@aws-sdk/client-codedeploy'),
  operations: {
    ListApplications: true,
    ListDeploymentGroups: true,
    BatchGetDeploymentGroups: true,
    CreateDeployment: true,
    GetDeployment: true,
    ListDeployments: true,
    GetDeploymentTarget: true,
    ListDeploymentTargets: true,
    StopDeployment: true,
  } satisfies OperationsOf<CodeDeployApi>,
};
