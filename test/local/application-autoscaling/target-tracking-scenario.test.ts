// Scenario at --speed 30 (a simulated minute is 2 real seconds, which smooths the load generator's jitter): a target
// tracking policy on ALBRequestCountPerTarget scales a service of demo tasks out under a load step and back in after it,
// through its own CloudWatch alarms. Every wait derives from the sandbox clock (simulated seconds / speed) with slack for a
// loaded machine; the step-to-activity latency is reported in simulated seconds.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DeleteScalingPolicyCommand, PutScalingPolicyCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { startLoad, type LoadGenerator } from '../../../src/demo/load-generator.js';
import type { Sandbox } from '../../../src/local/index.js';
import { eventually, sdkConfig, withSandbox } from '../../helpers/sandbox.js';
import { closeClients, createScenarioStack, SCALABLE, type ScenarioStack } from './scenario-stack.js';

const SPEED = 30;
/** A simulated duration as a real wait, with room for a loaded machine. */
const budget = (simulatedS: number) => ((simulatedS * 1000) / SPEED) * 3 + 30_000;
/** 30 requests per second per task, as requests per target per minute. */
const TARGET = 30 * 60;

let sandbox: Sandbox;
let stack: ScenarioStack | undefined;
let load: LoadGenerator | undefined;
let stackReady: Promise<ScenarioStack>;

before(async () => {
  sandbox = await withSandbox({ speed: SPEED });
  stackReady = createScenarioStack(sandbox, { tasks: 2, min: 2, max: 8 }).then((s) => (stack = s));
  await stackReady.catch(() => undefined);
});
after(async () => {
  await load?.stop();
  closeClients(stack);
  await sandbox?.close();
});

test('ALBRequestCountPerTarget: out on a load step, in after it, never below MinCapacity; the alarms go with the policy', async (t) => {
  const stack = await stackReady;
  const put = await stack.aas.send(
    new PutScalingPolicyCommand({
      ...SCALABLE,
      PolicyName: 'rps',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: TARGET,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: stack.resourceLabel },
        ScaleOutCooldown: 60,
        ScaleInCooldown: 120,
      },
    }),
  );
  const names = put.Alarms!.map((a) => a.AlarmName!);
  const cw = new CloudWatchClient(sdkConfig(sandbox));
  const alarms = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: names }))).MetricAlarms!;
  assert.deepEqual(
    alarms.map((a) => [a.MetricName, a.Statistic, a.Period, a.EvaluationPeriods, a.ComparisonOperator, a.Threshold]),
    [
      ['RequestCountPerTarget', 'Sum', 60, 3, 'GreaterThanThreshold', TARGET],
      ['RequestCountPerTarget', 'Sum', 60, 15, 'LessThanThreshold', TARGET * 0.9],
    ],
  );

  // The step: 120 requests/s on 2 tasks is 3,600 requests per target per minute, twice the target: 4 tasks.
  const step = Date.now();
  load = startLoad(stack.url, { rate: 120, keepSamples: false });
  const out = await eventually(
    async () => (await stack.activities()).find((a) => a.Description !== 'Setting desired count to 2.'),
    budget(6 * 60),
    100,
    'a scale-out activity',
  );
  const outAt = out.StartTime!.getTime();
  const to = Number(/Setting desired count to (\d+)\./.exec(out.Description!)?.[1]);
  t.diagnostic(`step → first desired-count change: ${(((outAt - step) * SPEED) / 1000).toFixed(0)} simulated s (${to} tasks)`);
  // 4 at an even rate; a loaded machine delays the generator, whose catch-up bursts read as more load in one period.
  assert.ok(to >= 4, `sized at least for the load: ${out.Description}`);
  assert.match(out.Cause!, new RegExp(`^monitor alarm ${names[0]} in state ALARM triggered policy rps$`));
  assert.equal(out.StatusCode, 'Successful');
  // Three one-minute datapoints over the target cannot be complete before three simulated minutes have passed.
  assert.ok(((outAt - step) * SPEED) / 1000 >= 120, 'no earlier than the alarm allows');
  assert.equal((await stack.desired()).desired, to);
  await eventually(async () => ((await stack.healthyTargets()) === to ? true : undefined), budget(120), 200, `${to} healthy targets`);
  const served = await load.stop();
  t.diagnostic(`load while scaling out: ${JSON.stringify(served.statuses)}`);
  assert.ok(
    served.answered > 0 && (served.statuses['200'] ?? 0) >= served.answered * 0.99,
    `answered 200 while scaling out: ${JSON.stringify(served.statuses)}`,
  );

  // Load falls back: 10 requests/s; AlarmLow needs 15 minutes under 90% of the target, then capacity goes to MinCapacity (2).
  load = startLoad(stack.url, { rate: 10, keepSamples: false });
  const back = await eventually(
    async () => (await stack.activities()).find((a) => a.StartTime!.getTime() > outAt && a.Description === 'Setting desired count to 2.'),
    budget(20 * 60),
    200,
    'the scale-in activity',
  );
  assert.match(back.Cause!, new RegExp(`^monitor alarm ${names[1]} in state ALARM triggered policy rps$`));
  assert.ok(((back.StartTime!.getTime() - outAt) * SPEED) / 1000 >= 15 * 60 - 120, 'scale-in waited for 15 low datapoints');
  assert.equal((await stack.desired()).desired, 2);
  await load.stop();
  load = undefined;

  await stack.aas.send(new DeleteScalingPolicyCommand({ ...SCALABLE, PolicyName: 'rps' }));
  assert.deepEqual((await cw.send(new DescribeAlarmsCommand({ AlarmNames: names }))).MetricAlarms, []);
  cw.destroy();
});
