import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { awsCli, boto3, eventually } from '../../helpers/sandbox.js';
import { api, cli, closeEcs, registerDemo, startEcs } from './ecs-fixtures.js';

const ASG = 'arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:0b5ae6f4-1c4e-4e1c-8e1f-0123456789ab:autoScalingGroupName/web-asg';
const AWSVPC = { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] } };

describe('ECS capacity providers and strategies (AWS CLI, boto3)', () => {
  let sandbox: Sandbox;
  let td: string;
  before(async () => {
    sandbox = await startEcs();
    td = await registerDemo(sandbox, { family: 'cp-web' });
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  it('has FARGATE and FARGATE_SPOT built in; creates, updates and tags an Auto Scaling group provider', async () => {
    const r = await boto3(
      sandbox,
      `
ecs = boto3.client('ecs', endpoint_url=endpoint, region_name=region)
out = {}
out['builtIn'] = [p['name'] for p in ecs.describe_capacity_providers()['capacityProviders']]
out['created'] = ecs.create_capacity_provider(name='web-cp', autoScalingGroupProvider={'autoScalingGroupArn': ${JSON.stringify(ASG)}}, tags=[{'key': 'team', 'value': 'web'}])['capacityProvider']
out['updated'] = ecs.update_capacity_provider(name='web-cp', autoScalingGroupProvider={'managedScaling': {'status': 'ENABLED', 'targetCapacity': 80}, 'managedTerminationProtection': 'ENABLED'})['capacityProvider']
arn = out['created']['capacityProviderArn']
ecs.tag_resource(resourceArn=arn, tags=[{'key': 'env', 'value': 'dev'}])
out['tags'] = ecs.list_tags_for_resource(resourceArn=arn)['tags']
d = ecs.describe_capacity_providers(capacityProviders=['web-cp', 'FARGATE', 'nope'], include=['TAGS'])
out['described'] = d['capacityProviders']
out['failures'] = d['failures']
print(json.dumps(out, default=str))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    type Provider = {
      name: string;
      type: string;
      status: string;
      updateStatus: string;
      capacityProviderArn: string;
      tags?: unknown[];
      autoScalingGroupProvider: { managedScaling: { targetCapacity: number }; managedTerminationProtection: string };
    };
    const o = r.json as {
      builtIn: string[];
      created: Provider;
      updated: Provider;
      tags: unknown;
      described: Provider[];
      failures: unknown;
    };
    assert.deepEqual(o.builtIn, ['FARGATE', 'FARGATE_SPOT']);
    assert.equal(o.created.capacityProviderArn, 'arn:aws:ecs:us-east-1:000000000000:capacity-provider/web-cp');
    assert.equal(o.created.status, 'ACTIVE');
    assert.equal(o.created.updateStatus, 'CREATE_COMPLETE');
    assert.equal(o.created.type, 'EC2_AUTOSCALING');
    assert.deepEqual(o.created.autoScalingGroupProvider, {
      autoScalingGroupArn: ASG,
      managedScaling: {
        status: 'DISABLED',
        targetCapacity: 100,
        minimumScalingStepSize: 1,
        maximumScalingStepSize: 10000,
        instanceWarmupPeriod: 300,
      },
      managedTerminationProtection: 'DISABLED',
      managedDraining: 'ENABLED',
    });
    assert.equal(o.updated.updateStatus, 'UPDATE_COMPLETE');
    assert.equal(o.updated.autoScalingGroupProvider.managedScaling.targetCapacity, 80);
    assert.equal(o.updated.autoScalingGroupProvider.managedTerminationProtection, 'ENABLED');
    assert.deepEqual(o.tags, [
      { key: 'team', value: 'web' },
      { key: 'env', value: 'dev' },
    ]);
    assert.deepEqual(
      o.described.map((p) => [p.name, p.type]),
      [
        ['web-cp', 'EC2_AUTOSCALING'],
        ['FARGATE', 'FARGATE'],
      ],
    );
    assert.equal(o.described[0]!.tags!.length, 2);
    assert.deepEqual(o.failures, [{ arn: 'arn:aws:ecs:us-east-1:000000000000:capacity-provider/nope', reason: 'MISSING' }]);
  });

  it("refuses AWS's invalid capacity provider requests", async () => {
    const bad = async (args: string[], pattern: RegExp) => {
      const r = await awsCli(sandbox, ['ecs', ...args]);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, pattern, args.join(' '));
    };
    const asg = `autoScalingGroupArn=${ASG}`;
    await bad(['create-capacity-provider', '--name', 'web-cp', '--auto-scaling-group-provider', asg], /ClientException.*already exists/);
    await bad(
      ['create-capacity-provider', '--name', 'fargate-x', '--auto-scaling-group-provider', 'autoScalingGroupArn=other'],
      /prefixed/,
    );
    await bad(
      ['create-capacity-provider', '--name', 'other-cp', '--auto-scaling-group-provider', asg],
      /ClientException.*already being used/,
    );
    await bad(
      [
        'create-capacity-provider',
        '--name',
        'tp',
        '--auto-scaling-group-provider',
        'autoScalingGroupArn=g2,managedTerminationProtection=ENABLED',
      ],
      /InvalidParameterException.*managed scaling/,
    );
    await bad(['delete-capacity-provider', '--capacity-provider', 'FARGATE'], /ClientException.*reserved/);
    await bad(['delete-capacity-provider', '--capacity-provider', 'nope'], /ClientException.*does not exist/);
  });

  it('runs a service on the cluster default strategy: base first, then weights; tasks record capacityProviderName', async () => {
    await cli(sandbox, [
      'ecs',
      'create-cluster',
      '--cluster-name',
      'cap',
      '--capacity-providers',
      'FARGATE',
      'FARGATE_SPOT',
      '--default-capacity-provider-strategy',
      'capacityProvider=FARGATE,base=1,weight=1',
      'capacityProvider=FARGATE_SPOT,weight=3',
    ]);
    const d = await cli(sandbox, ['ecs', 'describe-clusters', '--clusters', 'cap']);
    const c = (d.clusters as Array<Record<string, unknown>>)[0]!;
    assert.deepEqual(c.capacityProviders, ['FARGATE', 'FARGATE_SPOT']);
    assert.deepEqual(c.defaultCapacityProviderStrategy, [
      { capacityProvider: 'FARGATE', base: 1, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 3 },
    ]);
    const created = await api(sandbox, 'CreateService', {
      cluster: 'cap',
      serviceName: 'web',
      taskDefinition: td,
      desiredCount: 4,
      networkConfiguration: AWSVPC,
    });
    const svc = created.service as Record<string, unknown>;
    assert.equal(svc.launchType, undefined, 'a service on a strategy reports no launch type');
    assert.equal((svc.capacityProviderStrategy as unknown[]).length, 2);
    const arns = await eventually(async () => {
      const l = (await api(sandbox, 'ListTasks', { cluster: 'cap', serviceName: 'web' })).taskArns as string[];
      return l.length === 4 ? l : undefined;
    });
    const tasks = (await api(sandbox, 'DescribeTasks', { cluster: 'cap', tasks: arns })).tasks as Array<Record<string, string>>;
    const by = (p: string) => tasks.filter((t) => t.capacityProviderName === p).length;
    assert.equal(by('FARGATE'), 1);
    assert.equal(by('FARGATE_SPOT'), 3);
    assert.ok(tasks.every((t) => t.launchType === 'FARGATE'));
  });

  it('RunTask takes a strategy but not with a launch type; unassociated providers are refused', async () => {
    const run = await api(sandbox, 'RunTask', {
      cluster: 'cap',
      taskDefinition: td,
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      networkConfiguration: AWSVPC,
    });
    const task = (run.tasks as Array<Record<string, string>>)[0]!;
    assert.equal(task.capacityProviderName, 'FARGATE_SPOT');
    await api(sandbox, 'StopTask', { cluster: 'cap', task: task.taskArn });
    const both = await awsCli(sandbox, [
      'ecs',
      'run-task',
      '--cluster',
      'cap',
      '--task-definition',
      td,
      '--launch-type',
      'FARGATE',
      '--capacity-provider-strategy',
      'capacityProvider=FARGATE',
      '--network-configuration',
      JSON.stringify(AWSVPC),
    ]);
    assert.match(both.stderr, /InvalidParameterException.*Specifying both a launch type and capacity provider strategy is not supported/);
    const foreign = await awsCli(sandbox, [
      'ecs',
      'create-service',
      '--cluster',
      'cap',
      '--service-name',
      'x',
      '--task-definition',
      td,
      '--capacity-provider-strategy',
      'capacityProvider=web-cp,weight=1',
      '--network-configuration',
      JSON.stringify(AWSVPC),
    ]);
    assert.match(foreign.stderr, /InvalidParameterException.*not associated with the cluster/);
  });

  it('UpdateService changes the strategy without a deployment; providers in use cannot be removed or deleted', async () => {
    const before = (await api(sandbox, 'DescribeServices', { cluster: 'cap', services: ['web'] })).services as Array<
      Record<string, unknown>
    >;
    const updated = await api(sandbox, 'UpdateService', {
      cluster: 'cap',
      service: 'web',
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
    });
    const svc = updated.service as Record<string, unknown>;
    assert.deepEqual(svc.capacityProviderStrategy, [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }]);
    assert.equal((svc.deployments as unknown[]).length, (before[0]!.deployments as unknown[]).length, 'no new deployment');
    const inUse = await awsCli(sandbox, [
      'ecs',
      'put-cluster-capacity-providers',
      '--cluster',
      'cap',
      '--capacity-providers',
      'FARGATE',
      '--default-capacity-provider-strategy',
      'capacityProvider=FARGATE,weight=1',
    ]);
    assert.match(inUse.stderr, /ResourceInUseException.*FARGATE_SPOT is in use/, 'spot tasks still run');
    // An Auto Scaling group provider associated with a cluster cannot be deleted; once removed it can.
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', 'ec2']);
    await cli(sandbox, [
      'ecs',
      'put-cluster-capacity-providers',
      '--cluster',
      'ec2',
      '--capacity-providers',
      'web-cp',
      '--default-capacity-provider-strategy',
      'capacityProvider=web-cp,weight=1',
    ]);
    const assoc = await awsCli(sandbox, ['ecs', 'delete-capacity-provider', '--capacity-provider', 'web-cp']);
    assert.match(assoc.stderr, /ClientException.*in use/);
    const twice = await awsCli(sandbox, [
      'ecs',
      'put-cluster-capacity-providers',
      '--cluster',
      'cap',
      '--capacity-providers',
      'FARGATE',
      'FARGATE_SPOT',
      'web-cp',
      '--default-capacity-provider-strategy',
      '[]',
    ]);
    assert.match(twice.stderr, /InvalidParameterException.*another cluster/);
    await cli(sandbox, [
      'ecs',
      'put-cluster-capacity-providers',
      '--cluster',
      'ec2',
      '--capacity-providers',
      '[]',
      '--default-capacity-provider-strategy',
      '[]',
    ]);
    const del = await cli(sandbox, ['ecs', 'delete-capacity-provider', '--capacity-provider', 'web-cp']);
    assert.equal((del.capacityProvider as { updateStatus: string }).updateStatus, 'DELETE_IN_PROGRESS');
    const after = await cli(sandbox, ['ecs', 'describe-capacity-providers']);
    assert.deepEqual(
      (after.capacityProviders as Array<{ name: string }>).map((p) => p.name),
      ['FARGATE', 'FARGATE_SPOT'],
    );
    await api(sandbox, 'DeleteService', { cluster: 'cap', service: 'web', force: true });
  });

  it('an Auto Scaling group provider as the default strategy runs EC2 launch type tasks (the group itself is not emulated)', async () => {
    const r = await boto3(
      sandbox,
      `
ecs = boto3.client('ecs', endpoint_url=endpoint, region_name=region)
ecs.create_capacity_provider(name='hosts', autoScalingGroupProvider={'autoScalingGroupArn': 'hosts-asg'})
ecs.create_cluster(clusterName='hosts', capacityProviders=['hosts'], defaultCapacityProviderStrategy=[{'capacityProvider': 'hosts', 'weight': 1}])
ecs.register_task_definition(family='ec2-web', containerDefinitions=[{'name': 'app', 'image': 'cortado/demo-app:v1', 'memory': 128, 'essential': True}])
t = ecs.run_task(cluster='hosts', taskDefinition='ec2-web')['tasks'][0]
ecs.stop_task(cluster='hosts', task=t['taskArn'])
print(json.dumps({'launchType': t['launchType'], 'provider': t['capacityProviderName']}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, { launchType: 'EC2', provider: 'hosts' });
  });
});
