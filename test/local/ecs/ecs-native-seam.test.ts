import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createClock } from '../../../src/local/clock.js';
import { createConsistency } from '../../../src/local/consistency.js';
import type { SandboxEnv } from '../../../src/local/env.js';
import type { CallContext } from '../../../src/local/service.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';

describe('the forward-weights seam ECS shifts traffic with (ELBv2 service, in process)', () => {
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
  after(async () => {
    await service.close?.();
  });

  type Action = {
    Type: string;
    TargetGroupArn?: string;
    ForwardConfig?: { TargetGroups: Array<{ TargetGroupArn: string; Weight: number }>; TargetGroupStickinessConfig?: unknown };
  };
  const actionOf = async (rule: string): Promise<Action> =>
    ((await call('DescribeRules', { RuleArns: [rule] })).Rules as Array<{ Actions: Action[] }>)[0]!.Actions[0]!;

  async function setUp(name: string) {
    const lb = (
      (await call('CreateLoadBalancer', { Name: `${name}-lb`, Subnets: ['s1', 's2'] })).LoadBalancers as Array<{ LoadBalancerArn: string }>
    )[0]!.LoadBalancerArn;
    const tg = async (n: string) =>
      (
        (await call('CreateTargetGroup', { Name: n, Protocol: 'HTTP', Port: 8080, VpcId: 'vpc-1', TargetType: 'ip' }))
          .TargetGroups as Array<{ TargetGroupArn: string }>
      )[0]!.TargetGroupArn;
    const blue = await tg(`${name}-blue`);
    const green = await tg(`${name}-green`);
    const listener = (
      (
        await call('CreateListener', {
          LoadBalancerArn: lb,
          Protocol: 'HTTP',
          Port: 8080,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: blue }],
        })
      ).Listeners as Array<{ ListenerArn: string }>
    )[0]!.ListenerArn;
    const rule = (
      (
        await call('CreateRule', {
          ListenerArn: listener,
          Priority: 5,
          Conditions: [{ Field: 'path-pattern', Values: ['/*'] }],
          Actions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [
                  { TargetGroupArn: blue, Weight: 100 },
                  { TargetGroupArn: green, Weight: 0 },
                ],
                TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 60 },
              },
            },
          ],
        })
      ).Rules as Array<{ RuleArn: string }>
    )[0]!.RuleArn;
    const defaultRule = (
      (await call('DescribeRules', { ListenerArn: listener })).Rules as Array<{ RuleArn: string; IsDefault: boolean }>
    ).find((r) => r.IsDefault)!.RuleArn;
    return { blue, green, listener, rule, defaultRule };
  }

  it("reads and moves a rule's weights, keeping the rest of the action", async () => {
    const { blue, green, rule } = await setUp('seam-a');
    const seam = env.seams.targets!;
    assert.deepEqual(seam.forwardWeights(rule), [
      { targetGroupArn: blue, weight: 100 },
      { targetGroupArn: green, weight: 0 },
    ]);
    seam.setForwardWeights(rule, { [blue]: 80, [green]: 20 });
    const action = await actionOf(rule);
    assert.deepEqual(action.ForwardConfig!.TargetGroups, [
      { TargetGroupArn: blue, Weight: 80 },
      { TargetGroupArn: green, Weight: 20 },
    ]);
    assert.deepEqual(action.ForwardConfig!.TargetGroupStickinessConfig, { Enabled: true, DurationSeconds: 60 });
  });

  it('changes nothing when a weight is out of range or the rule is unknown', async () => {
    const { blue, green, rule } = await setUp('seam-b');
    const seam = env.seams.targets!;
    assert.throws(() => seam.setForwardWeights(rule, { [blue]: 1000, [green]: 0 }), /not an integer from 0 to 999/);
    assert.throws(() => seam.setForwardWeights(rule, { [blue]: 50, [green]: 1.5 }), /not an integer from 0 to 999/);
    assert.deepEqual(seam.forwardWeights(rule), [
      { targetGroupArn: blue, weight: 100 },
      { targetGroupArn: green, weight: 0 },
    ]);
    const ghost = rule.replace(/[0-9a-f]{16}$/, '0'.repeat(16));
    assert.equal(seam.forwardWeights(ghost), undefined);
    assert.throws(() => seam.setForwardWeights(ghost, { [blue]: 1 }), /does not exist/);
  });

  it('takes a listener ARN as its default rule, and adds the group a single-group forward lacks', async () => {
    const { blue, green, listener, defaultRule } = await setUp('seam-c');
    const seam = env.seams.targets!;
    assert.deepEqual(seam.forwardWeights(listener), [{ targetGroupArn: blue, weight: 1 }]);
    seam.setForwardWeights(listener, { [blue]: 0, [green]: 100 });
    const listeners = (await call('DescribeListeners', { ListenerArns: [listener] })).Listeners as Array<{ DefaultActions: Action[] }>;
    const action = listeners[0]!.DefaultActions[0]!;
    assert.equal(action.TargetGroupArn, undefined, 'a forward to several groups names them in ForwardConfig only');
    assert.deepEqual(action.ForwardConfig!.TargetGroups, [
      { TargetGroupArn: blue, Weight: 0 },
      { TargetGroupArn: green, Weight: 100 },
    ]);
    assert.deepEqual(seam.forwardWeights(defaultRule), seam.forwardWeights(listener));
    const tgs = (await call('DescribeTargetGroups', { TargetGroupArns: [green] })).TargetGroups as Array<{ LoadBalancerArns: string[] }>;
    assert.equal(tgs[0]!.LoadBalancerArns.length, 1, 'the added group is now used by the load balancer');
  });
});
