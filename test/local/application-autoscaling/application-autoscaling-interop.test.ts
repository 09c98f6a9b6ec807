import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { startSandbox } from '../../../src/local/index.js';
import { createApplicationAutoScalingService } from '../../../src/local/services/application-autoscaling/application-autoscaling-service.js';
import { checkPolicy, checkTargetKey, resolveCapacity } from '../../../src/local/services/application-autoscaling/scaling-rules.js';
import { awsCli, boto3 } from '../../helpers/sandbox.js';

interface Json {
  [k: string]: unknown;
}

describe('Application Auto Scaling rules', () => {
  it('accepts ECS service targets and refuses mismatched namespaces or resource ids', () => {
    assert.doesNotThrow(() =>
      checkTargetKey({ ServiceNamespace: 'ecs', ResourceId: 'service/default/web', ScalableDimension: 'ecs:service:DesiredCount' }),
    );
    assert.throws(
      () =>
        checkTargetKey({
          ServiceNamespace: 'ecs',
          ResourceId: 'service/default/web',
          ScalableDimension: 'dynamodb:table:ReadCapacityUnits',
        }),
      /ValidationException|Unsupported/,
    );
    assert.throws(
      () => checkTargetKey({ ServiceNamespace: 'ecs', ResourceId: 'web', ScalableDimension: 'ecs:service:DesiredCount' }),
      /service\/<cluster-name>/,
    );
  });
  it('needs both capacities for a new target, keeps the old ones on update, and refuses min > max', () => {
    assert.throws(() => resolveCapacity({ MinCapacity: 1 }));
    assert.deepEqual(resolveCapacity({ MaxCapacity: 8 }, { min: 2, max: 4 }), { min: 2, max: 8 });
    assert.throws(() => resolveCapacity({ MinCapacity: 5, MaxCapacity: 2 }), /cannot be greater/);
  });
  it('defaults the policy type to StepScaling and requires the matching configuration', () => {
    assert.equal(checkPolicy({ StepScalingPolicyConfiguration: {} }), 'StepScaling');
    assert.throws(() => checkPolicy({ PolicyType: 'TargetTrackingScaling' }));
    assert.throws(
      () =>
        checkPolicy({
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget' } },
        }),
      /ResourceLabel/,
    );
  });
});

