// Acceptance (server): two `cortado server` processes behind the sandbox's ALB; the replica running a release is SIGKILLed
// mid-release and the other takes the release over within the lease (plus its takeover period) and ends it — all through
// the load balancer, as users reach a deployed server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { eventually } from '../helpers/sandbox.js';
import { startFixture, type Fixture } from '../canary/canary-fixtures.js';
import { listenerUrl } from '../../src/demo/demo-stack.js';
import { actorKey, assertCallsInTable, recordedCalls } from '../helpers/iam-coverage.js';
import { call, TOKENS, writeServerSetup, type ServerSetup } from './server-fixture.js';
import { nodeArgs } from '../helpers/entry.js';

const entry = join(fileURLToPath(new URL('../canary/', import.meta.url)), 'cli-entry.ts');
/** The fixture's canary lease (FAST_CANARY.lease) and the servers' takeover period (takeover.every). */
const LEASE_MS = 3_000;
const TAKEOVER_EVERY_MS = 1_000;
/** The replicas sign with their own key, so their calls can be checked against `cortado iam-policy server`. */
const SERVER_KEY = actorKey('srvkill');

interface Replica {
  readonly child: ChildProcess;
  readonly port: number;
}

let f: Fixture;
let setup: ServerSetup;
const replicas: Replica[] = [];
let alb = '';

/** `cortado server --port 0` as a process; resolves once it says where it listens. */
function startReplica(): Promise<Replica> {
  const child = spawn(process.execPath, [...nodeArgs(entry), 'server', '--server-config', setup.serverConfigPath, '--port', '0'], {
    cwd: setup.dir,
    env: { ...process.env, ...setup.env, AWS_ACCESS_KEY_ID: SERVER_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`cortado server exited (${code}) before listening: ${err}`)));
  });
}

before(async () => {
  f = await startFixture('srvkill', 60);
  setup = await writeServerSetup(f);
  replicas.push(await startReplica(), await startReplica());
  const elb = new ElasticLoadBalancingV2Client(f.config);
  try {
    const lb = (
      await elb.send(
        new CreateLoadBalancerCommand({ Name: 'cortado-server', Subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'] }),
      )
    ).LoadBalancers![0]!;
    const tg = (
      await elb.send(
        new CreateTargetGroupCommand({
          Name: 'cortado-server',
          Protocol: 'HTTP',
          Port: 8080,
          VpcId: lb.VpcId,
          TargetType: 'ip',
          HealthCheckPath: '/healthz',
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 2,
          HealthyThresholdCount: 2,
          UnhealthyThresholdCount: 2,
        }),
      )
    ).TargetGroups![0]!;
    await elb.send(
      new RegisterTargetsCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: replicas.map((r) => ({ Id: '127.0.0.1', Port: r.port })) }),
    );
    const listener = (
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancerArn,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
        }),
      )
    ).Listeners![0]!;
    await eventually(
      async () => {
        const h = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
        return (h.TargetHealthDescriptions ?? []).filter((d) => d.TargetHealth?.State === 'healthy').length === 2 ? true : undefined;
      },
      120_000,
      250,
      'both replicas healthy behind the load balancer',
    );
    alb = await listenerUrl(f.sandbox.endpoint, listener.ListenerArn!, new AbortController().signal);
  } finally {
    elb.destroy();
  }
});

after(async () => {
  for (const r of replicas) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
  await Promise.all(
    replicas.map((r) =>
      r.child.exitCode === null && r.child.signalCode === null ? new Promise((res) => r.child.once('exit', res)) : undefined,
    ),
  );
  await f?.close();
});

type View = {
  release?: { phase: string; outcome: string; releaseId: string };
  controller?: { owner: string; until: number; live: boolean };
};

/** The release through the load balancer; a request that reached the killed replica (502, reset) reads as nothing yet. */
async function view(): Promise<View> {
  try {
    const r = await call({ url: alb }, 'GET', '/api/apps/api/canary', { token: TOKENS.viewer });
    return r.status === 200 ? (r.json as View) : {};
  } catch {
    return {};
  }
}

const until = (ok: (v: View) => boolean, what: string, ms = 240_000) =>
  eventually(
    async () => {
      const v = await view();
      return ok(v) ? v : undefined;
    },
    ms,
    100,
    what,
  );

test('the replica running a release is SIGKILLed: the other takes it over within the lease and promotes it, all through the ALB', async (t) => {
  const start = await call({ url: alb }, 'POST', '/api/apps/api/canary/start', { token: TOKENS.operator, body: { tag: 'v2' } });
  assert.ok([200, 202].includes(start.status), JSON.stringify(start.json));
  const running = await until((v) => v.release?.phase === 'progressing' && v.controller?.live === true, 'a replica runs the release');
  // Leases are owned by `<host>:<pid>:<random>`: the pid names the acting replica.
  const pid = Number(running.controller!.owner.split(':')[1]);
  const acting = replicas.find((r) => r.child.pid === pid);
  assert.ok(acting, `the owner ${running.controller!.owner} is one of the replicas (${replicas.map((r) => r.child.pid).join(', ')})`);
  const other = replicas.find((r) => r !== acting)!;

  const exited = new Promise((r) => acting.child.once('exit', r));
  acting.child.kill('SIGKILL');
  await exited;
  const killedAt = Date.now();
  const taken = await until(
    (v) => v.controller !== undefined && v.controller.owner !== running.controller!.owner && v.controller.live,
    'the other replica takes over',
    120_000,
  );
  const tookMs = Date.now() - killedAt;
  t.diagnostic(`taken over ${tookMs} ms after the kill (lease ${LEASE_MS} ms, takeover period ${TAKEOVER_EVERY_MS} ms)`);
  assert.equal(taken.release?.releaseId, running.release?.releaseId, 'the same release');
  assert.equal(Number(taken.controller!.owner.split(':')[1]), other.child.pid, 'the surviving replica acts');
  // At most one lease (the dead one runs out), one takeover period and the reads in between; generous for a loaded machine.
  assert.ok(tookMs < (LEASE_MS + TAKEOVER_EVERY_MS) * 5, `taken over after ${tookMs} ms`);

  await until((v) => v.release?.phase === 'awaiting-promotion', 'the gate');
  const promote = await call({ url: alb }, 'POST', '/api/apps/api/canary/promote', { token: TOKENS.operator });
  assert.ok([200, 202].includes(promote.status), JSON.stringify(promote.json));
  const done = await until((v) => v.release !== undefined && v.release.outcome !== 'in-progress', 'the end');
  assert.equal(done.release?.outcome, 'succeeded');
  const calls = await recordedCalls(f.sandbox.endpoint, { accessKeyId: SERVER_KEY });
  assert.ok(calls.length > 20, `the replicas' calls are attributed (${calls.length})`);
  assertCallsInTable('server', calls);
});
