import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { awsCli, boto3 } from '../../helpers/sandbox.js';
import { cli, closeEcs, demoContainer, registerDemo, startEcs } from './ecs-fixtures.js';

describe('ECS clusters, task definitions and tags (AWS CLI, boto3)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startEcs();
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  it('creates, describes (with include) and lists clusters; unknown ones are MISSING failures', async () => {
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', 'api', '--tags', 'key=team,value=platform']);
    const again = await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', 'api']);
    assert.equal((again.cluster as { status: string }).status, 'ACTIVE', 'CreateCluster is idempotent');
    const d = await cli(sandbox, ['ecs', 'describe-clusters', '--clusters', 'api', 'nope', '--include', 'TAGS', 'SETTINGS', 'STATISTICS']);
    const [c] = d.clusters as Array<Record<string, unknown>>;
    assert.equal(c!.clusterArn, 'arn:aws:ecs:us-east-1:000000000000:cluster/api');
    assert.deepEqual(c!.tags, [{ key: 'team', value: 'platform' }]);
    assert.deepEqual(c!.settings, [{ name: 'containerInsights', value: 'disabled' }]);
    assert.ok((c!.statistics as Array<{ name: string }>).some((s) => s.name === 'runningFargateTasksCount'));
    for (const k of ['registeredContainerInstancesCount', 'runningTasksCount', 'pendingTasksCount', 'activeServicesCount'])
      assert.equal(c![k], 0, k);
    assert.deepEqual(d.failures, [{ arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/nope', reason: 'MISSING' }]);
    const list = await cli(sandbox, ['ecs', 'list-clusters']);
    assert.ok((list.clusterArns as string[]).includes(c!.clusterArn as string));
  });

  it('answers ClusterNotFoundException "Cluster not found." for an unknown cluster', async () => {
    const r = await awsCli(sandbox, ['ecs', 'list-services', '--cluster', 'nope']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /ClusterNotFoundException.*Cluster not found\./);
  });

  it('registers revisions; family alone means the latest ACTIVE one; deregister and delete follow AWS states', async () => {
    const r1 = await registerDemo(sandbox, { family: 'api-web', tag: 'v1' });
    const r2 = await registerDemo(sandbox, { family: 'api-web', tag: 'v2' });
    assert.match(r2, /task-definition\/api-web:2$/);
    const latest = await cli(sandbox, ['ecs', 'describe-task-definition', '--task-definition', 'api-web']);
    assert.equal((latest.taskDefinition as { revision: number }).revision, 2);
    await cli(sandbox, ['ecs', 'deregister-task-definition', '--task-definition', 'api-web:2']);
    const now = await cli(sandbox, ['ecs', 'describe-task-definition', '--task-definition', 'api-web']);
    assert.equal((now.taskDefinition as { revision: number }).revision, 1);
    const inactive = await cli(sandbox, ['ecs', 'list-task-definitions', '--family-prefix', 'api-web', '--status', 'INACTIVE']);
    assert.deepEqual(inactive.taskDefinitionArns, [r2]);
    const del = await cli(sandbox, ['ecs', 'delete-task-definitions', '--task-definitions', r1, r2]);
    assert.equal((del.taskDefinitions as Array<{ status: string }>)[0]!.status, 'DELETE_IN_PROGRESS');
    assert.equal((del.failures as Array<{ arn: string }>)[0]!.arn, r1, 'an ACTIVE revision cannot be deleted');
    const td = latest.taskDefinition as { containerDefinitions: Array<{ portMappings: Array<{ hostPort: number }>; essential: boolean }> };
    assert.equal(td.containerDefinitions[0]!.portMappings[0]!.hostPort, 8080, 'awsvpc fills hostPort with containerPort');
  });

  it('lists task definitions DESC with pagination (boto3 paginator) and families by prefix', async () => {
    for (let i = 0; i < 3; i++) await registerDemo(sandbox, { family: 'pager' });
    const r = await boto3(
      sandbox,
      `c=boto3.client('ecs',endpoint_url=endpoint,region_name=region)
p=c.get_paginator('list_task_definitions')
arns=[a for page in p.paginate(familyPrefix='pager',sort='DESC',PaginationConfig={'PageSize':2}) for a in page['taskDefinitionArns']]
fams=c.list_task_definition_families(familyPrefix='pag')['families']
print(json.dumps({'arns':arns,'fams':fams}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as { arns: string[]; fams: string[] };
    assert.deepEqual(
      out.arns.map((a) => a.split(':').pop()),
      ['3', '2', '1'],
    );
    assert.deepEqual(out.fams, ['pager']);
  });

  it('rejects what RegisterTaskDefinition rejects, with ClientException', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['--family', 'bad', '--requires-compatibilities', 'FARGATE', '--network-mode', 'bridge', '--cpu', '256', '--memory', '512'],
        /Fargate only supports network mode/,
      ],
      [
        ['--family', 'bad', '--requires-compatibilities', 'FARGATE', '--network-mode', 'awsvpc', '--cpu', '256', '--memory', '4096'],
        /No Fargate configuration exists for given values: 256 CPU, 4096 memory/,
      ],
      [
        ['--family', 'bad', '--requires-compatibilities', 'FARGATE', '--network-mode', 'awsvpc', '--memory', '512'],
        /Fargate requires that 'cpu' be defined at the task level/,
      ],
      [['--family', 'bad!', '--network-mode', 'awsvpc', '--cpu', '256', '--memory', '512'], /Family contains invalid characters/],
    ];
    for (const [args, message] of cases) {
      const r = await awsCli(sandbox, [
        'ecs',
        'register-task-definition',
        ...args,
        '--container-definitions',
        JSON.stringify([demoContainer({ family: 'x' })]),
      ]);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, /ClientException/);
      assert.match(r.stderr, message);
    }
    const noEssential = await awsCli(sandbox, [
      'ecs',
      'register-task-definition',
      '--family',
      'ne',
      '--network-mode',
      'awsvpc',
      '--cpu',
      '256',
      '--memory',
      '512',
      '--container-definitions',
      JSON.stringify([{ ...demoContainer({ family: 'x' }), essential: false }]),
    ]);
    assert.match(noEssential.stderr, /at least one essential container/);
    const badHealth = await awsCli(sandbox, [
      'ecs',
      'register-task-definition',
      '--family',
      'hc',
      '--network-mode',
      'awsvpc',
      '--cpu',
      '256',
      '--memory',
      '512',
      '--container-definitions',
      JSON.stringify([demoContainer({ family: 'x', healthCheck: { command: ['CMD-SHELL', 'true'], interval: 2 } })]),
    ]);
    assert.match(badHealth.stderr, /'interval' must be between 5 and 300/);
  });

  it('fills health check defaults and normalises "1 vCPU" / "2GB"', async () => {
    const out = await cli(sandbox, [
      'ecs',
      'register-task-definition',
      '--family',
      'norm',
      '--network-mode',
      'awsvpc',
      '--requires-compatibilities',
      'FARGATE',
      '--cpu',
      '1 vCPU',
      '--memory',
      '2GB',
      '--container-definitions',
      JSON.stringify([demoContainer({ family: 'x', healthCheck: { command: ['CMD-SHELL', 'true'] } })]),
    ]);
    const td = out.taskDefinition as {
      cpu: string;
      memory: string;
      compatibilities: string[];
      containerDefinitions: Array<{ healthCheck: Record<string, unknown> }>;
    };
    assert.equal(td.cpu, '1024');
    assert.equal(td.memory, '2048');
    assert.deepEqual(td.compatibilities, ['EC2', 'FARGATE']);
    assert.deepEqual(td.containerDefinitions[0]!.healthCheck, { command: ['CMD-SHELL', 'true'], interval: 30, timeout: 5, retries: 3 });
  });

  it('tags and untags clusters and task definitions; describe with include TAGS shows them', async () => {
    const arn = await registerDemo(sandbox, { family: 'tagged' }, ['--tags', 'key=a,value=1']);
    await cli(sandbox, ['ecs', 'tag-resource', '--resource-arn', arn, '--tags', 'key=b,value=2']);
    await cli(sandbox, ['ecs', 'untag-resource', '--resource-arn', arn, '--tag-keys', 'a']);
    const tags = await cli(sandbox, ['ecs', 'list-tags-for-resource', '--resource-arn', arn]);
    assert.deepEqual(tags.tags, [{ key: 'b', value: '2' }]);
    const d = await cli(sandbox, ['ecs', 'describe-task-definition', '--task-definition', arn, '--include', 'TAGS']);
    assert.deepEqual(d.tags, [{ key: 'b', value: '2' }]);
    const missing = await awsCli(sandbox, [
      'ecs',
      'tag-resource',
      '--resource-arn',
      'arn:aws:ecs:us-east-1:000000000000:task-definition/none:1',
      '--tags',
      'key=a,value=1',
    ]);
    assert.match(missing.stderr, /ResourceNotFoundException/);
  });

  it('reports validation errors that reach the server as InvalidParameterException', async () => {
    const badEnum = await awsCli(sandbox, ['ecs', 'list-tasks', '--launch-type', 'SPACESHIP']);
    assert.notEqual(badEnum.code, 0);
    assert.match(badEnum.stderr, /InvalidParameterException/);
    assert.match(badEnum.stderr, /Value 'SPACESHIP' at 'launchType' failed to satisfy constraint: Member must satisfy enum value set/);
    const longName = await awsCli(sandbox, ['ecs', 'create-cluster', '--cluster-name', 'c'.repeat(256)]);
    assert.notEqual(longName.code, 0);
    assert.match(longName.stderr, /InvalidParameterException.*up to 255 characters/);
  });

  it('lets the AWS CLI catch a missing required member before any request is sent', async () => {
    await fetch(`${sandbox.endpoint}/_cortado/calls`, { method: 'DELETE' });
    const r = await awsCli(sandbox, ['ecs', 'create-service', '--cluster', 'api']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /--service-name/);
    const { calls } = (await (await fetch(`${sandbox.endpoint}/_cortado/calls`)).json()) as { calls: Array<{ operation: string }> };
    assert.equal(calls.filter((c) => c.operation === 'CreateService').length, 0);
  });
});
