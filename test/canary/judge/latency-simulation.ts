// Seeded latency samples for the judge's scenarios: per-period mean response times of log-normal requests, with rare spikes.

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller). */
export function gaussian(rand: () => number): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export interface LatencyModel {
  /** Median request latency, ms. */
  readonly medianMs: number;
  /** σ of log latency (0.5–0.8 is typical of web services). */
  readonly sigma: number;
  /** Requests in each period (what the target group served in that second). */
  readonly requestsPerPeriod: number;
  /** Chance that a period is hit by a stall (GC, noisy neighbour) that multiplies its latency by `spikeFactor`. */
  readonly spikeChance: number;
  readonly spikeFactor: number;
}

export const WEB_SERVICE: LatencyModel = { medianMs: 40, sigma: 0.6, requestsPerPeriod: 15, spikeChance: 0.03, spikeFactor: 6 };

/**
 * `periods` datapoints as CloudWatch reports TargetResponseTime per period (the Average statistic): the mean of that
 * period's request latencies, `slowdown` times the model's.
 */
export function periodMeans(rand: () => number, model: LatencyModel, periods: number, slowdown = 1): number[] {
  const out: number[] = [];
  const mu = Math.log(model.medianMs * slowdown);
  for (let p = 0; p < periods; p++) {
    let sum = 0;
    for (let r = 0; r < model.requestsPerPeriod; r++) sum += Math.exp(mu + model.sigma * gaussian(rand));
    const spike = rand() < model.spikeChance ? model.spikeFactor : 1;
    out.push((sum / model.requestsPerPeriod) * spike);
  }
  return out;
}
