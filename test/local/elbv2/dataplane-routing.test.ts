import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { createHash } from 'node:crypto';
import type { Sandbox } from '../../../src/local/index.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';
import { eventually, withSandbox } from '../../helpers/sandbox.js';
import { BOTO3_SETUP, binomialInterval, elb, listenerUrl, send, startTarget, tally, type TestTarget } from './alb-fixtures.js';

interface Setup {
  listener: string;
  web: string;
  api: string;
  canary: string;
  empty: string;
}

describe('ALB data plane: routing', () => {
  let sandbox: Sandbox;
  let url: string;
  let setup: Setup;
  const targets: TestTarget[] = [];

  before(async () => {
    // Speed 50: a 5 s health check interval is 100 ms.
    sandbox = await withSandbox({ factories: [createElbv2Service], speed: 50 });
    const [web, api, canary, stream] = await Promise.all([
      startTarget('127.0.3.1', 'web'),
      startTarget('127.0.3.2', 'api'),
      startTarget('127.0.3.3', 'canary'),
      startTarget('127.0.3.4', 'stream', (req, res) => {
        if (req.url === '/health') {
          res.writeHead(200);
          res.end();
          return;
        }
        if (req.method === 'POST') {
          // Echo the body back as it arrives.
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          req.pipe(res);
          return;
        }
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first;');
        streamGate.then(() => res.end('second'));
      }),
    ]);
    targets.push(web!, api!, canary!, stream!);
    setup = await elb<Setup>(
      sandbox,
      `${BOTO3_SETUP}
a = lb('route-lb')
web = tg('web', ${web!.port}); api = tg('api', ${api!.port}); canary = tg('canary', ${canary!.port}); stream = tg('stream', ${stream!.port}); empty = tg('empty', 80)
register(web, ('${web!.ip}', ${web!.port})); register(api, ('${api!.ip}', ${api!.port})); register(canary, ('${canary!.ip}', ${canary!.port})); register(stream, ('${stream!.ip}', ${stream!.port}))
l = listener(a, 80, [{'Type': 'forward', 'TargetGroupArn': web}])
fwd = lambda t: [{'Type': 'forward', 'TargetGroupArn': t}]
elb.create_rule(ListenerArn=l, Priority=10, Conditions=[{'Field': 'host-header', 'Values': ['api.example.com']}], Actions=fwd(api))
elb.create_rule(ListenerArn=l, Priority=20, Conditions=[{'Field': 'path-pattern', 'Values': ['/api/*']}], Actions=fwd(api))
elb.create_rule(ListenerArn=l, Priority=30, Conditions=[{'Field': 'path-pattern', 'Values': ['/stream*']}], Actions=fwd(stream))
elb.create_rule(ListenerArn=l, Priority=40, Conditions=[{'Field': 'path-pattern', 'Values': ['/maintenance']}],
    Actions=[{'Type': 'fixed-response', 'FixedResponseConfig': {'StatusCode': '503', 'ContentType': 'text/plain', 'MessageBody': 'down for maintenance'}}])
elb.create_rule(ListenerArn=l, Priority=50, Conditions=[{'Field': 'path-pattern', 'Values': ['/old/*']}],
    Actions=[{'Type': 'redirect', 'RedirectConfig': {'Protocol': 'HTTPS', 'Port': '443', 'Path': '/new/#{path}', 'StatusCode': 'HTTP_301'}}])
elb.create_rule(ListenerArn=l, Priority=60, Conditions=[{'Field': 'path-pattern', 'Values': ['/nobody']}], Actions=fwd(empty))
elb.create_rule(ListenerArn=l, Priority=70, Conditions=[{'Field': 'path-pattern', 'Values': ['/split']}],
    Actions=[{'Type': 'forward', 'ForwardConfig': {'TargetGroups': [{'TargetGroupArn': web, 'Weight': 95}, {'TargetGroupArn': canary, 'Weight': 5}]}}])
elb.create_rule(ListenerArn=l, Priority=80, Conditions=[{'Field': 'path-pattern', 'Values': ['/sticky']}],
    Actions=[{'Type': 'forward', 'ForwardConfig': {'TargetGroups': [{'TargetGroupArn': web, 'Weight': 50}, {'TargetGroupArn': canary, 'Weight': 50}],
             'TargetGroupStickinessConfig': {'Enabled': True, 'DurationSeconds': 300}}}])
print(json.dumps({'listener': l, 'web': web, 'api': api, 'canary': canary, 'empty': empty}))`,
    );
    url = await listenerUrl(sandbox, setup.listener);
    // Every target passes its first health check within a few intervals.
    await eventually(
      async () => {
        const h = await elb<string[]>(
          sandbox,
          `print(json.dumps([d['TargetHealth']['State'] for t in ${JSON.stringify([setup.web, setup.api, setup.canary])} for d in elb.describe_target_health(TargetGroupArn=t)['TargetHealthDescriptions']]))`,
        );
        return h.every((s) => s === 'healthy') ? true : undefined;
      },
      20_000,
      200,
      'targets healthy',
    );
  });
  after(async () => {
    await sandbox.close();
    await Promise.all(targets.map((t) => t.close()));
  });

  let releaseStream: () => void = () => undefined;
  const streamGate = new Promise<void>((resolve) => {
    releaseStream = resolve;
  });

  it('routes by host header and path pattern, with the default rule last', async () => {
    assert.equal((await send(url, { host: 'api.example.com' })).body, 'api');
    assert.equal((await send(url, { host: 'API.EXAMPLE.COM:80' })).body, 'api', 'host matching ignores case and port');
    assert.equal((await send(url, { path: '/api/users?x=1' })).body, 'api');
    assert.equal((await send(url, { path: '/API/users' })).body, 'web', 'paths are case-sensitive');
    assert.equal((await send(url, { path: '/' })).body, 'web');
  });

  it('adds X-Forwarded-For/Proto/Port and preserves Host', async () => {
    const r = await send(url, { path: '/echo', host: 'shop.example.com', headers: { 'x-forwarded-for': '203.0.113.7' } });
    const seen = JSON.parse(r.body) as { headers: Record<string, string> };
    assert.equal(seen.headers.host, 'shop.example.com');
    assert.equal(seen.headers['x-forwarded-for'], '203.0.113.7, 127.0.0.1');
    assert.equal(seen.headers['x-forwarded-proto'], 'http');
    assert.equal(seen.headers['x-forwarded-port'], '80');
    assert.match(seen.headers['x-amzn-trace-id'] ?? '', /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('drops X-Forwarded-For when the load balancer attribute says remove, and answers 400 to a malformed request', async () => {
    const mode = (value: string) =>
      elb(
        sandbox,
        `a = elb.describe_listeners(ListenerArns=['${setup.listener}'])['Listeners'][0]['LoadBalancerArn']
elb.modify_load_balancer_attributes(LoadBalancerArn=a, Attributes=[{'Key': 'routing.http.xff_header_processing.mode', 'Value': '${value}'}])
print('{}')`,
      );
    await mode('remove');
    try {
      const seen = JSON.parse((await send(url, { path: '/echo', headers: { 'x-forwarded-for': '203.0.113.7' } })).body) as {
        headers: Record<string, string>;
      };
      assert.equal(seen.headers['x-forwarded-for'], undefined);
      assert.equal(seen.headers['x-forwarded-proto'], 'http');
    } finally {
      await mode('append');
    }
    const u = new URL(url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(u.port || 80), u.hostname, () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (c) => {
        text += c.toString();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 400 Bad Request\r\nServer: awselb\/2\.0/);
  });

  it('answers fixed responses and redirects itself', async () => {
    const fixed = await send(url, { path: '/maintenance' });
    assert.equal(fixed.status, 503);
    assert.equal(fixed.body, 'down for maintenance');
    assert.equal(fixed.headers['content-type'], 'text/plain');
    const moved = await send(url, { path: '/old/page?q=1', host: 'shop.example.com' });
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.location, 'https://shop.example.com/new/old/page?q=1');
  });

  it('answers 503 as an ALB does when the target group has no registered target', async () => {
    const r = await send(url, { path: '/nobody' });
    assert.equal(r.status, 503);
    assert.equal(r.headers.server, 'awselb/2.0');
    assert.match(r.body, /<title>503 Service Temporarily Unavailable<\/title>/);
  });

  it('splits weighted traffic 95/5 within the 99.9% binomial interval over 4,000 requests', async () => {
    const n = 4000;
    const counts = await tally(url, n, { path: '/split' });
    assert.equal((counts.get('web') ?? 0) + (counts.get('canary') ?? 0), n, JSON.stringify([...counts]));
    const [low, high] = binomialInterval(n, 0.05);
    const canary = counts.get('canary') ?? 0;
    assert.ok(canary >= low && canary <= high, `canary answered ${canary} of ${n}; expected ${low.toFixed(0)}–${high.toFixed(0)}`);
  });

  it('follows the weights after ModifyRule, and weight 0 takes a group out', async () => {
    await elb(
      sandbox,
      `r = [r for r in elb.describe_rules(ListenerArn='${setup.listener}')['Rules'] if r['Priority'] == '70'][0]
elb.modify_rule(RuleArn=r['RuleArn'], Actions=[{'Type': 'forward', 'ForwardConfig': {'TargetGroups': [{'TargetGroupArn': '${setup.web}', 'Weight': 0}, {'TargetGroupArn': '${setup.canary}', 'Weight': 1}]}}])
print('{}')`,
    );
    const counts = await tally(url, 200, { path: '/split' });
    assert.deepEqual([...counts], [['canary', 200]]);
  });

  it('pins a client to one target group with the AWSALBTG cookie when target group stickiness is on', async () => {
    const first = await send(url, { path: '/sticky' });
    const cookies = first.headers['set-cookie'] ?? [];
    const pin = cookies.find((c) => c.startsWith('AWSALBTG='));
    assert.ok(pin, `no AWSALBTG cookie in ${JSON.stringify(cookies)}`);
    assert.ok(cookies.some((c) => c.startsWith('AWSALBTGCORS=') && /SameSite=None; Secure/.test(c)));
    const cookie = pin.split(';')[0]!;
    const counts = await tally(url, 60, { path: '/sticky', headers: { cookie } });
    assert.deepEqual([...counts], [[first.body, 60]]);
    const unpinned = await tally(url, 200, { path: '/sticky' });
    assert.equal(unpinned.size, 2, 'without the cookie both groups answer');
  });

  it('reuses keep-alive connections to targets', async () => {
    const api = targets[1]!;
    const before = api.connections;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 30; i++) assert.equal((await send(url, { host: 'api.example.com', agent })).body, 'api');
    agent.destroy();
    assert.ok(api.connections - before <= 1, `30 sequential requests opened ${api.connections - before} target connections`);
  });

  it('streams request and response bodies both ways', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 'x');
    big.write('start', 0);
    big.write('end', big.length - 3);
    const echoed = await new Promise<Buffer>((resolve, reject) => {
      const u = new URL(url);
      const req = request(
        {
          host: u.hostname,
          port: Number(u.port || 80),
          path: '/stream-upload',
          method: 'POST',
          headers: { host: 'app.example.com', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < big.length; i += 65536) req.write(big.subarray(i, i + 65536));
      req.end();
    });
    assert.equal(createHash('sha256').update(echoed).digest('hex'), createHash('sha256').update(big).digest('hex'));
    // The target sends its second chunk only after the client has the first: a buffering proxy would hang here.
    const streamed = await new Promise<string>((resolve, reject) => {
      const u = new URL(url);
      const req = request(
        { host: u.hostname, port: Number(u.port || 80), path: '/stream', headers: { host: 'app.example.com' } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
            if (text === 'first;') releaseStream();
          });
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(streamed, 'first;second');
  });
});
