import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';
import { cli, closeEcs, describeService, describeTasks, listTasks, registerDemo, startEcs } from './ecs-fixtures.js';
import {
  type Alb,
  assertStageOrder,
  awaiting,
  binomialInterval,
  createAlb,
  createNativeService,
  deployRevision,
  ruleWeights,
  sample,
  watchSd,
} from './ecs-native-fixtures.js';

const CLUSTER = 'native-canary';
const SERVICE = 'web';
const REQUESTS = 200;

/** CANARY 20 %: before each production step ECS pauses at the PAUSE hook until continue-service-deployment answers. */
const CANARY = {
  strategy: 'CANARY',
  // 12 real seconds at the fixtures' speed: the test must see BAKE_TIME between two AWS CLI polls, which take seconds each
  // on a loaded machine.
  bakeTimeInMinutes: 10,
  canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 1 },
  lifecycleHooks: [
    {
      targetType: 'PAUSE',
      lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
      timeoutConfiguration: { timeoutInMinutes: 600, action: 'ROLLBACK' },
    },
  ],
};

const continueHook = (sandbox: Sandbox, arn: string, hookId: string, action: 'CONTINUE' | 'ROLLBACK') =>
  cli(sandbox, ['ecs', 'continue-service-deployment', '--service-deployment-arn', arn, '--hook-id', hookId, '--action', action]);

async function versionsRunning(sandbox: Sandbox): Promise<string[]> {
  const tasks = await describeTasks(sandbox, CLUSTER, await listTasks(sandbox, CLUSTER, { serviceName: SERVICE }));
  const out: string[] = [];
  for (const t of tasks.filter((x) => x.lastStatus === 'RUNNING')) out.push(t.taskArn);
  return out;
}

