import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/local/index.js';
import { startSandbox } from '../../../src/local/index.js';
import { createEventsService } from '../../../src/local/services/events/events-service.js';
import { createSchedulerService } from '../../../src/local/services/scheduler/scheduler-service.js';
import { boto3 } from '../../helpers/sandbox.js';

const factories = [createEventsService, createSchedulerService];

describe('--state-dir keeps EventBridge Scheduler and EventBridge state across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-state-'));
  let sandbox: Sandbox | undefined;
  after(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads back groups, schedules, rules, targets and tags (boto3)', async () => {
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', stateDir: dir, factories });
    const write = await boto3(
      sandbox,
      `kw=dict(endpoint_url=endpoint,region_name=region)
s=boto3.client('scheduler',**kw); e=boto3.client('events',**kw)
s.create_schedule_group(Name='kept',Tags=[{'Key':'k','Value':'v'}])
s.create_schedule(Name='nightly',GroupName='kept',ScheduleExpression='cron(0 3 * * ? *)',ScheduleExpressionTimezone='Europe/Paris',
  FlexibleTimeWindow={'Mode':'OFF'},Target={'Arn':'arn:aws:ecs:us-east-1:000000000000:cluster/c','RoleArn':'arn:aws:iam::000000000000:role/r'})
e.put_rule(Name='history',EventPattern=json.dumps({'source':['aws.ecs']}),Tags=[{'Key':'k','Value':'v'}])
e.put_targets(Rule='history',Targets=[{'Id':'1','Arn':'arn:aws:logs:us-east-1:000000000000:log-group:/aws/events/x'}])
print('{}')`,
    );
    assert.equal(write.code, 0, write.stderr);
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', stateDir: dir, factories });
    const read = await boto3(
      sandbox,
      `kw=dict(endpoint_url=endpoint,region_name=region)
s=boto3.client('scheduler',**kw); e=boto3.client('events',**kw)
g=s.get_schedule(Name='nightly',GroupName='kept')
print(json.dumps({'tz':g['ScheduleExpressionTimezone'],'expr':g['ScheduleExpression'],
  'tags':s.list_tags_for_resource(ResourceArn='arn:aws:scheduler:us-east-1:000000000000:schedule-group/kept')['Tags'],
  'pattern':e.describe_rule(Name='history')['EventPattern'],'targets':[t['Id'] for t in e.list_targets_by_rule(Rule='history')['Targets']],
  'ruleTags':e.list_tags_for_resource(ResourceARN='arn:aws:events:us-east-1:000000000000:rule/history')['Tags']}))`,
    );
    assert.equal(read.code, 0, read.stderr);
    assert.deepEqual(read.json, {
      tz: 'Europe/Paris',
      expr: 'cron(0 3 * * ? *)',
      tags: [{ Key: 'k', Value: 'v' }],
      pattern: '{"source": ["aws.ecs"]}', // as json.dumps wrote it
      targets: ['1'],
      ruleTags: [{ Key: 'k', Value: 'v' }],
    });
  });
});
