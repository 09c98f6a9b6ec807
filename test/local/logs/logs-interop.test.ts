import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { startSandbox } from '../../../src/local/index.js';
import type { SandboxEnv } from '../../../src/local/env.js';
import { createLogsService } from '../../../src/local/services/logs/logs-service.js';
import { awsCli, boto3 } from '../../helpers/sandbox.js';

interface Json {
  [k: string]: unknown;
}

describe('CloudWatch Logs over awsJson1_1', () => {
  let sandbox: Sandbox;
  let env: SandboxEnv | undefined;
  before(async () => {
    sandbox = await startSandbox({
      port: 0,
      host: '127.0.0.1',
      factories: [
        (e) => {
          env = e;
          return createLogsService(e);
        },
      ],
    });
  });
  after(async () => {
    await sandbox.close();
  });

  it('creates groups, refuses duplicates, and pages DescribeLogGroups by prefix (AWS CLI)', async () => {
    for (const g of ['/app/a', '/app/b', '/app/c', '/other']) {
      const r = await awsCli(sandbox, ['logs', 'create-log-group', '--log-group-name', g]);
      assert.equal(r.code, 0, r.stderr);
    }
    const dup = await awsCli(sandbox, ['logs', 'create-log-group', '--log-group-name', '/app/a']);
    assert.notEqual(dup.code, 0);
    assert.match(dup.stderr, /ResourceAlreadyExistsException/);
    // --page-size 1 makes the CLI follow nextToken across three calls.
    const r = await awsCli(sandbox, ['logs', 'describe-log-groups', '--log-group-name-prefix', '/app/', '--page-size', '1']);
    assert.equal(r.code, 0, r.stderr);
    const groups = (r.json as { logGroups: Json[] }).logGroups;
    assert.deepEqual(
      groups.map((g) => g.logGroupName),
      ['/app/a', '/app/b', '/app/c'],
    );
    assert.equal(groups[0]!.arn, `arn:aws:logs:us-east-1:000000000000:log-group:/app/a:*`);
    assert.equal(groups[0]!.logGroupArn, `arn:aws:logs:us-east-1:000000000000:log-group:/app/a`);
  });

  it("rejects invalid names with InvalidParameterException and unknown groups with AWS's message", async () => {
    const bad = await awsCli(sandbox, ['logs', 'create-log-group', '--log-group-name', 'has space']);
    assert.match(bad.stderr, /InvalidParameterException/);
    const missing = await awsCli(sandbox, ['logs', 'create-log-stream', '--log-group-name', '/nope', '--log-stream-name', 's']);
    assert.match(missing.stderr, /ResourceNotFoundException.*The specified log group does not exist\./);
    const noStream = await awsCli(sandbox, ['logs', 'get-log-events', '--log-group-name', '/app/a', '--log-stream-name', 'nope']);
    assert.match(noStream.stderr, /ResourceNotFoundException.*The specified log stream does not exist\./);
    const retention = await awsCli(sandbox, ['logs', 'put-retention-policy', '--log-group-name', '/app/a', '--retention-in-days', '2']);
    assert.match(retention.stderr, /InvalidParameterException/);
  });

  it('accepts PutLogEvents, reports rejected events, and orders/describes streams (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
import time
c=boto3.client('logs',endpoint_url=endpoint,region_name=region)
c.create_log_stream(logGroupName='/app/b',logStreamName='web/1')
c.create_log_stream(logGroupName='/app/b',logStreamName='web/2')
now=int(time.time()*1000)
a=c.put_log_events(logGroupName='/app/b',logStreamName='web/2',logEvents=[{'timestamp':now-1000,'message':'first'}])
b=c.put_log_events(logGroupName='/app/b',logStreamName='web/1',logEvents=[
  {'timestamp':now-15*86400000,'message':'ancient'},{'timestamp':now,'message':'second'},{'timestamp':now+3*3600000,'message':'future'}])
try:
  c.put_log_events(logGroupName='/app/b',logStreamName='web/1',logEvents=[{'timestamp':now,'message':'x'},{'timestamp':now-5,'message':'y'}])
  order='accepted'
except c.exceptions.InvalidParameterException as e:
  order='InvalidParameterException'
byname=c.describe_log_streams(logGroupName='/app/b',descending=True)['logStreams']
bytime=c.describe_log_streams(logGroupName='/app/b',orderBy='LastEventTime')['logStreams']
try:
  c.describe_log_streams(logGroupName='/app/b',orderBy='LastEventTime',logStreamNamePrefix='web')
  conflict='accepted'
except c.exceptions.InvalidParameterException:
  conflict='InvalidParameterException'
print(json.dumps({'rejected':b.get('rejectedLogEventsInfo'),'order':order,'byname':[s['logStreamName'] for s in byname],
  'bytime':[s['logStreamName'] for s in bytime],'conflict':conflict,'stream':bytime[-1]}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as { rejected: Json; order: string; byname: string[]; bytime: string[]; conflict: string; stream: Json };
    assert.deepEqual(out.rejected, { tooOldLogEventEndIndex: 0, tooNewLogEventStartIndex: 2 });
    assert.equal(out.order, 'InvalidParameterException');
    assert.deepEqual(out.byname, ['web/2', 'web/1']);
    assert.deepEqual(out.bytime, ['web/2', 'web/1']);
    assert.equal(out.conflict, 'InvalidParameterException');
    assert.equal(out.stream.arn, 'arn:aws:logs:us-east-1:000000000000:log-group:/app/b:log-stream:web/1');
    assert.equal(typeof out.stream.lastEventTimestamp, 'number');
  });

  it('pages GetLogEvents with f/ and b/ tokens and hands back the same token at the end (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
import time
c=boto3.client('logs',endpoint_url=endpoint,region_name=region)
c.create_log_stream(logGroupName='/app/c',logStreamName='s')
now=int(time.time()*1000)
c.put_log_events(logGroupName='/app/c',logStreamName='s',logEvents=[{'timestamp':now+i,'message':'line %d'%i} for i in range(5)])
tail=c.get_log_events(logGroupName='/app/c',logStreamName='s',limit=2)
seen=[]; token=None; calls=0
while True:
  kw={'nextToken':token} if token else {}
  p=c.get_log_events(logGroupName='/app/c',logStreamName='s',startFromHead=True,limit=2,**kw)
  calls+=1
  seen+= [e['message'] for e in p['events']]
  if p['nextForwardToken']==token: break
  token=p['nextForwardToken']
c.put_log_events(logGroupName='/app/c',logStreamName='s',logEvents=[{'timestamp':now+10,'message':'late'}])
more=c.get_log_events(logGroupName='/app/c',logStreamName='s',startFromHead=True,nextToken=token)
back=c.get_log_events(logGroupName='/app/c',logStreamName='s',nextToken=tail['nextBackwardToken'],limit=10)
print(json.dumps({'tail':[e['message'] for e in tail['events']],'seen':seen,'calls':calls,'token':token,
  'more':[e['message'] for e in more['events']],'back':[e['message'] for e in back['events']]}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as { tail: string[]; seen: string[]; calls: number; token: string; more: string[]; back: string[] };
    assert.deepEqual(out.tail, ['line 3', 'line 4']);
    assert.deepEqual(out.seen, ['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
    assert.equal(out.calls, 4, 'three pages with events, then one that returns the same token');
    assert.match(out.token, /^f\/\d+$/);
    assert.deepEqual(out.more, ['late']);
    assert.deepEqual(out.back, ['line 0', 'line 1', 'line 2']);
  });

  it('interleaves FilterLogEvents across streams, filters by pattern and ends pagination (AWS CLI + boto3)', async () => {
    const now = Date.now();
    const put = async (stream: string, events: Array<[number, string]>) => {
      await awsCli(sandbox, ['logs', 'create-log-stream', '--log-group-name', '/other', '--log-stream-name', stream]);
      const r = await awsCli(sandbox, [
        'logs',
        'put-log-events',
        '--log-group-name',
        '/other',
        '--log-stream-name',
        stream,
        '--log-events',
        JSON.stringify(events.map(([t, m]) => ({ timestamp: now + t, message: m }))),
      ]);
      assert.equal(r.code, 0, r.stderr);
    };
    await put('x', [
      [1, 'ERROR one'],
      [3, 'INFO three'],
      [5, 'WARN five'],
    ]);
    await put('y', [
      [2, 'INFO two'],
      [4, 'ERROR four'],
    ]);
    const all = await awsCli(sandbox, ['logs', 'filter-log-events', '--log-group-name', '/other', '--page-size', '2']);
    assert.equal(all.code, 0, all.stderr);
    const events = (all.json as { events: Json[] }).events;
    assert.deepEqual(
      events.map((e) => e.logStreamName),
      ['x', 'y', 'x', 'y', 'x'],
    );
    const errors = await awsCli(sandbox, ['logs', 'filter-log-events', '--log-group-name', '/other', '--filter-pattern', '?ERROR ?WARN']);
    assert.deepEqual(
      (errors.json as { events: Json[] }).events.map((e) => e.message),
      ['ERROR one', 'ERROR four', 'WARN five'],
    );
    const conflict = await awsCli(sandbox, [
      'logs',
      'filter-log-events',
      '--log-group-name',
      '/other',
      '--log-stream-names',
      'x',
      '--log-stream-name-prefix',
      'x',
    ]);
    assert.match(conflict.stderr, /InvalidParameterException/);
    const r = await boto3(
      sandbox,
      `
c=boto3.client('logs',endpoint_url=endpoint,region_name=region)
pages=[]
kw={}
while True:
  p=c.filter_log_events(logGroupName='/other',logStreamNamePrefix='x',limit=2,**kw)
  pages.append([e['message'] for e in p['events']])
  if 'nextToken' not in p: break
  kw={'nextToken':p['nextToken']}
print(json.dumps({'pages':pages,'searched':p['searchedLogStreams']}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, { pages: [['ERROR one', 'INFO three'], ['WARN five']], searched: [] });
  });

  it('tags log groups through TagResource and the legacy TagLogGroup (AWS CLI)', async () => {
    const arn = 'arn:aws:logs:us-east-1:000000000000:log-group:/app/a';
    assert.equal((await awsCli(sandbox, ['logs', 'tag-resource', '--resource-arn', arn, '--tags', 'team=core'])).code, 0);
    assert.equal((await awsCli(sandbox, ['logs', 'tag-log-group', '--log-group-name', '/app/a', '--tags', 'env=dev'])).code, 0);
    const tags = await awsCli(sandbox, ['logs', 'list-tags-for-resource', '--resource-arn', arn]);
    assert.deepEqual((tags.json as { tags: Json }).tags, { team: 'core', env: 'dev' });
    const legacy = await awsCli(sandbox, ['logs', 'list-tags-log-group', '--log-group-name', '/app/a']);
    assert.deepEqual((legacy.json as { tags: Json }).tags, { team: 'core', env: 'dev' });
    assert.equal(
      (await awsCli(sandbox, ['logs', 'put-retention-policy', '--log-group-name', '/app/a', '--retention-in-days', '7'])).code,
      0,
    );
    const d = await awsCli(sandbox, ['logs', 'describe-log-groups', '--log-group-name-prefix', '/app/a']);
    assert.equal((d.json as { logGroups: Json[] }).logGroups[0]!.retentionInDays, 7);
  });

  it('shows what the LogSink seam appends, as the awslogs driver writes it', async () => {
    assert.ok(env?.seams.logs, 'the logs factory sets env.seams.logs');
    const sink = env.seams.logs;
    assert.equal(sink.groupExists('/ecs/web'), false);
    sink.createGroup('/ecs/web');
    sink.append('/ecs/web', 'ecs/app/0123', [{ timestamp: Date.now(), message: 'hello from a task' }]);
    const r = await awsCli(sandbox, ['logs', 'get-log-events', '--log-group-name', '/ecs/web', '--log-stream-name', 'ecs/app/0123']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      (r.json as { events: Json[] }).events.map((e) => e.message),
      ['hello from a task'],
    );
  });

  it('deletes streams and groups', async () => {
    assert.equal((await awsCli(sandbox, ['logs', 'delete-log-stream', '--log-group-name', '/other', '--log-stream-name', 'x'])).code, 0);
    assert.equal((await awsCli(sandbox, ['logs', 'delete-log-group', '--log-group-name', '/other'])).code, 0);
    const again = await awsCli(sandbox, ['logs', 'delete-log-group', '--log-group-name', '/other']);
    assert.match(again.stderr, /ResourceNotFoundException/);
  });
});
