// Express Mode services in the sandbox, driven by the AWS CLI: CreateExpressGatewayService makes an ECS service
// (resourceManagementType ECS) behind a load balancer, target group, listener rule, security group and scaling policy;
// traffic reaches its task through the ALB's data plane; updates add a configuration revision; delete drains it and
// removes what was made for it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../../src/local/index.js';
import { awsCli, eventually, withSandbox } from '../../helpers/sandbox.js';

let sb: Sandbox;
const port = 20_000 + Math.floor(Math.random() * 9_000);
const ARN = 'arn:aws:ecs:us-east-1:000000000000:service/default/web';
type J = Record<string, unknown>;
const aws = async (args: string[]): Promise<J> => {
  const r = await awsCli(sb, args);
  assert.equal(r.code, 0, `aws ${args.join(' ')}: ${r.stderr}`);
  return r.json as J;
};
const svcOf = async () => ((await aws(['ecs', 'describe-services', '--services', 'web'])).services as J[])[0]!;

before(async () => {
  sb = await withSandbox({ speed: 30, region: 'us-east-1' });
});
after(async () => {
  await sb.close();
});

test('create: an ECS service with the load balancing, security group and scaling ECS makes, serving through the ALB', async () => {
  const out = await aws([
    'ecs',
    'create-express-gateway-service',
    '--service-name',
    'web',
    '--infrastructure-role-arn',
    'arn:aws:iam::000000000000:role/infra',
    '--execution-role-arn',
    'arn:aws:iam::000000000000:role/exec',
    '--health-check-path',
    '/',
    '--primary-container',
    JSON.stringify({ image: 'cortado/demo-app:v1', containerPort: port }),
    '--scaling-target',
    JSON.stringify({ minTaskCount: 1, maxTaskCount: 4 }),
  ]);
  const svc = out.service as J;
  assert.equal(svc.serviceArn, ARN);
  assert.deepEqual(svc.status, { statusCode: 'ACTIVE' });
  const conf = (svc.activeConfigurations as J[])[0]!;
  assert.equal(conf.cpu, '1024');
  assert.equal(conf.memory, '2048');
  assert.deepEqual((conf.primaryContainer as J).awsLogsConfiguration, { logGroup: '/aws/ecs/default/web', logStreamPrefix: 'ecs' });
  assert.match(String(((conf.ingressPaths as J[])[0] as J).endpoint), /^https:\/\/web-[0-9a-f]+\.ecs\.us-east-1\.on\.aws$/);

  const ecsSvc = await svcOf();
  assert.equal(ecsSvc.resourceManagementType, 'ECS');
  assert.equal(ecsSvc.launchType, 'FARGATE');
  assert.equal(ecsSvc.desiredCount, 1, 'minTaskCount tasks');
  const tgArn = String(((ecsSvc.loadBalancers as J[])[0] as J).targetGroupArn);
  const tg = ((await aws(['elbv2', 'describe-target-groups', '--target-group-arns', tgArn])).TargetGroups as J[])[0]!;
  assert.equal(tg.TargetType, 'ip');
  assert.equal(tg.HealthCheckPath, '/');
  const lbArn = String((tg.LoadBalancerArns as string[])[0]);
  const listener = ((await aws(['elbv2', 'describe-listeners', '--load-balancer-arn', lbArn])).Listeners as J[])[0]!;
  const rules = (await aws(['elbv2', 'describe-rules', '--listener-arn', String(listener.ListenerArn)])).Rules as J[];
  assert.ok(
    rules.some((r) => ((r.Actions as J[])[0] as J).TargetGroupArn === tgArn),
    'a listener rule forwards to the target group',
  );
  const policies = (await aws(['application-autoscaling', 'describe-scaling-policies', '--service-namespace', 'ecs']))
    .ScalingPolicies as J[];
  assert.equal(policies[0]?.ResourceId, 'service/default/web');
  assert.equal(policies[0]?.PolicyType, 'TargetTrackingScaling');
  const targets = (await aws(['application-autoscaling', 'describe-scalable-targets', '--service-namespace', 'ecs']))
    .ScalableTargets as J[];
  assert.deepEqual([targets[0]?.MinCapacity, targets[0]?.MaxCapacity], [1, 4]);
  const groups = (await aws(['ec2', 'describe-security-groups'])).SecurityGroups as J[];
  assert.ok(groups.some((g) => String(g.GroupName).startsWith('ecs-express-web-')));

  // Generous waits: each task is a Node process, slow to start on a loaded machine.
  await eventually(async () => ((await svcOf()).runningCount === 1 ? true : undefined), 180_000, 200, 'a running task');
  const listeners = (await (await fetch(`${sb.endpoint}/_cortado/elbv2/listeners`)).json()) as { listeners: J[] };
  const url = String(listeners.listeners.find((l) => l.listenerArn === listener.ListenerArn)!.url);
  let last = '';
  const res = await eventually(
    async () => {
      const r = await fetch(`${url}/`);
      last = `${url} answered ${r.status} ${await r.text()}`;
      return r.status === 200 ? r : undefined;
    },
    180_000,
    300,
    'the ALB to answer 200',
  ).catch(async (e: Error) => {
    const health = await aws(['elbv2', 'describe-target-health', '--target-group-arn', tgArn]);
    throw new Error(`${e.message} (${last}; targets ${JSON.stringify(health.TargetHealthDescriptions)})`);
  });
  assert.equal(res.status, 200);
});

