// Issue 10 figures: decision latency (load step → UpdateService) and capacity-ready latency (→ new tasks answering) in
// simulated seconds, and the CPU and memory of a controller polling 50 tasks every second.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createAwsClients } from '../src/aws/aws-clients.js';
import { withSandbox } from '../test/helpers/sandbox.js';
import { createService, runningCount, specFor, startController, startWorld } from '../test/autoscale/autoscale-world.js';
import type { BenchFigure } from './run.js';

export const title = 'Fast autoscaler: decision and capacity-ready latency; a controller polling 50 tasks';

const SPEED = 10;
const POLL_SIMULATED_MS = 1_000;
const STEPS = 3;
const run$ = promisify(execFile);

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const max = (xs: readonly number[]): number => Math.max(...xs);

/** Step 10 → 60 active connections on 2 tasks (target 10 each): how long until UpdateService, and until 6 tasks answer. */
async function latencies(): Promise<{ decision: number[]; ready: number[] }> {
  const w = await startWorld(SPEED);
  const decision: number[] = [];
  const ready: number[] = [];
  try {
    for (let i = 0; i < STEPS; i++) {
      const service = `step${i}`;
      await createService(w, 'bench', service, 2);
      w.load.set({ active: 10, rate: 0 });
      // The controller polls every simulated second (50 ms at speed 20), like the sandbox's clock.
      const spec = specFor('bench', service, {
        source: { kind: 'nginx', port: 8080 },
        target: 10,
        min: 2,
        max: 10,
        poll: `${POLL_SIMULATED_MS / SPEED}ms`,
        lease: '2s',
        scale_out: { stable_window: '1s', panic_window: '1s' },
      });
      const c = await startController(w, spec, `bench-${i}`, `AKIABENCHSTEP${i}0000000`.slice(0, 20));
      try {
        while (c.polls.filter((p) => p.view?.tasks.length === 2).length < 5) await new Promise((r) => setTimeout(r, 20));
        const stepAt = Date.now();
        w.load.set({ active: 60, rate: 0 });
        while (!c.io.messages.some((m) => m.code === 'AUTOSCALE_SCALED')) await new Promise((r) => setTimeout(r, 5));
        const scaled = c.io.messages.find((m) => m.code === 'AUTOSCALE_SCALED')!;
        // The message is sent once UpdateService has returned: step → the call made.
        decision.push((scaled.time.getTime() - stepAt) * SPEED);
        const to = (scaled.data as { to: number }).to;
        await runningCount(w, 'bench', service, to, 120_000);
        while ((c.polls.at(-1)?.view?.tasks.filter((t) => t.load !== undefined).length ?? 0) < to)
          await new Promise((r) => setTimeout(r, 5));
        ready.push((Date.now() - stepAt) * SPEED);
      } finally {
        await c.stop();
        await (await w.admin.ecs()).updateService({ cluster: 'bench', service, desiredCount: 0 });
      }
    }
  } finally {
    await w.close();
  }
  return { decision, ready };
}

/** 50 tasks (a `sleep` each) whose load endpoints one server here answers on their addresses; the controller in its own process. */
async function fiftyTasks(): Promise<{
  cpuMs: number;
  wallMs: number;
  rssMb: number;
  maxRssMb: number;
  polls: number;
  answeredPerPoll: number;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-as-bench-'));
  writeFileSync(join(dir, 'images.json'), JSON.stringify({ images: { 'bench/sleep:1': { command: ['sleep', '3600'] } } }));
  const sandbox = await withSandbox({ speed: SPEED, imageMapPath: join(dir, 'images.json') });
  const servers: Server[] = [];
  const clients = createAwsClients(
    { region: sandbox.region, endpoint: sandbox.endpoint, credentials: { accessKeyId: 'AKIABENCHADMIN000001', secretAccessKey: 'x' } },
    {},
  );
  try {
    const ecs = await clients.ecs();
    await ecs.createCluster({ clusterName: 'fifty' });
    const td = await ecs.registerTaskDefinition({
      family: 'fifty',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'bench/sleep:1', essential: true, portMappings: [{ containerPort: 8080 }] }],
    });
    await ecs.createService({
      cluster: 'fifty',
      serviceName: 'app',
      taskDefinition: td.taskDefinition!.taskDefinitionArn!,
      desiredCount: 50,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } },
    });
    for (;;) {
      const s = (await ecs.describeServices({ cluster: 'fifty', services: ['app'] })).services![0]!;
      if (s.runningCount === 50) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const arns = (await ecs.listTasks({ cluster: 'fifty', serviceName: 'app' })).taskArns!;
    const tasks = (await ecs.describeTasks({ cluster: 'fifty', tasks: arns })).tasks!;
    for (const t of tasks) {
      const ip = t.attachments![0]!.details!.find((d) => d.name === 'privateIPv4Address')!.value!;
      const server = createServer((_, res) =>
        res.end('Active connections: 3 \nserver accepts handled requests\n 10 10 10 \nReading: 0 Writing: 1 Waiting: 2 \n'),
      );
      await new Promise<void>((r) => server.listen(8080, ip, r));
      servers.push(server);
    }
    const spec = {
      service: 'app',
      source: { kind: 'nginx', port: 8080 },
      target: 3,
      min: 50,
      max: 50,
      poll: '1s',
      application_auto_scaling: 'leave',
    };
    const child = await run$(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./autoscale-controller.ts', import.meta.url))], {
      env: { ...process.env, SPEC: JSON.stringify(spec), CLUSTER: 'fifty', ENDPOINT: sandbox.endpoint, DURATION_MS: '30000' },
    });
    return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
  } finally {
    clients.close?.();
    for (const s of servers) s.close();
    await sandbox.close();
  }
}

export async function run(): Promise<readonly BenchFigure[]> {
  const { decision, ready } = await latencies();
  const fifty = await fiftyTasks();
  const d = median(decision) / 1000;
  return [
    {
      name: `cortado: decision latency, step → UpdateService (median of ${STEPS})`,
      value: d,
      unit: 'simulated s',
      note: `max ${max(decision) / 1000}; target ≤ 3 s; poll 1 simulated s at speed ${SPEED}`,
    },
    {
      name: `cortado: capacity-ready latency, step → new tasks answering`,
      value: median(ready) / 1000,
      unit: 'simulated s',
      note: 'the sandbox starts a task in a few simulated s',
    },
    {
      name: 'AAS target tracking (standard / 20 s metrics): decision latency',
      value: NaN,
      unit: 'simulated s',
      note:
        "not measured here: needs the sandbox's acting target tracking (AWS's own figures: 363 s / 86 s; ratio vs cortado then ≈ " +
        `${Math.round(363 / d)}× / ${Math.round(86 / d)}×)`,
    },
    {
      name: 'controller polling 50 tasks every 1 s: CPU',
      value: (100 * fifty.cpuMs) / fifty.wallMs,
      unit: '% of one core',
      note: `${fifty.polls} polls in ${Math.round(fifty.wallMs / 1000)} s, ${Math.round(fifty.answeredPerPoll)} tasks answered per poll`,
    },
    {
      name: 'controller polling 50 tasks every 1 s: memory (RSS)',
      value: fifty.rssMb,
      unit: 'MB',
      note: `max RSS ${Math.round(fifty.maxRssMb)} MB`,
    },
  ];
}
