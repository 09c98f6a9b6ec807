// The ECS calls the deploy engine makes, and nothing else: a narrow seam that tests can fake.
import type * as ecs from '@aws-sdk/client-ecs';
import { awsCall } from './aws-call.js';
import type { ClientConfig } from './client-config.js';

type Call<I, O> = (input: I, signal?: AbortSignal) => Promise<O>;

export interface EcsApi {
  readonly describeClusters: Call<ecs.DescribeClustersCommandInput, ecs.DescribeClustersCommandOutput>;
  readonly describeServices: Call<ecs.DescribeServicesCommandInput, ecs.DescribeServicesCommandOutput>;
  readonly createService: Call<ecs.CreateServiceCommandInput, ecs.CreateServiceCommandOutput>;
  readonly updateService: Call<ecs.UpdateServiceCommandInput, ecs.UpdateServiceCommandOutput>;
  readonly deleteService: Call<ecs.DeleteServiceCommandInput, ecs.DeleteServiceCommandOutput>;
  readonly registerTaskDefinition: Call<ecs.RegisterTaskDefinitionCommandInput, ecs.RegisterTaskDefinitionCommandOutput>;
  readonly describeTaskDefinition: Call<ecs.DescribeTaskDefinitionCommandInput, ecs.DescribeTaskDefinitionCommandOutput>;
  readonly deregisterTaskDefinition: Call<ecs.DeregisterTaskDefinitionCommandInput, ecs.DeregisterTaskDefinitionCommandOutput>;
  readonly deleteTaskDefinitions: Call<ecs.DeleteTaskDefinitionsCommandInput, ecs.DeleteTaskDefinitionsCommandOutput>;
  readonly listTaskDefinitions: Call<ecs.ListTaskDefinitionsCommandInput, ecs.ListTaskDefinitionsCommandOutput>;
  readonly listServiceDeployments: Call<ecs.ListServiceDeploymentsCommandInput, ecs.ListServiceDeploymentsCommandOutput>;
  readonly describeServiceDeployments: Call<ecs.DescribeServiceDeploymentsCommandInput, ecs.DescribeServiceDeploymentsCommandOutput>;
  readonly stopServiceDeployment: Call<ecs.StopServiceDeploymentCommandInput, ecs.StopServiceDeploymentCommandOutput>;
  readonly listTasks: Call<ecs.ListTasksCommandInput, ecs.ListTasksCommandOutput>;
  readonly describeTasks: Call<ecs.DescribeTasksCommandInput, ecs.DescribeTasksCommandOutput>;
  readonly runTask: Call<ecs.RunTaskCommandInput, ecs.RunTaskCommandOutput>;
  readonly stopTask: Call<ecs.StopTaskCommandInput, ecs.StopTaskCommandOutput>;
  readonly executeCommand: Call<ecs.ExecuteCommandCommandInput, ecs.ExecuteCommandCommandOutput>;
  readonly tagResource: Call<ecs.TagResourceCommandInput, ecs.TagResourceCommandOutput>;
  readonly untagResource: Call<ecs.UntagResourceCommandInput, ecs.UntagResourceCommandOutput>;
}

export async function createEcsApi(config: ClientConfig): Promise<EcsApi> {
  const sdk = await import('@aws-sdk/client-ecs');
  const client = new sdk.ECSClient(config);
  const opt = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {});
  return {
    describeClusters: (i, s) => awsCall('DescribeClusters', () => client.send(new sdk.DescribeClustersCommand(i), opt(s))),
    describeServices: (i, s) => awsCall('DescribeServices', () => client.send(new sdk.DescribeServicesCommand(i), opt(s))),
    createService: (i, s) => awsCall('CreateService', () => client.send(new sdk.CreateServiceCommand(i), opt(s))),
    updateService: (i, s) => awsCall('UpdateService', () => client.send(new sdk.UpdateServiceCommand(i), opt(s))),
    deleteService: (i, s) => awsCall('DeleteService', () => client.send(new sdk.DeleteServiceCommand(i), opt(s))),
    registerTaskDefinition: (i, s) => awsCall('RegisterTaskDefinition', () => client.send(new sdk.RegisterTaskDefinitionCommand(i), opt(s))),
    describeTaskDefinition: (i, s) => awsCall('DescribeTaskDefinition', () => client.send(new sdk.DescribeTaskDefinitionCommand(i), opt(s))),
    deregisterTaskDefinition: (i, s) => awsCall('DeregisterTaskDefinition', () => client.send(new sdk.DeregisterTaskDefinitionCommand(i), opt(s))),
    deleteTaskDefinitions: (i, s) => awsCall('DeleteTaskDefinitions', () => client.send(new sdk.DeleteTaskDefinitionsCommand(i), opt(s))),
    listTaskDefinitions: (i, s) => awsCall('ListTaskDefinitions', () => client.send(new sdk.ListTaskDefinitionsCommand(i), opt(s))),
    listServiceDeployments: (i, s) => awsCall('ListServiceDeployments', () => client.send(new sdk.ListServiceDeploymentsCommand(i), opt(s))),
    describeServiceDeployments: (i, s) => awsCall('DescribeServiceDeployments', () => client.send(new sdk.DescribeServiceDeploymentsCommand(i), opt(s))),
    stopServiceDeployment: (i, s) => awsCall('StopServiceDeployment', () => client.send(new sdk.StopServiceDeploymentCommand(i), opt(s))),
    listTasks: (i, s) => awsCall('ListTasks', () => client.send(new sdk.ListTasksCommand(i), opt(s))),
    describeTasks: (i, s) => awsCall('DescribeTasks', () => client.send(new sdk.DescribeTasksCommand(i), opt(s))),
    runTask: (i, s) => awsCall('RunTask', () => client.send(new sdk.RunTaskCommand(i), opt(s))),
    stopTask: (i, s) => awsCall('StopTask', () => client.send(new sdk.StopTaskCommand(i), opt(s))),
    executeCommand: (i, s) => awsCall('ExecuteCommand', () => client.send(new sdk.ExecuteCommandCommand(i), opt(s))),
    tagResource: (i, s) => awsCall('TagResource', () => client.send(new sdk.TagResourceCommand(i), opt(s))),
    untagResource: (i, s) => awsCall('UntagResource', () => client.send(new sdk.UntagResourceCommand(i), opt(s))),
  };
}
