// The autoscale bench's comparison: one sandbox, three identical services of demo tasks behind their own ALB, the same
// load step on each at once; cortado scales one, Application Auto Scaling target tracking the others (one-minute and
// 20 s CPU metrics). For each: step → first desired-count change, and step → the new tasks healthy, in simulated seconds
// (cortado's decision is real time: it polls every real second; the sandbox's task start after it is simulated).
import { PutScalingPolicyCommand, type MetricType } from '@aws-sdk/client-application-auto-scaling';
import { createAwsClients } from '../src/aws/aws-clients.js';
import { autoscaleAws } from '../src/autoscale/autoscale-aws.js';
import { parseAutoscaleConfig } from '../src/autoscale/config/autoscale-config.js';
import { runController } from '../src/autoscale/controller.js';
import type { PollRecord } from '../src/autoscale/poll-record.js';
import { systemClock } from '../src/core/clock.js';
import { recordingHost } from '../src/core/io-host.js';
import type { Sandbox } from '../src/local/index.js';
import { loadProcess, type LoadProcess } from '../test/autoscale/load-process.js';
import { eventually, withSandbox } from '../test/helpers/sandbox.js';
import { closeClients, createScenarioStack, scalable, type ScenarioStack } from '../test/local/application-autoscaling/scenario-stack.js';

/** A simulated minute is 6 real seconds: the one-minute alarms act within a minute or two of real time. */
export const SPEED = 10;
/** Requests/s on each service (one task) before and after the step, and how long before it (real). */
const BASE_RATE = 5;
const STEP_RATE = 100;
const BEFORE_STEP_MS = 6_000;
/** Percent of the task's CPU: an idle demo app stays under it, one serving 100 requests per second does not. */
const TARGET_CPU = 8;
/** cortado's target: 40 requests/s per task, so 100 requests/s on one task is a panic (over twice what it is sized for). */
const TARGET_RPS = 40;
/** How long (simulated) each may take before the bench gives up on it. */
const GIVE_UP_SIMULATED_S = 15 * 60;

export interface Latency {
  /** Simulated seconds from the step to the first desired-count change, and to as many healthy targets; NaN if none came. */
  readonly decisionS: number;
  readonly readyS: number;
  readonly to: number;
  /** Why there is no figure (the last messages), when there is none. */
  readonly why?: string;
}

const sim = (realMs: number) => (realMs * SPEED) / 1000;
const budgetMs = (simulatedS: number) => ((simulatedS * 1000) / SPEED) * 2 + 30_000;

/** Simulated seconds from the step until `to` targets are healthy, the wait counted from `from` (real ms) on. */
async function readyAfter(stack: ScenarioStack, to: number, from: number, fromS: number): Promise<number> {
  try {
    await eventually(async () => ((await stack.healthyTargets()) >= to ? true : undefined), budgetMs(300), 50, `${to} healthy`);
    return fromS + sim(Date.now() - from);
  } catch {
    return NaN;
  }
}

async function aasLatency(stack: ScenarioStack, step: number): Promise<Latency> {
  try {
    const a = await eventually(async () => (await stack.activities())[0], budgetMs(GIVE_UP_SIMULATED_S), 100, 'a scaling activity');
    const to = Number(/Setting desired count to (\d+)\./.exec(a.Description ?? '')?.[1]);
    return { decisionS: sim(a.StartTime!.getTime() - step), readyS: await readyAfter(stack, to, step, 0), to };
  } catch {
    return { decisionS: NaN, readyS: NaN, to: NaN };
  }
}

