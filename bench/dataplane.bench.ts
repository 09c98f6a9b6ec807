// Issue 3 figures: throughput and p99 through an ALB listener vs straight to the task vs nginx proxying the same task.
// Needs wrk and nginx from Debian's packages (apt-get install -y wrk nginx); a missing one is reported, not faked.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import {
  ECSClient,
  CreateClusterCommand,
  RegisterTaskDefinitionCommand,
  CreateServiceCommand,
  ListTasksCommand,
  DescribeTasksCommand,
} from '@aws-sdk/client-ecs';
import {
  ElasticLoadBalancingV2Client,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  CreateListenerCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { startSandboxProcess } from './sandbox-process.js';
import type { BenchFigure } from './run.js';

export const title = 'Sandbox II: ALB data plane vs direct vs nginx';

const exec = promisify(execFile);
const which = async (cmd: string) => {
  try {
    await exec('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
};

interface WrkResult {
  readonly rps: number;
  readonly p99Ms: number;
  readonly errors: number;
}

/** wrk with 2 threads, 32 connections, `seconds` long; its Lua hook prints p99 and error counts. */
async function wrk(url: string, seconds: number): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-wrk-'));
  const script = join(dir, 'report.lua');
  writeFileSync(
    script,
    'done = function(summary, latency, requests)\n  io.write(string.format("RESULT %f %f %d\\n", summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))\nend\n',
  );
  try {
    const { stdout } = await exec('wrk', ['-t2', '-c32', `-d${seconds}s`, '--latency', '-s', script, url], { timeout: 60_000 });
    const m = /RESULT ([\d.]+) ([\d.]+) (\d+)/.exec(stdout);
    if (!m) throw new Error(`cannot read wrk output: ${stdout}`);
    return { rps: Number(m[1]), p99Ms: Number(m[2]), errors: Number(m[3]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

async function startNginx(target: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-nginx-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream task { server ${target}; keepalive 32; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://task; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header X-Forwarded-For $remote_addr; }
  }
}
`,
  );
  const child = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      child.kill('SIGQUIT');
      await new Promise((r) => setTimeout(r, 300));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function run(): Promise<readonly BenchFigure[]> {
  if (!(await which('wrk'))) throw new Error('wrk is not installed: apt-get install -y wrk');
  const sandbox = await startSandboxProcess(['--speed', '10']);
  const cfg = { endpoint: sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } };
  const ecs = new ECSClient(cfg);
  const elb = new ElasticLoadBalancingV2Client(cfg);
  const figures: BenchFigure[] = [];
  try {
    const lb = (
      await elb.send(new CreateLoadBalancerCommand({ Name: 'bench', Subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] }))
    ).LoadBalancers![0]!;
    const tg = (
      await elb.send(
        new CreateTargetGroupCommand({
          Name: 'bench',
          Protocol: 'HTTP',
          Port: 8080,
          VpcId: 'vpc-0123456789abcdef0',
          TargetType: 'ip',
          HealthCheckPath: '/health',
        }),
      )
    ).TargetGroups![0]!;
    const listener = (
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancerArn,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
        }),
      )
    ).Listeners![0]!;
    await ecs.send(new CreateClusterCommand({ clusterName: 'bench' }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'bench',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'app', image: 'cortado/demo-app:v1', essential: true, portMappings: [{ containerPort: 8080 }] }],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'bench',
        serviceName: 'bench',
        taskDefinition: 'bench',
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } },
        loadBalancers: [{ targetGroupArn: tg.TargetGroupArn, containerName: 'app', containerPort: 8080 }],
      }),
    );
    for (let i = 0; ; i++) {
      const h = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
      if (h.TargetHealthDescriptions?.some((d) => d.TargetHealth?.State === 'healthy')) break;
      if (i > 600) throw new Error('target never became healthy');
      await new Promise((r) => setTimeout(r, 100));
    }
    const arns = (await ecs.send(new ListTasksCommand({ cluster: 'bench' }))).taskArns!;
    const task = (await ecs.send(new DescribeTasksCommand({ cluster: 'bench', tasks: arns }))).tasks![0]!;
    const ip = task.attachments![0]!.details!.find((d) => d.name === 'privateIPv4Address')!.value!;
    const map = (await (await fetch(`${sandbox.endpoint}/_cortado/elbv2/listeners`)).json()) as {
      listeners: Array<{ listenerArn: string; url: string }>;
    };
    const listenerUrl = map.listeners.find((l) => l.listenerArn === listener.ListenerArn)!.url;
    const albUrl = listenerUrl.endsWith('/') ? listenerUrl : `${listenerUrl}/`;
    // Rounds of short runs, the three paths one after another in each: on a shared machine the load drifts, and a ratio
    // taken within one round compares paths under the same load; the figures are medians over the rounds.
    const rounds = Number(process.env.DATAPLANE_ROUNDS ?? 5);
    const seconds = Number(process.env.DATAPLANE_SECONDS ?? 4);
    const nginx = (await which('nginx')) ? await startNginx(`${ip}:8080`) : undefined;
    try {
      const runs: Array<{ direct: WrkResult; alb: WrkResult; nginx?: WrkResult }> = [];
      for (let r = 0; r < rounds; r++) {
        const direct = await wrk(`http://${ip}:8080/`, seconds);
        const alb = await wrk(albUrl, seconds);
        runs.push({ direct, alb, ...(nginx ? { nginx: await wrk(nginx.url, seconds) } : {}) });
      }
      const median = (xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b);
        return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
      };
      const path = (name: string, pick: (x: (typeof runs)[number]) => WrkResult | undefined) => {
        const xs = runs.map(pick).filter((x): x is WrkResult => x !== undefined);
        figures.push({
          name: `${name}: throughput (median of ${xs.length} × ${seconds} s)`,
          value: median(xs.map((x) => x.rps)),
          unit: 'req/s',
          note: `p99 ${median(xs.map((x) => x.p99Ms)).toFixed(2)} ms, ${xs.reduce((n, x) => n + x.errors, 0)} errors`,
        });
      };
      path('direct to task', (x) => x.direct);
      path('through ALB listener', (x) => x.alb);
      const ratio = (name: string, f: (x: (typeof runs)[number]) => number, note: string) => {
        const xs = runs.map(f);
        figures.push({ name, value: median(xs), unit: '×', note: `${note}; per round ${xs.map((x) => x.toFixed(2)).join(' ')}` });
      };
      ratio('ALB / direct throughput ratio', (x) => x.alb.rps / x.direct.rps, 'median of the rounds');
      ratio('ALB / direct p99 latency ratio', (x) => x.alb.p99Ms / x.direct.p99Ms, 'median of the rounds');
      if (nginx) {
        path('through nginx (reverse proxy, keepalive upstream)', (x) => x.nginx);
        ratio('ALB / nginx throughput ratio', (x) => x.alb.rps / x.nginx!.rps, 'target ≥ 0.5');
        ratio('ALB / nginx p99 latency ratio', (x) => x.alb.p99Ms / x.nginx!.p99Ms, 'target ≤ 2');
      } else {
        figures.push({ name: 'nginx comparison skipped: nginx not installed (apt-get install -y nginx)', value: 0, unit: '' });
      }
    } finally {
      await nginx?.stop();
    }
  } finally {
    ecs.destroy();
    elb.destroy();
    await sandbox.stop();
  }
  return figures;
}
