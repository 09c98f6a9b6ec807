import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';
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
  NETWORK,
  registerDemo,
  startEcs,
  waitFor,
} from './ecs-fixtures.js';

const CLUSTER = 'lb';
const GRACE = '1200';

const setGrace = (sandbox: Sandbox, seconds: string) =>
  cli(sandbox, ['ecs', 'update-service', '--cluster', CLUSTER, '--service', 'web', '--health-check-grace-period-seconds', seconds]);

async function elb<T>(sandbox: Sandbox, code: string): Promise<T> {
  const r = await boto3(sandbox, `elb=boto3.client('elbv2',endpoint_url=endpoint,region_name=region)\n${code}`);
  assert.equal(r.code, 0, r.stderr);
  return r.json as T;
}

describe('ECS services behind an ALB target group (ELBv2 sandbox service)', () => {
  let sandbox: Sandbox;
  let tg = '';
  let listener = '';
  let td = '';
  before(async () => {
    sandbox = await startEcs([createElbv2Service]);
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    td = await registerDemo(sandbox, { family: 'lbweb', tag: 'v1' });
    const out = await elb<{ tg: string; listener: string }>(
      sandbox,
      `lb=elb.create_load_balancer(Name='ecs-alb',Subnets=['subnet-a','subnet-b'])['LoadBalancers'][0]['LoadBalancerArn']
tg=elb.create_target_group(Name='ecs-tg',Protocol='HTTP',Port=8080,VpcId='vpc-1',TargetType='ip',HealthCheckPath='/health',HealthCheckIntervalSeconds=5,HealthCheckTimeoutSeconds=2,HealthyThresholdCount=2,UnhealthyThresholdCount=2)['TargetGroups'][0]['TargetGroupArn']
elb.modify_target_group_attributes(TargetGroupArn=tg,Attributes=[{'Key':'deregistration_delay.timeout_seconds','Value':'5'}])
l=elb.create_listener(LoadBalancerArn=lb,Protocol='HTTP',Port=8080,DefaultActions=[{'Type':'forward','TargetGroupArn':tg}])['Listeners'][0]['ListenerArn']
print(json.dumps({'tg':tg,'listener':l}))`,
    );
    tg = out.tg;
    listener = out.listener;
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  it('rejects load balancers that name an unknown target group or a port the container does not map', async () => {
    const base = [
      'ecs',
      'create-service',
      '--cluster',
      CLUSTER,
      '--service-name',
      'bad',
      '--task-definition',
      td,
      '--desired-count',
      '1',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
    ];
    const ghost = `${tg.slice(0, tg.lastIndexOf('/'))}/0000000000000000`;
    const r1 = await awsCli(sandbox, [...base, '--load-balancers', `targetGroupArn=${ghost},containerName=app,containerPort=8080`]);
    assert.match(r1.stderr, /InvalidParameterException/);
    assert.ok(r1.stderr.includes(ghost), r1.stderr);
    const r2 = await awsCli(sandbox, [...base, '--load-balancers', `targetGroupArn=${tg},containerName=app,containerPort=9999`]);
    assert.match(r2.stderr, /The container app did not have a container port 9999 defined\./);
    const r3 = await awsCli(sandbox, [...base, '--load-balancers', `targetGroupArn=${tg},containerName=nope,containerPort=8080`]);
    assert.match(r3.stderr, /The container nope does not exist in the task definition\./);
  });

  it('registers RUNNING tasks as ip targets and completes only once they are healthy in the target group', async () => {
    await cli(sandbox, [
      'ecs',
      'create-service',
      '--cluster',
      CLUSTER,
      '--service-name',
      'web',
      '--task-definition',
      td,
      '--desired-count',
      '2',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
      '--load-balancers',
      `targetGroupArn=${tg},containerName=app,containerPort=8080`,
      // Process start-up takes real time, which speed 50 stretches into simulated minutes on a busy machine: give the ALB's checks a grace period.
      '--health-check-grace-period-seconds',
      GRACE,
    ]);
    await waitFor('COMPLETED', async () =>
      (await describeService(sandbox, CLUSTER, 'web')).deployments[0]?.rolloutState === 'COMPLETED' ? true : undefined,
    );
    const tasks = await describeTasks(sandbox, CLUSTER, await listTasks(sandbox, CLUSTER, { serviceName: 'web' }));
    const health = await elb<Array<[string, number, string]>>(
      sandbox,
      `print(json.dumps([(d['Target']['Id'],d['Target']['Port'],d['TargetHealth']['State']) for d in elb.describe_target_health(TargetGroupArn='${tg}')['TargetHealthDescriptions']]))`,
    );
    assert.deepEqual(
      health.map(([ip, port, state]) => `${ip}:${port}:${state}`).sort(),
      tasks.map((t) => `${ipOf(t)}:8080:healthy`).sort(),
    );
    const svc = await describeServiceCli(sandbox, CLUSTER, 'web');
    assert.equal(eventLog(svc).filter((m) => m === `(service web) registered 1 targets in (target-group ${tg})`).length, 2);
    const { listeners } = (await (await fetch(`${sandbox.endpoint}/_cortado/elbv2/listeners`)).json()) as {
      listeners: Array<{ listenerArn: string; url: string }>;
    };
    const url = listeners.find((l) => l.listenerArn === listener)!.url;
    const body = (await (await fetch(url)).json()) as { version: string; taskId: string };
    assert.equal(body.version, 'v1');
    assert.ok(tasks.some((t) => t.taskArn.endsWith(body.taskId)));
  });

  it('replaces tasks that fail ELB health checks, deregistering and draining them first', async () => {
    const before = await listTasks(sandbox, CLUSTER, { serviceName: 'web' });
    const deploymentId = (await describeService(sandbox, CLUSTER, 'web')).deployments[0]!.id;
    await setGrace(sandbox, '0');
    await elb(sandbox, `elb.modify_target_group(TargetGroupArn='${tg}',Matcher={'HttpCode':'404'})\nprint('{}')`);
    const stopped = await waitFor('a task stopped for ELB health', async () => {
      const ts = await describeTasks(sandbox, CLUSTER, before);
      return ts.find((t) => t.lastStatus === 'STOPPED');
    });
    assert.equal(stopped.stopCode, 'ServiceSchedulerInitiated');
    assert.equal(stopped.stoppedReason, `Task failed ELB health checks in (target-group ${tg})`);
    await setGrace(sandbox, GRACE);
    await elb(sandbox, `elb.modify_target_group(TargetGroupArn='${tg}',Matcher={'HttpCode':'200'})\nprint('{}')`);
    const svc = await describeServiceCli(sandbox, CLUSTER, 'web');
    const log = eventLog(svc);
    assert.ok(
      log.some((m) => /^\(service web\) has started \d tasks: .*\. Amazon ECS replaced \d tasks due to an unhealthy status\.$/.test(m)),
      log.join('\n'),
    );
    assert.ok(log.includes(`(service web) deregistered 1 targets in (target-group ${tg})`));
    assert.ok(log.includes('(service web) has begun draining connections on 1 tasks.'));
    await waitFor('steady again', async () => {
      const s = await describeService(sandbox, CLUSTER, 'web');
      return s.runningCount === 2 && s.events[0]!.message === '(service web) has reached a steady state.' ? s : undefined;
    }).then((s) => assert.equal(s.deployments[0]!.id, deploymentId, 'replacing unhealthy tasks is no new deployment'));
  });

  it('deregisters every target when the service is deleted', async () => {
    await cli(sandbox, ['ecs', 'delete-service', '--cluster', CLUSTER, '--service', 'web', '--force']);
    await waitFor('INACTIVE', async () => ((await describeService(sandbox, CLUSTER, 'web')).status === 'INACTIVE' ? true : undefined));
    await waitFor('no targets left', async () => {
      const left = await elb<unknown[]>(
        sandbox,
        `print(json.dumps(elb.describe_target_health(TargetGroupArn='${tg}')['TargetHealthDescriptions']))`,
      );
      return left.length === 0 ? true : undefined;
    });
  });
});
