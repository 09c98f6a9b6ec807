// Issue 3 acceptance: ECS services behind a real ALB listener, weighted traffic, exact CloudWatch metrics, alarms,
// and a rolling deployment under load that loses no request — set up with boto3 and the AWS CLI.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'node:http';
import type { Sandbox } from '../../../src/local/index.js';
import { awsCli, clientEnv, eventually, withSandbox } from '../../helpers/sandbox.js';

const run = promisify(execFile);
const SPEED = 10;

interface Setup {
  readonly lb: string;
  readonly listener: string;
  readonly tgs: { readonly v1: string; readonly v2: string };
}
interface Answer {
  readonly status: number;
  readonly version?: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function get(url: string): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => {
        let version: string | undefined;
        try {
          version = (JSON.parse(body) as { version?: string }).version;
        } catch {
          version = undefined;
        }
        resolve({ status: res.statusCode ?? 0, ...(version ? { version } : {}) });
      });
    });
    req.on('error', () => resolve({ status: -1 }));
    req.end();
  });
}

async function burst(url: string, n: number, concurrency = 16): Promise<Answer[]> {
  const out: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) out.push(await get(url));
    }),
  );
  return out;
}

/** 99.9% two-sided normal approximation of the binomial interval for n draws at p. */
const interval = (n: number, p: number) => {
  const sd = Math.sqrt(n * p * (1 - p));
  return [n * p - 3.291 * sd, n * p + 3.291 * sd] as const;
};

const dimension = (arn: string, kind: 'tg' | 'lb') =>
  kind === 'tg' ? arn.slice(arn.indexOf('targetgroup/')) : arn.slice(arn.indexOf('app/'));

async function metricSum(sandbox: Sandbox, setup: Setup, tg: string, metric: string, from: Date, to: Date): Promise<number> {
  const queries = [
    {
      Id: 'm',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: metric,
          Dimensions: [
            { Name: 'LoadBalancer', Value: dimension(setup.lb, 'lb') },
            { Name: 'TargetGroup', Value: dimension(tg, 'tg') },
          ],
        },
        Period: 1,
        Stat: 'Sum',
      },
    },
  ];
  const r = await awsCli(sandbox, [
    'cloudwatch',
    'get-metric-data',
    '--metric-data-queries',
    JSON.stringify(queries),
    '--start-time',
    from.toISOString(),
    '--end-time',
    to.toISOString(),
  ]);
  assert.equal(r.code, 0, r.stderr);
  const values = (r.json as { MetricDataResults: Array<{ Values: number[] }> }).MetricDataResults[0]?.Values ?? [];
  return values.reduce((a, b) => a + b, 0);
}

async function setWeights(sandbox: Sandbox, setup: Setup, v1: number, v2: number): Promise<void> {
  const actions = [
    {
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: setup.tgs.v1, Weight: v1 },
          { TargetGroupArn: setup.tgs.v2, Weight: v2 },
        ],
      },
    },
  ];
  const r = await awsCli(sandbox, [
    'elbv2',
    'modify-listener',
    '--listener-arn',
    setup.listener,
    '--default-actions',
    JSON.stringify(actions),
  ]);
  assert.equal(r.code, 0, r.stderr);
}

