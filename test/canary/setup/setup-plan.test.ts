// The pure parts of canary setup: target group names, the copied settings, what is planned when parts exist, and the config edit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from '@aws-sdk/client-ecs';
import type { TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import { editCanarySection } from '../../../src/canary/setup/canary-section-edit.js';
import { canaryGroupName, type SetupFacts } from '../../../src/canary/setup/read-setup.js';
import { planSetup, serviceInput, targetGroupInput } from '../../../src/canary/setup/setup-plan.js';
import { setupRequest } from '../../../src/canary/setup/setup-request.js';
import { CortadoError } from '../../../src/core/errors.js';

const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/1111111111111111';
const CANARY_TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-canary/2222222222222222';
const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee';

const stableTg: TargetGroup = {
  TargetGroupArn: TG,
  TargetGroupName: 'api',
  Protocol: 'HTTP',
  Port: 8080,
  VpcId: 'vpc-1',
  TargetType: 'ip',
  HealthCheckPath: '/health',
  HealthCheckIntervalSeconds: 10,
  Matcher: { HttpCode: '200-299' },
  LoadBalancerArns: ['arn:lb'],
};

const stable: Service = {
  serviceName: 'api',
  clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/shop',
  taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:7',
  capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
  platformVersion: '1.4.0',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } },
  loadBalancers: [
    { targetGroupArn: TG, containerName: 'app', containerPort: 8080 },
    { targetGroupArn: 'arn:other', containerName: 'admin', containerPort: 9000 },
  ],
  desiredCount: 6,
  deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 },
  propagateTags: 'NONE',
};

const req = setupRequest('cortado.yml', 'shop', 'api', undefined);

const facts = (over: Partial<SetupFacts> = {}): SetupFacts => ({
  stable,
  stableTg,
  stableAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
  route: { kind: 'rule', arn: RULE, actions: [{ Type: 'forward', TargetGroupArn: TG }] },
  canaryTgName: 'api-canary',
  ...over,
});

test('the canary group is named after the stable one, within 32 characters and without a trailing hyphen', () => {
  assert.equal(canaryGroupName('api'), 'api-canary');
  assert.equal(canaryGroupName('a-very-long-target-group-name-xyz'), 'a-very-long-target-group-canary');
  assert.ok(canaryGroupName('x'.repeat(32)).length <= 32);
});

test('the canary group copies protocol, port, VPC and health check; the service copies capacity, network and the LB entry, at 0 tasks', () => {
  const g = targetGroupInput(stableTg, 'api-canary');
  assert.deepEqual(
    { ...g },
    {
      Name: 'api-canary',
      Protocol: 'HTTP',
      Port: 8080,
      VpcId: 'vpc-1',
      TargetType: 'ip',
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 10,
      Matcher: { HttpCode: '200-299' },
    },
  );
  const s = serviceInput(stable, TG, 'api-canary', CANARY_TG);
  assert.equal(s.desiredCount, 0);
  assert.equal(s.launchType, undefined);
  assert.deepEqual(s.capacityProviderStrategy, stable.capacityProviderStrategy);
  assert.equal(s.platformVersion, '1.4.0');
  assert.deepEqual(s.loadBalancers, [{ targetGroupArn: CANARY_TG, containerName: 'app', containerPort: 8080 }]);
  assert.equal(s.propagateTags, undefined);
});

test('nothing exists: the group, the service and the 100/0 route are planned, the group tagged with the route it joins', () => {
  const plan = planSetup(req, facts());
  assert.deepEqual(
    plan.changes.map((c) => c.kind),
    ['create-target-group', 'create-service', 'route'],
  );
  const tg = plan.changes[0]!;
  assert.ok(tg.kind === 'create-target-group');
  assert.deepEqual(tg.input.Tags, [
    { Key: 'cortado:managed-by', Value: 'cortado' },
    { Key: 'cortado:canary:setup', Value: 'shop/api' },
    { Key: 'cortado:canary:route', Value: RULE },
  ]);
  const route = plan.changes[2]!;
  assert.ok(route.kind === 'route');
  assert.deepEqual(route.actions(CANARY_TG)[0]!.ForwardConfig!.TargetGroups, [
    { TargetGroupArn: TG, Weight: 100 },
    { TargetGroupArn: CANARY_TG, Weight: 0 },
  ]);
});

test('everything exists: nothing is planned', () => {
  const mine = { 'cortado:managed-by': 'cortado', 'cortado:canary:setup': 'shop/api' };
  const plan = planSetup(
    req,
    facts({
      canaryTg: { resource: { TargetGroupArn: CANARY_TG, TargetGroupName: 'api-canary' }, tags: mine },
      canaryService: { resource: { serviceName: 'api-canary', loadBalancers: [{ targetGroupArn: CANARY_TG }] }, tags: mine },
      route: {
        kind: 'rule',
        arn: RULE,
        actions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: TG, Weight: 100 },
                { TargetGroupArn: CANARY_TG, Weight: 0 },
              ],
            },
          },
        ],
      },
    }),
  );
  assert.deepEqual(plan.changes, []);
  assert.equal(plan.kept.length, 3);
});

test('a group of that name that setup did not make, or a canary service on another group, is bad input', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof CortadoError);
      assert.equal(e.source, 'user');
      return e.code;
    }
    return 'no error';
  };
  assert.equal(
    code(() => planSetup(req, facts({ canaryTg: { resource: { TargetGroupArn: CANARY_TG }, tags: {} } }))),
    'CANARY_SETUP_NAME_TAKEN',
  );
  assert.equal(
    code(() => planSetup(req, facts({ canaryService: { resource: { loadBalancers: [{ targetGroupArn: 'arn:elsewhere' }] }, tags: {} } }))),
    'CANARY_SETUP_NAME_TAKEN',
  );
  assert.equal(
    code(() => setupRequest('c.yml', 'shop', 'api', { router: 'ecs-native' })),
    'CANARY_CONFIG',
  );
  assert.equal(
    code(() => setupRequest('c.yml', 'shop', 'api', { service: 'api' })),
    'CANARY_CONFIG',
  );
  assert.equal(
    code(() => setupRequest('c.yml', 'shop', undefined, undefined)),
    'CANARY_CONFIG',
  );
});

test('the config edit sets only the canary keys, keeps comments and order, and changes nothing the second time', () => {
  const text = '# shop\nregion: us-east-1 # where\ncluster: shop\nservice: api\ncanary:\n  # the steps\n  steps: [5, 50, 100]\n';
  const once = editCanarySection(text, { service: 'api-canary', listener_rule: RULE });
  assert.deepEqual(once.changed, ['service', 'listener_rule']);
  assert.equal(once.text, `${text}  service: api-canary\n  listener_rule: ${RULE}\n`);
  const twice = editCanarySection(once.text, { service: 'api-canary', listener_rule: RULE });
  assert.deepEqual(twice.changed, []);
  assert.equal(twice.text, once.text);
  const none = editCanarySection('cluster: shop\nservice: api\n', { service: 'api-canary' });
  assert.equal(none.text, 'cluster: shop\nservice: api\ncanary:\n  service: api-canary\n');
});
