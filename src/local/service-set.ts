// The sandbox's services as one replaceable set: built from the factories, closed at shutdown, rebuilt by a reset.
import type { SandboxClock } from './clock.js';
import { createDispatcher, type Dispatcher } from './dispatch.js';
import type { SandboxService } from './service.js';

export interface ServiceSet {
  readonly services: readonly SandboxService[];
  readonly dispatcher: Dispatcher;
  /** Resolves once no reset is running: requests wait for it, so none reaches a half-built set. */
  ready(): Promise<void> | undefined;
  /** Stops every task process, timer and listener port, and starts again from empty state; resolves to the time it took. */
  reset(): Promise<number>;
  close(): Promise<void>;
}

export function createServiceSet(build: () => SandboxService[], clock: SandboxClock, afterReset: () => void): ServiceSet {
  let services = build();
  let dispatcher = createDispatcher(services);
  let resetting: Promise<number> | undefined;
  let closed = false;

  const stop = async (set: readonly SandboxService[], immediate: boolean) => {
    clock.cancelAll();
    await Promise.allSettled(set.map((s) => s.close?.({ immediate })));
    // A service's close may have left one last timer behind (a drain step woken by the close itself).
    clock.cancelAll();
  };

  return {
    get services() {
      return services;
    },
    get dispatcher() {
      return dispatcher;
    },
    ready: () => resetting?.then(() => undefined),
    reset() {
      resetting ??= (async () => {
        const started = performance.now();
        try {
          await stop(services, true);
          if (!closed) {
            services = build();
            dispatcher = createDispatcher(services);
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
      await stop(services, false);
    },
  };
}
