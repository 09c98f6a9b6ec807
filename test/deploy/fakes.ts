// Test doubles for the deploy engine: a fake clock, a scripted ECS seam that counts calls, and a context around them.
import type { AwsClients } from '../../src/aws/aws-clients.js';
import type { EcsApi } from '../../src/aws/ecs-api.js';
import type { Clock } from '../../src/core/clock.js';
import { recordingHost } from '../../src/core/io-host.js';
import type { DeployContext } from '../../src/deploy/deploy-context.js';

export function fakeClock(start = Date.UTC(2026, 10, 22)): Clock & { readonly sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(now),
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** Every method throws unless the test scripted it; `calls` lists operation names in order. */
export function fakeEcs(script: Partial<Record<keyof EcsApi, (input: never) => unknown>>): EcsApi & { readonly calls: string[] } {
  const calls: string[] = [];
  return new Proxy({ calls } as unknown as EcsApi & { calls: string[] }, {
    get(target, prop: string) {
      if (prop === 'calls') return calls;
      if (prop === 'then') return undefined;
      return async (input: never) => {
        calls.push(prop);
        const fn = script[prop as keyof EcsApi];
        if (!fn) throw new Error(`unexpected call ${prop}`);
        return fn(input);
      };
    },
  });
}

export function fakeContext(ecs: EcsApi, opts: { clock?: Clock; signal?: AbortSignal; timeoutMs?: number; pollIntervalMs?: number } = {}) {
  const host = recordingHost();
  const aws = { settings: { region: 'us-east-1' }, ecs: async () => ecs } as unknown as AwsClients;
  const ctx = {
    config: { cluster: 'c', service: 'web', path: '/x/cortado.yml', ignoreTags: [] },
    aws,
    host,
    clock: opts.clock ?? fakeClock(),
    signal: opts.signal ?? new AbortController().signal,
    timeoutMs: opts.timeoutMs ?? 60_000,
    pollIntervalMs: opts.pollIntervalMs ?? 5_000,
    serviceName: () => 'web',
  } as unknown as DeployContext;
  return { ctx, host };
}
