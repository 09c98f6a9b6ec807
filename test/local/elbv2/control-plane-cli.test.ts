import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';
import { awsCli, withSandbox, type CliResult } from '../../helpers/sandbox.js';
import { BOTO3_SETUP, elb } from './alb-fixtures.js';

const errorCode = (r: CliResult) => /An error occurred \(([^)]+)\)/.exec(r.stderr)?.[1];

type Json = Record<string, unknown>;

describe('ELBv2 control plane through the AWS CLI', () => {
  let sandbox: Sandbox;
  let lbArn: string;
  let tgArns: string[];
  let listenerArn: string;
  const cli = (...args: string[]) => awsCli(sandbox, ['elbv2', ...args]);
  const ok = async (...args: string[]): Promise<Json> => {
    const r = await cli(...args);
    assert.equal(r.code, 0, r.stderr);
    return r.json as Json;
  };
  const fails = async (expected: string, ...args: string[]): Promise<string> => {
    const r = await cli(...args);
    assert.notEqual(r.code, 0, `expected ${expected}, got success: ${r.stdout}`);
    assert.equal(errorCode(r), expected, r.stderr);
    return r.stderr;
  };
  const first = <T>(out: Json, key: string) => (out[key] as T[])[0]!;

  before(async () => {
    sandbox = await withSandbox({ factories: [createElbv2Service] });
    // Setup in one boto3 process; every check below goes through the AWS CLI.
    const ids = await elb<{ lb: string; tgs: string[]; listener: string }>(
      sandbox,
      `${BOTO3_SETUP}
a = lb('cli-web')
tgs = [elb.create_target_group(Name='cli-tg-%d' % n, Protocol='HTTP', Port=8080, VpcId='vpc-1', TargetType='ip')['TargetGroups'][0]['TargetGroupArn'] for n in range(1, 7)]
l = listener(a, 8081, [{'Type': 'forward', 'TargetGroupArn': tgs[0]}])
print(json.dumps({'lb': a, 'tgs': tgs, 'listener': l}))`,
    );
    ({ lb: lbArn, tgs: tgArns, listener: listenerArn } = ids);
  });
  after(async () => {
    await sandbox.close();
  });

  it('creates load balancers idempotently, refuses a different one under the same name, and pages Describe', async () => {
    const lb = first<Json>(await ok('create-load-balancer', '--name', 'cli-web', '--subnets', 'subnet-a', 'subnet-b'), 'LoadBalancers');
    assert.equal(lb.LoadBalancerArn, lbArn);
    assert.match(lbArn, /^arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer\/app\/cli-web\/[0-9a-f]{16}$/);
    assert.match(String(lb.DNSName), /^cli-web-\d+\.us-east-1\.elb\.amazonaws\.com$/);
    assert.equal(lb.CanonicalHostedZoneId, 'Z35SXDOTRQ7X7K');
    const stderr = await fails(
      'DuplicateLoadBalancerName',
      'create-load-balancer',
      '--name',
      'cli-web',
      '--subnets',
      'subnet-a',
      'subnet-c',
    );
    assert.match(stderr, /A load balancer with the same name 'cli-web' exists, but with different settings/);
    await ok('create-load-balancer', '--name', 'cli-second', '--subnets', 'subnet-a', 'subnet-b');
    // PageSize is the operation's own parameter here, so the CLI returns one page and its NextMarker.
    const page = await ok('describe-load-balancers', '--page-size', '1');
    assert.deepEqual(
      (page.LoadBalancers as Array<{ LoadBalancerName: string }>).map((l) => l.LoadBalancerName),
      ['cli-web'],
    );
    assert.ok(page.NextMarker, 'a first page of one has a NextMarker');
    const next = await ok('describe-load-balancers', '--page-size', '1', '--marker', String(page.NextMarker));
    assert.deepEqual(
      (next.LoadBalancers as Array<{ LoadBalancerName: string }>).map((l) => l.LoadBalancerName),
      ['cli-second'],
    );
    assert.equal(next.NextMarker, undefined);
    assert.match(await fails('LoadBalancerNotFound', 'describe-load-balancers', '--names', 'nope'), /Load balancers '\[nope\]' not found/);
  });

  it('enforces target group name rules and DuplicateTargetGroupName', async () => {
    const common = ['--protocol', 'HTTP', '--port', '8080', '--vpc-id', 'vpc-1', '--target-type', 'ip'];
    await fails('ValidationError', 'create-target-group', '--name', 'a'.repeat(33), ...common);
    await fails('ValidationError', 'create-target-group', '--name', 'tg-', ...common);
    const stderr = await fails(
      'DuplicateTargetGroupName',
      'create-target-group',
      '--name',
      'cli-tg-1',
      '--protocol',
      'HTTP',
      '--port',
      '9090',
      '--vpc-id',
      'vpc-1',
      '--target-type',
      'ip',
    );
    assert.match(stderr, /A target group with the same name 'cli-tg-1' exists, but with different settings/);
    const same = first<Json>(await ok('create-target-group', '--name', 'cli-tg-1', ...common), 'TargetGroups');
    assert.equal(same.TargetGroupArn, tgArns[0], 'identical settings return the existing group');
  });

  it('fills the ALB health check defaults and refuses a timeout not below the interval', async () => {
    const tg = first<Json>(await ok('describe-target-groups', '--names', 'cli-tg-2'), 'TargetGroups');
    assert.deepEqual(
      [
        tg.HealthCheckProtocol,
        tg.HealthCheckPort,
        tg.HealthCheckPath,
        tg.HealthCheckIntervalSeconds,
        tg.HealthCheckTimeoutSeconds,
        tg.HealthyThresholdCount,
        tg.UnhealthyThresholdCount,
        tg.Matcher,
      ],
      ['HTTP', 'traffic-port', '/', 30, 5, 5, 2, { HttpCode: '200' }],
    );
    const stderr = await fails(
      'ValidationError',
      'modify-target-group',
      '--target-group-arn',
      tgArns[1]!,
      '--health-check-interval-seconds',
      '5',
    );
    assert.match(stderr, /Health check timeout '5' must be smaller than the interval '5'/);
  });

  it('shows a forward action with its ForwardConfig and bounds weights to 0–999 and groups to 5', async () => {
    const described = first<{ DefaultActions: unknown[] }>(await ok('describe-listeners', '--load-balancer-arn', lbArn), 'Listeners');
    assert.deepEqual(described.DefaultActions, [
      {
        Type: 'forward',
        TargetGroupArn: tgArns[0],
        ForwardConfig: { TargetGroups: [{ TargetGroupArn: tgArns[0], Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
      },
    ]);
    const weighted = (weights: number[]) =>
      JSON.stringify([
        { Type: 'forward', ForwardConfig: { TargetGroups: weights.map((w, i) => ({ TargetGroupArn: tgArns[i], Weight: w })) } },
      ]);
    const stderr = await fails(
      'ValidationError',
      'modify-listener',
      '--listener-arn',
      listenerArn,
      '--default-actions',
      weighted([1, 1000]),
    );
    assert.match(stderr, /The weight for each target group must be between 0 and 999, inclusive/);
    await fails('TooManyTargetGroups', 'modify-listener', '--listener-arn', listenerArn, '--default-actions', weighted([1, 1, 1, 1, 1, 1]));
    const out = first<{ DefaultActions: Array<{ ForwardConfig: { TargetGroups: Array<{ Weight: number }> } }> }>(
      await ok('modify-listener', '--listener-arn', listenerArn, '--default-actions', weighted([999, 0, 1, 1, 1])),
      'Listeners',
    );
    assert.deepEqual(
      out.DefaultActions[0]!.ForwardConfig.TargetGroups.map((g) => g.Weight),
      [999, 0, 1, 1, 1],
    );
  });

  it('keeps rule priorities unique, protects the default rule and reorders with SetRulePriorities', async () => {
    const rule = async (priority: number, path: string) =>
      first<{ RuleArn: string }>(
        await ok(
          'create-rule',
          '--listener-arn',
          listenerArn,
          '--priority',
          String(priority),
          '--conditions',
          `Field=path-pattern,Values=${path}`,
          '--actions',
          `Type=forward,TargetGroupArn=${tgArns[0]!}`,
        ),
        'Rules',
      ).RuleArn;
    const r10 = await rule(10, '/a');
    const r20 = await rule(20, '/b');
    const stderr = await fails(
      'PriorityInUse',
      'create-rule',
      '--listener-arn',
      listenerArn,
      '--priority',
      '10',
      '--conditions',
      'Field=path-pattern,Values=/c',
      '--actions',
      `Type=forward,TargetGroupArn=${tgArns[0]!}`,
    );
    assert.match(stderr, /Priority '10' is currently in use/);
    await ok('set-rule-priorities', '--rule-priorities', `RuleArn=${r10},Priority=20`, `RuleArn=${r20},Priority=10`);
    const rules = (await ok('describe-rules', '--listener-arn', listenerArn)).Rules as Array<{
      RuleArn: string;
      Priority: string;
      IsDefault: boolean;
    }>;
    assert.deepEqual(
      rules.map((r) => [r.RuleArn === r20 ? 'b' : r.RuleArn === r10 ? 'a' : 'default', r.Priority, r.IsDefault]),
      [
        ['b', '10', false],
        ['a', '20', false],
        ['default', 'default', true],
      ],
    );
    await fails('OperationNotPermitted', 'delete-rule', '--rule-arn', rules[2]!.RuleArn);
  });

  it('answers ResourceInUse when deleting a target group a listener or rule uses, and deletes it once released', async () => {
    const stderr = await fails('ResourceInUse', 'delete-target-group', '--target-group-arn', tgArns[0]!);
    assert.match(stderr, /Target group '.+' is currently in use by a listener or a rule/);
    await ok('delete-target-group', '--target-group-arn', tgArns[5]!);
    await fails('TargetGroupNotFound', 'describe-target-groups', '--target-group-arns', tgArns[5]!);
  });
});
