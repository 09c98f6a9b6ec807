// Every ECS call any capability makes (deploy, canary, preview, demo): one narrow seam that tests can fake.
import type * as ecs from '@aws-sdk/client-ecs';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface EcsApi {
  readonly createCluster: Call<ecs.CreateClusterCommandInput, ecs.CreateClusterCommandOutput>;
  readonly describeClusters: Call<ecs.DescribeClustersCommandInput, ecs.DescribeClustersCommandOutput>;
  readonly listServices: Call<ecs.ListServicesCommandInput, ecs.ListServicesCommandOutput>;
  readonly describeServices: Call<ecs.DescribeServicesCommandInput, ecs.DescribeServicesCommandOutput>;
  readonly createService: Call<ecs.CreateServiceCommandInput, ecs.CreateServiceCommandOutput>;
  readonly updateService: Call<ecs.UpdateServiceCommandInput, ecs.UpdateServiceCommandOutput>;
  readonly deleteService: Call<ecs.DeleteServiceCommandInput, ecs.DeleteServiceCommandOutput>;
  readonly registerTaskDefinition: Call<ecs.RegisterTaskDefinitionCommandInput, ecs.RegisterTaskDefinitionCommandOutput>;
  readonly describeTaskDefinition: Call<ecs.DescribeTaskDefinitionCommandInput, ecs.DescribeTaskDefinitionCommandOutput>;
  readonly deregisterTaskDefinition: Call<ecs.DeregisterTaskDefinitionCommandInput, ecs.DeregisterTaskDefinitionCommandOutput>;
  readonly deleteTaskDefinitions: Call<ecs.DeleteTaskDefinitionsCommandInput, ecs.DeleteTaskDefinitionsCommandOutput>;
  readonly listTaskDefinitions: Call<ecs.ListTaskDefinitionsCommandInput, ecs.ListTaskDefinitionsCommandOutput>;
  readonly listTaskDefinitionFamilies: Call<ecs.ListTaskDefinitionFamiliesCommandInput, ecs.ListTaskDefinitionFamiliesCommandOutput>;
  readonly listServiceDeployments: Call<ecs.ListServiceDeploymentsCommandInput, ecs.ListServiceDeploymentsCommandOutput>;
  readonly describeServiceDeployments: Call<ecs.DescribeServiceDeploymentsCommandInput, ecs.DescribeServiceDeploymentsCommandOutput>;
  readonly describeServiceRevisions: Call<ecs.DescribeServiceRevisionsCommandInput, ecs.DescribeServiceRevisionsCommandOutput>;
  readonly stopServiceDeployment: Call<ecs.StopServiceDeploymentCommandInput, ecs.StopServiceDeploymentCommandOutput>;
  readonly continueServiceDeployment: Call<ecs.ContinueServiceDeploymentCommandInput, ecs.ContinueServiceDeploymentCommandOutput>;
  readonly listTasks: Call<ecs.ListTasksCommandInput, ecs.ListTasksCommandOutput>;
  readonly describeTasks: Call<ecs.DescribeTasksCommandInput, ecs.DescribeTasksCommandOutput>;
  readonly runTask: Call<ecs.RunTaskCommandInput, ecs.RunTaskCommandOutput>;
  readonly stopTask: Call<ecs.StopTaskCommandInput, ecs.StopTaskCommandOutput>;
  readonly executeCommand: Call<ecs.ExecuteCommandCommandInput, ecs.ExecuteCommandCommandOutput>;
  readonly listTagsForResource: Call<ecs.ListTagsForResourceCommandInput, ecs.ListTagsForResourceCommandOutput>;
  readonly tagResource: Call<ecs.TagResourceCommandInput, ecs.TagResourceCommandOutput>;
  readonly untagResource: Call<ecs.UntagResourceCommandInput, ecs.UntagResourceCommandOutput>;
  readonly createExpressGatewayService: Call<ecs.CreateExpressGatewayServiceCommandInput, ecs.CreateExpressGatewayServiceCommandOutput>;
  readonly updateExpressGatewayService: Call<ecs.UpdateExpressGatewayServiceCommandInput, ecs.UpdateExpressGatewayServiceCommandOutput>;
  readonly describeExpressGatewayService: Call<
    ecs.DescribeExpressGatewayServiceCommandInput,
    ecs.DescribeExpressGatewayServiceCommandOutput
  >;
  readonly deleteExpressGatewayService: Call<ecs.DeleteExpressGatewayServiceCommandInput, ecs.DeleteExpressGatewayServiceCommandOutput>;
}

export const ECS_SEAM: SeamSpec<EcsApi> = {
  service: 'ecs',
  clientName: 'ECSClient',
  load: () => import('@aws-sdk/client-ecs'),
  operations: {
    CreateCluster: true,
    DescribeClusters: true,
    ListServices: true,
    DescribeServices: true,
    CreateService: true,
    UpdateService: true,
    DeleteService: true,
    RegisterTaskDefinition: true,
    DescribeTaskDefinition: true,
    DeregisterTaskDefinition: true,
    DeleteTaskDefinitions: true,
    ListTaskDefinitions: true,
    ListTaskDefinitionFamilies: true,
    ListServiceDeployments: true,
    DescribeServiceDeployments: true,
    DescribeServiceRevisions: true,
    StopServiceDeployment: true,
    ContinueServiceDeployment: true,
    ListTasks: true,
    DescribeTasks: true,
    RunTask: true,
    StopTask: true,
    ExecuteCommand: true,
    ListTagsForResource: true,
    TagResource: true,
    UntagResource: true,
    CreateExpressGatewayService: true,
    UpdateExpressGatewayService: true,
    DescribeExpressGatewayService: true,
    DeleteExpressGatewayService: true,
  } satisfies OperationsOf<EcsApi>,
};