describe('ECS native CANARY deployments through the AWS CLI, with real traffic through the ALB', () => {
  let sandbox: Sandbox;
  let alb: Alb;
  let v2 = '';
  let v3 = '';
  before(async () => {
    sandbox = await startEcs([createElbv2Service]);
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    alb = await createAlb(sandbox, 'canary');
    const v1 = await registerDemo(sandbox, { family: 'canary-web', tag: 'v1' });
    v2 = await registerDemo(sandbox, { family: 'canary-web', tag: 'v2' });
    v3 = await registerDemo(sandbox, { family: 'canary-web', tag: 'v3', environment: { ERROR_RATE: '1' } });
    await createNativeService(sandbox, { cluster: CLUSTER, name: SERVICE, taskDefinition: v1, alb, deploymentConfiguration: CANARY });
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  it('serves v1 from the blue target group after the first deployment', async () => {
    assert.deepEqual(await ruleWeights(sandbox, alb.rule), { [alb.blue]: 100, [alb.green]: 0 });
    const s = await sample(alb.url, 20);
    assert.deepEqual(s.versions, { v1: 20 });
  });

  it('promotes a good revision: pauses before each step, shifts 20 % then 100 %, bakes, and scales blue to zero', async () => {
    const arn = await deployRevision(sandbox, { cluster: CLUSTER, name: SERVICE }, v2);
    const stages: string[] = [];
    const watch = watchSd(sandbox, arn, stages);

    const first = await watch('the PAUSE hook before the canary step', (sd) => awaiting(sd) !== undefined);
    assert.equal(first.status, 'IN_PROGRESS');
    assert.equal(first.lifecycleStage, 'PRODUCTION_TRAFFIC_SHIFT');
    assert.match(awaiting(first)!.hookId, /^ecs-pause-[A-Za-z0-9_-]{43}$/);
    assert.equal(awaiting(first)!.timeoutAction, 'ROLLBACK');
    assert.deepEqual(
      await ruleWeights(sandbox, alb.rule),
      { [alb.blue]: 100, [alb.green]: 0 },
      'no production traffic on green before the first step',
    );
    assert.equal(first.targetServiceRevision.runningTaskCount, 2, 'green scaled up before any traffic shift');
    assert.equal(first.targetServiceRevision.requestedProductionTrafficWeight, 0);
    await continueHook(sandbox, arn, awaiting(first)!.hookId, 'CONTINUE');

    const second = await watch(
      'the PAUSE hook before the last step',
      (sd) => awaiting(sd) !== undefined && awaiting(sd)!.hookId !== awaiting(first)!.hookId,
    );
    assert.deepEqual(await ruleWeights(sandbox, alb.rule), { [alb.blue]: 80, [alb.green]: 20 });
    assert.equal(second.targetServiceRevision.requestedProductionTrafficWeight, 20);
    assert.equal(second.sourceServiceRevisions[0]!.requestedProductionTrafficWeight, 80);
    const split = await sample(alb.url, REQUESTS);
    const [lo, hi] = binomialInterval(REQUESTS, 0.2);
    const onV2 = split.versions.v2 ?? 0;
    assert.ok(onV2 >= lo && onV2 <= hi, `v2 answered ${onV2} of ${REQUESTS}, outside [${lo.toFixed(1)}, ${hi.toFixed(1)}]`);
    assert.equal(onV2 + (split.versions.v1 ?? 0), REQUESTS);
    await continueHook(sandbox, arn, awaiting(second)!.hookId, 'CONTINUE');

    const done = await watch('SUCCESSFUL', (sd) => sd.status === 'SUCCESSFUL', 120_000);
    assert.equal(done.lifecycleStage, 'CLEAN_UP');
    assertStageOrder(stages);
    assert.ok(stages.includes('BAKE_TIME'), stages.join(' → '));
    assert.deepEqual(await ruleWeights(sandbox, alb.rule), { [alb.blue]: 0, [alb.green]: 100 });
    assert.equal(done.targetServiceRevision.requestedProductionTrafficWeight, 100);
    assert.equal(done.sourceServiceRevisions[0]!.runningTaskCount, 0, 'blue scaled to zero');
    const svc = await describeService(sandbox, CLUSTER, SERVICE);
    assert.equal(svc.deployments.length, 1);
    assert.equal(svc.taskDefinition, v2);
    assert.equal((await versionsRunning(sandbox)).length, 2);
    assert.deepEqual((await sample(alb.url, 30)).versions, { v2: 30 });
  });

  it('rolls a bad revision back at once when the PAUSE hook is answered ROLLBACK', async () => {
    const arn = await deployRevision(sandbox, { cluster: CLUSTER, name: SERVICE }, v3);
    const watch = watchSd(sandbox, arn, []);
    const first = await watch('the first PAUSE hook', (sd) => awaiting(sd) !== undefined);
    await continueHook(sandbox, arn, awaiting(first)!.hookId, 'CONTINUE');
    const second = await watch(
      'the canary PAUSE hook',
      (sd) => awaiting(sd) !== undefined && awaiting(sd)!.hookId !== awaiting(first)!.hookId,
    );
    // After the first deployment the groups swapped roles: v2 serves from green, v3 canaries on blue.
    assert.deepEqual(await ruleWeights(sandbox, alb.rule), { [alb.blue]: 20, [alb.green]: 80 });
    const bad = await sample(alb.url, 100);
    assert.ok(bad.errors > 0, 'the canary answers 5xx');
    await continueHook(sandbox, arn, awaiting(second)!.hookId, 'ROLLBACK');
    assert.deepEqual(
      await ruleWeights(sandbox, alb.rule),
      { [alb.blue]: 0, [alb.green]: 100 },
      'production back on v2 when the call returns',
    );
    const after = await sample(alb.url, 50);
    assert.deepEqual(after.versions, { v2: 50 });
    const done = await watch('ROLLBACK_SUCCESSFUL', (sd) => sd.status === 'ROLLBACK_SUCCESSFUL');
    assert.equal(done.rollback!.reason, 'Service deployment rolled back because of a ContinueServiceDeployment request.');
    assert.equal(done.rollback!.serviceRevisionArn, done.sourceServiceRevisions[0]!.arn);
    assert.equal(done.targetServiceRevision.runningTaskCount, 0, 'v3 scaled in');
    const svc = await describeService(sandbox, CLUSTER, SERVICE);
    assert.equal(svc.taskDefinition, v2, 'the service is back on v2');
    assert.deepEqual(
      svc.deployments.map((d) => [d.status, d.taskDefinition, d.rolloutState]),
      [['PRIMARY', v2, 'COMPLETED']],
    );
  });
});
