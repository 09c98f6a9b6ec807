import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';
import { boto3 } from '../../helpers/sandbox.js';
import { cli, closeEcs, describeService, registerDemo, startEcs } from './ecs-fixtures.js';
import {
  type Alb,
  awaiting,
  createAlb,
  createNativeService,
  deployRevision,
  describeSd,
  ruleWeights,
  sample,
  type SdView,
  watchSd,
} from './ecs-native-fixtures.js';

const CLUSTER = 'native-bg';

async function ecs<T>(sandbox: Sandbox, code: string): Promise<T> {
  const r = await boto3(sandbox, `ecs=boto3.client('ecs',endpoint_url=endpoint,region_name=region)\n${code}`);
  assert.equal(r.code, 0, r.stderr);
  return r.json as T;
}

describe('ECS native BLUE_GREEN deployments (boto3 and the AWS CLI)', () => {
  let sandbox: Sandbox;
  let v1 = '';
  let v2 = '';
  let broken = '';
  before(async () => {
    sandbox = await startEcs([createElbv2Service]);
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    v1 = await registerDemo(sandbox, { family: 'bg-web', tag: 'v1' });
    v2 = await registerDemo(sandbox, { family: 'bg-web', tag: 'v2' });
    broken = await registerDemo(sandbox, { family: 'bg-web', image: 'registry.invalid/nothing-here:1' });
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  describe('a test listener and a PAUSE hook after the test traffic shift that times out with ROLLBACK', () => {
    let alb: Alb;
    before(async () => {
      alb = await createAlb(sandbox, 'bgtest');
      await createNativeService(sandbox, {
        cluster: CLUSTER,
        name: 'tested',
        taskDefinition: v1,
        alb,
        test: true,
        deploymentConfiguration: {
          strategy: 'BLUE_GREEN',
          bakeTimeInMinutes: 1,
          lifecycleHooks: [
            {
              targetType: 'PAUSE',
              lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
              // 36 real seconds at the fixtures' speed: the checks made while it waits (AWS CLI calls, samples) take
              // several seconds each on a loaded machine, and must all see the pause.
              timeoutConfiguration: { timeoutInMinutes: 30, action: 'ROLLBACK' },
            },
          ],
        },
      });
    });

    it('sends test traffic to green while production stays on blue, then rolls back when the hook times out', async () => {
      const arn = await deployRevision(sandbox, { cluster: CLUSTER, name: 'tested' }, v2);
      const paused = await watchSd(sandbox, arn, [])('the PAUSE after the test traffic shift', (sd) => awaiting(sd) !== undefined);
      assert.equal(paused.lifecycleStage, 'POST_TEST_TRAFFIC_SHIFT');
      assert.equal(paused.targetServiceRevision.requestedTestTrafficWeight, 100);
      assert.equal(paused.targetServiceRevision.requestedProductionTrafficWeight, 0);
      assert.deepEqual(await ruleWeights(sandbox, alb.testRule), { [alb.blue]: 0, [alb.green]: 100 });
      assert.deepEqual(await ruleWeights(sandbox, alb.rule), { [alb.blue]: 100, [alb.green]: 0 });
      const [prod, test] = await Promise.all([sample(alb.url, 20), sample(alb.testUrl, 20)]);
      assert.deepEqual(prod.versions, { v1: 20 });
      assert.deepEqual(test.versions, { v2: 20 });
      const done = await watchSd(sandbox, arn, [])(
        'ROLLBACK_SUCCESSFUL after the hook timed out',
        (sd) => sd.status === 'ROLLBACK_SUCCESSFUL',
        120_000,
      );
      const hook = done.lifecycleHookDetails!.find((h) => h.targetType === 'PAUSE');
      assert.equal(hook?.status, 'TIMED_OUT');
      assert.equal(done.rollback!.reason, `Lifecycle hook ${awaiting(paused)!.hookId} timed out.`);
      assert.deepEqual(await ruleWeights(sandbox, alb.testRule), { [alb.blue]: 100, [alb.green]: 0 });
      assert.deepEqual((await sample(alb.testUrl, 10)).versions, { v1: 10 });
      assert.equal((await describeService(sandbox, CLUSTER, 'tested')).taskDefinition, v1);
    });
  });

  describe('StopServiceDeployment ROLLBACK during the bake time', () => {
    let alb: Alb;
    before(async () => {
      alb = await createAlb(sandbox, 'bgstop');
      await createNativeService(sandbox, {
        cluster: CLUSTER,
        name: 'baked',
        taskDefinition: v1,
        alb,
        deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 600 },
      });
    });

    it('returns production traffic to blue, which still runs, as soon as the call returns', async () => {
      const arn = await deployRevision(sandbox, { cluster: CLUSTER, name: 'baked' }, v2);
      const baking = await watchSd(sandbox, arn, [])('BAKE_TIME', (sd) => sd.lifecycleStage === 'BAKE_TIME');
      assert.deepEqual(await ruleWeights(sandbox, alb.rule), { [alb.blue]: 0, [alb.green]: 100 });
      assert.equal(baking.sourceServiceRevisions[0]!.runningTaskCount, 2, 'blue keeps running through the bake time');
      assert.deepEqual((await sample(alb.url, 10)).versions, { v2: 10 });
      const out = await ecs<{ weights: Array<[string, number]>; sd: SdView }>(
        sandbox,
        `elb=boto3.client('elbv2',endpoint_url=endpoint,region_name=region)
ecs.stop_service_deployment(serviceDeploymentArn='${arn}',stopType='ROLLBACK')
groups=elb.describe_rules(RuleArns=['${alb.rule}'])['Rules'][0]['Actions'][0]['ForwardConfig']['TargetGroups']
sd=ecs.describe_service_deployments(serviceDeploymentArns=['${arn}'])['serviceDeployments'][0]
print(json.dumps({'weights':[[g['TargetGroupArn'],g['Weight']] for g in groups],'sd':sd},default=str))`,
      );
      assert.deepEqual(Object.fromEntries(out.weights), { [alb.blue]: 100, [alb.green]: 0 });
      assert.match(out.sd.status, /^ROLLBACK_(REQUESTED|IN_PROGRESS|SUCCESSFUL)$/);
      assert.deepEqual((await sample(alb.url, 10)).versions, { v1: 10 });
      const done = await watchSd(sandbox, arn, [])('ROLLBACK_SUCCESSFUL', (sd) => sd.status === 'ROLLBACK_SUCCESSFUL');
      assert.equal(done.rollback!.reason, 'Service deployment rolled back because of a StopServiceDeployment request.');
      assert.equal(done.targetServiceRevision.runningTaskCount, 0);
      const svc = await describeService(sandbox, CLUSTER, 'baked');
      assert.equal(svc.taskDefinition, v1);
      assert.ok(svc.events.some((e) => /^\(service baked\) rolling back to deployment ecs-svc\/\d{19}\.$/.test(e.message)));
      const again = await ecs<{ code: string }>(
        sandbox,
        `try:
    ecs.stop_service_deployment(serviceDeploymentArn='${arn}',stopType='ROLLBACK'); print(json.dumps({'code':'ok'}))
except ecs.exceptions.ClientError as e:
    print(json.dumps({'code':e.response['Error']['Code']}))`,
      );
      assert.equal(again.code, 'ConflictException');
    });
  });

  describe('the circuit breaker on green tasks that never start', () => {
    let alb: Alb;
    before(async () => {
      alb = await createAlb(sandbox, 'bgcb');
      await createNativeService(sandbox, {
        cluster: CLUSTER,
        name: 'guarded',
        taskDefinition: v1,
        alb,
        deploymentConfiguration: {
          strategy: 'BLUE_GREEN',
          bakeTimeInMinutes: 1,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
      });
    });

    it('rolls back during SCALE_UP without ever moving production traffic', async () => {
      const arn = await deployRevision(sandbox, { cluster: CLUSTER, name: 'guarded' }, broken);
      const done = await watchSd(sandbox, arn, [])('ROLLBACK_SUCCESSFUL', (sd) => sd.status === 'ROLLBACK_SUCCESSFUL');
      assert.equal(done.rollback!.reason, 'ECS deployment circuit breaker: task failed to start.');
      assert.equal(done.statusReason, 'ECS deployment circuit breaker: task failed to start.');
      const full = (await describeSd(sandbox, arn)) as SdView & { deploymentCircuitBreaker: { status: string; failureCount: number } };
      assert.equal(full.deploymentCircuitBreaker.status, 'TRIGGERED');
      assert.ok(full.deploymentCircuitBreaker.failureCount >= 3);
      assert.deepEqual(await ruleWeights(sandbox, alb.rule), { [alb.blue]: 100, [alb.green]: 0 });
      assert.deepEqual((await sample(alb.url, 10)).versions, { v1: 10 });
      const svc = await describeService(sandbox, CLUSTER, 'guarded');
      assert.equal(svc.taskDefinition, v1);
    });
  });
});
