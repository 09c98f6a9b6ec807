// Issue 4 figures: CLI cold start vs `node -e 0`; API calls and sequential round trips per deploy vs the minimum; and at
// 100 ms per call, deploy wall time minus the rollout's own time vs (round trips × 100 ms).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateClusterCommand, DescribeServiceDeploymentsCommand, ECSClient, ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import type { BenchFigure } from './run.js';
import { startSandboxProcess } from './sandbox-process.js';

export const title = 'Deploy: cold start, API calls per deploy, overhead at 100 ms per call';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'cortado.js');
const RUNS = 15;

interface Call {
  readonly seq: number;
  readonly operation: string;
  readonly mutating: boolean;
  readonly time: string;
  readonly durationMs: number;
}

function timed(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, code: code ?? -1, stderr }));
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** A config whose task definition uses env and tfstate only: `render` needs no AWS call. */
function renderFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-bench-render-'));
  writeFileSync(
    join(dir, 'cortado.yml'),
    'region: us-east-1\ncluster: bench\nservice: web\ntask_definition: td.json\nplugins:\n  - name: tfstate\n    config: {path: terraform.tfstate}\n',
  );
  writeFileSync(
    join(dir, 'terraform.tfstate'),
    JSON.stringify({
      version: 4,
      resources: [
        {
          mode: 'managed',
          type: 'aws_iam_role',
          name: 'exec',
          instances: [{ attributes: { arn: 'arn:aws:iam::000000000000:role/exec' } }],
        },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'td.json'),
    `{
  "family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
  "executionRoleArn": "{{ tfstate \`aws_iam_role.exec.arn\` }}",
  "containerDefinitions": [{
    "name": "app", "image": "cortado/demo-app:{{ must_env \`IMAGE_TAG\` }}", "portMappings": [{ "containerPort": {{ env \`PORT\` \`8080\` }} }],
    "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/bench", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web" } }
  }]
}
`,
  );
  writeFileSync(
    join(dir, 'sd.json'),
    JSON.stringify({
      launchType: 'FARGATE',
      desiredCount: 2,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    }),
  );
  return dir;
}

async function coldStart(dir: string): Promise<BenchFigure[]> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, IMAGE_TAG: 'v1', NO_COLOR: '1' };
  const samples = { node: [] as number[], version: [] as number[], render: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    samples.node.push((await timed(['-e', '0'], dir, env)).ms);
    samples.version.push((await timed([BIN, '--version'], dir, env)).ms);
    const r = await timed([BIN, 'render', 'taskdef'], dir, env);
    if (r.code !== 0) throw new Error(`cortado render failed: ${r.stderr}`);
    samples.render.push(r.ms);
  }
  const base = median(samples.node);
  return [
    { name: 'cold start: node -e 0 (median of 15)', value: base, unit: 'ms' },
    {
      name: 'cold start: cortado --version',
      value: median(samples.version),
      unit: 'ms',
      note: `${(median(samples.version) / base).toFixed(2)}x node -e 0`,
    },
    {
      name: 'cold start: cortado render taskdef (tfstate, env)',
      value: median(samples.render),
      unit: 'ms',
      note: `${(median(samples.render) / base).toFixed(2)}x node -e 0`,
    },
  ];
}

