// The sandbox under long churn: 50 services redeployed one after another while an ALB takes 200 requests/s, for 30 minutes
// of real time (SOAK_MINUTES to change it). Figures: the sandbox process's memory slope after warm-up, every request's
// fate and latency. Runs only when named (`npm run bench -- soak`): it takes as long as it says.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { ECS } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2 } from '@aws-sdk/client-elastic-load-balancing-v2';
import { listenerUrl } from '../src/demo/stack-reads.js';
import { startLoad, type LoadGenerator } from '../src/demo/load-generator.js';
import { startSandboxProcess } from './sandbox-process.js';
import type { BenchFigure } from './run.js';

export const title = 'Reliability: soak (services churning deployments under load)';
export const onlyWhenNamed = true;

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const SERVICES = Number(process.env.SOAK_SERVICES ?? 50);
const RATE = Number(process.env.SOAK_RATE ?? 200);
/** Services behind the load balancer (one path each); the rest run without one. */
const BEHIND_ALB = 10;
/** One deployment started this often (real ms), round-robin over the services. */
const CHURN_EVERY_MS = 3_000;
const SAMPLE_EVERY_MS = 10_000;
/** Memory before this much of the run is warm-up (first tasks, code paths, buffers) and is not in the slope. */
const WARM_UP_SHARE = 0.2;

