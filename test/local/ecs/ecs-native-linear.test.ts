import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';
import { boto3 } from '../../helpers/sandbox.js';
import { api, cli, closeEcs, describeService, registerDemo, startEcs, waitFor } from './ecs-fixtures.js';
import { type Alb, assertStageOrder, createAlb, createNativeService, ruleWeights, sample } from './ecs-native-fixtures.js';

const CLUSTER = 'native-linear';
const SERVICE = 'web';

/** LINEAR 34 %: 34, 68, 100; a PAUSE before every step, and one after the shift that times out with CONTINUE. */
const LINEAR = {
  strategy: 'LINEAR',
  bakeTimeInMinutes: 1,
  linearConfiguration: { stepPercent: 34, stepBakeTimeInMinutes: 1 },
  lifecycleHooks: [
    {
      targetType: 'PAUSE',
      lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
      timeoutConfiguration: { timeoutInMinutes: 600, action: 'ROLLBACK' },
    },
    {
      targetType: 'PAUSE',
      lifecycleStages: ['POST_PRODUCTION_TRAFFIC_SHIFT'],
      timeoutConfiguration: { timeoutInMinutes: 1, action: 'CONTINUE' },
    },
    {
      targetType: 'AWS_LAMBDA',
      hookTargetArn: 'arn:aws:lambda:us-east-1:000000000000:function:smoke',
      roleArn: 'arn:aws:iam::000000000000:role/hooks',
      lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'],
    },
  ],
};

interface Drive {
  pauses: Array<{ stage: string; weights: Record<string, number>; requested: number }>;
  stages: string[];
  final: {
    status: string;
    lifecycleStage: string;
    lifecycleHookDetails: Array<{ targetType: string; status: string; timeoutAction: string }>;
    targetServiceRevision: { requestedProductionTrafficWeight: number };
  };
}

