import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClock } from '../../../src/local/clock.js';
import { createConsistency } from '../../../src/local/consistency.js';
import type { SandboxEnv } from '../../../src/local/env.js';
import type { CallContext } from '../../../src/local/service.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';
import { eventually, withSandbox } from '../../helpers/sandbox.js';
import { BOTO3_SETUP, elb, listenerUrl, send, startTarget, type TestTarget } from './alb-fixtures.js';

describe('the TargetRegistry seam ECS uses', () => {
  const env: SandboxEnv = {
    region: 'us-east-1',
    accountId: '000000000000',
    clock: createClock(50),
    consistency: createConsistency(() => 0),
    seams: {},
    endpoint: () => '',
  };
  const service = createElbv2Service(env, { host: '127.0.0.1' });
  const call = async (op: string, input: Record<string, unknown>) =>
    (await service.handlers[op]!(input, {} as CallContext)) as Record<string, unknown>;
  let target: TestTarget | undefined;
  after(async () => {
    await service.close?.();
    await target?.close();
  });

  it('registers targets, reports their health, and resolves deregistration after the delay', async () => {
    target = await startTarget('127.0.3.31', 'task');
    const registry = env.seams.targets!;
    const lb = (await call('CreateLoadBalancer', { Name: 'seam-lb', Subnets: ['s1', 's2'] })).LoadBalancers as Array<{
      LoadBalancerArn: string;
    }>;
    const tg = (
      await call('CreateTargetGroup', {
        Name: 'seam-tg',
        Protocol: 'HTTP',
        Port: target.port,
        VpcId: 'vpc-1',
        TargetType: 'ip',
        HealthCheckIntervalSeconds: 5,
        HealthCheckTimeoutSeconds: 2,
      })
    ).TargetGroups as Array<{ TargetGroupArn: string }>;
    const tgArn = tg[0]!.TargetGroupArn;
    await call('ModifyTargetGroupAttributes', {
      TargetGroupArn: tgArn,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '10' }],
    });
    assert.equal(registry.targetGroupExists(tgArn), true);
    assert.equal(registry.targetGroupExists(tgArn.replace(/[0-9a-f]{16}$/, '0'.repeat(16))), false);
    const ref = { id: target.ip, port: target.port };
    registry.register(tgArn, [ref]);
    assert.equal(registry.health(tgArn, ref), 'unused', 'no listener uses the group yet');
    await call('CreateListener', {
      LoadBalancerArn: lb[0]!.LoadBalancerArn,
      Protocol: 'HTTP',
      Port: 8080,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
    });
    assert.equal(registry.health(tgArn, ref), 'initial');
    await eventually(() => (registry.health(tgArn, ref) === 'healthy' ? true : undefined), 10_000, 20, 'healthy');
    let left = false;
    const leaving = registry.deregister(tgArn, ref).then(() => {
      left = true;
    });
    assert.equal(registry.health(tgArn, ref), 'draining');
    assert.equal(left, false);
    await leaving;
    assert.equal(registry.health(tgArn, ref), 'unused', 'a target that left the group is no longer registered');
    await registry.deregister(tgArn, ref);
    assert.throws(
      () => registry.register(tgArn.replace(/[0-9a-f]{16}$/, '0'.repeat(16)), [ref]),
      /TargetGroupNotFound|target groups not found/,
    );
  });
});

describe('persistence and shutdown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-elbv2-'));
  let target: TestTarget | undefined;
  after(async () => {
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores load balancers, listeners and targets from --state-dir and serves traffic again; close() frees the port', async () => {
    target = await startTarget('127.0.3.32', 'persisted');
    const first = await withSandbox({ factories: [createElbv2Service], speed: 50, stateDir: dir });
    const arns = await elb<{ listener: string; tg: string }>(
      first,
      `${BOTO3_SETUP}
x = lb('keep-lb'); t = tg('keep-tg', ${target.port})
register(t, ('${target.ip}', ${target.port}))
l = listener(x, 8080, [{'Type': 'forward', 'TargetGroupArn': t}])
print(json.dumps({'listener': l, 'tg': t}))`,
    );
    const firstUrl = await listenerUrl(first, arns.listener);
    await first.close();
    await assert.rejects(send(firstUrl), /ECONNREFUSED/);

    const second = await withSandbox({ factories: [createElbv2Service], speed: 50, stateDir: dir });
    try {
      const url = await listenerUrl(second, arns.listener);
      const lbs = await elb<string[]>(
        second,
        `print(json.dumps([l['State']['Code'] for l in elb.describe_load_balancers(Names=['keep-lb'])['LoadBalancers']]))`,
      );
      assert.deepEqual(lbs, ['active']);
      await eventually(async () => ((await send(url)).body === 'persisted' ? true : undefined), 10_000, 100, 'traffic after restore');
      const h = await elb<string[]>(
        second,
        `print(json.dumps([d['TargetHealth']['State'] for d in elb.describe_target_health(TargetGroupArn='${arns.tg}')['TargetHealthDescriptions']]))`,
      );
      assert.deepEqual(h, ['healthy']);
    } finally {
      await second.close();
    }
  });
});
