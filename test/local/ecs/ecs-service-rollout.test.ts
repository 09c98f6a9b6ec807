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
  ipOf,
  listTasks,
  listTasksCli,
  NETWORK,
  registerDemo,
  startEcs,
  waitFor,
} from './ecs-fixtures.js';

const CLUSTER = 'rollout';

/** The waiter (one deployment, runningCount == desiredCount), then the rollout's COMPLETED, which needs healthy tasks. */
const waitStable = async (sandbox: Sandbox, service: string) => {
  const r = await boto3(
    sandbox,
    `c=boto3.client('ecs',endpoint_url=endpoint,region_name=region)
c.get_waiter('services_stable').wait(cluster='${CLUSTER}',services=['${service}'],WaiterConfig={'Delay':1,'MaxAttempts':60})
print(json.dumps({'ok':True}))`,
  );
  assert.equal(r.code, 0, `services_stable waiter failed: ${r.stderr}`);
  await waitFor('rollout COMPLETED', async () =>
    (await describeService(sandbox, CLUSTER, service)).deployments[0]?.rolloutState === 'COMPLETED' ? true : undefined,
  );
};

describe('ECS service rolling deployments with the demo image', () => {
  let sandbox: Sandbox;
  let v1 = '';
  let v2 = '';
  before(async () => {
    sandbox = await startEcs();
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    v1 = await registerDemo(sandbox, { family: 'web', tag: 'v1' });
    v2 = await registerDemo(sandbox, { family: 'web', tag: 'v2' });
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  it('reaches steady state with 3 tasks (boto3 services_stable waiter), each serving on its own address', async () => {
    const created = await cli(sandbox, [
      'ecs',
      'create-service',
      '--cluster',
      CLUSTER,
      '--service-name',
      'web',
      '--task-definition',
      v1,
      '--desired-count',
      '3',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
    ]);
    const svc0 = created.service as { deployments: Array<{ id: string; rolloutState: string; rolloutStateReason: string }> };
    assert.equal(svc0.deployments[0]!.rolloutState, 'IN_PROGRESS');
    assert.equal(svc0.deployments[0]!.rolloutStateReason, `ECS deployment ${svc0.deployments[0]!.id} in progress.`);
    await waitStable(sandbox, 'web');
    const svc = await describeServiceCli(sandbox, CLUSTER, 'web');
    assert.equal(svc.runningCount, 3);
    assert.equal(svc.deployments.length, 1);
    const dep = svc.deployments[0]!;
    assert.equal(dep.rolloutState, 'COMPLETED');
    assert.equal(dep.rolloutStateReason, `ECS deployment ${dep.id} completed.`);
    assert.match(dep.id, /^ecs-svc\/\d{19}$/);
    const log = eventLog(svc);
    assert.match(log[0]!, /^\(service web\) has started 3 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
    assert.ok(log.includes(`(service web) (deployment ${dep.id}) deployment completed.`));
    assert.equal(log.at(-1), '(service web) has reached a steady state.');
    const tasks = await describeTasks(sandbox, CLUSTER, await listTasksCli(sandbox, CLUSTER, ['--service-name', 'web']));
    assert.equal(tasks.length, 3);
    const ips = new Set(tasks.map(ipOf));
    assert.equal(ips.size, 3, 'one loopback address per task');
    for (const t of tasks) {
      assert.equal(t.group, 'service:web');
      assert.equal(t.startedBy, dep.id);
      const body = (await (await fetch(`http://${ipOf(t)}:8080/`)).json()) as { version: string; taskId: string };
      assert.equal(body.version, 'v1');
      assert.equal(body.taskId, t.taskArn.split('/').pop());
    }
  });

  it('rolls out a new revision as a new PRIMARY that completes, and stops the old tasks', async () => {
    const before = await describeService(sandbox, CLUSTER, 'web');
    const oldId = before.deployments[0]!.id;
    const oldTasks = await listTasks(sandbox, CLUSTER, { serviceName: 'web' });
    const updated = await cli(sandbox, ['ecs', 'update-service', '--cluster', CLUSTER, '--service', 'web', '--task-definition', v2]);
    const deps = (updated.service as { deployments: Array<{ id: string; status: string }> }).deployments;
    assert.deepEqual(
      deps.map((d) => d.status),
      ['PRIMARY', 'ACTIVE'],
    );
    assert.equal(deps[1]!.id, oldId);
    await waitStable(sandbox, 'web');
    const svc = await describeServiceCli(sandbox, CLUSTER, 'web');
    assert.equal(svc.taskDefinition, v2);
    assert.equal(svc.deployments.length, 1);
    assert.notEqual(svc.deployments[0]!.id, oldId);
    assert.equal(svc.deployments[0]!.rolloutState, 'COMPLETED');
    const stopped = await waitFor('old tasks STOPPED', async () => {
      const ts = await describeTasks(sandbox, CLUSTER, oldTasks);
      return ts.every((t) => t.lastStatus === 'STOPPED') ? ts : undefined;
    });
    for (const t of stopped) {
      assert.equal(t.stopCode, 'ServiceSchedulerInitiated');
      assert.equal(t.stoppedReason, `Scaling activity initiated by (deployment ${oldId})`);
      assert.equal(t.containers[0]!.exitCode, 0, 'the demo app exits 0 on SIGTERM');
    }
    assert.ok(
      eventLog(svc).some((m) =>
        /^\(service web\) has stopped [1-3] running tasks: \(task [0-9a-f]{32}\)( \(task [0-9a-f]{32}\))*\.$/.test(m),
      ),
    );
    const running = await describeTasks(sandbox, CLUSTER, await listTasks(sandbox, CLUSTER, { serviceName: 'web' }));
    const body = (await (await fetch(`http://${ipOf(running[0]!)}:8080/`)).json()) as { version: string };
    assert.equal(body.version, 'v2');
  });

  it('records both rollouts as SUCCESSFUL service deployments with their revisions', async () => {
    const list = await cli(sandbox, ['ecs', 'list-service-deployments', '--cluster', CLUSTER, '--service', 'web']);
    const briefs = list.serviceDeployments as Array<{ serviceDeploymentArn: string; status: string; targetServiceRevisionArn: string }>;
    assert.deepEqual(
      briefs.map((b) => b.status),
      ['SUCCESSFUL', 'SUCCESSFUL'],
    );
    assert.match(briefs[0]!.serviceDeploymentArn, /^arn:aws:ecs:us-east-1:000000000000:service-deployment\/rollout\/web\/[A-Za-z0-9]{21}$/);
    const d = await cli(sandbox, [
      'ecs',
      'describe-service-deployments',
      '--service-deployment-arns',
      briefs[0]!.serviceDeploymentArn,
      'arn:aws:ecs:us-east-1:000000000000:service-deployment/rollout/web/nope',
    ]);
    const sd = (d.serviceDeployments as Array<Record<string, unknown>>)[0]!;
    assert.equal((sd.targetServiceRevision as { arn: string; requestedTaskCount: number }).requestedTaskCount, 3);
    assert.equal((sd.sourceServiceRevisions as Array<{ arn: string }>)[0]!.arn, briefs[1]!.targetServiceRevisionArn);
    assert.ok(sd.startedAt !== undefined && sd.finishedAt !== undefined);
    assert.deepEqual(
      (d.failures as Array<{ reason: string }>).map((f) => f.reason),
      ['MISSING'],
    );
    const revs = await cli(sandbox, ['ecs', 'describe-service-revisions', '--service-revision-arns', briefs[0]!.targetServiceRevisionArn]);
    const rev = (
      revs.serviceRevisions as Array<{ taskDefinition: string; containerImages: Array<{ image: string }>; serviceRevisionArn: string }>
    )[0]!;
    assert.equal(rev.taskDefinition, v2);
    assert.equal(rev.containerImages[0]!.image, 'cortado/demo-app:v2');
    assert.match(rev.serviceRevisionArn, /^arn:aws:ecs:us-east-1:000000000000:service-revision\/rollout\/web\/\d+$/);
  });

  it('replaces a task stopped with stop-task', async () => {
    const [victim] = await listTasks(sandbox, CLUSTER, { serviceName: 'web' });
    const r = await cli(sandbox, ['ecs', 'stop-task', '--cluster', CLUSTER, '--task', victim!, '--reason', 'chaos drill']);
    assert.equal((r.task as { desiredStatus: string }).desiredStatus, 'STOPPED');
    await waitFor('a replacement RUNNING and the victim STOPPED', async () => {
      const running = await listTasks(sandbox, CLUSTER, { serviceName: 'web' });
      const [v] = await describeTasks(sandbox, CLUSTER, [victim!]);
      const svc = await describeService(sandbox, CLUSTER, 'web');
      return !running.includes(victim!) && running.length === 3 && svc.runningCount === 3 && v!.lastStatus === 'STOPPED' ? true : undefined;
    });
    const [v] = await describeTasks(sandbox, CLUSTER, [victim!]);
    assert.equal(v!.stopCode, 'UserInitiated');
    assert.equal(v!.stoppedReason, 'chaos drill');
    const stopped = await listTasksCli(sandbox, CLUSTER, ['--desired-status', 'STOPPED', '--service-name', 'web']);
    assert.ok(stopped.includes(victim!));
  });

  it('resizes the PRIMARY without a new deployment when only desiredCount changes', async () => {
    const before = await describeService(sandbox, CLUSTER, 'web');
    await cli(sandbox, ['ecs', 'update-service', '--cluster', CLUSTER, '--service', 'web', '--desired-count', '2']);
    const svc = await waitFor('2 running', async () => {
      const s = await describeService(sandbox, CLUSTER, 'web');
      return s.runningCount === 2 ? s : undefined;
    });
    assert.equal(svc.deployments.length, 1);
    assert.equal(svc.deployments[0]!.id, before.deployments[0]!.id);
    assert.equal(svc.desiredCount, 2);
  });

  it('posts the "unable to stop or start tasks" event when min/max leave no room (min 100%, max 100%)', async () => {
    await cli(sandbox, [
      'ecs',
      'create-service',
      '--cluster',
      CLUSTER,
      '--service-name',
      'tight',
      '--task-definition',
      v1,
      '--desired-count',
      '2',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
      '--deployment-configuration',
      'maximumPercent=100,minimumHealthyPercent=100',
    ]);
    await waitFor('COMPLETED', async () =>
      (await describeService(sandbox, CLUSTER, 'tight')).deployments[0]?.rolloutState === 'COMPLETED' ? true : undefined,
    );
    await cli(sandbox, ['ecs', 'update-service', '--cluster', CLUSTER, '--service', 'tight', '--task-definition', v2]);
    const message =
      '(service tight) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.';
    await waitFor('the stuck event', async () =>
      eventLog(await describeService(sandbox, CLUSTER, 'tight')).includes(message) ? true : undefined,
    );
    const svc = await describeServiceCli(sandbox, CLUSTER, 'tight');
    assert.equal(svc.deployments.length, 2);
    assert.equal(svc.runningCount, 2);
    assert.equal(eventLog(svc).filter((m) => m === message).length, 1, 'not repeated while the cause stands');
    await cli(sandbox, [
      'ecs',
      'update-service',
      '--cluster',
      CLUSTER,
      '--service',
      'tight',
      '--deployment-configuration',
      'maximumPercent=200,minimumHealthyPercent=100',
    ]);
    await waitFor('unstuck and COMPLETED', async () => {
      const s = await describeService(sandbox, CLUSTER, 'tight');
      return s.deployments.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.taskDefinition === v2 ? true : undefined;
    });
    await cli(sandbox, ['ecs', 'delete-service', '--cluster', CLUSTER, '--service', 'tight', '--force']);
  });

  it('refuses to delete a scaled-up service without force, then drains it to INACTIVE with force', async () => {
    const refused = await awsCli(sandbox, ['ecs', 'delete-service', '--cluster', CLUSTER, '--service', 'web']);
    assert.match(refused.stderr, /InvalidParameterException.*The service cannot be stopped while it is scaled above 0\./);
    const tasks = await listTasks(sandbox, CLUSTER, { serviceName: 'web' });
    const del = await cli(sandbox, ['ecs', 'delete-service', '--cluster', CLUSTER, '--service', 'web', '--force']);
    assert.equal((del.service as { status: string }).status, 'DRAINING');
    const listed = await cli(sandbox, ['ecs', 'list-services', '--cluster', CLUSTER]);
    assert.deepEqual(listed.serviceArns, [], 'a DRAINING service leaves ListServices');
    await waitFor('INACTIVE', async () => ((await describeService(sandbox, CLUSTER, 'web')).status === 'INACTIVE' ? true : undefined));
    await waitFor('tasks STOPPED', async () =>
      (await describeTasks(sandbox, CLUSTER, tasks)).every((t) => t.lastStatus === 'STOPPED') ? true : undefined,
    );
    const upd = await awsCli(sandbox, ['ecs', 'update-service', '--cluster', CLUSTER, '--service', 'web', '--desired-count', '1']);
    assert.match(upd.stderr, /ServiceNotActiveException/);
  });
});
