// The autoscaler's sandbox fixture: a service of load-app tasks (their load set by the test) and controllers wired to it in-process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AwsClients, createAwsClients } from '../../src/aws/aws-clients.js';
import { autoscaleAws, type AutoscaleAws } from '../../src/autoscale/autoscale-aws.js';
import type { AutoscaleSpec } from '../../src/autoscale/autoscale-spec.js';
import { parseAutoscaleConfig } from '../../src/autoscale/config/autoscale-config.js';
import { runController } from '../../src/autoscale/controller.js';
import type { PollRecord } from '../../src/autoscale/poll-record.js';
import { systemClock } from '../../src/core/clock.js';
import { recordingHost } from '../../src/core/io-host.js';
import type { Sandbox } from '../../src/local/index.js';
import { withSandbox } from '../helpers/sandbox.js';
import { startLoadServer, type LoadServer } from './load-server.js';

export const IMAGE = 'autoscale/load-app:1';
export const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] } };

export interface World {
  readonly sandbox: Sandbox;
  readonly load: LoadServer;
  readonly admin: AwsClients;
  clients(accessKeyId: string): AwsClients;
  close(): Promise<void>;
}

export async function startWorld(speed = 10): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-autoscale-'));
  const app = fileURLToPath(new URL('./fixtures/load-app.mjs', import.meta.url));
  writeFileSync(join(dir, 'images.json'), JSON.stringify({ images: { [IMAGE]: { command: [process.execPath, app] } } }));
  const sandbox = await withSandbox({ speed, imageMapPath: join(dir, 'images.json') });
  const load = await startLoadServer();
  const made: AwsClients[] = [];
  const clients = (accessKeyId: string) => {
    const c = createAwsClients(
      {
        region: sandbox.region,
        endpoint: sandbox.endpoint,
        maxAttempts: 2,
        credentials: { accessKeyId, secretAccessKey: 'cortado-test-secret' },
      },
      {},
    );
    made.push(c);
    return c;
  };
  const admin = clients('AKIACORTADOTEST00001');
  return {
    sandbox,
    load,
    admin,
    clients,
    close: async () => {
      for (const c of made) c.close?.();
      await load.close();
      await sandbox.close();
    },
  };
}

/** A cluster and a service of `count` load-app tasks (awsvpc, port 8080), waiting until they run. */
export async function createService(w: World, cluster: string, service: string, count: number): Promise<void> {
  const ecs = await w.admin.ecs();
  await ecs.createCluster({ clusterName: cluster });
  const td = await ecs.registerTaskDefinition({
    family: service,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'app',
        image: IMAGE,
        essential: true,
        portMappings: [{ containerPort: 8080 }],
        environment: [{ name: 'LOAD_URL', value: w.load.url }],
      },
    ],
  });
  await ecs.createService({
    cluster,
    serviceName: service,
    taskDefinition: td.taskDefinition!.taskDefinitionArn!,
    desiredCount: count,
    launchType: 'FARGATE',
    networkConfiguration: NETWORK,
  });
  await runningCount(w, cluster, service, count);
}

export async function runningCount(w: World, cluster: string, service: string, count: number, timeoutMs = 60_000): Promise<void> {
  const ecs = await w.admin.ecs();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = (await ecs.describeServices({ cluster, services: [service] })).services?.[0];
    if (s?.runningCount === count && s.desiredCount === count) return;
    if (Date.now() > deadline) throw new Error(`${service}: running ${s?.runningCount}/${s?.desiredCount}, waited for ${count}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function specFor(cluster: string, service: string, raw: Record<string, unknown>): AutoscaleSpec {
  return parseAutoscaleConfig({ service, ...raw }, { cluster }, { strict: true });
}

export interface Controller {
  readonly owner: string;
  readonly polls: PollRecord[];
  readonly io: ReturnType<typeof recordingHost>;
  readonly done: Promise<unknown>;
  /** Cuts the controller off from AWS mid-flight, as a kill -9 would: every call hangs from now on; nothing is cleaned up. */
  kill(): void;
  /** Ctrl-C: aborts it and waits for its clean exit (lease given back, AAS resumed). */
  stop(): Promise<void>;
}

/** An in-process controller with its own access key (its calls are told apart in the call log). */
export async function startController(w: World, spec: AutoscaleSpec, owner: string, accessKeyId: string): Promise<Controller> {
  const real = await autoscaleAws(w.clients(accessKeyId), spec.source.kind);
  let dead = false;
  const cut = <T extends object>(seam: T): T =>
    new Proxy(seam, {
      get: (target, op) => {
        const f = (target as Record<string | symbol, unknown>)[op];
        if (typeof f !== 'function') return f;
        return (...args: unknown[]) => (dead ? new Promise(() => undefined) : (f as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
  const aws: AutoscaleAws = { ecs: cut(real.ecs), aas: cut(real.aas), cloudwatch: cut(real.cloudwatch), elb: cut(real.elb) };
  const io = recordingHost();
  const polls: PollRecord[] = [];
  const ac = new AbortController();
  const done = runController(spec, { aws, clock: systemClock, io, owner, onPoll: (r) => polls.push(r) }, ac.signal).catch(
    (e: unknown) => e,
  );
  return {
    owner,
    polls,
    io,
    done,
    kill: () => {
      dead = true;
    },
    stop: async () => {
      ac.abort(new Error('stopped'));
      await done;
    },
  };
}