test('bad input and unknown services answer as ECS does', async () => {
  const both = await awsCli(sb, [
    'ecs',
    'create-express-gateway-service',
    '--infrastructure-role-arn',
    'arn:aws:iam::000000000000:role/infra',
    '--execution-role-arn',
    'arn:aws:iam::000000000000:role/exec',
    '--primary-container',
    '{"image":"x"}',
    '--scaling-target',
    '{"minTaskCount":3,"maxTaskCount":2}',
  ]);
  assert.notEqual(both.code, 0);
  assert.match(both.stderr, /InvalidParameterException.*minTaskCount must be less than or equal to maxTaskCount/);
  const again = await awsCli(sb, [
    'ecs',
    'create-express-gateway-service',
    '--service-name',
    'web',
    '--infrastructure-role-arn',
    'arn:aws:iam::000000000000:role/infra',
    '--execution-role-arn',
    'arn:aws:iam::000000000000:role/exec',
    '--primary-container',
    '{"image":"x"}',
  ]);
  assert.match(again.stderr, /InvalidParameterException.*not idempotent/);
  const missing = await awsCli(sb, ['ecs', 'describe-express-gateway-service', '--service-arn', `${ARN}-nope`]);
  assert.match(missing.stderr, /ServiceNotFoundException/);
});

test('update: a new task definition revision and configuration; delete drains and removes the pieces', async () => {
  const up = await aws([
    'ecs',
    'update-express-gateway-service',
    '--service-arn',
    ARN,
    '--primary-container',
    JSON.stringify({ image: 'cortado/demo-app:v2', containerPort: port }),
  ]);
  assert.equal((((up.service as J).targetConfiguration as J).primaryContainer as J).image, 'cortado/demo-app:v2');
  await eventually(
    async () => {
      const s = await svcOf();
      return String(s.taskDefinition).endsWith('/web:2') && (s.deployments as J[]).length === 1 ? true : undefined;
    },
    180_000,
    300,
    'the update to complete',
  );
  const described = (await aws(['ecs', 'describe-express-gateway-service', '--service-arn', ARN])).service as J;
  const active = described.activeConfigurations as J[];
  assert.equal(active.length, 1);
  assert.equal((active[0]!.primaryContainer as J).image, 'cortado/demo-app:v2');

  const tgArn = String((((await svcOf()).loadBalancers as J[])[0] as J).targetGroupArn);
  const del = await aws(['ecs', 'delete-express-gateway-service', '--service-arn', ARN]);
  assert.deepEqual((del.service as J).status, { statusCode: 'DRAINING' });
  assert.equal(((await aws(['elbv2', 'describe-load-balancers'])).LoadBalancers as J[]).length, 0);
  await eventually(
    async () => {
      const d = (await aws(['ecs', 'describe-express-gateway-service', '--service-arn', ARN])).service as J;
      return (d.status as J).statusCode === 'INACTIVE' ? true : undefined;
    },
    180_000,
    300,
    'INACTIVE',
  );
  await eventually(
    async () => {
      const r = await awsCli(sb, ['elbv2', 'describe-target-groups', '--target-group-arns', tgArn]);
      return r.code !== 0 ? true : undefined;
    },
    180_000,
    300,
    'the target group to be deleted',
  );
  const policies = (await aws(['application-autoscaling', 'describe-scaling-policies', '--service-namespace', 'ecs']))
    .ScalingPolicies as J[];
  assert.equal(policies.length, 0);
});
