// EventBridge in the sandbox, judged by the AWS CLI and boto3: rules, targets, PutEvents delivered to CloudWatch Logs,
// and ECS task state changes arriving in a log group.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createEventsService } from '../../../src/local/services/events/events-service.js';
import { createLogsService } from '../../../src/local/services/logs/logs-service.js';
import { awsCli, boto3, eventually } from '../../helpers/sandbox.js';
import { cli, closeEcs, NETWORK, registerDemo, startEcs } from '../ecs/ecs-fixtures.js';

const LOG_GROUP = '/aws/events/cortado-jobs';
const LOG_ARN = `arn:aws:logs:us-east-1:000000000000:log-group:${LOG_GROUP}`;

interface Json {
  [k: string]: unknown;
}

async function logMessages(sandbox: Sandbox, group: string): Promise<Json[]> {
  const r = await boto3(
    sandbox,
    `l=boto3.client('logs',endpoint_url=endpoint,region_name=region)
print(json.dumps([e['message'] for p in l.get_paginator('filter_log_events').paginate(logGroupName='${group}') for e in p['events']]))`,
  );
  assert.equal(r.code, 0, r.stderr);
  return (r.json as string[]).map((m) => JSON.parse(m) as Json);
}

describe('EventBridge: rules and targets (AWS CLI)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startEcs([createLogsService, createEventsService]);
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  it('puts, describes, lists, disables and deletes a rule with a CloudWatch Logs target, with AWS errors', async () => {
    const pattern = JSON.stringify({
      source: ['aws.ecs'],
      'detail-type': ['ECS Task State Change'],
      detail: { group: [{ prefix: 'family:' }] },
    });
    const put = await awsCli(sandbox, [
      'events',
      'put-rule',
      '--name',
      'task-history',
      '--event-pattern',
      pattern,
      '--tags',
      'Key=managed-by,Value=cortado',
    ]);
    assert.equal(put.code, 0, put.stderr);
    assert.deepEqual(put.json, { RuleArn: 'arn:aws:events:us-east-1:000000000000:rule/task-history' });
    const described = (await awsCli(sandbox, ['events', 'describe-rule', '--name', 'task-history'])).json as Json;
    assert.equal(described.State, 'ENABLED');
    assert.equal(described.EventBusName, 'default');
    assert.deepEqual(JSON.parse(described.EventPattern as string), JSON.parse(pattern));

    const targets = await awsCli(sandbox, ['events', 'put-targets', '--rule', 'task-history', '--targets', `Id=logs,Arn=${LOG_ARN}`]);
    assert.deepEqual(targets.json, { FailedEntryCount: 0, FailedEntries: [] });
    const listed = (await awsCli(sandbox, ['events', 'list-targets-by-rule', '--rule', 'task-history'])).json as { Targets: Json[] };
    assert.deepEqual(listed.Targets, [{ Id: 'logs', Arn: LOG_ARN }]);
    const tags = (
      await awsCli(sandbox, ['events', 'list-tags-for-resource', '--resource-arn', put.json && ((put.json as Json).RuleArn as string)])
    ).json as Json;
    assert.deepEqual(tags, { Tags: [{ Key: 'managed-by', Value: 'cortado' }] });

    assert.equal((await awsCli(sandbox, ['events', 'disable-rule', '--name', 'task-history'])).code, 0);
    const rules = (await awsCli(sandbox, ['events', 'list-rules', '--name-prefix', 'task-'])).json as { Rules: Json[] };
    assert.deepEqual(
      rules.Rules.map((r) => [r.Name, r.State]),
      [['task-history', 'DISABLED']],
    );

    const busy = await awsCli(sandbox, ['events', 'delete-rule', '--name', 'task-history']);
    assert.match(busy.stderr, /\(ValidationException\).*Rule can't be deleted since it has targets\./);
    assert.equal((await awsCli(sandbox, ['events', 'remove-targets', '--rule', 'task-history', '--ids', 'logs'])).code, 0);
    assert.equal((await awsCli(sandbox, ['events', 'delete-rule', '--name', 'task-history'])).code, 0);
    const gone = await awsCli(sandbox, ['events', 'describe-rule', '--name', 'task-history']);
    assert.match(gone.stderr, /\(ResourceNotFoundException\).*Rule task-history does not exist on EventBus default\./);

    const badPattern = await awsCli(sandbox, ['events', 'put-rule', '--name', 'bad', '--event-pattern', '{"source":"aws.ecs"}']);
    assert.match(badPattern.stderr, /\(InvalidEventPatternException\).*Event pattern is not valid\. Reason: /);
    const badSchedule = await awsCli(sandbox, ['events', 'put-rule', '--name', 'bad', '--schedule-expression', 'rate(1 minutes)']);
    assert.match(badSchedule.stderr, /\(ValidationException\).*Parameter ScheduleExpression is not valid\./);
    const neither = await awsCli(sandbox, ['events', 'put-rule', '--name', 'bad']);
    assert.match(neither.stderr, /\(ValidationException\)/);
    const otherBus = await awsCli(sandbox, ['events', 'list-rules', '--event-bus-name', 'orders']);
    assert.match(otherBus.stderr, /\(ResourceNotFoundException\).*Event bus orders does not exist\./);
  });
});

