// startSandbox(): builds every service, listens on one port, and tears everything down on close().
import type { AddressInfo } from 'node:net';
import { createCallLog } from './call-log.js';
import { createClock } from './clock.js';
import { createConsistency } from './consistency.js';
import type { SandboxEnv } from './env.js';
import { createFaults } from './faults.js';
import { servedServices } from './health.js';
import { detectDocker, liveContainerCount } from './runtime/index.js';
import { DEFAULTS, type SandboxOptions } from './options.js';
import { createSandboxServer } from './server.js';
import type { SandboxService } from './service.js';
import { createServiceCaller } from './service-caller.js';
import { createServiceSet } from './service-set.js';
import { GLOBAL_FACTORIES, SERVICE_FACTORIES, type ServiceFactory } from './services/index.js';
import { loadState, saveState, type PersistedRegions } from './state-file.js';

export interface Sandbox {
  /** e.g. http://127.0.0.1:4566 */
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  /** The services as they are now (a reset replaces them). */
  readonly services: readonly SandboxService[];
  /**
   * Wipes all state, as `POST /_cortado/reset` does: stops every task process, timer and listener port, clears the
   * call log and the fault settings, and starts every service again empty. Resolves to the milliseconds it took.
   */
  reset(): Promise<number>;
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
  const initialFaults = {
    latencyMs: options.latencyMs ?? 0,
    errorRate: options.errorRate ?? 0,
    consistencyDelayMs: options.consistencyDelayMs ?? 0,
  };
  const faults = createFaults(initialFaults);
  let endpoint = '';
  let docker: Promise<boolean> | undefined;
  // Every build gets a fresh environment (its seams are filled in by the services it builds); each region has its own.
  const build = (buildRegion: string, base?: readonly SandboxService[]) => {
    const env: SandboxEnv = {
      region: buildRegion,
      accountId,
      clock,
      consistency: createConsistency(() => faults.settings().consistencyDelayMs),
      seams: {},
      endpoint: () => endpoint,
      detectDocker: () => (docker ??= detectDocker()),
      ...(options.stateDir ? { stateDir: options.stateDir } : {}),
    };
    const services = (options.factories ?? SERVICE_FACTORIES).map((f, i) =>
      base && GLOBAL_FACTORIES.has(f) && base[i] ? base[i] : f(env, options),
    );
    env.seams.caller = createServiceCaller(services, buildRegion, accountId, () => clock.now());
    return services;
  };
  const calls = createCallLog();
  const set = createServiceSet(build, region, clock, () => {
    calls.clear();
    faults.update({ ...initialFaults, throttle: [] });
    if (options.stateDir) saveState(options.stateDir, persisted);
  });
  const persisted: PersistedRegions = { home: region, built: () => set.built(), region: (name) => set.region(name).services };
  const server = createSandboxServer({
    region,
    accountId,
    calls,
    faults,
    get services() {
      return set.services;
    },
    get dispatcher() {
      return set.dispatcher;
    },
    dispatcherFor: (signedRegion) => set.region(signedRegion).dispatcher,
    allServices: () => set.all(),
    ready: () => set.ready(),
    reset: () => set.reset(),
    ...(options.signatureKeys ? { signatureKeys: new Map(Object.entries(options.signatureKeys)) } : {}),
    info: () => ({
      region,
      accountId,
      speed: clock.speed,
      services: set.services.map((s) => s.name),
      stateDir: options.stateDir ?? null,
      served: servedServices(set.services),
      // What a reset must bring back to nothing: pending sandbox timers and live task processes.
      timers: clock.pending(),
      taskProcesses: liveContainerCount(),
    }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULTS.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (options.stateDir) await loadState(options.stateDir, persisted);
  const saver = options.stateDir ? setInterval(() => saveState(options.stateDir!, persisted), STATE_SAVE_INTERVAL_MS) : undefined;
  saver?.unref();

  let closing: Promise<void> | undefined;
  return {
    endpoint,
    port,
    region,
    accountId,
    get services() {
      return set.services;
    },
    reset: () => set.reset(),
    close() {
      closing ??= (async () => {
        if (saver) clearInterval(saver);
        if (options.stateDir) saveState(options.stateDir, persisted);
        await set.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}