describe('ALB in front of ECS services (AWS CLI + boto3)', () => {
  let sandbox: Sandbox;
  let setup: Setup;
  let url: string;

  before(async () => {
    sandbox = await withSandbox({ speed: SPEED });
    const script = fileURLToPath(new URL('./alb-setup.py', import.meta.url));
    const { stdout } = await run('python3', [script], { env: clientEnv(sandbox), timeout: 180_000 });
    setup = JSON.parse(stdout) as Setup;
    const map = (await (await fetch(`${sandbox.endpoint}/_cortado/elbv2/listeners`)).json()) as {
      listeners: Array<{ listenerArn: string; url: string }>;
    };
    url = map.listeners.find((l) => l.listenerArn === setup.listener)!.url;
    await eventually(
      async () => {
        const health = await Promise.all(
          [setup.tgs.v1, setup.tgs.v2].map(
            async (tg) =>
              (await awsCli(sandbox, ['elbv2', 'describe-target-health', '--target-group-arn', tg])).json as {
                TargetHealthDescriptions: Array<{ TargetHealth: { State: string } }>;
              },
          ),
        );
        return health.every(
          (h) => h.TargetHealthDescriptions.length === 2 && h.TargetHealthDescriptions.every((d) => d.TargetHealth.State === 'healthy'),
        )
          ? true
          : undefined;
      },
      60_000,
      500,
      'all four targets healthy',
    );
  });
  after(async () => {
    agent.destroy();
    await sandbox?.close();
  });

  it('splits 4,000 requests 95/5 within the 99.9% binomial interval, and RequestCount per target group matches exactly', async () => {
    await setWeights(sandbox, setup, 95, 5);
    const from = new Date(Date.now() - 2000);
    const answers = await burst(url, 4000);
    await new Promise((r) => setTimeout(r, 1100));
    const to = new Date(Date.now() + 2000);
    assert.ok(
      answers.every((a) => a.status === 200),
      `non-200 answers: ${answers.filter((a) => a.status !== 200).length}`,
    );
    const v2 = answers.filter((a) => a.version === 'v2').length;
    const v1 = answers.filter((a) => a.version === 'v1').length;
    const [lo, hi] = interval(4000, 0.05);
    assert.ok(v2 >= lo && v2 <= hi, `v2 answered ${v2} of 4000, outside [${lo.toFixed(0)}, ${hi.toFixed(0)}]`);
    assert.equal(await metricSum(sandbox, setup, setup.tgs.v2, 'RequestCount', from, to), v2);
    assert.equal(await metricSum(sandbox, setup, setup.tgs.v1, 'RequestCount', from, to), v1);
  });

  it('with ERROR_RATE=0.2 on v2, HTTPCode_Target_5XX_Count / RequestCount equals the observed 5xx share and an alarm fires', async () => {
    await setWeights(sandbox, setup, 0, 100);
    const td = await awsCli(sandbox, [
      'ecs',
      'register-task-definition',
      '--family',
      'web-v2',
      '--network-mode',
      'awsvpc',
      '--requires-compatibilities',
      'FARGATE',
      '--cpu',
      '256',
      '--memory',
      '512',
      '--container-definitions',
      JSON.stringify([
        {
          name: 'app',
          image: 'cortado/demo-app:v2',
          essential: true,
          portMappings: [{ containerPort: 8080 }],
          environment: [{ name: 'ERROR_RATE', value: '0.2' }],
        },
      ]),
    ]);
    assert.equal(td.code, 0, td.stderr);
    assert.equal(
      (await awsCli(sandbox, ['ecs', 'update-service', '--cluster', 'web', '--service', 'web-v2', '--task-definition', 'web-v2:2'])).code,
      0,
    );
    await run('aws', ['ecs', 'wait', 'services-stable', '--cluster', 'web', '--services', 'web-v2', '--endpoint-url', sandbox.endpoint], {
      env: clientEnv(sandbox),
      timeout: 180_000,
    });
    const alarm = [
      'cloudwatch',
      'put-metric-alarm',
      '--alarm-name',
      'v2-errors',
      '--evaluation-periods',
      '1',
      '--datapoints-to-alarm',
      '1',
      '--threshold',
      '0.1',
      '--comparison-operator',
      'GreaterThanThreshold',
      '--treat-missing-data',
      'notBreaching',
      '--metrics',
      JSON.stringify([
        {
          Id: 'e',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApplicationELB',
              MetricName: 'HTTPCode_Target_5XX_Count',
              Dimensions: [
                { Name: 'LoadBalancer', Value: dimension(setup.lb, 'lb') },
                { Name: 'TargetGroup', Value: dimension(setup.tgs.v2, 'tg') },
              ],
            },
            Period: 10,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        {
          Id: 'r',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApplicationELB',
              MetricName: 'RequestCount',
              Dimensions: [
                { Name: 'LoadBalancer', Value: dimension(setup.lb, 'lb') },
                { Name: 'TargetGroup', Value: dimension(setup.tgs.v2, 'tg') },
              ],
            },
            Period: 10,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        { Id: 'rate', Expression: 'FILL(e, 0) / r', Label: 'v2 5xx share', ReturnData: true },
      ]),
    ];
    assert.equal((await awsCli(sandbox, alarm)).code, 0);
    const from = new Date(Date.now() - 2000);
    const answers = await burst(url, 2000);
    await new Promise((r) => setTimeout(r, 1100));
    const to = new Date(Date.now() + 2000);
    const errors = answers.filter((a) => a.status === 500).length;
    assert.ok(errors > 250 && errors < 550, `5xx count ${errors} is not near 20% of 2000`);
    const fives = await metricSum(sandbox, setup, setup.tgs.v2, 'HTTPCode_Target_5XX_Count', from, to);
    const requests = await metricSum(sandbox, setup, setup.tgs.v2, 'RequestCount', from, to);
    assert.equal(requests, answers.length);
    assert.equal(fives, errors);
    assert.equal(fives / requests, errors / answers.length);
    await eventually(
      async () => {
        const r = (await awsCli(sandbox, ['cloudwatch', 'describe-alarms', '--alarm-names', 'v2-errors'])).json as {
          MetricAlarms: Array<{ StateValue: string }>;
        };
        return r.MetricAlarms[0]?.StateValue === 'ALARM' ? true : undefined;
      },
      60_000,
      500,
      'the alarm to go to ALARM',
    );
  });

  it('rolls out a new revision of v1 under continuous load (>= 20 requests/s) with zero failed requests', async () => {
    await setWeights(sandbox, setup, 100, 0);
    const td = await awsCli(sandbox, [
      'ecs',
      'register-task-definition',
      '--family',
      'web-v1',
      '--network-mode',
      'awsvpc',
      '--requires-compatibilities',
      'FARGATE',
      '--cpu',
      '256',
      '--memory',
      '512',
      '--container-definitions',
      JSON.stringify([
        {
          name: 'app',
          image: 'cortado/demo-app:v1',
          essential: true,
          portMappings: [{ containerPort: 8080 }],
          environment: [{ name: 'VERSION', value: 'v1.1' }],
        },
      ]),
    ]);
    assert.equal(td.code, 0, td.stderr);
    let stop = false;
    const results: Answer[] = [];
    const load = (async () => {
      while (!stop) {
        const started = Date.now();
        results.push(...(await Promise.all(Array.from({ length: 5 }, () => get(url)))));
        await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - started))));
      }
    })();
    const t0 = Date.now();
    assert.equal(
      (await awsCli(sandbox, ['ecs', 'update-service', '--cluster', 'web', '--service', 'web-v1', '--task-definition', 'web-v1:2'])).code,
      0,
    );
    await eventually(
      async () => {
        const s = (await awsCli(sandbox, ['ecs', 'describe-services', '--cluster', 'web', '--services', 'web-v1'])).json as {
          services: Array<{ deployments: Array<{ rolloutState: string }>; runningCount: number }>;
        };
        const svc = s.services[0]!;
        return svc.deployments.length === 1 && svc.deployments[0]!.rolloutState === 'COMPLETED' && svc.runningCount === 2
          ? true
          : undefined;
      },
      180_000,
      500,
      'the rolling deployment to complete',
    );
    // Let the old targets finish draining while traffic continues.
    await new Promise((r) => setTimeout(r, 3000));
    stop = true;
    await load;
    const seconds = (Date.now() - t0) / 1000;
    const failed = results.filter((a) => a.status !== 200);
    assert.ok(results.length / seconds >= 20, `only ${(results.length / seconds).toFixed(1)} requests/s`);
    assert.deepEqual(failed, [], `${failed.length} of ${results.length} requests failed during the deployment`);
    assert.ok(
      results.some((a) => a.version === 'v1.1'),
      'the new revision never answered',
    );
    assert.equal(results.at(-1)?.version, 'v1.1');
  });
});
