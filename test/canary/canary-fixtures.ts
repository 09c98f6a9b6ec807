// Scenario fixtures: a sandbox with the demo stack under load, a release wired to it, and what the controller reported.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AwsClients, createAwsClients } from '../../src/aws/aws-clients.js';
import type { ClientConfig } from '../../src/aws/client-config.js';
import { systemClock } from '../../src/core/clock.js';
import type { IoHost, IoMessage } from '../../src/core/io-host.js';
import { parseCanaryConfig } from '../../src/canary/config/canary-config.js';
import { openRelease, type OpenRelease } from '../../src/canary/open-release.js';
import { createDemoStack, listenerUrl, type DemoStack } from '../../src/demo/demo-stack.js';
import { startLoad, type LoadGenerator } from '../../src/demo/load-generator.js';
import type { Sandbox } from '../../src/local/index.js';
import { withSandbox } from '../helpers/sandbox.js';

export interface Fixture {
  readonly sandbox: Sandbox;
  readonly config: ClientConfig;
  readonly clients: AwsClients;
  readonly stack: DemoStack;
  readonly load: LoadGenerator;
  readonly url: string;
  close(): Promise<void>;
}

export const clientConfigFor = (sandbox: Sandbox): ClientConfig => ({
  region: sandbox.region,
  endpoint: sandbox.endpoint,
  retryMode: 'adaptive',
  maxAttempts: 3,
  credentials: async () => ({ accessKeyId: 'AKIACORTADOTEST00001', secretAccessKey: 'cortado-test-secret' }),
});

const TEST_CREDENTIALS = { accessKeyId: 'AKIACORTADOTEST00001', secretAccessKey: 'cortado-test-secret' };

/** cortado's own seams on the sandbox (what a session builds from --endpoint-url); an access key tells this actor's calls apart. */
export const clientsFor = (sandbox: Sandbox, accessKeyId = TEST_CREDENTIALS.accessKeyId): AwsClients =>
  createAwsClients(
    { region: sandbox.region, endpoint: sandbox.endpoint, maxAttempts: 3, credentials: { ...TEST_CREDENTIALS, accessKeyId } },
    {},
  );

/** A sandbox at speed 20, the demo's ALB + stable/canary services (v1, 2 tasks), and `rate` requests/s of load. */
export async function startFixture(name: string, rate = 150): Promise<Fixture> {
  const sandbox = await withSandbox({ speed: 20 });
  const config = clientConfigFor(sandbox);
  const clients = clientsFor(sandbox);
  const signal = new AbortController().signal;
  try {
    const stack = await createDemoStack(
      clients,
      { name, image: 'cortado/demo-app:v1', stableTasks: 2, stableTimeoutMs: 300_000 },
      { notify() {} },
      systemClock,
      signal,
    );
    const url = await listenerUrl(sandbox.endpoint, stack.listenerArn, signal);
    const load = startLoad(url, rate, 6);
    return {
      sandbox,
      config,
      clients,
      stack,
      load,
      url,
      close: async () => {
        clients.close?.();
        await load.stop();
        await sandbox.close();
      },
    };
  } catch (e) {
    await sandbox.close();
    throw e;
  }
}

/** Short intervals: the sandbox's ALB metrics have 1 s resolution. */
export const FAST_CANARY = {
  steps: [10, 50, 100],
  interval: '3s',
  analysis_interval: '1s',
  threshold: 2,
  min_requests: 10,
  no_data_limit: 5,
  metric_period: 1,
  canary_tasks: 1,
  poll: '200ms',
  lease: '3s',
  deploy_timeout: '60s',
  metrics: [
    { name: 'success-rate', min: 95 },
    { name: 'latency', percentile: 99, max: 2000 },
  ],
};

export function canarySection(f: Fixture, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...FAST_CANARY, service: f.stack.canaryService, listener_rule: f.stack.ruleArn, ...over };
}

export interface Recorder extends IoHost {
  readonly messages: IoMessage[];
}

export const recorder = (): Recorder => {
  const messages: IoMessage[] = [];
  return {
    messages,
    notify: (m) => {
      messages.push(m);
    },
  };
};

/** A release opened on the fixture; with `accessKeyId`, on clients of its own so its calls can be read apart (iam-coverage). */
export async function openFor(
  f: Fixture,
  section: Record<string, unknown>,
  io: IoHost,
  owner: string,
  accessKeyId?: string,
): Promise<OpenRelease> {
  const spec = parseCanaryConfig(section, f.stack.stableService);
  const clients = accessKeyId ? clientsFor(f.sandbox, accessKeyId) : f.clients;
  return openRelease({ cluster: f.stack.cluster, stableService: f.stack.stableService, spec }, clients, io, systemClock, owner);
}

/** A cortado.yml for CLI runs against the fixture (the task definition file is required by the deploy loader, unused here). */
export async function writeConfig(f: Fixture, section: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cortado-canary-'));
  await writeFile(join(dir, 'taskdef.json'), JSON.stringify({ family: f.stack.cluster, containerDefinitions: [] }));
  const yaml = (await import('yaml')).stringify({
    region: f.sandbox.region,
    cluster: f.stack.cluster,
    service: f.stack.stableService,
    task_definition: 'taskdef.json',
    canary: section,
  });
  await writeFile(join(dir, 'cortado.yml'), yaml);
  return dir;
}

export const weightEvents = (messages: readonly IoMessage[]) =>
  messages.filter((m) => m.code === 'CANARY_WEIGHTS_SET').map((m) => m.data as { canary: number; requestedAt: number; at: number });
