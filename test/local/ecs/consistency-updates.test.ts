// With a consistency delay, only new resources are hidden for a while: a service just updated, tagged or deleted and a
// revision just deregistered stay visible (AWS may answer a stale copy, never "not found" for something that exists).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import type { Sandbox } from '../../../src/local/index.js';
import { eventually, sdkConfig, withSandbox } from '../../helpers/sandbox.js';

const DELAY_MS = 2000;
let sandbox: Sandbox;
let ecs: ECSClient;

before(async () => {
  sandbox = await withSandbox({ consistencyDelayMs: DELAY_MS, speed: 30 });
  ecs = new ECSClient(sdkConfig(sandbox));
});
after(async () => {
  ecs?.destroy();
  await sandbox?.close();
});

test('an update, a tag, a deregistration and a delete are visible at once; a new service is not', async () => {
  await ecs.send(new CreateClusterCommand({ clusterName: 'c' }));
  const td = await ecs.send(
    new RegisterTaskDefinitionCommand({ family: 'f', containerDefinitions: [{ name: 'app', image: 'cortado/demo-app:v1', memory: 128 }] }),
  );
  const arn = td.taskDefinition!.taskDefinitionArn!;
  await eventually(async () => (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition, 30_000, 100);
  const created = await eventually(
    async () =>
      (await ecs.send(new CreateServiceCommand({ cluster: 'c', serviceName: 's', taskDefinition: arn, desiredCount: 0 }))).service,
    30_000,
    100,
  );
  const describe = async () => (await ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['s'] }))).services?.[0];
  assert.equal(await describe(), undefined, 'a new service is hidden for the delay');
  await eventually(describe, 30_000, 100, 'the new service to be visible');

  await ecs.send(new UpdateServiceCommand({ cluster: 'c', service: 's', desiredCount: 1 }));
  assert.equal((await describe())?.desiredCount, 1, 'the updated service is still there');
  await ecs.send(new TagResourceCommand({ resourceArn: created.serviceArn!, tags: [{ key: 'k', value: 'v' }] }));
  await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }));
  assert.equal((await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition?.status, 'INACTIVE');
  await ecs.send(new UpdateServiceCommand({ cluster: 'c', service: 's', desiredCount: 0 }));
  assert.ok(await describe());
});