describe('ECS native LINEAR deployments driven by boto3', () => {
  let sandbox: Sandbox;
  let alb: Alb;
  let v1 = '';
  let v2 = '';
  before(async () => {
    sandbox = await startEcs([createElbv2Service]);
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    alb = await createAlb(sandbox, 'linear');
    v1 = await registerDemo(sandbox, { family: 'linear-web', tag: 'v1' });
    v2 = await registerDemo(sandbox, { family: 'linear-web', tag: 'v2' });
    await createNativeService(sandbox, { cluster: CLUSTER, name: SERVICE, taskDefinition: v1, alb, deploymentConfiguration: LINEAR });
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  it('moves the production rule 0 → 34 → 68 → 100 one step per continue, and a timed-out CONTINUE hook lets it finish', async () => {
    // The whole release as a controller would run it: boto3 polls, reads the rule, and answers every PAUSE before a step.
    const r = await boto3(
      sandbox,
      `import time
ecs=boto3.client('ecs',endpoint_url=endpoint,region_name=region)
elb=boto3.client('elbv2',endpoint_url=endpoint,region_name=region)
arn=ecs.update_service(cluster='${CLUSTER}',service='${SERVICE}',taskDefinition='${v2}')['service']['currentServiceDeployment']
pauses=[];stages=[];seen=set()
deadline=time.time()+90
while time.time()<deadline:
    sd=ecs.describe_service_deployments(serviceDeploymentArns=[arn])['serviceDeployments'][0]
    st=sd.get('lifecycleStage')
    if st and (not stages or stages[-1]!=st): stages.append(st)
    if sd['status']!='IN_PROGRESS': break
    for h in sd.get('lifecycleHookDetails',[]):
        if h['status']=='AWAITING_ACTION' and st=='PRODUCTION_TRAFFIC_SHIFT' and h['hookId'] not in seen:
            seen.add(h['hookId'])
            groups=elb.describe_rules(RuleArns=['${alb.rule}'])['Rules'][0]['Actions'][0]['ForwardConfig']['TargetGroups']
            pauses.append({'stage':st,'weights':{g['TargetGroupArn']:g['Weight'] for g in groups},'requested':sd['targetServiceRevision']['requestedProductionTrafficWeight']})
            ecs.continue_service_deployment(serviceDeploymentArn=arn,hookId=h['hookId'],action='CONTINUE')
    time.sleep(0.05)
print(json.dumps({'pauses':pauses,'stages':stages,'final':sd},default=str))`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Drive;
    assert.equal(out.final.status, 'SUCCESSFUL', JSON.stringify(out.final));
    assert.deepEqual(
      out.pauses.map((p) => p.requested),
      [0, 34, 68],
    );
    assert.deepEqual(
      out.pauses.map((p) => p.weights[alb.green]),
      [0, 34, 68],
    );
    assert.deepEqual(
      out.pauses.map((p) => p.weights[alb.blue]),
      [100, 66, 32],
    );
    assertStageOrder(out.stages);
    const post = out.final.lifecycleHookDetails.find((h) => h.targetType === 'PAUSE');
    assert.deepEqual(post && { status: post.status, timeoutAction: post.timeoutAction }, {
      status: 'TIMED_OUT',
      timeoutAction: 'CONTINUE',
    });
    assert.equal(out.final.targetServiceRevision.requestedProductionTrafficWeight, 100);
    assert.deepEqual(await ruleWeights(sandbox, alb.rule), { [alb.blue]: 0, [alb.green]: 100 });
    assert.deepEqual((await sample(alb.url, 20)).versions, { v2: 20 });
    const svc = await describeService(sandbox, CLUSTER, SERVICE);
    assert.deepEqual(
      svc.deployments.map((d) => d.taskDefinition),
      [v2],
    );
  });

  it('a service switched back to ROLLING deploys into the target group that serves production now', async () => {
    const out = await cli(sandbox, [
      'ecs',
      'update-service',
      '--cluster',
      CLUSTER,
      '--service',
      SERVICE,
      '--task-definition',
      v1,
      '--deployment-configuration',
      '{"strategy":"ROLLING","lifecycleHooks":[]}',
    ]);
    const arn = (out.service as { currentServiceDeployment: string }).currentServiceDeployment;
    const done = await waitFor('SUCCESSFUL', async () => {
      const sd = (await api(sandbox, 'DescribeServiceDeployments', { serviceDeploymentArns: [arn] })).serviceDeployments as Array<{
        status: string;
        lifecycleStage?: string;
        targetServiceRevision: { arn: string };
      }>;
      return sd[0]!.status === 'SUCCESSFUL' ? sd[0]! : undefined;
    });
    assert.equal(done.lifecycleStage, undefined, 'rolling deployments report no lifecycle stage');
    const rev = (await cli(sandbox, ['ecs', 'describe-service-revisions', '--service-revision-arns', done.targetServiceRevision.arn]))
      .serviceRevisions as Array<{ resolvedConfiguration: { loadBalancers: Array<{ targetGroupArn: string }> } }>;
    assert.equal(rev[0]!.resolvedConfiguration.loadBalancers[0]!.targetGroupArn, alb.green);
    assert.deepEqual(await ruleWeights(sandbox, alb.rule), { [alb.blue]: 0, [alb.green]: 100 }, 'a rolling deployment moves no weights');
    assert.deepEqual((await sample(alb.url, 20)).versions, { v1: 20 });
  });

  it('answers continue-service-deployment preconditions with InvalidParameterException', async () => {
    const r = await boto3(
      sandbox,
      `ecs=boto3.client('ecs',endpoint_url=endpoint,region_name=region)
arns=[d['serviceDeploymentArn'] for d in ecs.list_service_deployments(cluster='${CLUSTER}',service='${SERVICE}',status=['SUCCESSFUL'])['serviceDeployments']]
sd=[d for d in ecs.describe_service_deployments(serviceDeploymentArns=arns)['serviceDeployments'] if d.get('lifecycleHookDetails')][0]
arn=sd['serviceDeploymentArn']
out={}
def call(name, **kw):
    try:
        ecs.continue_service_deployment(**kw); out[name]='ok'
    except ecs.exceptions.ClientError as e:
        out[name]=e.response['Error']['Code']+': '+e.response['Error']['Message']
call('unknown-hook', serviceDeploymentArn=arn, hookId='ecs-pause-nope')
call('finished', serviceDeploymentArn=arn, hookId=sd['lifecycleHookDetails'][0]['hookId'])
call('unknown-deployment', serviceDeploymentArn=arn[:-3]+'zzz', hookId='ecs-pause-nope')
print(json.dumps(out))`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Record<string, string>;
    assert.match(out['unknown-hook']!, /^InvalidParameterException: The lifecycle hook ecs-pause-nope was not found/);
    assert.match(
      out.finished!,
      /^InvalidParameterException: The service deployment is SUCCESSFUL; only an IN_PROGRESS service deployment can be continued\.$/,
    );
    assert.equal(out['unknown-deployment'], 'ServiceDeploymentNotFoundException: The service deployment does not exist.');
  });
});
