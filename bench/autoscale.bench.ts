// The autoscaler's figures: decision latency (load step → desired count changed) and capacity-ready latency (→ new tasks
// healthy) in simulated seconds for cortado and target tracking on one step, their ratios, and the CPU and memory of a
// controller polling 50 tasks every second.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createAwsClients } from '../src/aws/aws-clients.js';
import { withSandbox } from '../test/helpers/sandbox.js';
import { sideBySide, SPEED as SIDE_SPEED, type Latency } from './autoscale-side-by-side.js';
import type { BenchFigure } from './run.js';

export const title = 'Fast autoscaler: decision and capacity-ready latency; a controller polling 50 tasks';

const SPEED = 10;
const run$ = promisify(execFile);

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

const fmt = (n: number): string => (Number.isNaN(n) ? 'none' : n.toFixed(1));
const ratio = (slow: number, fast: number): number => (fast > 0 ? slow / fast : NaN);

export async function run(): Promise<readonly BenchFigure[]> {
  const { cortado, standard, highResolution } = await sideBySide();
  const fifty = await fiftyTasks();
  const latency = (who: string, l: Latency, unit: string, note: string): BenchFigure[] => [
    {
      name: `${who}: decision, step → desired count changed`,
      value: l.decisionS,
      unit,
      note: `to ${l.to}; ${note}${l.why ? `; ${l.why}` : ''}`,
    },
    { name: `${who}: capacity ready, step → new tasks healthy`, value: l.readyS, unit: 'simulated s' },
  ];
  return [
    ...latency('cortado', cortado, 's', `real s, polling every second; the sandbox at speed ${SIDE_SPEED}; target ≤ 3 s`),
    ...latency('AAS target tracking, 1-minute CPU', standard, 'simulated s', "AWS's own figure: 363 s"),
    ...latency('AAS target tracking, 20 s CPU', highResolution, 'simulated s', "AWS's own figure: 86 s"),
    {
      name: 'decision: 1-minute target tracking / cortado',
      value: ratio(standard.decisionS, cortado.decisionS),
      unit: '×',
      note: `capacity ready: ${fmt(ratio(standard.readyS, cortado.readyS))}×`,
    },
    {
      name: 'decision: 20 s target tracking / cortado',
      value: ratio(highResolution.decisionS, cortado.decisionS),
      unit: '×',
      note: `target ≥ 25×; capacity ready: ${fmt(ratio(highResolution.readyS, cortado.readyS))}×`,
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