describe('EventBridge: events delivered (boto3)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startEcs([createLogsService, createEventsService]);
    await cli(sandbox, ['logs', 'create-log-group', '--log-group-name', LOG_GROUP]);
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', 'jobs']);
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  it('PutEvents: matching events reach the log group, one stream per event; bad entries fail alone', async () => {
    const r = await boto3(
      sandbox,
      `e=boto3.client('events',endpoint_url=endpoint,region_name=region)
e.put_rule(Name='orders',EventPattern=json.dumps({'source':['shop'],'detail':{'total':[{'numeric':['>=',100]}]}}))
e.put_targets(Rule='orders',Targets=[{'Id':'log','Arn':'${LOG_ARN}'}])
out=e.put_events(Entries=[
  {'Source':'shop','DetailType':'Order','Detail':json.dumps({'total':150})},
  {'Source':'shop','DetailType':'Order','Detail':json.dumps({'total':5})},
  {'Source':'aws.ecs','DetailType':'Order','Detail':'{}'},
  {'Source':'shop','DetailType':'Order','Detail':'not json'},
])
t=e.test_event_pattern(EventPattern=json.dumps({'source':['shop']}),Event=json.dumps({'id':'1','account':'000000000000','source':'shop','time':'2026-01-01T00:00:00Z','region':'us-east-1','resources':[],'detail-type':'x','detail':{}}))
print(json.dumps({'failed':out['FailedEntryCount'],'entries':[sorted(x.keys()) for x in out['Entries']],'codes':[x.get('ErrorCode') for x in out['Entries']],'id':out['Entries'][0]['EventId'],'test':t['Result']}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as { failed: number; codes: (string | null)[]; id: string; test: boolean };
    assert.equal(out.failed, 2);
    assert.deepEqual(out.codes, [null, null, 'NotAuthorizedForSourceException', 'MalformedDetail']);
    assert.equal(out.test, true);
    const messages = await eventually(async () => {
      const all = await logMessages(sandbox, LOG_GROUP);
      return all.length > 0 ? all : undefined;
    });
    assert.equal(messages.length, 1, 'only the matching event');
    const m = messages[0]!;
    assert.equal(m.id, out.id);
    assert.deepEqual(Object.keys(m).sort(), ['account', 'detail', 'detail-type', 'id', 'region', 'resources', 'source', 'time', 'version']);
    assert.deepEqual(m.detail, { total: 150 });
    assert.match(m.time as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const streams = await awsCli(sandbox, ['logs', 'describe-log-streams', '--log-group-name', LOG_GROUP]);
    assert.deepEqual(
      (streams.json as { logStreams: Json[] }).logStreams.map((s) => s.logStreamName),
      [out.id],
    );
  });

  it('an ECS task that exits 3 arrives as ECS Task State Change events, the STOPPED one with exitCode and stoppedReason', async () => {
    const group = '/aws/events/ecs-tasks';
    await cli(sandbox, ['logs', 'create-log-group', '--log-group-name', group]);
    const pattern = JSON.stringify({ source: ['aws.ecs'], 'detail-type': ['ECS Task State Change'], detail: { group: ['family:exiter'] } });
    await cli(sandbox, ['events', 'put-rule', '--name', 'ecs-history', '--event-pattern', pattern]);
    await cli(sandbox, [
      'events',
      'put-targets',
      '--rule',
      'ecs-history',
      '--targets',
      `Id=1,Arn=arn:aws:logs:us-east-1:000000000000:log-group:${group}:*`,
    ]);
    const td = await registerDemo(sandbox, { family: 'exiter' });
    const run = await cli(sandbox, [
      'ecs',
      'run-task',
      '--cluster',
      'jobs',
      '--task-definition',
      td,
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
      '--overrides',
      JSON.stringify({ containerOverrides: [{ name: 'app', environment: [{ name: 'EXIT_CODE', value: '3' }] }] }),
    ]);
    const taskArn = (run.tasks as Json[])[0]!.taskArn as string;
    const events = await eventually(
      async () => {
        const all = await logMessages(sandbox, group);
        return all.some((e) => (e.detail as Json).lastStatus === 'STOPPED') ? all : undefined;
      },
      60_000,
      250,
      'the STOPPED event',
    );
    for (const e of events) {
      assert.equal(e.source, 'aws.ecs');
      assert.equal(e['detail-type'], 'ECS Task State Change');
      assert.deepEqual(e.resources, [taskArn]);
    }
    const statuses = events.map((e) => (e.detail as Json).lastStatus);
    assert.equal(statuses[0], 'PROVISIONING');
    // In lifecycle order. RUNNING may be missing: a container that exits at once can stop before it counts as started.
    const order = ['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED'];
    const at = statuses.map((x) => order.indexOf(String(x)));
    assert.ok(
      at.every((i, k) => i >= 0 && (k === 0 || i >= at[k - 1]!)),
      statuses.join(','),
    );
    assert.equal(statuses.at(-1), 'STOPPED');
    const stopped = events.find((e) => (e.detail as Json).lastStatus === 'STOPPED')!.detail as Json;
    assert.equal(stopped.taskArn, taskArn);
    assert.equal(stopped.group, 'family:exiter');
    assert.equal(stopped.desiredStatus, 'STOPPED');
    assert.equal(stopped.stopCode, 'EssentialContainerExited');
    assert.equal(stopped.stoppedReason, 'Essential container in task exited');
    assert.equal((stopped.containers as Json[])[0]!.exitCode, 3);
    assert.match(stopped.stoppedAt as string, /^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    assert.ok(typeof stopped.updatedAt === 'string' && typeof stopped.version === 'number');
    assert.equal(stopped.tags, undefined);
  });
});
