import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';
import { awsCli, boto3 } from '../../helpers/sandbox.js';
import { api, cli, closeEcs, NETWORK, registerDemo, startEcs } from './ecs-fixtures.js';
import { type Alb, createAlb, createNativeService, GRACE, loadBalancersJson, ROLE } from './ecs-native-fixtures.js';

const CLUSTER = 'native-api';

describe('ECS native strategies: configuration checks through the AWS CLI', () => {
  let sandbox: Sandbox;
  let alb: Alb;
  let td = '';
  let stray = '';
  before(async () => {
    sandbox = await startEcs([createElbv2Service]);
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    alb = await createAlb(sandbox, 'api');
    td = await registerDemo(sandbox, { family: 'api-web', tag: 'v1' });
    const r = await boto3(
      sandbox,
      `elb=boto3.client('elbv2',endpoint_url=endpoint,region_name=region)
print(json.dumps(elb.create_target_group(Name='api-stray',Protocol='HTTP',Port=8080,VpcId='vpc-1',TargetType='ip')['TargetGroups'][0]['TargetGroupArn']))`,
    );
    stray = r.json as string;
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  const create = (name: string, dc: unknown, lbs = loadBalancersJson({ alb })) =>
    awsCli(sandbox, [
      'ecs',
      'create-service',
      '--cluster',
      CLUSTER,
      '--service-name',
      name,
      '--task-definition',
      td,
      '--desired-count',
      '0',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
      '--load-balancers',
      lbs,
      '--deployment-configuration',
      JSON.stringify(dc),
    ]);
  /** An ECS call as JSON over HTTP, with no client-side validation; the error as `<code>: <message>` in stderr. */
  const raw = async (operation: string, input: Record<string, unknown>) => {
    const res = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': `AmazonEC2ContainerServiceV20141113.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { __type?: string; message?: string };
    return { code: res.status === 200 ? 0 : res.status, stderr: `${body.__type ?? ''}: ${body.message ?? ''}` };
  };
  const lbWith = (adv: Record<string, unknown>) =>
    JSON.stringify([{ targetGroupArn: alb.blue, containerName: 'app', containerPort: 8080, advancedConfiguration: adv }]);

  const refusals: Array<[string, () => Promise<{ stderr: string; code: number }>, RegExp]> = [
    [
      'BLUE_GREEN without bakeTimeInMinutes',
      () => create('a', { strategy: 'BLUE_GREEN' }),
      /InvalidParameterException.*bakeTimeInMinutes must be specified when the deployment strategy is BLUE_GREEN\./,
    ],
    [
      'a linearConfiguration with CANARY',
      () => create('b', { strategy: 'CANARY', linearConfiguration: { stepPercent: 10 } }),
      /linearConfiguration is only valid when the deployment strategy is LINEAR\./,
    ],
    [
      'canaryPercent below 0.1',
      () => create('c', { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 0.05 } }),
      /canaryPercent must be a multiple of 0\.1 from 0\.1 to 100\.0, got 0\.05\./,
    ],
    [
      'stepPercent below 3',
      () => create('d', { strategy: 'LINEAR', linearConfiguration: { stepPercent: 2.5 } }),
      /stepPercent must be a multiple of 0\.1 from 3\.0 to 100\.0, got 2\.5\./,
    ],
    [
      'a canary bake time over 24 hours',
      () => create('e', { strategy: 'CANARY', canaryConfiguration: { canaryBakeTimeInMinutes: 1441 } }),
      /canaryBakeTimeInMinutes must be an integer from 0 to 1440 minutes, got 1441\./,
    ],
    [
      'a PAUSE hook on PRODUCTION_TRAFFIC_SHIFT',
      () => create('f', { strategy: 'CANARY', lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'] }] }),
      /A PAUSE lifecycle hook cannot be attached to the PRODUCTION_TRAFFIC_SHIFT lifecycle stage\./,
    ],
    [
      'a Lambda hook without its function',
      () => create('g', { strategy: 'CANARY', lifecycleHooks: [{ lifecycleStages: ['POST_SCALE_UP'], roleArn: ROLE }] }),
      /hookTargetArn must be specified for an AWS_LAMBDA lifecycle hook\./,
    ],
    [
      'a hook stage outside the enum (model validation)',
      () => create('h', { strategy: 'CANARY', lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['BAKE_TIME'] }] }),
      /InvalidParameterException.*1 validation error detected/,
    ],
    // The AWS CLI checks the model's minimum itself, so this one goes over the wire as it is.
    [
      'a hook timeout of 0 minutes (model validation)',
      () =>
        raw('CreateService', {
          cluster: CLUSTER,
          serviceName: 'i',
          taskDefinition: td,
          desiredCount: 0,
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } },
          deploymentConfiguration: {
            strategy: 'CANARY',
            lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'], timeoutConfiguration: { timeoutInMinutes: 0 } }],
          },
        }),
      /InvalidParameterException.*1 validation error detected: Value '0' at 'deploymentConfiguration\.lifecycleHooks\.1\.member\.timeoutConfiguration\.timeoutInMinutes' failed to satisfy constraint: Member must have value greater than or equal to 1/,
    ],
    [
      'a load balancer without advancedConfiguration',
      () => create('j', { strategy: 'CANARY' }, JSON.stringify([{ targetGroupArn: alb.blue, containerName: 'app', containerPort: 8080 }])),
      /advancedConfiguration must be specified for each load balancer when the deployment strategy is CANARY\./,
    ],
    [
      'the alternate target group equal to the primary',
      () =>
        create('k', { strategy: 'CANARY' }, lbWith({ alternateTargetGroupArn: alb.blue, productionListenerRule: alb.rule, roleArn: ROLE })),
      /alternateTargetGroupArn must be different from targetGroupArn\./,
    ],
    [
      'a production rule that does not exist',
      () =>
        create(
          'l',
          { strategy: 'CANARY' },
          lbWith({ alternateTargetGroupArn: alb.green, productionListenerRule: `${alb.rule.slice(0, -4)}0000`, roleArn: ROLE }),
        ),
      /The production listener rule .* does not exist or has no forward action\./,
    ],
    [
      'an alternate target group that does not exist',
      () =>
        create(
          'm',
          { strategy: 'CANARY' },
          lbWith({
            alternateTargetGroupArn: alb.green.replace(/\/[0-9a-f]+$/, '/0000000000000000'),
            productionListenerRule: alb.rule,
            roleArn: ROLE,
          }),
        ),
      /The target group with targetGroupArn .*0000000000000000 does not have an associated load balancer\./,
    ],
    [
      'advancedConfiguration without roleArn',
      () => create('n', { strategy: 'CANARY' }, lbWith({ alternateTargetGroupArn: alb.green, productionListenerRule: alb.rule })),
      /roleArn must be specified in advancedConfiguration\./,
    ],
  ];
  for (const [name, call, re] of refusals) {
    it(`refuses ${name}`, async () => {
      const r = await call();
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, re);
    });
  }

  it('refuses a production rule that forwards to neither target group of the pair', async () => {
    const lbs = JSON.stringify([
      {
        targetGroupArn: stray,
        containerName: 'app',
        containerPort: 8080,
        advancedConfiguration: { alternateTargetGroupArn: alb.blue, productionListenerRule: await strayRule(), roleArn: ROLE },
      },
    ]);
    const r = await create('neither', { strategy: 'CANARY' }, lbs);
    assert.match(r.stderr, /InvalidParameterException.*The production listener rule .* must forward to target group .* or .*\./);
  });

  it('accepts a production rule that forwards to one group of the pair only (ECS adds the other when it shifts)', async () => {
    const lbs = JSON.stringify([
      {
        targetGroupArn: stray,
        containerName: 'app',
        containerPort: 8080,
        advancedConfiguration: { alternateTargetGroupArn: alb.green, productionListenerRule: alb.testRule, roleArn: ROLE },
      },
    ]);
    const r = await create('one-of-two', { strategy: 'CANARY' }, lbs);
    assert.equal(r.code, 0, r.stderr);
  });

  /** A rule of its own that forwards to the green group only. */
  async function strayRule(): Promise<string> {
    const r = await boto3(
      sandbox,
      `elb=boto3.client('elbv2',endpoint_url=endpoint,region_name=region)
listener=elb.describe_listeners(LoadBalancerArn=elb.describe_target_groups(TargetGroupArns=['${alb.blue}'])['TargetGroups'][0]['LoadBalancerArns'][0])['Listeners'][0]['ListenerArn']
print(json.dumps(elb.create_rule(ListenerArn=listener,Priority=20,Conditions=[{'Field':'path-pattern','Values':['/green/*']}],Actions=[{'Type':'forward','TargetGroupArn':'${alb.green}'}])['Rules'][0]['RuleArn']))`,
    );
    assert.equal(r.code, 0, r.stderr);
    return r.json as string;
  }

  it('echoes the strategy, hooks and advancedConfiguration, and drops settings of a strategy it leaves', async () => {
    await createNativeService(sandbox, {
      cluster: CLUSTER,
      name: 'echo',
      taskDefinition: td,
      alb,
      desired: 0,
      deploymentConfiguration: {
        strategy: 'CANARY',
        canaryConfiguration: { canaryPercent: 10 },
        lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] }],
      },
    });
    const svc = (await cli(sandbox, ['ecs', 'describe-services', '--cluster', CLUSTER, '--services', 'echo'])).services as Array<
      Record<string, unknown>
    >;
    const lb = (svc[0]!.loadBalancers as Array<Record<string, unknown>>)[0]!;
    assert.deepEqual(lb.advancedConfiguration, { alternateTargetGroupArn: alb.green, productionListenerRule: alb.rule, roleArn: ROLE });
    assert.deepEqual((svc[0]!.deploymentConfiguration as Record<string, unknown>).canaryConfiguration, { canaryPercent: 10 });
    const updated = await cli(sandbox, [
      'ecs',
      'update-service',
      '--cluster',
      CLUSTER,
      '--service',
      'echo',
      '--deployment-configuration',
      '{"strategy":"LINEAR","linearConfiguration":{"stepPercent":25}}',
    ]);
    const dc = (updated.service as { deploymentConfiguration: Record<string, unknown> }).deploymentConfiguration;
    assert.equal(dc.strategy, 'LINEAR');
    assert.equal(dc.canaryConfiguration, undefined);
    assert.deepEqual(dc.linearConfiguration, { stepPercent: 25 });
    const arn = svc[0]!.currentServiceDeployment as string;
    const sd = (await api(sandbox, 'DescribeServiceDeployments', { serviceDeploymentArns: [arn] })).serviceDeployments as Array<{
      targetServiceRevision: { arn: string };
    }>;
    const rev = (await cli(sandbox, ['ecs', 'describe-service-revisions', '--service-revision-arns', sd[0]!.targetServiceRevision.arn]))
      .serviceRevisions as Array<{ resolvedConfiguration: unknown }>;
    assert.deepEqual(rev[0]!.resolvedConfiguration, { loadBalancers: [{ targetGroupArn: alb.blue, productionListenerRule: alb.rule }] });
  });

  it('accepts the strategy on a service without load balancers (no traffic to shift)', async () => {
    const r = await awsCli(sandbox, [
      'ecs',
      'create-service',
      '--cluster',
      CLUSTER,
      '--service-name',
      'headless',
      '--task-definition',
      td,
      '--desired-count',
      '0',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
      '--deployment-configuration',
      '{"strategy":"BLUE_GREEN","bakeTimeInMinutes":0}',
      '--health-check-grace-period-seconds',
      GRACE,
    ]);
    assert.equal(r.code, 0, r.stderr);
  });
});
