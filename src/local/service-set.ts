// The sandbox's services as one replaceable set per region: built from the factories, closed at shutdown, rebuilt by a reset.
import type { SandboxClock } from './clock.js';
import { createDispatcher, type Dispatcher } from './dispatch.js';
import type { SandboxService } from './service.js';

/** The services of one region and the dispatcher over them. */
export interface RegionServices {
  readonly services: readonly SandboxService[];
  readonly dispatcher: Dispatcher;
}

export interface ServiceSet {
  /** The default region's services. */
  readonly services: readonly SandboxService[];
  readonly dispatcher: Dispatcher;
  /** A region's services, built on the first request signed for it (global services are the default region's). */
  region(name: string): RegionServices;
  /** Every service instance of every region built so far (each once). */
  all(): readonly SandboxService[];
  /** The regions built so far by name, the default one included. */
  built(): ReadonlyMap<string, readonly SandboxService[]>;
  /** Resolves once no reset is running: requests wait for it, so none reaches a half-built set. */
  ready(): Promise<void> | undefined;
  /** Stops every task process, timer and listener port, and starts again from empty state; resolves to the time it took. */
  reset(): Promise<number>;
  close(): Promise<void>;
}

/** Builds a region's services; `base` is the default region's, whose global services a region shares. */
export type RegionBuilder = (region: string, base?: readonly SandboxService[]) => SandboxService[];

/** `us-east-1`, `eu-central-1`, `us-gov-west-1`: anything else is served by the default region. */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** More regions than AWS has are refused (served by the default region) so a client cannot grow the sandbox without bound. */
const MAX_REGIONS = 40;

export function createServiceSet(build: RegionBuilder, defaultRegion: string, clock: SandboxClock, afterReset: () => void): ServiceSet {
  const fresh = (): Map<string, RegionServices> => {
    const services = build(defaultRegion);
    return new Map([[defaultRegion, { services, dispatcher: createDispatcher(services) }]]);
  };
  let regions = fresh();
  let resetting: Promise<number> | undefined;
  let closed = false;
  const home = () => regions.get(defaultRegion)!;
  const all = () => [...new Set([...regions.values()].flatMap((r) => r.services))];

  const stop = async (set: readonly SandboxService[], immediate: boolean) => {
    clock.cancelAll();
    await Promise.allSettled(set.map((s) => s.close?.({ immediate })));
    // A service's close may have left one last timer behind (a drain step woken by the close itself).
    clock.cancelAll();
  };

  return {
    get services() {
      return home().services;
    },
    get dispatcher() {
      return home().dispatcher;
    },
    region(name) {
      const hit = regions.get(name);
      if (hit) return hit;
      if (!REGION_NAME.test(name) || regions.size >= MAX_REGIONS || closed) return home();
      const services = build(name, home().services);
      const built = { services, dispatcher: createDispatcher(services) };
      regions.set(name, built);
      return built;
    },
    all,
    built: () => new Map([...regions].map(([name, r]) => [name, r.services])),
    ready: () => resetting?.then(() => undefined),
    reset() {
      resetting ??= (async () => {
        const started = performance.now();
        try {
          await stop(all(), true);
          if (!closed) {
            regions = fresh();
            afterReset();
          }
          return performance.now() - started;
        } finally {
          resetting = undefined;
        }
      })();
      return resetting;
    },
    async close() {
      closed = true;
      if (resetting) await resetting;
      await stop(all(), false);
    },
  };
}