describe('Application Auto Scaling over awsJson1_1', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', factories: [createApplicationAutoScalingService] });
  });
  after(async () => {
    await sandbox.close();
  });

  const target = ['--service-namespace', 'ecs', '--scalable-dimension', 'ecs:service:DesiredCount', '--resource-id', 'service/default/web'];

  it('registers an ECS service, updates it on re-register, and describes it (AWS CLI)', async () => {
    const reg = await awsCli(sandbox, [
      'application-autoscaling',
      'register-scalable-target',
      ...target,
      '--min-capacity',
      '1',
      '--max-capacity',
      '4',
      '--tags',
      'env=dev',
    ]);
    assert.equal(reg.code, 0, reg.stderr);
    const arn = String((reg.json as Json).ScalableTargetARN);
    assert.match(arn, /^arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target\/[0-9a-f]{36}$/);
    const again = await awsCli(sandbox, [
      'application-autoscaling',
      'register-scalable-target',
      ...target,
      '--max-capacity',
      '10',
      '--suspended-state',
      'DynamicScalingInSuspended=true',
    ]);
    assert.equal((again.json as Json).ScalableTargetARN, arn, 're-registering keeps the target');
    const d = await awsCli(sandbox, ['application-autoscaling', 'describe-scalable-targets', '--service-namespace', 'ecs']);
    const t = (d.json as { ScalableTargets: Json[] }).ScalableTargets[0]!;
    assert.equal(t.MinCapacity, 1);
    assert.equal(t.MaxCapacity, 10);
    assert.deepEqual(t.SuspendedState, {
      DynamicScalingInSuspended: true,
      DynamicScalingOutSuspended: false,
      ScheduledScalingSuspended: false,
    });
    assert.match(String(t.RoleARN), /AWSServiceRoleForApplicationAutoScaling_ECSService$/);
    const tags = await awsCli(sandbox, ['application-autoscaling', 'list-tags-for-resource', '--resource-arn', arn]);
    assert.deepEqual((tags.json as Json).Tags, { env: 'dev' });
    const bad = await awsCli(sandbox, [
      'application-autoscaling',
      'register-scalable-target',
      '--service-namespace',
      'ecs',
      '--scalable-dimension',
      'ecs:service:DesiredCount',
      '--resource-id',
      'service/default/other',
      '--min-capacity',
      '3',
      '--max-capacity',
      '2',
    ]);
    assert.match(bad.stderr, /ValidationException/);
  });

  it('pages DescribeScalableTargets and filters by resource id (boto3 paginator)', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('application-autoscaling',endpoint_url=endpoint,region_name=region)
for i in range(5): c.register_scalable_target(ServiceNamespace='ecs',ScalableDimension='ecs:service:DesiredCount',ResourceId='service/c/s%d'%i,MinCapacity=0,MaxCapacity=2)
pages=list(c.get_paginator('describe_scalable_targets').paginate(ServiceNamespace='ecs',PaginationConfig={'PageSize':2}))
one=c.describe_scalable_targets(ServiceNamespace='ecs',ResourceIds=['service/c/s3'])['ScalableTargets']
print(json.dumps({'pages':[len(p['ScalableTargets']) for p in pages],'one':[t['ResourceId'] for t in one]}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, { pages: [2, 2, 2], one: ['service/c/s3'] });
  });

  it('stores scaling policies, updates them by name, and deletes them with the target (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('application-autoscaling',endpoint_url=endpoint,region_name=region)
k=dict(ServiceNamespace='ecs',ScalableDimension='ecs:service:DesiredCount',ResourceId='service/default/web')
tt=c.put_scaling_policy(PolicyName='cpu',PolicyType='TargetTrackingScaling',TargetTrackingScalingPolicyConfiguration={'TargetValue':60.0,'PredefinedMetricSpecification':{'PredefinedMetricType':'ECSServiceAverageCPUUtilization'},'ScaleOutCooldown':30},**k)
tt2=c.put_scaling_policy(PolicyName='cpu',PolicyType='TargetTrackingScaling',TargetTrackingScalingPolicyConfiguration={'TargetValue':70.0,'PredefinedMetricSpecification':{'PredefinedMetricType':'ECSServiceAverageCPUUtilization'}},**k)
st=c.put_scaling_policy(PolicyName='step',StepScalingPolicyConfiguration={'AdjustmentType':'ChangeInCapacity','StepAdjustments':[{'MetricIntervalLowerBound':0,'ScalingAdjustment':1}]},**k)
pol=c.describe_scaling_policies(ServiceNamespace='ecs',ResourceId='service/default/web')['ScalingPolicies']
try:
  c.put_scaling_policy(PolicyName='x',ServiceNamespace='ecs',ScalableDimension='ecs:service:DesiredCount',ResourceId='service/default/none',StepScalingPolicyConfiguration={})
  nf='accepted'
except c.exceptions.ObjectNotFoundException: nf='ObjectNotFoundException'
c.delete_scaling_policy(PolicyName='step',**k)
try:
  c.delete_scaling_policy(PolicyName='step',**k); gone='accepted'
except c.exceptions.ObjectNotFoundException: gone='ObjectNotFoundException'
c.deregister_scalable_target(**k)
left=c.describe_scaling_policies(ServiceNamespace='ecs',ResourceId='service/default/web')['ScalingPolicies']
try:
  c.deregister_scalable_target(**k); again='accepted'
except c.exceptions.ObjectNotFoundException as e: again=e.response['Error']['Message']
print(json.dumps({'arn':tt['PolicyARN'],'same':tt['PolicyARN']==tt2['PolicyARN'],'alarms':len(tt['Alarms']),'types':sorted(p['PolicyType'] for p in pol),
  'target':[p['TargetTrackingScalingPolicyConfiguration']['TargetValue'] for p in pol if p['PolicyName']=='cpu'],'nf':nf,'gone':gone,'left':len(left),'again':again}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Json;
    assert.match(
      String(out.arn),
      /^arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:[0-9a-f-]{36}:resource\/ecs\/service\/default\/web:policyName\/cpu$/,
    );
    assert.equal(out.same, true);
    assert.equal(out.alarms, 2);
    assert.deepEqual(out.types, ['StepScaling', 'TargetTrackingScaling']);
    assert.deepEqual(out.target, [70]);
    assert.equal(out.nf, 'ObjectNotFoundException');
    assert.equal(out.gone, 'ObjectNotFoundException');
    assert.equal(out.left, 0);
    assert.equal(
      out.again,
      'No scalable target registered for service namespace: ecs, resource ID: service/default/web, scalable dimension: ecs:service:DesiredCount',
    );
  });
});
