// ECS's 20 s metrics against its one-minute ones, side by side at --speed 20 (a 20 s period is one real second, a minute
// three): two services of demo tasks under the same CPU load step, one tracked on ECSServiceAverageCPUUtilization, the other
// on ECSServiceAverageCPUUtilizationHighResolution with the service monitoring at 20 s. The 20 s policy must act first; the
// step-to-activity latencies are reported in simulated seconds. Waits derive from the speed, with slack for a loaded machine.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PutScalingPolicyCommand, type MetricType } from '@aws-sdk/client-application-auto-scaling';
import { startLoad, type LoadGenerator } from '../../../src/demo/load-generator.js';
import type { Sandbox } from '../../../src/local/index.js';
import { eventually, withSandbox } from '../../helpers/sandbox.js';
import { closeClients, createScenarioStack, scalable, type ScenarioStack } from './scenario-stack.js';

const SPEED = 20;
const budget = (simulatedS: number) => ((simulatedS * 1000) / SPEED) * 3 + 30_000;
/** Percent of the task's 256 CPU units: an idle demo app stays under it, one serving 100 requests per second does not. */
const TARGET_CPU = 8;

let sandbox: Sandbox | undefined;
let stacks: ScenarioStack[] = [];
const loads: LoadGenerator[] = [];

before(async () => {
  sandbox = await withSandbox({ speed: SPEED });
  stacks = await Promise.all([
    createScenarioStack(sandbox, { name: 'std', tasks: 1, min: 1, max: 6, port: 8081 }),
    createScenarioStack(sandbox, { name: 'hi', tasks: 1, min: 1, max: 6, port: 8082, monitoring: true }),
  ]);
});
after(async () => {
  await Promise.all(loads.map((l) => l.stop()));
  stacks.forEach(closeClients);
  await sandbox?.close();
});

test('the 20 s policy changes the desired count before the one-minute policy on the same CPU step', async (t) => {
  const [std, hi] = stacks as [ScenarioStack, ScenarioStack];
  const policy = (stack: ScenarioStack, name: string, type: MetricType) =>
    stack.aas.send(
      new PutScalingPolicyCommand({
        ...scalable(name),
        PolicyName: 'cpu',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: TARGET_CPU,
          PredefinedMetricSpecification: { PredefinedMetricType: type },
        },
      }),
    );
  await policy(std, 'std', 'ECSServiceAverageCPUUtilization');
  await policy(hi, 'hi', 'ECSServiceAverageCPUUtilizationHighResolution');
  const step = Date.now();
  loads.push(startLoad(std.url, { rate: 100, keepSamples: false }), startLoad(hi.url, { rate: 100, keepSamples: false }));
  const firstChange = async (stack: ScenarioStack) => {
    const a = await eventually(async () => (await stack.activities())[0], budget(10 * 60), 200, 'a scale-out activity');
    return ((a.StartTime!.getTime() - step) * SPEED) / 1000;
  };
  const [stdS, hiS] = await Promise.all([firstChange(std), firstChange(hi)]);
  t.diagnostic(
    `step → first desired-count change: one-minute metrics ${stdS.toFixed(0)} simulated s, 20 s metrics ${hiS.toFixed(0)} simulated s`,
  );
  assert.ok(hiS < stdS, `20 s metrics (${hiS.toFixed(0)} s) act before one-minute metrics (${stdS.toFixed(0)} s)`);
  assert.ok(hiS >= 40, 'three 20 s datapoints cannot be complete in under 40 simulated seconds');
  assert.ok(stdS >= 120, 'three one-minute datapoints cannot be complete in under 120 simulated seconds');
});
