// Injected faults for measurement: latency, throttling by token bucket, random 5xx, read-after-write delay.
export interface ThrottleRule {
  /** Service name (e.g. 'ecs') or '*' */
  readonly service: string;
  /** Operation name or '*' */
  readonly operation: string;
  /** Sustained calls per second. */
  readonly rate: number;
  /** Bucket size (calls allowed at once). */
  readonly burst: number;
}

export interface FaultSettings {
  readonly latencyMs: number;
  readonly errorRate: number;
  readonly consistencyDelayMs: number;
  readonly throttle: readonly ThrottleRule[];
}

export const NO_FAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, consistencyDelayMs: 0, throttle: [] };

export type FaultDecision = { readonly kind: 'pass' } | { readonly kind: 'throttle' } | { readonly kind: 'error' };

interface Bucket {
  tokens: number;
  last: number;
}

export interface Faults {
  settings(): FaultSettings;
  update(patch: Partial<FaultSettings>): FaultSettings;
  decide(service: string, operation: string, nowMs: number): FaultDecision;
}

export function validateFaults(patch: unknown): Partial<FaultSettings> {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw new Error('faults must be a JSON object');
  const p = patch as Record<string, unknown>;
  const out: { -readonly [K in keyof FaultSettings]?: FaultSettings[K] } = {};
  const num = (key: 'latencyMs' | 'errorRate' | 'consistencyDelayMs', max: number) => {
    if (p[key] === undefined) return;
    const v = p[key];
    if (typeof v !== 'number' || !(v >= 0) || v > max)
      throw new Error(`${key} must be a number between 0 and ${max}, got ${JSON.stringify(v)}`);
    out[key] = v;
  };
  num('latencyMs', 600_000);
  num('errorRate', 1);
  num('consistencyDelayMs', 600_000);
  if (p.throttle !== undefined) {
    if (!Array.isArray(p.throttle)) throw new Error('throttle must be a list of {service, operation, rate, burst}');
    out.throttle = p.throttle.map((r: unknown, i) => {
      const rule = (r ?? {}) as Record<string, unknown>;
      const rate = rule.rate,
        burst = rule.burst ?? rule.rate;
      if (typeof rate !== 'number' || rate < 0) throw new Error(`throttle[${i}].rate must be a number >= 0`);
      if (typeof burst !== 'number' || burst < 0) throw new Error(`throttle[${i}].burst must be a number >= 0`);
      return { service: String(rule.service ?? '*'), operation: String(rule.operation ?? '*'), rate, burst };
    });
  }
  for (const key of Object.keys(p)) {
    if (!['latencyMs', 'errorRate', 'consistencyDelayMs', 'throttle'].includes(key))
      throw new Error(`unknown fault setting ${key}; expected latencyMs, errorRate, consistencyDelayMs or throttle`);
  }
  return out;
}

export function createFaults(initial: Partial<FaultSettings> = {}, random: () => number = Math.random): Faults {
  let current: FaultSettings = { ...NO_FAULTS, ...initial };
  let buckets = new Map<string, Bucket>();
  return {
    settings: () => current,
    update(patch) {
      current = { ...current, ...patch };
      if (patch.throttle) buckets = new Map();
      return current;
    },
    decide(service, operation, nowMs) {
      for (const rule of current.throttle) {
        if ((rule.service !== '*' && rule.service !== service) || (rule.operation !== '*' && rule.operation !== operation)) continue;
        const key = `${rule.service}/${rule.operation}/${rule.service === '*' ? service : ''}/${rule.operation === '*' ? operation : ''}`;
        const bucket = buckets.get(key) ?? { tokens: rule.burst, last: nowMs };
        bucket.tokens = Math.min(rule.burst, bucket.tokens + ((nowMs - bucket.last) / 1000) * rule.rate);
        bucket.last = nowMs;
        buckets.set(key, bucket);
        if (bucket.tokens < 1) return { kind: 'throttle' };
        bucket.tokens -= 1;
      }
      if (current.errorRate > 0 && random() < current.errorRate) return { kind: 'error' };
      return { kind: 'pass' };
    },
  };
}
