// What ECS keeps over a long run: stopped tasks go after one simulated hour, retired deployments leave the service record.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ECS } from '@aws-sdk/client-ecs';
import type { Sandbox } from '../../../src/local/index.js';
import type { EcsState } from '../../../src/local/services/ecs/ecs-state.js';
import { STOPPED_TASK_TTL_MS } from '../../../src/local/services/ecs/ecs-service.js';
import { closeEcs, demoContainer, startEcs, waitFor } from './ecs-fixtures.js';
import { sdkConfig } from '../../helpers/sandbox.js';

/** An hour is 10 real seconds: long enough to see a task STOPPED first, short enough to see it go. */
const SPEED = 360;
const CLUSTER = 'retention';

describe('ECS retention under churn', () => {
  let sandbox: Sandbox;
  let ecs: ECS;
  let td: string;
  before(async () => {
    sandbox = await startEcs([], { speed: SPEED });
    ecs = new ECS(sdkConfig(sandbox));
    await ecs.createCluster({ clusterName: CLUSTER });
    const out = await ecs.registerTaskDefinition({
      family: 'retained',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [demoContainer({ family: 'retained' })],
    });
    td = out.taskDefinition!.taskDefinitionArn!;
  });
  after(async () => {
    ecs?.destroy();
    await closeEcs(sandbox);
  });

  it('describes a stopped task for one simulated hour, then purges it (MISSING)', async () => {
    const run = await ecs.runTask({
      cluster: CLUSTER,
      taskDefinition: td,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } },
      overrides: { containerOverrides: [{ name: 'app', environment: [{ name: 'EXIT_CODE', value: '0' }] }] },
    });
    const arn = run.tasks![0]!.taskArn!;
    const stopped = await waitFor('the task STOPPED', async () => {
      const t = (await ecs.describeTasks({ cluster: CLUSTER, tasks: [arn] })).tasks?.[0];
      return t?.lastStatus === 'STOPPED' ? t : undefined;
    });
    const stoppedAt = stopped.stoppedAt!.getTime();
    // Six simulated hours of real time at most (the purge runs every simulated minute).
    const gone = await waitFor(
      'the stopped task purged',
      async () => {
        const out = await ecs.describeTasks({ cluster: CLUSTER, tasks: [arn] });
        return out.failures?.[0]?.reason === 'MISSING' ? Date.now() : undefined;
      },
      (6 * STOPPED_TASK_TTL_MS) / SPEED,
    );
    assert.ok((gone - stoppedAt) * SPEED >= STOPPED_TASK_TTL_MS, `purged after ${((gone - stoppedAt) * SPEED) / 60_000} simulated minutes`);
    const listed = await ecs.listTasks({ cluster: CLUSTER, desiredStatus: 'STOPPED' });
    assert.ok(!listed.taskArns?.includes(arn), 'ListTasks no longer lists it');
  });

  it('keeps only live deployments in the service record: a retired one is gone, not kept INACTIVE', async () => {
    await ecs.createService({
      cluster: CLUSTER,
      serviceName: 'churn',
      taskDefinition: td,
      desiredCount: 0,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } },
    });
    const settled = () =>
      waitFor('one COMPLETED deployment', async () => {
        const s = (await ecs.describeServices({ cluster: CLUSTER, services: ['churn'] })).services?.[0];
        return s?.deployments?.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' ? s : undefined;
      });
    await settled();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const out = await ecs.updateService({ cluster: CLUSTER, service: 'churn', forceNewDeployment: true });
      ids.add(out.service!.deployments![0]!.id!);
      await settled();
    }
    assert.equal(ids.size, 5);
    const state = sandbox.services.find((s) => s.name === 'ecs')!.snapshot!() as EcsState;
    const svc = Object.values(state.services).find((s) => s.name === 'churn')!;
    assert.deepEqual(
      svc.deployments.map((d) => d.status),
      ['PRIMARY'],
    );
    // The history AWS keeps for 90 days stays: every service deployment of the service is still listed.
    const listed = await ecs.listServiceDeployments({ cluster: CLUSTER, service: 'churn' });
    assert.equal(listed.serviceDeployments?.length, 6);
  });
});
