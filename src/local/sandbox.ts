// startSandbox(): builds every service, listens on one port, and tears everything down on close().
import type { AddressInfo } from 'node:net';
import { createCallLog } from './call-log.js';
import { createClock } from './clock.js';
import { createConsistency } from './consistency.js';
import { createDispatcher } from './dispatch.js';
import type { SandboxEnv } from './env.js';
import { createFaults } from './faults.js';
import { DEFAULTS, type SandboxOptions } from './options.js';
import { createSandboxServer } from './server.js';
import type { SandboxService } from './service.js';
import { SERVICE_FACTORIES, type ServiceFactory } from './services/index.js';
import { loadState, saveState } from './state-file.js';

export interface Sandbox {
  /** e.g. http://127.0.0.1:4566 */
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  readonly services: readonly SandboxService[];
  /** Stops every task process and timer, saves state (with --state-dir), and closes the port. */
  close(): Promise<void>;
}

export interface StartOptions extends SandboxOptions {
  /** For tests: build only these services instead of all of them. */
  readonly factories?: readonly ServiceFactory[];
}

const STATE_SAVE_INTERVAL_MS = 2000;

export async function startSandbox(options: StartOptions = {}): Promise<Sandbox> {
  const region = options.region ?? DEFAULTS.region;
  const accountId = options.accountId ?? DEFAULTS.accountId;
  const host = options.host ?? DEFAULTS.host;
  const clock = createClock(options.speed ?? DEFAULTS.speed);
  const faults = createFaults({
    latencyMs: options.latencyMs ?? 0,
    errorRate: options.errorRate ?? 0,
    consistencyDelayMs: options.consistencyDelayMs ?? 0,
  });
  let endpoint = '';
  const env: SandboxEnv = {
    region, accountId, clock,
    consistency: createConsistency(() => faults.settings().consistencyDelayMs),
    seams: {},
    endpoint: () => endpoint,
    ...(options.stateDir ? { stateDir: options.stateDir } : {}),
  };
  const services = (options.factories ?? SERVICE_FACTORIES).map((f) => f(env, options));
  const calls = createCallLog();
  const server = createSandboxServer({
    region, accountId, services, calls, faults,
    dispatcher: createDispatcher(services),
    ...(options.signatureKeys ? { signatureKeys: new Map(Object.entries(options.signatureKeys)) } : {}),
    info: () => ({ region, accountId, speed: clock.speed, services: services.map((s) => s.name), stateDir: options.stateDir ?? null }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULTS.port, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (options.stateDir) await loadState(options.stateDir, services);
  const saver = options.stateDir ? setInterval(() => saveState(options.stateDir!, services), STATE_SAVE_INTERVAL_MS) : undefined;
  saver?.unref();

  let closing: Promise<void> | undefined;
  return {
    endpoint, port, region, accountId, services,
    close() {
      closing ??= (async () => {
        if (saver) clearInterval(saver);
        if (options.stateDir) saveState(options.stateDir, services);
        clock.cancelAll();
        await Promise.allSettled(services.map((s) => s.close?.()));
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}
