// Issue 5 figures: rollback latency (first breaching datapoint → weights 100/0) and promotion overhead (total − configured intervals).
import { createAwsClients } from '../src/aws/aws-clients.js';
import { startRelease } from '../src/canary/canary-release.js';
import { parseCanaryConfig } from '../src/canary/config/canary-config.js';
import { openRelease } from '../src/canary/open-release.js';
import { errorRateQueries } from '../src/canary/metrics/alb-queries.js';
import { systemClock } from '../src/core/clock.js';
import type { IoMessage } from '../src/core/io-host.js';
import { createDemoStack, listenerUrl } from '../src/demo/demo-stack.js';
import { startLoad } from '../src/demo/load-generator.js';
import type { BenchFigure } from './run.js';
import { startSandboxProcess } from './sandbox-process.js';

export const title = 'Canary: rollback latency and promotion overhead (ALB router, sandbox at speed 20, 150 requests/s)';

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const max = (xs: readonly number[]) => Math.max(...xs);
const ROLLBACKS = 5;
const STEPS = [10, 50, 100];
const INTERVAL_MS = 3000;
const ANALYSIS_MS = 1000;

export async function run(): Promise<readonly BenchFigure[]> {
  const sandbox = await startSandboxProcess(['--speed', '20']);
  const clients = createAwsClients(
    { region: 'us-east-1', endpoint: sandbox.endpoint, maxAttempts: 3, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } },
    {},
  );
  const signal = new AbortController().signal;
  const stack = await createDemoStack(
    clients,
    { name: 'bench', image: 'cortado/demo-app:v1', stableTasks: 2 },
    { notify() {} },
    systemClock,
    signal,
  );
  const load = startLoad(await listenerUrl(sandbox.endpoint, stack.listenerArn, signal), 150, 6);
  const messages: IoMessage[] = [];
  const section = {
    service: stack.canaryService,
    listener_rule: stack.ruleArn,
    steps: STEPS,
    interval: `${INTERVAL_MS}ms`,
    analysis_interval: `${ANALYSIS_MS}ms`,
    threshold: 1,
    min_requests: 10,
    metric_period: 1,
    canary_tasks: 1,
    poll: '200ms',
    lease: '10s',
    metrics: [{ name: 'success-rate', min: 95 }],
  };
  const spec = parseCanaryConfig(section, stack.stableService);
  const r = await openRelease(
    { cluster: stack.cluster, stableService: stack.stableService, spec },
    clients,
    {
      notify: (m) => {
        messages.push(m);
      },
    },
    systemClock,
    'bench',
  );
  const figures: BenchFigure[] = [];
  try {
    // One API round trip, measured in the same run: the yardstick for "100/0 within one round trip of the decision".
    const rtt: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await r.deps.aws.elb.describeRules({ RuleArns: [stack.ruleArn] }, signal);
      rtt.push(performance.now() - t);
    }

    // Promotion overhead: a good release end to end, minus the time the steps are configured to take.
    messages.length = 0;
    const t0 = Date.now();
    const good = await startRelease(r.target, r.deps, { kind: 'change', change: { image: { kind: 'tag', tag: 'v2' }, env: {} } }, signal);
    const total = Date.now() - t0;
    if (good.state?.outcome !== 'succeeded') throw new Error(`the good release ended ${good.state?.outcome}: ${good.state?.reason}`);
    const phaseAt = (to: string) =>
      messages.find((m) => m.code === 'CANARY_PHASE' && (m.data as { to: { kind: string } }).to.kind === to)?.time.getTime() ?? NaN;
    const canaryWait = phaseAt('progressing') - phaseAt('starting');
    const stableWait = phaseAt('succeeded') - phaseAt('promoting');
    const configured = STEPS.length * INTERVAL_MS;
    figures.push({
      name: 'good release, total wall time',
      value: total / 1000,
      unit: 's',
      note: `${STEPS.join('/')}% × ${INTERVAL_MS / 1000} s steps = ${configured / 1000} s configured`,
    });
    figures.push({ name: 'promotion overhead (total − configured intervals)', value: (total - configured) / 1000, unit: 's' });
    figures.push({ name: '  of which waiting for the canary deployment (ECS, speed 20)', value: canaryWait / 1000, unit: 's' });
    figures.push({ name: '  of which promoting (stable deployment, 100/0, scale-in)', value: stableWait / 1000, unit: 's' });
    figures.push({
      name: '  of which the controller itself (steps beyond their interval)',
      value: (total - configured - canaryWait - stableWait) / 1000,
      unit: 's',
      note: `analysis every ${ANALYSIS_MS / 1000} s`,
    });

    // Rollback latency: a bad release, repeatedly; a poller notes when CloudWatch first has a 5xx datapoint for the canary.
    const firstBreach: number[] = [];
    const decisionToWeights: number[] = [];
    const breachToDecision: number[] = [];
    for (let i = 0; i < ROLLBACKS; i++) {
      // CloudWatch rounds StartTime down to the second: let the previous run's last 5xx age out first.
      await new Promise((res) => setTimeout(res, 2000));
      messages.length = 0;
      let breachSeen: number | undefined;
      const poll = new AbortController();
      // From now on only: the previous run's 5xx (just before its rollback) must not count as this run's breach.
      const since = new Date();
      const poller = (async () => {
        while (!poll.signal.aborted && breachSeen === undefined) {
          const res = await r.deps.aws.cloudwatch.getMetricData(
            {
              MetricDataQueries: errorRateQueries(stack.loadBalancerArn, stack.canaryTargetGroupArn, 1),
              StartTime: since,
              EndTime: new Date(Date.now() + 1000),
            },
            signal,
          );
          if ((res.MetricDataResults?.find((x) => x.Id === 'target5xx')?.Values ?? []).length > 0) breachSeen = Date.now();
          await new Promise((res2) => setTimeout(res2, 25));
        }
      })();
      const bad = await startRelease(
        r.target,
        r.deps,
        { kind: 'change', change: { image: { kind: 'tag', tag: `bad${i}` }, env: { ERROR_RATE: '0.3' } } },
        signal,
      );
      poll.abort();
      await poller;
      if (bad.state?.outcome !== 'failed') throw new Error(`the bad release ended ${bad.state?.outcome}`);
      const failing = messages
        .filter((m) => m.code === 'CANARY_ANALYSIS' && (m.data as { verdict: { status: string } }).verdict.status === 'fail')
        .at(-1);
      const back = messages.filter((m) => m.code === 'CANARY_WEIGHTS_SET' && (m.data as { canary: number }).canary === 0).at(-1);
      const decidedAt = (failing?.data as { at: number }).at;
      const weightsAt = (back?.data as { at: number }).at;
      if (breachSeen === undefined || decidedAt === undefined || weightsAt === undefined)
        throw new Error('a rollback run missed its marks');
      firstBreach.push(weightsAt - breachSeen);
      breachToDecision.push(decidedAt - breachSeen);
      decisionToWeights.push(weightsAt - decidedAt);
    }
    figures.push({
      name: `rollback latency: first 5xx datapoint in CloudWatch → 100/0 (median of ${ROLLBACKS})`,
      value: median(firstBreach) / 1000,
      unit: 's',
      note: `analysis_interval ${ANALYSIS_MS / 1000} s, min_requests 10 at a 10% step`,
    });
    figures.push({ name: 'rollback latency, worst run', value: max(firstBreach) / 1000, unit: 's' });
    figures.push({
      name: '  first datapoint → rollback decision (median; bound: one analysis interval + min_requests)',
      value: median(breachToDecision) / 1000,
      unit: 's',
    });
    figures.push({
      name: '  rollback decision → 100/0 confirmed (median)',
      value: median(decisionToWeights),
      unit: 'ms',
      note: `one API round trip here: median ${median(rtt).toFixed(1)} ms, max ${max(rtt).toFixed(1)} ms`,
    });
    figures.push({ name: '  rollback decision → 100/0 confirmed (worst)', value: max(decisionToWeights), unit: 'ms' });
  } finally {
    await load.stop();
    await sandbox.stop();
  }
  return figures;
}