async function deployFigures(dir: string): Promise<BenchFigure[]> {
  const sandbox = await startSandboxProcess(['--speed', '30']);
  const aws = { endpoint: sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' } };
  const ecs = new ECSClient(aws);
  const logs = new CloudWatchLogsClient(aws);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_ACCESS_KEY_ID: 'AKIABENCH',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    PORT: String(20_000 + Math.floor(Math.random() * 9000)),
  };
  const calls = async (since: number): Promise<Call[]> =>
    ((await (await fetch(`${sandbox.endpoint}/_cortado/calls?since=${since}`)).json()) as { calls: Call[] }).calls;
  const last = async () => (await calls(0)).reduce((m, c) => Math.max(m, c.seq), 0);
  const faults = (body: unknown) => fetch(`${sandbox.endpoint}/_cortado/faults`, { method: 'POST', body: JSON.stringify(body) });
  try {
    await ecs.send(new CreateClusterCommand({ clusterName: 'bench' }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/bench' }));
    writeFileSync(
      join(dir, 'cortado.yml'),
      'region: us-east-1\ncluster: bench\nservice: web\nservice_definition: sd.json\ntask_definition: td.json\nplugins:\n  - name: tfstate\n    config: {path: terraform.tfstate}\n',
    );
    const deploy = async (tag: string, pollMs: number) => {
      const before = await last();
      const r = await timed([BIN, 'deploy', '--poll-interval', `${pollMs}ms`], dir, { ...env, IMAGE_TAG: tag });
      if (r.code !== 0) throw new Error(`cortado deploy failed: ${r.stderr}`);
      const made = await calls(before);
      const list = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'bench', service: 'web' }));
      const newest = [...(list.serviceDeployments ?? [])].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0]!;
      const sd = (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [newest.serviceDeploymentArn!] })))
        .serviceDeployments![0]!;
      const rolloutMs = sd.finishedAt!.getTime() - sd.startedAt!.getTime();
      return { wall: r.ms, made, rolloutMs };
    };
    await deploy('v1', 250);
    const d = await deploy('v2', 1000);
    const polls = d.made.filter((c) => c.operation === 'DescribeServices').length - 1;
    const setup = d.made.length - polls - 1;
    const figures: BenchFigure[] = [
      {
        name: 'deploy (image change): API calls',
        value: d.made.length,
        unit: 'calls',
        note: `minimum 5: DescribeServices, RegisterTaskDefinition, UpdateService, one DescribeServices + one DescribeServiceDeployments at the end`,
      },
      { name: 'deploy: calls before waiting', value: setup, unit: 'calls', note: 'minimum 3' },
      {
        name: 'deploy: polls while the rollout ran (1 s interval)',
        value: polls,
        unit: 'calls',
        note: `rollout took ${(d.rolloutMs / 1000).toFixed(1)} s; one DescribeServices per poll, DescribeServiceDeployments only at the end`,
      },
      {
        name: 'deploy: sequential round trips',
        value: d.made.length,
        unit: 'round trips',
        note: 'every call waits for the one before (no parallel calls in a deploy)',
      },
      {
        name: 'deploy: mutating calls',
        value: d.made.filter((c) => c.mutating).length,
        unit: 'calls',
        note: 'RegisterTaskDefinition, UpdateService',
      },
    ];
    await faults({ latencyMs: 100 });
    const slow = await deploy('v3', 250);
    await faults({ latencyMs: 0 });
    const overhead = slow.wall - slow.rolloutMs;
    const trips = slow.made.length;
    figures.push(
      {
        name: 'deploy at 100 ms/call: wall time',
        value: slow.wall,
        unit: 'ms',
        note: `rollout's own time ${slow.rolloutMs.toFixed(0)} ms (ServiceDeployment startedAt→finishedAt)`,
      },
      { name: 'deploy at 100 ms/call: wall − rollout', value: overhead, unit: 'ms' },
      {
        name: 'deploy at 100 ms/call: round trips × 100 ms',
        value: trips * 100,
        unit: 'ms',
        note: `${trips} round trips (250 ms poll interval)`,
      },
      {
        name: 'deploy at 100 ms/call: (wall − rollout) / (round trips × 100 ms)',
        value: overhead / (trips * 100),
        unit: 'ratio',
        note: 'the rest is CLI start-up (~node + SDK load) and poll granularity',
      },
    );
    return figures;
  } finally {
    ecs.destroy();
    logs.destroy();
    await sandbox.stop();
  }
}

export async function run(): Promise<readonly BenchFigure[]> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dir = renderFixture();
  return [...(await coldStart(dir)), ...(await deployFigures(dir))];
}
