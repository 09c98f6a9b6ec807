// The campaign's faults: latency, 5xx and read-after-write delay as sandbox settings, throttling held near its target share of
// calls by adjusting the sandbox's token buckets, and every injected fault counted from the sandbox's call log.
import { setFaults } from '../../test/helpers/sandbox.js';
export interface FaultPlan {
  readonly throttleShare: number;
  readonly errorRate: number;
  readonly consistencyDelayMs: number;
  readonly latencyMs: number;
}

export const CAMPAIGN_FAULTS: FaultPlan = { throttleShare: 0.1, errorRate: 0.01, consistencyDelayMs: 500, latencyMs: 50 };

interface LoggedCall {
  readonly seq: number;
  readonly service: string;
  readonly operation: string;
  readonly status: number;
  readonly errorCode?: string;
  readonly accessKeyId?: string;
}

export interface FaultCounts {
  calls: number;
  throttled: number;
  serverErrors: number;
}

const THROTTLE_CODES = new Set(['ThrottlingException', 'Throttling', 'SlowDown', 'RequestLimitExceeded']);
const zero = (): FaultCounts => ({ calls: 0, throttled: 0, serverErrors: 0 });

export interface FaultMeter {
  /** Counts per caller group (the access key id's prefix up to its first digit run, see `group`). */
  readonly byGroup: Map<string, FaultCounts>;
  total(): FaultCounts;
  stop(): Promise<void>;
}

/**
 * Sets the faults and starts metering. Throttling: one token bucket per operation at `rate` calls/s; every second the rate is
 * moved so the throttled share of the last second's calls tends to `throttleShare` (busy operations are throttled first, as
 * on AWS, where limits are per operation).
 */
export async function startFaults(endpoint: string, plan: FaultPlan, group: (accessKeyId: string) => string): Promise<FaultMeter> {
  let rate = 2;
  let windowCalls = 0;
  let windowThrottled = 0;
  const rule = () =>
    plan.throttleShare > 0 ? [{ service: '*', operation: '*', rate, burst: Math.max(1, Math.min(5, Math.round(rate))) }] : [];
  await setFaults(endpoint, {
    errorRate: plan.errorRate,
    consistencyDelayMs: plan.consistencyDelayMs,
    latencyMs: plan.latencyMs,
    throttle: rule(),
  });
  const byGroup = new Map<string, FaultCounts>();
  let since = 0;
  let stopped = false;
  const tick = async () => {
    const res = await fetch(`${endpoint}/_cortado/calls?since=${since}`);
    const { calls } = (await res.json()) as { calls: LoggedCall[] };
    for (const c of calls) {
      since = Math.max(since, c.seq);
      const g = group(c.accessKeyId ?? '');
      const counts = byGroup.get(g) ?? zero();
      byGroup.set(g, counts);
      counts.calls++;
      // The share is held on the commands' calls; the campaign's own checks (group CHK) are not what is measured.
      const measured = g !== 'CHK';
      if (measured) windowCalls++;
      if (c.errorCode && THROTTLE_CODES.has(c.errorCode)) {
        counts.throttled++;
        if (measured) windowThrottled++;
      } else if (c.status >= 500) counts.serverErrors++;
    }
    if (plan.throttleShare > 0 && windowCalls >= 40) {
      const share = windowThrottled / windowCalls;
      windowCalls = 0;
      windowThrottled = 0;
      const next = share > plan.throttleShare * 1.2 ? rate * 1.25 : share < plan.throttleShare * 0.8 ? rate / 1.25 : rate;
      if (next !== rate) {
        rate = Math.min(1000, Math.max(0.05, next));
        await setFaults(endpoint, { throttle: rule() });
      }
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, 1000));
      await tick().catch(() => undefined);
    }
    await tick().catch(() => undefined);
  })();
  return {
    byGroup,
    total: () => {
      const t = zero();
      for (const c of byGroup.values()) {
        t.calls += c.calls;
        t.throttled += c.throttled;
        t.serverErrors += c.serverErrors;
      }
      return t;
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
