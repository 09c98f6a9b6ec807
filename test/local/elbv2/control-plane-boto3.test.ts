import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';
import { withSandbox } from '../../helpers/sandbox.js';
import { BOTO3_SETUP, elb } from './alb-fixtures.js';

/** Each boto3 script collects error codes with `code(fn)` so one Python process checks many cases. */
const PRELUDE = `${BOTO3_SETUP}
from botocore.exceptions import ClientError
def code(fn):
    try:
        fn()
        return 'ok'
    except ClientError as e:
        return e.response['Error']['Code'] + ' ' + str(e.response['ResponseMetadata']['HTTPStatusCode'])
out = {}
`;

describe('ELBv2 control plane through boto3', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ factories: [createElbv2Service] });
  });
  after(async () => {
    await sandbox.close();
  });

  it('limits a load balancer to 100 rules (TooManyRules) and pages DescribeRules', async () => {
    const out = await elb<{ created: number; over: string; pages: number; listed: number }>(
      sandbox,
      `${PRELUDE}
a = lb('rules-lb'); t = tg('rules-tg', 80)
l = listener(a, 8000, [{'Type': 'forward', 'TargetGroupArn': t}])
for p in range(1, 101):
    elb.create_rule(ListenerArn=l, Priority=p, Conditions=[{'Field': 'path-pattern', 'Values': ['/p%d' % p]}], Actions=[{'Type': 'fixed-response', 'FixedResponseConfig': {'StatusCode': '200'}}])
out['created'] = 100
out['over'] = code(lambda: elb.create_rule(ListenerArn=l, Priority=101, Conditions=[{'Field': 'path-pattern', 'Values': ['/x']}], Actions=[{'Type': 'fixed-response', 'FixedResponseConfig': {'StatusCode': '200'}}]))
pages = list(elb.get_paginator('describe_rules').paginate(ListenerArn=l, PaginationConfig={'PageSize': 30}))
out['pages'] = len(pages)
out['listed'] = sum(len(p['Rules']) for p in pages)
print(json.dumps(out))`,
    );
    assert.equal(out.over, 'TooManyRules 400');
    assert.equal(out.pages, 4);
    assert.equal(out.listed, 101, '100 rules and the default rule');
  });

  it('answers AWS error codes for names, targets, conditions, associations and lookups', async () => {
    const out = await elb<Record<string, string>>(
      sandbox,
      `${PRELUDE}
a = lb('err-lb'); b = lb('err-lb-2'); t = tg('err-tg', 80); t2 = tg('err-tg-2', 80)
l = listener(a, 8000, [{'Type': 'forward', 'TargetGroupArn': t}])
rule = lambda **kw: elb.create_rule(ListenerArn=l, Priority=kw.get('p', 5), Conditions=kw.get('c', [{'Field': 'path-pattern', 'Values': ['/a']}]), Actions=kw.get('a', [{'Type': 'forward', 'TargetGroupArn': t}]))
out['underscore name'] = code(lambda: tg('tg_1', 80))
out['missing vpc'] = code(lambda: elb.create_target_group(Name='novpc', Protocol='HTTP', Port=80))
out['lambda with port'] = code(lambda: elb.create_target_group(Name='fn', TargetType='lambda', Port=80))
out['bad ip target'] = code(lambda: elb.register_targets(TargetGroupArn=t, Targets=[{'Id': '10.0.0', 'Port': 80}]))
out['instance id in ip group'] = code(lambda: elb.register_targets(TargetGroupArn=t, Targets=[{'Id': 'i-0123456789abcdef0'}]))
out['six condition values'] = code(lambda: rule(c=[{'Field': 'path-pattern', 'Values': ['/1', '/2', '/3', '/4', '/5', '/6']}]))
out['two host conditions'] = code(lambda: rule(c=[{'Field': 'host-header', 'Values': ['a.com']}, {'Field': 'host-header', 'Values': ['b.com']}]))
out['no condition'] = code(lambda: rule(c=[]))
out['bad source ip'] = code(lambda: rule(c=[{'Field': 'source-ip', 'SourceIpConfig': {'Values': ['300.0.0.0/8']}}]))
out['target group of another lb'] = code(lambda: listener(b, 8000, [{'Type': 'forward', 'TargetGroupArn': t}]))
out['unknown target group'] = code(lambda: rule(a=[{'Type': 'forward', 'TargetGroupArn': t.replace(t[-16:], '0' * 16)}]))
out['stickiness duration'] = code(lambda: rule(a=[{'Type': 'forward', 'ForwardConfig': {'TargetGroups': [{'TargetGroupArn': t}], 'TargetGroupStickinessConfig': {'Enabled': True, 'DurationSeconds': 700000}}}]))
out['authenticate action'] = code(lambda: rule(a=[{'Type': 'authenticate-oidc', 'Order': 1, 'AuthenticateOidcConfig': {'Issuer': 'i', 'AuthorizationEndpoint': 'a', 'TokenEndpoint': 't', 'UserInfoEndpoint': 'u', 'ClientId': 'c'}}]))
out['not an ARN'] = code(lambda: elb.describe_target_groups(TargetGroupArns=['nope']))
out['unknown listener'] = code(lambda: elb.describe_rules(ListenerArn=l.replace(l[-16:], '0' * 16)))
out['unknown rule'] = code(lambda: elb.delete_rule(RuleArn=l.replace(':listener/', ':listener-rule/') + '/' + '0' * 16))
out['modify default rule'] = code(lambda: elb.modify_rule(RuleArn=elb.describe_rules(ListenerArn=l)['Rules'][0]['RuleArn'], Actions=[{'Type': 'forward', 'TargetGroupArn': t}]))
out['unknown load balancer'] = code(lambda: elb.describe_listeners(LoadBalancerArn=a.replace(a[-16:], '0' * 16)))
out['deregister unknown target'] = code(lambda: elb.deregister_targets(TargetGroupArn=t, Targets=[{'Id': '10.9.9.9', 'Port': 80}]))
out['network load balancer'] = code(lambda: elb.create_load_balancer(Name='nlb', Type='network', Subnets=['s1', 's2']))
out['listener protocol TCP'] = code(lambda: elb.create_listener(LoadBalancerArn=a, Protocol='TCP', Port=9000, DefaultActions=[{'Type': 'forward', 'TargetGroupArn': t}]))
print(json.dumps(out))`,
    );
    assert.deepEqual(out, {
      'underscore name': 'ValidationError 400',
      'missing vpc': 'ValidationError 400',
      'lambda with port': 'ValidationError 400',
      'bad ip target': 'InvalidTarget 400',
      'instance id in ip group': 'InvalidTarget 400',
      'six condition values': 'ValidationError 400',
      'two host conditions': 'ValidationError 400',
      'no condition': 'ValidationError 400',
      'bad source ip': 'ValidationError 400',
      'target group of another lb': 'TargetGroupAssociationLimit 400',
      'unknown target group': 'TargetGroupNotFound 400',
      'stickiness duration': 'ValidationError 400',
      'authenticate action': 'InvalidConfigurationRequest 400',
      'not an ARN': 'ValidationError 400',
      'unknown listener': 'ListenerNotFound 400',
      'unknown rule': 'RuleNotFound 400',
      'modify default rule': 'OperationNotPermitted 400',
      'unknown load balancer': 'LoadBalancerNotFound 400',
      'deregister unknown target': 'ok',
      'network load balancer': 'InvalidConfigurationRequest 400',
      'listener protocol TCP': 'UnsupportedProtocol 400',
    });
  });

  it('reports unused targets for a group no listener uses, and Target.NotRegistered for unknown ones', async () => {
    const out = await elb<{ unused: unknown[]; unknown: unknown }>(
      sandbox,
      `${PRELUDE}
t = tg('lonely-tg', 80)
register(t, ('10.0.0.1', 80), ('10.0.0.2', 8080))
out['unused'] = health(t)
d = elb.describe_target_health(TargetGroupArn=t, Targets=[{'Id': '10.0.0.9', 'Port': 80}])['TargetHealthDescriptions'][0]
out['unknown'] = d['TargetHealth']
print(json.dumps(out))`,
    );
    assert.deepEqual(out.unused, [
      ['10.0.0.1', 80, 'unused', 'Target.NotInUse'],
      ['10.0.0.2', 8080, 'unused', 'Target.NotInUse'],
    ]);
    assert.deepEqual(out.unknown, {
      State: 'unused',
      Reason: 'Target.NotRegistered',
      Description: 'Target is not registered to the target group',
    });
  });

  it('round-trips rule conditions and weighted actions as AWS echoes them', async () => {
    const out = await elb<{ rule: Record<string, unknown> }>(
      sandbox,
      `${PRELUDE}
a = lb('echo-lb'); t1 = tg('echo-1', 80); t2 = tg('echo-2', 80)
l = listener(a, 8000, [{'Type': 'forward', 'TargetGroupArn': t1}])
r = elb.create_rule(ListenerArn=l, Priority=7,
    Conditions=[{'Field': 'host-header', 'HostHeaderConfig': {'Values': ['*.example.com']}},
                {'Field': 'query-string', 'QueryStringConfig': {'Values': [{'Key': 'v', 'Value': '2'}]}}],
    Actions=[{'Type': 'forward', 'ForwardConfig': {'TargetGroups': [{'TargetGroupArn': t1, 'Weight': 95}, {'TargetGroupArn': t2, 'Weight': 5}],
              'TargetGroupStickinessConfig': {'Enabled': True, 'DurationSeconds': 60}}}])['Rules'][0]
d = elb.describe_rules(RuleArns=[r['RuleArn']])['Rules'][0]
d['t1'] = t1; d['t2'] = t2
out['rule'] = d
print(json.dumps(out))`,
    );
    const r = out.rule;
    assert.equal(r.Priority, '7');
    assert.equal(r.IsDefault, false);
    assert.deepEqual(r.Conditions, [
      { Field: 'host-header', Values: ['*.example.com'], HostHeaderConfig: { Values: ['*.example.com'] } },
      { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'v', Value: '2' }] } },
    ]);
    assert.deepEqual(r.Actions, [
      {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: r.t1, Weight: 95 },
            { TargetGroupArn: r.t2, Weight: 5 },
          ],
          TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 60 },
        },
      },
    ]);
  });
  it('provisions a load balancer, then it is active; attributes, tags and deletion protection behave as AWS documents', async () => {
    const out = await elb<Record<string, unknown>>(
      sandbox,
      `${PRELUDE}
import time
a = lb('attr-lb'); t = tg('attr-tg', 80)
l = listener(a, 8000, [{'Type': 'forward', 'TargetGroupArn': t}])
out['state'] = elb.describe_load_balancers(LoadBalancerArns=[a])['LoadBalancers'][0]['State']['Code']
out['bad tg attribute'] = code(lambda: elb.modify_target_group_attributes(TargetGroupArn=t, Attributes=[{'Key': 'deregistration_delay.timeout_seconds', 'Value': '4000'}]))
out['unknown tg attribute'] = code(lambda: elb.modify_target_group_attributes(TargetGroupArn=t, Attributes=[{'Key': 'stickiness.nonsense', 'Value': '1'}]))
attrs = elb.modify_target_group_attributes(TargetGroupArn=t, Attributes=[{'Key': 'stickiness.enabled', 'Value': 'true'}, {'Key': 'deregistration_delay.timeout_seconds', 'Value': '30'}])['Attributes']
out['tg attributes'] = {x['Key']: x['Value'] for x in attrs}
out['lb attributes'] = {x['Key']: x['Value'] for x in elb.describe_load_balancer_attributes(LoadBalancerArn=a)['Attributes']}
elb.add_tags(ResourceArns=[a, l, t], Tags=[{'Key': 'env', 'Value': 'dev'}])
out['duplicate tag keys'] = code(lambda: elb.add_tags(ResourceArns=[a], Tags=[{'Key': 'k', 'Value': '1'}, {'Key': 'k', 'Value': '2'}]))
elb.remove_tags(ResourceArns=[t], TagKeys=['env'])
out['tags'] = [d['Tags'] for d in elb.describe_tags(ResourceArns=[a, l, t])['TagDescriptions']]
elb.modify_load_balancer_attributes(LoadBalancerArn=a, Attributes=[{'Key': 'deletion_protection.enabled', 'Value': 'true'}])
out['protected delete'] = code(lambda: elb.delete_load_balancer(LoadBalancerArn=a))
out['idle timeout 0'] = code(lambda: elb.modify_load_balancer_attributes(LoadBalancerArn=a, Attributes=[{'Key': 'idle_timeout.timeout_seconds', 'Value': '0'}]))
elb.modify_load_balancer_attributes(LoadBalancerArn=a, Attributes=[{'Key': 'deletion_protection.enabled', 'Value': 'false'}])
out['delete'] = code(lambda: elb.delete_load_balancer(LoadBalancerArn=a))
out['delete again'] = code(lambda: elb.delete_load_balancer(LoadBalancerArn=a))
out['listener after delete'] = code(lambda: elb.describe_listeners(ListenerArns=[l]))
out['group released'] = elb.describe_target_groups(TargetGroupArns=[t])['TargetGroups'][0]['LoadBalancerArns']
print(json.dumps(out))`,
    );
    assert.equal(out.state, 'provisioning');
    assert.equal(out['bad tg attribute'], 'InvalidConfigurationRequest 400');
    assert.equal(out['unknown tg attribute'], 'InvalidConfigurationRequest 400');
    const tgAttrs = out['tg attributes'] as Record<string, string>;
    assert.deepEqual(
      [
        tgAttrs['stickiness.enabled'],
        tgAttrs['stickiness.type'],
        tgAttrs['stickiness.lb_cookie.duration_seconds'],
        tgAttrs['deregistration_delay.timeout_seconds'],
        tgAttrs['load_balancing.algorithm.type'],
      ],
      ['true', 'lb_cookie', '86400', '30', 'round_robin'],
    );
    const lbAttrs = out['lb attributes'] as Record<string, string>;
    assert.deepEqual(
      [lbAttrs['idle_timeout.timeout_seconds'], lbAttrs['deletion_protection.enabled'], lbAttrs['routing.http2.enabled']],
      ['60', 'false', 'true'],
    );
    assert.equal(out['duplicate tag keys'], 'DuplicateTagKeys 400');
    assert.deepEqual(out.tags, [[{ Key: 'env', Value: 'dev' }], [{ Key: 'env', Value: 'dev' }], []]);
    assert.equal(out['protected delete'], 'OperationNotPermitted 400');
    assert.equal(out['idle timeout 0'], 'InvalidConfigurationRequest 400');
    assert.equal(out.delete, 'ok');
    assert.equal(out['delete again'], 'ok', 'deleting a load balancer that does not exist succeeds');
    assert.equal(out['listener after delete'], 'ListenerNotFound 400');
    assert.deepEqual(out['group released'], []);
  });

  it('turns active after provisioning, as the load-balancer-available waiter sees it', async () => {
    const fast = await withSandbox({ factories: [createElbv2Service], speed: 100 });
    try {
      const r = await elb<string>(
        fast,
        `a = elb.create_load_balancer(Name='waited', Subnets=['s1', 's2'])['LoadBalancers'][0]['LoadBalancerArn']
elb.get_waiter('load_balancer_available').wait(LoadBalancerArns=[a], WaiterConfig={'Delay': 1, 'MaxAttempts': 30})
print(json.dumps(elb.describe_load_balancers(LoadBalancerArns=[a])['LoadBalancers'][0]['State']['Code']))`,
      );
      assert.equal(r, 'active');
    } finally {
      await fast.close();
    }
  });
});
