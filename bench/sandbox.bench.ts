// Issue 2 figures: DescribeServices throughput and latency, CreateService(10 tasks) → steady state, memory per demo task.
import { readdirSync, readFileSync } from 'node:fs';
import {
  ECSClient,
  CreateClusterCommand,
  RegisterTaskDefinitionCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DeleteServiceCommand,
} from '@aws-sdk/client-ecs';
import { startSandboxProcess } from './sandbox-process.js';
import type { BenchFigure } from './run.js';

export const title = 'Sandbox I: ECS control plane and runtime';

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** Resident and proportional memory of this process's direct children (the task processes). */
function childMemory(parent: number): { rssKb: number; pssKb: number; count: number } {
  let rssKb = 0,
    pssKb = 0,
    count = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) continue;
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('demo-app')) continue;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rssKb += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pssKb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      count++;
    } catch {
      /* process went away */
    }
  }
  return { rssKb, pssKb, count };
}

export async function run(): Promise<readonly BenchFigure[]> {
  const sandbox = await startSandboxProcess();
  const ecs = new ECSClient({
    endpoint: sandbox.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const figures: BenchFigure[] = [];
  try {
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
    const network = { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] } };
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'bench',
        serviceName: 'idle',
        taskDefinition: 'bench',
        desiredCount: 0,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );

    // DescribeServices: latency one at a time, then throughput with 16 in flight.
    const describe = () => ecs.send(new DescribeServicesCommand({ cluster: 'bench', services: ['idle'] }));
    for (let i = 0; i < 200; i++) await describe();
    const serial: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = performance.now();
      await describe();
      serial.push(performance.now() - t);
    }
    serial.sort((a, b) => a - b);
    figures.push({ name: 'DescribeServices p50 latency (1 in flight)', value: quantile(serial, 0.5), unit: 'ms' });
    figures.push({ name: 'DescribeServices p99 latency (1 in flight)', value: quantile(serial, 0.99), unit: 'ms' });
    const concurrent: number[] = [];
    const total = 8000;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next++ < total) {
          const t = performance.now();
          await describe();
          concurrent.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    concurrent.sort((a, b) => a - b);
    figures.push({
      name: 'DescribeServices throughput (16 in flight, SDK v3 client, sandbox in its own process)',
      value: total / seconds,
      unit: 'calls/s',
    });
    figures.push({ name: 'DescribeServices p50 latency (16 in flight)', value: quantile(concurrent, 0.5), unit: 'ms' });
    figures.push({ name: 'DescribeServices p99 latency (16 in flight)', value: quantile(concurrent, 0.99), unit: 'ms' });

    figures.push(...(await rawThroughput(sandbox.endpoint)));

    // CreateService with 10 demo tasks → steady state, at the default speed (1).
    const t0 = performance.now();
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'bench',
        serviceName: 'ten',
        taskDefinition: 'bench',
        desiredCount: 10,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    let allRunningMs = NaN;
    for (;;) {
      const svc = (await describe2(ecs)).services?.[0];
      if (Number.isNaN(allRunningMs) && svc?.runningCount === 10) allRunningMs = performance.now() - t0;
      if (svc?.events?.some((e) => e.message?.includes('has reached a steady state'))) break;
      if (performance.now() - t0 > 300_000) throw new Error('service did not reach a steady state in 300 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const steadyMs = performance.now() - t0;
    figures.push({ name: 'CreateService (10 demo tasks) → runningCount 10', value: allRunningMs / 1000, unit: 's', note: 'speed 1' });
    figures.push({
      name: 'CreateService (10 demo tasks) → "has reached a steady state"',
      value: steadyMs / 1000,
      unit: 's',
      note: 'speed 1',
    });
    const mem = childMemory(sandbox.pid);
    figures.push({
      name: `memory per running demo task, RSS (${mem.count} tasks)`,
      value: mem.rssKb / 1024 / Math.max(1, mem.count),
      unit: 'MiB',
    });
    figures.push({
      name: `memory per running demo task, PSS (shared pages split)`,
      value: mem.pssKb / 1024 / Math.max(1, mem.count),
      unit: 'MiB',
    });
    await ecs.send(new DeleteServiceCommand({ cluster: 'bench', service: 'ten', force: true }));
  } finally {
    ecs.destroy();
    await sandbox.stop();
  }
  return figures;
}

function describe2(ecs: ECSClient) {
  return ecs.send(new DescribeServicesCommand({ cluster: 'bench', services: ['ten'] }));
}

/** The same call from a minimal keep-alive HTTP client: the sandbox's own capacity, without SDK overhead. */
async function rawThroughput(endpoint: string): Promise<BenchFigure[]> {
  const { Agent, request } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const body = JSON.stringify({ cluster: 'bench', services: ['idle'] });
  const headers = {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'AmazonEC2ContainerServiceV20141113.DescribeServices',
    'content-length': String(body.length),
  };
  const call = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${endpoint}/`, { method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  const total = 20000;
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next++ < total) {
        const t = performance.now();
        await call();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return [
    { name: 'DescribeServices throughput (16 in flight, raw keep-alive HTTP)', value: total / seconds, unit: 'calls/s' },
    { name: 'DescribeServices p50 / p99 latency (raw, 16 in flight): p50', value: quantile(latencies, 0.5), unit: 'ms' },
    { name: 'DescribeServices p50 / p99 latency (raw, 16 in flight): p99', value: quantile(latencies, 0.99), unit: 'ms' },
  ];
}
