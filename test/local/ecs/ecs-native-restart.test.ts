import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/local/index.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';
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
  watchSd,
} from './ecs-native-fixtures.js';

const CLUSTER = 'native-keep';

const CANARY = {
  strategy: 'CANARY',
  bakeTimeInMinutes: 0,
  canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 0 },
  lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['RECONCILE_SERVICE', 'PRE_PRODUCTION_TRAFFIC_SHIFT'] }],
};

const continueHook = (sandbox: Sandbox, arn: string, hookId: string) =>
  cli(sandbox, ['ecs', 'continue-service-deployment', '--service-deployment-arn', arn, '--hook-id', hookId]);

/** Answers every PAUSE hook of the deployment with CONTINUE until it ends; returns how it ended. */
async function continueToEnd(sandbox: Sandbox, arn: string): Promise<string> {
  const answered = new Set<string>();
  const end = await watchSd(
    sandbox,
    arn,
    [],
  )('the deployment to end', (sd) => {
    const h = awaiting(sd);
    if (h && !answered.has(h.hookId)) {
      answered.add(h.hookId);
      void continueHook(sandbox, arn, h.hookId);
    }
    return !['PENDING', 'IN_PROGRESS'].includes(sd.status);
  });
  return end.status;
}

describe('ECS native deployments across a sandbox restart (--state-dir)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-ecs-native-'));
  let sandbox: Sandbox | undefined;
  after(async () => {
    await closeEcs(sandbox);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a deployment paused at its canary step, hook and weights included, and finishes it after the restart', async () => {
    sandbox = await startEcs([createElbv2Service], { stateDir: dir });
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    const alb = await createAlb(sandbox, 'keep');
    const v1 = await registerDemo(sandbox, { family: 'keep-web', tag: 'v1' });
    const v2 = await registerDemo(sandbox, { family: 'keep-web', tag: 'v2' });
    await createNativeService(sandbox, { cluster: CLUSTER, name: 'web', taskDefinition: v1, alb, deploymentConfiguration: CANARY });
    const arn = await deployRevision(sandbox, { cluster: CLUSTER, name: 'web' }, v2);
    const watch = watchSd(sandbox, arn, []);
    const first = await watch('the first PAUSE', (sd) => awaiting(sd) !== undefined);
    await continueHook(sandbox, arn, awaiting(first)!.hookId);
    const canary = await watch('the canary PAUSE', (sd) => awaiting(sd) !== undefined && awaiting(sd)!.hookId !== awaiting(first)!.hookId);
    await closeEcs(sandbox);

    sandbox = await startEcs([createElbv2Service], { stateDir: dir });
    const restored = await describeSd(sandbox, arn);
    assert.equal(restored.status, 'IN_PROGRESS');
    assert.equal(restored.lifecycleStage, 'PRODUCTION_TRAFFIC_SHIFT');
    assert.equal(awaiting(restored)?.hookId, awaiting(canary)!.hookId);
    assert.equal(restored.targetServiceRevision.requestedProductionTrafficWeight, 20);
    assert.deepEqual(await ruleWeights(sandbox, alb.rule), { [alb.blue]: 80, [alb.green]: 20 });
    await continueHook(sandbox, arn, awaiting(restored)!.hookId);
    const done = await watchSd(sandbox, arn, [])('SUCCESSFUL', (sd) => sd.status === 'SUCCESSFUL');
    assert.equal(done.targetServiceRevision.runningTaskCount, 2);
    const { listeners } = (await (await fetch(`${sandbox.endpoint}/_cortado/elbv2/listeners`)).json()) as {
      listeners: Array<{ port: number; url: string }>;
    };
    assert.deepEqual((await sample(listeners.find((l) => l.port === 8080)!.url, 20)).versions, { v2: 20 });
  });
});

describe('a new deployment while a native one is under way', () => {
  let sandbox: Sandbox;
  let alb: Alb;
  let v2 = '';
  let v3 = '';
  before(async () => {
    sandbox = await startEcs([createElbv2Service]);
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    alb = await createAlb(sandbox, 'again');
    const v1 = await registerDemo(sandbox, { family: 'again-web', tag: 'v1' });
    v2 = await registerDemo(sandbox, { family: 'again-web', tag: 'v2' });
    v3 = await registerDemo(sandbox, { family: 'again-web', tag: 'v3' });
    await createNativeService(sandbox, { cluster: CLUSTER, name: 'web', taskDefinition: v1, alb, deploymentConfiguration: CANARY });
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  it('stops the older one, reconciles (traffic back to blue, its revision scaled in) and deploys the newer', async () => {
    const older = await deployRevision(sandbox, { cluster: CLUSTER, name: 'web' }, v2);
    const first = await watchSd(sandbox, older, [])('the first PAUSE', (sd) => awaiting(sd) !== undefined);
    await continueHook(sandbox, older, awaiting(first)!.hookId);
    await watchSd(
      sandbox,
      older,
      [],
    )('20 % on v2', (sd) => sd.targetServiceRevision.requestedProductionTrafficWeight === 20 && awaiting(sd) !== undefined);
    assert.deepEqual(await ruleWeights(sandbox, alb.rule), { [alb.blue]: 80, [alb.green]: 20 });

    const newer = await deployRevision(sandbox, { cluster: CLUSTER, name: 'web' }, v3);
    const stopped = await describeSd(sandbox, older);
    assert.equal(stopped.status, 'STOPPED');
    const reconciling = await watchSd(sandbox, newer, [])('the RECONCILE_SERVICE PAUSE', (sd) => awaiting(sd) !== undefined);
    assert.equal(reconciling.lifecycleStage, 'RECONCILE_SERVICE');
    assert.equal(reconciling.sourceServiceRevisions.length, 2, 'v1 and the unfinished v2 were both ACTIVE');
    assert.deepEqual(await ruleWeights(sandbox, alb.rule), { [alb.blue]: 100, [alb.green]: 0 }, 'production back on blue');
    assert.deepEqual((await sample(alb.url, 20)).versions, { v1: 20 });
    assert.equal(await continueToEnd(sandbox, newer), 'SUCCESSFUL');
    assert.equal((await describeSd(sandbox, older)).targetServiceRevision.runningTaskCount, 0, 'v2 scaled in');
    const svc = await describeService(sandbox, CLUSTER, 'web');
    assert.deepEqual(
      svc.deployments.map((d) => d.taskDefinition),
      [v3],
    );
    assert.deepEqual((await sample(alb.url, 20)).versions, { v3: 20 });
  });
});
