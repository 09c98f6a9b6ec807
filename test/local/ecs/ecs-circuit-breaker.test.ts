import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { awsCli, boto3 } from '../../helpers/sandbox.js';
import {
  cli,
  closeEcs,
  describeService,
  describeServiceCli,
  describeTasks,
  eventLog,
  listTasks,
  NETWORK,
  registerDemo,
  startEcs,
  waitFor,
} from './ecs-fixtures.js';

const CLUSTER = 'cb';
const BAD_IMAGE = 'registry.example.com/missing/app:nope';
const BREAKER = 'deploymentCircuitBreaker={enable=true,rollback=true},maximumPercent=200,minimumHealthyPercent=100';

interface SdView {
  serviceDeploymentArn: string;
  status: string;
  statusReason?: string;
  stoppedAt?: number;
  finishedAt?: number;
  targetServiceRevision: { arn: string };
  rollback?: { reason: string; serviceRevisionArn: string };
  deploymentCircuitBreaker: { status: string; failureCount: number; threshold: number };
}

async function serviceDeployments(sandbox: Sandbox, service: string): Promise<SdView[]> {
  const list = await cli(sandbox, ['ecs', 'list-service-deployments', '--cluster', CLUSTER, '--service', service]);
  const arns = (list.serviceDeployments as Array<{ serviceDeploymentArn: string }>).map((b) => b.serviceDeploymentArn);
  const out = await cli(sandbox, ['ecs', 'describe-service-deployments', '--service-deployment-arns', ...arns]);
  return out.serviceDeployments as SdView[];
}

const completed = (sandbox: Sandbox, service: string) =>
  waitFor(`${service} COMPLETED`, async () => {
    const s = await describeService(sandbox, CLUSTER, service);
    return s.deployments.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' ? s : undefined;
  });