async function cortadoController(sandbox: Sandbox) {
  const clients = createAwsClients(
    { region: sandbox.region, endpoint: sandbox.endpoint, credentials: { accessKeyId: 'AKIABENCHSIDEBYSIDE1', secretAccessKey: 'x' } },
    {},
  );
  const spec = parseAutoscaleConfig(
    {
      service: 'web',
      source: { kind: 'prometheus', metric: 'http_requests_total', rate: true },
      target: TARGET_RPS,
      min: 1,
      max: 6,
      // Its defaults (a poll a second, a 6 s panic window, a 60 s stable window) in real time: its polls are real work
      // (API calls, task endpoints), which a sped-up clock would multiply.
      lease: '5s',
      application_auto_scaling: 'leave',
    },
    { cluster: 'cx' },
  );
  const io = recordingHost();
  const ac = new AbortController();
  const polls: Array<{ at: number; load: number | undefined }> = [];
  const onPoll = (r: PollRecord) => polls.push({ at: r.at, load: r.view?.load });
  const aws = await autoscaleAws(clients, 'prometheus');
  const done = runController(spec, { aws, clock: systemClock, io, owner: 'bench', onPoll }, ac.signal).catch(() => undefined);
  return {
    io,
    polls,
    stop: async () => {
      ac.abort();
      await done;
      clients.close?.();
    },
  };
}

/** The three services under one step; resolves to cortado's, the one-minute and the 20 s target tracking latencies. */
export async function sideBySide(): Promise<{ cortado: Latency; standard: Latency; highResolution: Latency }> {
  const sandbox = await withSandbox({ speed: SPEED });
  const stacks: ScenarioStack[] = [];
  const loads: LoadProcess[] = [];
  let controller: Awaited<ReturnType<typeof cortadoController>> | undefined;
  try {
    stacks.push(
      ...(await Promise.all([
        createScenarioStack(sandbox, { name: 'cx', tasks: 1, min: 1, max: 6, port: 8081 }),
        createScenarioStack(sandbox, { name: 'std', tasks: 1, min: 1, max: 6, port: 8082 }),
        createScenarioStack(sandbox, { name: 'hi', tasks: 1, min: 1, max: 6, port: 8083, monitoring: true }),
      ])),
    );
    const [cx, std, hi] = stacks as [ScenarioStack, ScenarioStack, ScenarioStack];
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
    controller = await cortadoController(sandbox);
    // One generator process per service, one step profile each: connections warm at the step.
    const profile = `step:${BASE_RATE}@${BEFORE_STEP_MS / 1000}s,${STEP_RATE}@30m`;
    loads.push(...stacks.map((s) => loadProcess(s.url, profile)));
    const steps = await Promise.all(loads.map(async (l) => (await l.started) + BEFORE_STEP_MS));
    const c = controller;
    const cortado = (async (): Promise<Latency> => {
      const step = steps[0]!;
      try {
        const scaled = await eventually(
          () => c.io.messages.find((m) => m.code === 'AUTOSCALE_SCALED' && m.time.getTime() >= step),
          budgetMs(GIVE_UP_SIMULATED_S),
          5,
          'UpdateService',
        );
        // The message is sent once UpdateService has returned: step → the call made, in real seconds (cortado runs in real
        // time); from then on the sandbox starts the tasks in simulated time.
        const to = (scaled.data as { to: number }).to;
        const decisionS = (scaled.time.getTime() - step) / 1000;
        const read = c.polls
          .filter((p) => p.at >= step - 2_000 && p.at <= scaled.time.getTime())
          .map((p) => `${((p.at - step) / 1000).toFixed(1)} s: ${p.load?.toFixed(0) ?? '-'}`)
          .join(', ');
        return { decisionS, readyS: await readyAfter(cx, to, scaled.time.getTime(), decisionS), to, why: `requests/s read: ${read}` };
      } catch {
        const why = c.io.messages
          .slice(-3)
          .map((m) => `${m.code}: ${m.message}`)
          .join(' | ');
        return { decisionS: NaN, readyS: NaN, to: NaN, why };
      }
    })();
    const [cortadoL, standard, highResolution] = await Promise.all([cortado, aasLatency(std, steps[1]!), aasLatency(hi, steps[2]!)]);
    return { cortado: cortadoL, standard, highResolution };
  } finally {
    await controller?.stop();
    await Promise.all(loads.map((l) => l.stop()));
    stacks.forEach(closeClients);
    await sandbox.close();
  }
}
