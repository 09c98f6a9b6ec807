import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';
import { eventually, withSandbox } from '../../helpers/sandbox.js';
import { BOTO3_SETUP, defaultHandler, elb, listenerUrl, send, startTarget, tally, type TestTarget } from './alb-fixtures.js';

type Health = Array<[string, number, string, string | null]>;

describe('ALB data plane: target health, fail-open and draining', () => {
  let sandbox: Sandbox;
  let url: string;
  let arns: { listener: string; pool: string; drain: string; dead: string; slow: string };
  let a: TestTarget, b: TestTarget, c: TestTarget, d: TestTarget, hang: TestTarget;
  let releaseSlow: () => void = () => undefined;
  const slowGate = new Promise<void>((resolve) => {
    releaseSlow = resolve;
  });
  let slowArrived: () => void = () => undefined;
  const slowStarted = new Promise<void>((resolve) => {
    slowArrived = resolve;
  });

  const health = (tg: string) => elb<Health>(sandbox, `${BOTO3_SETUP}\nprint(json.dumps(health('${tg}')))`);
  const waitHealth = (tg: string, what: string, check: (h: Health) => boolean) =>
    eventually(
      async () => {
        const h = await health(tg);
        return check(h) ? h : undefined;
      },
      30_000,
      150,
      what,
    );
  const stateOf = (h: Health, ip: string) => h.find((t) => t[0] === ip);

  before(async () => {
    sandbox = await withSandbox({ factories: [createElbv2Service], speed: 50 });
    [a, b, c, d, hang] = await Promise.all([
      startTarget('127.0.3.11', 'a'),
      startTarget('127.0.3.12', 'b'),
      startTarget('127.0.3.13', 'c', (req, res, t) => {
        if (req.url !== '/drain/slow') return defaultHandler(req, res, t);
        slowArrived();
        void slowGate.then(() => {
          res.writeHead(200);
          res.end('slow done');
        });
      }),
      startTarget('127.0.3.14', 'd'),
      startTarget('127.0.3.16', 'hang', (req, res, t) => {
        if (req.url !== '/health') defaultHandler(req, res, t);
      }),
    ]);
    arns = await elb(
      sandbox,
      `${BOTO3_SETUP}
x = lb('health-lb')
pool = tg('pool', ${a.port}); drain = tg('drain', ${c.port}); dead = tg('dead', 1); slow = tg('slow', ${hang.port})
elb.modify_target_group_attributes(TargetGroupArn=drain, Attributes=[{'Key': 'deregistration_delay.timeout_seconds', 'Value': '600'}])
register(pool, ('${a.ip}', ${a.port}), ('${b.ip}', ${b.port})); register(drain, ('${c.ip}', ${c.port})); register(dead, ('127.0.3.15', 1)); register(slow, ('${hang.ip}', ${hang.port}))
l = listener(x, 8080, [{'Type': 'forward', 'TargetGroupArn': pool}])
for p, path, t in [(1, '/drain*', drain), (2, '/dead', dead), (3, '/hang', slow)]:
    elb.create_rule(ListenerArn=l, Priority=p, Conditions=[{'Field': 'path-pattern', 'Values': [path]}], Actions=[{'Type': 'forward', 'TargetGroupArn': t}])
print(json.dumps({'listener': l, 'pool': pool, 'drain': drain, 'dead': dead, 'slow': slow}))`,
    );
    url = await listenerUrl(sandbox, arns.listener);
    await waitHealth(arns.pool, 'pool healthy', (h) => h.length === 2 && h.every((t) => t[2] === 'healthy'));
  });
  after(async () => {
    releaseSlow();
    await sandbox.close();
    await Promise.all([a, b, c, d, hang].map((t) => t.close()));
  });

  it('spreads requests round robin over healthy targets', async () => {
    const counts = await tally(url, 100, {}, 1);
    assert.deepEqual([...counts].sort(), [
      ['a', 50],
      ['b', 50],
    ]);
  });

  it('pins a client to a target with the AWSALB cookie when the group has stickiness on', async () => {
    await elb(
      sandbox,
      `elb.modify_target_group_attributes(TargetGroupArn='${arns.pool}', Attributes=[{'Key': 'stickiness.enabled', 'Value': 'true'}, {'Key': 'stickiness.lb_cookie.duration_seconds', 'Value': '60'}])\nprint('{}')`,
    );
    const first = await send(url);
    const cookie = (first.headers['set-cookie'] ?? []).find((x) => x.startsWith('AWSALB='))?.split(';')[0];
    assert.ok(cookie, 'the response sets AWSALB');
    assert.deepEqual([...(await tally(url, 40, { headers: { cookie } }))], [[first.body, 40]]);
    await elb(
      sandbox,
      `elb.modify_target_group_attributes(TargetGroupArn='${arns.pool}', Attributes=[{'Key': 'stickiness.enabled', 'Value': 'false'}])\nprint('{}')`,
    );
    assert.equal((await tally(url, 40, { headers: { cookie } })).size, 2, 'with stickiness off the cookie is ignored');
  });

  it('takes a target that starts failing its checks out of rotation, with AWS reason codes', async () => {
    a.healthStatus = 503;
    const h = await waitHealth(arns.pool, 'a unhealthy', (x) => stateOf(x, a.ip)?.[2] === 'unhealthy');
    assert.deepEqual(stateOf(h, a.ip), [a.ip, a.port, 'unhealthy', 'Target.ResponseCodeMismatch']);
    const full = await elb<{ Description: string }>(
      sandbox,
      `print(json.dumps([d['TargetHealth'] for d in elb.describe_target_health(TargetGroupArn='${arns.pool}')['TargetHealthDescriptions'] if d['Target']['Id'] == '${a.ip}'][0]))`,
    );
    assert.equal(full.Description, 'Health checks failed with these codes: [503]');
    assert.deepEqual([...(await tally(url, 60))], [['b', 60]]);
  });

  it('fails open to every target when none is healthy, and recovers', async () => {
    b.healthStatus = 500;
    await waitHealth(arns.pool, 'both unhealthy', (x) => x.every((t) => t[2] === 'unhealthy'));
    const counts = await tally(url, 100, {}, 1);
    assert.deepEqual([...counts].sort(), [
      ['a', 50],
      ['b', 50],
    ]);
    a.healthStatus = 200;
    b.healthStatus = 200;
    await waitHealth(arns.pool, 'both healthy again', (x) => x.every((t) => t[2] === 'healthy'));
  });

  it('reports connection failures as Target.FailedHealthChecks and answers 502 when the target refuses', async () => {
    const h = await waitHealth(arns.dead, 'dead unhealthy', (x) => x[0]?.[2] === 'unhealthy');
    assert.equal(h[0]![3], 'Target.FailedHealthChecks');
    const r = await send(url, { path: '/dead' });
    assert.equal(r.status, 502);
    assert.equal(r.headers.server, 'awselb/2.0');
  });

  it('reports Target.Timeout for a target that does not answer its checks', async () => {
    const h = await waitHealth(arns.slow, 'hang unhealthy', (x) => x[0]?.[2] === 'unhealthy');
    assert.equal(h[0]![3], 'Target.Timeout');
  });

  it('drains a deregistered target: in-flight requests finish, new ones go elsewhere, then it leaves', async () => {
    await waitHealth(arns.drain, 'c healthy', (x) => x[0]?.[2] === 'healthy');
    const slow = send(url, { path: '/drain/slow' });
    await slowStarted;
    await elb(sandbox, `${BOTO3_SETUP}\nregister('${arns.drain}', ('${d.ip}', ${d.port}))\nprint('{}')`);
    await waitHealth(arns.drain, 'd healthy', (x) => stateOf(x, d.ip)?.[2] === 'healthy');
    await elb(
      sandbox,
      `elb.deregister_targets(TargetGroupArn='${arns.drain}', Targets=[{'Id': '${c.ip}', 'Port': ${c.port}}])\nprint('{}')`,
    );
    const h = await health(arns.drain);
    assert.deepEqual(stateOf(h, c.ip), [c.ip, c.port, 'draining', 'Target.DeregistrationInProgress']);
    assert.deepEqual([...(await tally(url, 30, { path: '/drain/x' }))], [['d', 30]]);
    releaseSlow();
    const done = await slow;
    assert.deepEqual([done.status, done.body], [200, 'slow done']);
    // 600 simulated seconds at speed 50: the target leaves the group about 12 s after deregistration.
    await waitHealth(arns.drain, 'c gone', (x) => x.length === 1 && x[0]![0] === d.ip);
  });
});