describe('ECS deployment circuit breaker', () => {
  let sandbox: Sandbox;
  let good = '';
  let bad = '';
  before(async () => {
    sandbox = await startEcs();
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    good = await registerDemo(sandbox, { family: 'api', tag: 'v1' });
    bad = await registerDemo(sandbox, { family: 'api', image: BAD_IMAGE });
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  it('fails an unpullable revision after 3 failed tasks and rolls back to the last completed deployment', async () => {
    await cli(sandbox, [
      'ecs',
      'create-service',
      '--cluster',
      CLUSTER,
      '--service-name',
      'api',
      '--task-definition',
      good,
      '--desired-count',
      '1',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
      '--deployment-configuration',
      BREAKER,
    ]);
    const first = await completed(sandbox, 'api');
    const oldId = first.deployments[0]!.id;
    const upd = await cli(sandbox, ['ecs', 'update-service', '--cluster', CLUSTER, '--service', 'api', '--task-definition', bad]);
    const newId = (upd.service as { deployments: Array<{ id: string }> }).deployments[0]!.id;

    const svc = await waitFor('rolled back and completed', async () => {
      const s = await describeService(sandbox, CLUSTER, 'api');
      return s.deployments.length === 1 &&
        s.deployments[0]!.rolloutState === 'COMPLETED' &&
        s.deployments[0]!.id !== newId &&
        s.taskDefinition === good
        ? s
        : undefined;
    });
    const log = eventLog(await describeServiceCli(sandbox, CLUSTER, 'api'));
    assert.equal(svc.deployments[0]!.taskDefinition, good);
    const failed = log.indexOf(`(service api) (deployment ${newId}) deployment failed: tasks failed to start.`);
    const rolling = log.indexOf(`(service api) rolling back to deployment ${oldId}.`);
    const done = log.lastIndexOf(`(service api) (deployment ${oldId}) deployment completed.`);
    assert.ok(failed >= 0 && rolling > failed && done > rolling, log.join('\n'));
    assert.equal(log.at(-1), '(service api) has reached a steady state.');

    const stopped = await describeTasks(
      sandbox,
      CLUSTER,
      await listTasks(sandbox, CLUSTER, { desiredStatus: 'STOPPED', startedBy: newId }),
    );
    assert.equal(stopped.length, 3, 'threshold for desiredCount 1 is 3');
    for (const t of stopped) {
      assert.equal(t.stopCode, 'TaskFailedToStart');
      assert.equal(
        t.stoppedReason,
        `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${BAD_IMAGE}: ${BAD_IMAGE}: not found`,
      );
    }

    const [sd, firstSd] = await serviceDeployments(sandbox, 'api');
    assert.equal(sd!.status, 'ROLLBACK_SUCCESSFUL');
    assert.equal(firstSd!.status, 'SUCCESSFUL');
    assert.equal(sd!.statusReason, 'ECS deployment circuit breaker: task failed to start.');
    assert.equal(sd!.rollback!.serviceRevisionArn, firstSd!.targetServiceRevision.arn);
    assert.deepEqual(sd!.deploymentCircuitBreaker, { status: 'TRIGGERED', failureCount: 3, threshold: 3 });
    assert.ok(sd!.finishedAt !== undefined);
  });

  it('without rollback, leaves a FAILED PRIMARY that launches nothing more, and a STOPPED service deployment', async () => {
    await cli(sandbox, [
      'ecs',
      'create-service',
      '--cluster',
      CLUSTER,
      '--service-name',
      'broken',
      '--task-definition',
      bad,
      '--desired-count',
      '2',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
      '--deployment-configuration',
      'deploymentCircuitBreaker={enable=true,rollback=false}',
    ]);
    const svc = await waitFor('FAILED', async () => {
      const s = await describeService(sandbox, CLUSTER, 'broken');
      return s.deployments[0]!.rolloutState === 'FAILED' ? s : undefined;
    });
    assert.equal(svc.deployments[0]!.rolloutStateReason, 'ECS deployment circuit breaker: task failed to start.');
    assert.equal(svc.deployments[0]!.status, 'PRIMARY');
    const [sd] = await serviceDeployments(sandbox, 'broken');
    assert.equal(sd!.status, 'STOPPED');
    assert.ok(sd!.stoppedAt !== undefined);
    const launched = (await listTasks(sandbox, CLUSTER, { desiredStatus: 'STOPPED', serviceName: 'broken' })).length;
    await new Promise((r) => setTimeout(r, 500));
    const after = await listTasks(sandbox, CLUSTER, { desiredStatus: 'STOPPED', serviceName: 'broken' });
    assert.equal(after.length, launched, 'a FAILED deployment launches no new tasks');
    assert.deepEqual(await listTasks(sandbox, CLUSTER, { serviceName: 'broken' }), []);
  });

  it('rolls an in-progress deployment back on StopServiceDeployment ROLLBACK (boto3); refuses ABORT and finished ones', async () => {
    await cli(sandbox, [
      'ecs',
      'create-service',
      '--cluster',
      CLUSTER,
      '--service-name',
      'slow',
      '--task-definition',
      good,
      '--desired-count',
      '1',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
    ]);
    await completed(sandbox, 'slow');
    // Never healthy during its long start period: the deployment stays IN_PROGRESS until it is stopped.
    const stuck = await registerDemo(sandbox, {
      family: 'slow',
      tag: 'v9',
      healthCheck: { command: ['CMD-SHELL', 'exit 1'], interval: 5, startPeriod: 300 },
    });
    await cli(sandbox, ['ecs', 'update-service', '--cluster', CLUSTER, '--service', 'slow', '--task-definition', stuck]);
    const [current, previous] = await serviceDeployments(sandbox, 'slow');
    const r = await boto3(
      sandbox,
      `c=boto3.client('ecs',endpoint_url=endpoint,region_name=region)
out={}
for t in ['ABORT','ROLLBACK']:
  try:
    out[t]=c.stop_service_deployment(serviceDeploymentArn='${current!.serviceDeploymentArn}',stopType=t)['serviceDeploymentArn']
  except c.exceptions.InvalidParameterException as e:
    out[t]='InvalidParameterException'
try:
  c.stop_service_deployment(serviceDeploymentArn='${previous!.serviceDeploymentArn}',stopType='ROLLBACK')
except c.exceptions.ConflictException as e:
  out['finished']='ConflictException'
print(json.dumps(out))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      ABORT: 'InvalidParameterException',
      ROLLBACK: current!.serviceDeploymentArn,
      finished: 'ConflictException',
    });
    const svc = await waitFor('rolled back', async () => {
      const s = await describeService(sandbox, CLUSTER, 'slow');
      return s.deployments.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.taskDefinition === good ? s : undefined;
    });
    assert.ok(eventLog(svc).some((m) => m.startsWith('(service slow) rolling back to deployment ecs-svc/')));
    const [sd] = await serviceDeployments(sandbox, 'slow');
    assert.equal(sd!.status, 'ROLLBACK_SUCCESSFUL');
    const missing = await awsCli(sandbox, [
      'ecs',
      'stop-service-deployment',
      '--service-deployment-arn',
      'arn:aws:ecs:us-east-1:000000000000:service-deployment/cb/slow/none',
    ]);
    assert.match(missing.stderr, /ServiceDeploymentNotFoundException/);
  });

  it('replaces tasks that fail container health checks and counts them towards the breaker', async () => {
    await cli(sandbox, [
      'ecs',
      'create-service',
      '--cluster',
      CLUSTER,
      '--service-name',
      'sick',
      '--task-definition',
      good,
      '--desired-count',
      '1',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
      '--deployment-configuration',
      BREAKER,
    ]);
    await completed(sandbox, 'sick');
    const sick = await registerDemo(sandbox, {
      family: 'sick',
      healthCheck: { command: ['CMD-SHELL', 'exit 1'], interval: 5, retries: 1 },
    });
    await cli(sandbox, ['ecs', 'update-service', '--cluster', CLUSTER, '--service', 'sick', '--task-definition', sick]);
    const svc = await waitFor('rolled back', async () => {
      const s = await describeService(sandbox, CLUSTER, 'sick');
      return s.deployments.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.taskDefinition === good ? s : undefined;
    });
    const log = eventLog(svc);
    const unhealthy = log.filter((m) => /^\(service sick\) \(task [0-9a-f]{32}\) failed container health checks\.$/.test(m));
    assert.equal(unhealthy.length, 3, log.join('\n'));
    const stopped = await describeTasks(
      sandbox,
      CLUSTER,
      await listTasks(sandbox, CLUSTER, { desiredStatus: 'STOPPED', serviceName: 'sick' }),
    );
    const failed = stopped.filter((t) => t.stoppedReason === 'Task failed container health checks');
    assert.equal(failed.length, 3);
    assert.ok(failed.every((t) => t.stopCode === 'ServiceSchedulerInitiated' && t.healthStatus === 'UNHEALTHY'));
  });
});