const rssOf = (pid: number): number => {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
};

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den === 0 ? NaN : num / den;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<readonly BenchFigure[]> {
  // --expose-gc: each sample also reads the live heap after a full collection (GET /_cortado/memory?gc=1), which a leak
  // moves and V8's own heap sizing does not.
  const sandbox = await startSandboxProcess(['--speed', '10'], ['--expose-gc']);
  const liveHeap = async (): Promise<number> => {
    const r = (await (await fetch(`${sandbox.endpoint}/_cortado/memory?gc=1`)).json()) as { heapUsed: number; collected: boolean };
    if (!r.collected) throw new Error('the sandbox did not collect garbage before reporting its heap (no --expose-gc?)');
    return r.heapUsed / 2 ** 20;
  };
  const config = {
    region: 'us-east-1',
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'AKIASOAK', secretAccessKey: 'soak' },
    maxAttempts: 5,
  };
  const ecs = new ECS(config);
  const elb = new ElasticLoadBalancingV2(config);
  const loads: LoadGenerator[] = [];
  try {
    const cluster = 'soak';
    await ecs.createCluster({ clusterName: cluster });
    const lb = (
      await elb.createLoadBalancer({ Name: 'soak', Subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'], Type: 'application' })
    ).LoadBalancers![0]!;
    const listener = (
      await elb.createListener({
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', MessageBody: 'no route' } }],
      })
    ).Listeners![0]!;
    const td = (
      await ecs.registerTaskDefinition({
        family: 'soak',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'app', image: 'cortado/demo-app:v1', essential: true, portMappings: [{ containerPort: 8080 }] }],
      })
    ).taskDefinition!.taskDefinitionArn!;
    const names = Array.from({ length: SERVICES }, (_, i) => `soak-${String(i).padStart(2, '0')}`);
    for (const [i, name] of names.entries()) {
      let loadBalancers: { targetGroupArn: string; containerName: string; containerPort: number }[] = [];
      if (i < BEHIND_ALB) {
        const tg = (
          await elb.createTargetGroup({
            Name: name,
            Protocol: 'HTTP',
            Port: 8080,
            VpcId: lb.VpcId,
            TargetType: 'ip',
            HealthCheckPath: '/health',
            HealthCheckIntervalSeconds: 5,
            HealthCheckTimeoutSeconds: 2,
            HealthyThresholdCount: 2,
          })
        ).TargetGroups![0]!.TargetGroupArn!;
        await elb.modifyTargetGroupAttributes({
          TargetGroupArn: tg,
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '10' }],
        });
        await elb.createRule({
          ListenerArn: listener.ListenerArn,
          Priority: i + 1,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [`/${name}/*`] } }],
          Actions: [{ Type: 'forward', TargetGroupArn: tg }],
        });
        loadBalancers = [{ targetGroupArn: tg, containerName: 'app', containerPort: 8080 }];
      }
      await ecs.createService({
        cluster,
        serviceName: name,
        taskDefinition: td,
        desiredCount: 1,
        launchType: 'FARGATE',
        loadBalancers,
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } },
        deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 },
      });
    }
    const url = await listenerUrl(sandbox.endpoint, listener.ListenerArn!, new AbortController().signal);
    // Every service behind the ALB has a healthy target before the load starts (a 503 then would be the set-up's, not the soak's).
    for (const name of names.slice(0, BEHIND_ALB)) {
      for (;;) {
        const r = await fetch(`${url}/${name}/`).catch(() => undefined);
        if (r?.status === 200) break;
        await sleep(500);
      }
    }
    const startedAt = Date.now();
    const endAt = startedAt + MINUTES * 60_000;
    for (const name of names.slice(0, BEHIND_ALB))
      loads.push(startLoad(`${url}/${name}/`, { rate: RATE / BEHIND_ALB, concurrency: 64, connections: 8, keepSamples: false }));
    const memory: { x: number; y: number }[] = [];
    const heap: { x: number; y: number }[] = [];
    const loads1m: number[] = [];
    let deployments = 0;
    let refused = 0;
    let nextSample = startedAt;
    let nextChurn = startedAt;
    while (Date.now() < endAt) {
      const now = Date.now();
      if (now >= nextSample) {
        memory.push({ x: (now - startedAt) / 60_000, y: rssOf(sandbox.pid) / 2 ** 20 });
        heap.push({ x: (now - startedAt) / 60_000, y: await liveHeap() });
        loads1m.push(os.loadavg()[0]!);
        nextSample += SAMPLE_EVERY_MS;
      }
      if (now >= nextChurn) {
        const service = names[deployments % names.length]!;
        try {
          await ecs.updateService({ cluster, service, forceNewDeployment: true });
        } catch {
          refused++;
        }
        deployments++;
        nextChurn += CHURN_EVERY_MS;
      }
      await sleep(Math.max(10, Math.min(nextSample, nextChurn) - Date.now()));
    }
    const summaries = await Promise.all(loads.splice(0).map((l) => l.stop()));
    // Every service settles on one deployment again: the churn left nothing half-done.
    let unsettled = names.length;
    for (let tries = 0; tries < 120 && unsettled > 0; tries++) {
      unsettled = 0;
      for (let i = 0; i < names.length; i += 10) {
        const out = await ecs.describeServices({ cluster, services: names.slice(i, i + 10) });
        unsettled += (out.services ?? []).filter((s) => s.deployments?.length !== 1 || s.runningCount !== 1).length;
      }
      if (unsettled > 0) await sleep(1_000);
    }
    const sent = summaries.reduce((a, s) => a + s.sent, 0);
    const ok = summaries.reduce((a, s) => a + (s.statuses['200'] ?? 0), 0);
    const skipped = summaries.reduce((a, s) => a + s.skipped, 0);
    const statuses = new Map<string, number>();
    for (const s of summaries) for (const [k, v] of Object.entries(s.statuses)) statuses.set(k, (statuses.get(k) ?? 0) + v);
    const notOk = [...statuses].filter(([k]) => k !== '200').map(([k, v]) => `${v}× ${k === '0' ? 'no answer' : k}`);
    const p99 = Math.max(...summaries.map((s) => s.latencyMs.p99 ?? NaN));
    const p50 = Math.max(...summaries.map((s) => s.latencyMs.p50 ?? NaN));
    const warm = memory.filter((p) => p.x >= MINUTES * WARM_UP_SHARE);
    const warmHeap = heap.filter((p) => p.x >= MINUTES * WARM_UP_SHARE);
    const lastThirdHeap = heap.filter((p) => p.x >= (MINUTES * 2) / 3);
    // CloudWatch keeps 1 s data (the ALB's per-request TargetResponseTime among it) for 3 simulated hours — 18 real minutes at
    // --speed 10 — so memory grows by design until then; the last third of a 30-minute run is past it.
    const lastThird = memory.filter((p) => p.x >= (MINUTES * 2) / 3);
    const first = warm[0]?.y ?? NaN;
    const last = memory[memory.length - 1]?.y ?? NaN;
    const peak = Math.max(...memory.map((p) => p.y));
    const meanLoad = loads1m.reduce((a, b) => a + b, 0) / Math.max(1, loads1m.length);
    // SOAK_SAMPLES=<file>: the memory samples (minutes, MiB, load average) as JSON, to look at the curve or cut it.
    if (process.env.SOAK_SAMPLES)
      writeFileSync(process.env.SOAK_SAMPLES, JSON.stringify(memory.map((p, i) => ({ ...p, liveHeap: heap[i]?.y, load: loads1m[i] }))));
    return [
      { name: 'minutes of real time', value: MINUTES, unit: 'min', note: `${SERVICES} services, ${BEHIND_ALB} behind the ALB` },
      { name: 'deployments started (forceNewDeployment)', value: deployments, unit: 'deployments', note: `${refused} refused` },
      { name: 'services not settled on one deployment at the end', value: unsettled, unit: 'services' },
      { name: 'requests sent', value: sent, unit: 'requests', note: `${RATE}/s target, ${skipped} skipped at the concurrency limit` },
      { name: 'requests not answered 200', value: sent - ok, unit: 'requests', note: notOk.join(', ') || 'none' },
      { name: 'latency p50 (worst path)', value: p50, unit: 'ms' },
      { name: 'latency p99 (worst path)', value: p99, unit: 'ms' },
      { name: 'sandbox RSS at the start of the load', value: memory[0]?.y ?? NaN, unit: 'MiB' },
      {
        name: 'sandbox RSS after warm-up → end',
        value: last,
        unit: 'MiB',
        note: `from ${first.toFixed(1)} MiB, peak ${peak.toFixed(1)} MiB`,
      },
      { name: 'sandbox RSS slope after warm-up', value: slope(warm), unit: 'MiB/min', note: `${warm.length} samples every 10 s` },
      {
        name: 'sandbox RSS slope over the last third',
        value: slope(lastThird),
        unit: 'MiB/min',
        note: 'past the 3 simulated hours CloudWatch keeps 1 s data',
      },
      {
        name: 'live heap (after a full GC) after warm-up → end',
        value: heap[heap.length - 1]?.y ?? NaN,
        unit: 'MiB',
        note: `from ${(warmHeap[0]?.y ?? NaN).toFixed(1)} MiB`,
      },
      { name: 'live heap slope after warm-up', value: slope(warmHeap), unit: 'MiB/min' },
      { name: 'live heap slope over the last third', value: slope(lastThirdHeap), unit: 'MiB/min' },
      {
        name: 'machine load average (1 min) during the run',
        value: meanLoad,
        unit: '',
        note: `min ${Math.min(...loads1m).toFixed(1)}, max ${Math.max(...loads1m).toFixed(1)}, ${os.cpus().length} cores`,
      },
    ];
  } finally {
    await Promise.all(loads.map((l) => l.stop()));
    ecs.destroy();
    elb.destroy();
    await sandbox.stop();
  }
}
