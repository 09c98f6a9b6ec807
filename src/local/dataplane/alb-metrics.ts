// AWS/ApplicationELB metrics as an ALB publishes them, one datum per request per metric and dimension set, at request time.
import type { MetricSink } from '../env.js';

type Dimensions = ReadonlyArray<{ readonly name: string; readonly value: string }>;

export const ALB_NAMESPACE = 'AWS/ApplicationELB';

export interface AlbMetrics {
  /** A target answered (any status); `targets` is how many targets the group could route to (for RequestCountPerTarget). */
  targetResponse(lb: string, tg: string, status: number, seconds: number, failOpen: boolean, targets: number): void;
  /** A target was chosen but failed: 502 (connection error) or 504 (no answer within the idle timeout). */
  targetFailure(lb: string, tg: string, status: 502 | 504, connectionError: boolean, targets: number): void;
  /** The load balancer answered by itself: no routable target, a fixed response, a redirect or a malformed request. */
  elbResponse(lb: string, status: number, cause: 'no-target' | 'fixed-response' | 'redirect' | 'client-error'): void;
  hostCounts(lb: string, tg: string, healthy: number, unhealthy: number): void;
}

const CLASS_NAMES = ['', '', '2XX', '3XX', '4XX', '5XX'];

/**
 * A response time to three significant digits (0.5 % at most off). CloudWatch keeps raw values for exact percentiles:
 * every distinct latency is an entry per second for three hours, and measured latencies are almost all distinct.
 */
export function responseTimeValue(seconds: number): number {
  if (!(seconds > 0) || !Number.isFinite(seconds)) return 0;
  // Scaled by an integer power of ten and divided back: the nearest double of the rounded decimal.
  const exponent = 2 - Math.floor(Math.log10(seconds));
  if (exponent <= 0) return Math.round(seconds / 10 ** -exponent) * 10 ** -exponent;
  return Math.round(seconds * 10 ** exponent) / 10 ** exponent;
}
const ELB_SPECIFIC = new Set([500, 502, 503, 504]);

export function createAlbMetrics(sink: () => MetricSink | undefined): AlbMetrics {
  const lbDims = new Map<string, Dimensions>();
  const pairDims = new Map<string, Dimensions>();
  const forLb = (lb: string): Dimensions => {
    let d = lbDims.get(lb);
    if (!d) {
      d = [{ name: 'LoadBalancer', value: lb }];
      lbDims.set(lb, d);
    }
    return d;
  };
  const forPair = (lb: string, tg: string): Dimensions => {
    const key = `${lb} ${tg}`;
    let d = pairDims.get(key);
    if (!d) {
      d = [
        { name: 'TargetGroup', value: tg },
        { name: 'LoadBalancer', value: lb },
      ];
      pairDims.set(key, d);
    }
    return d;
  };
  const put = (s: MetricSink, name: string, dimensions: Dimensions, value: number, unit: string, timestamp: Date) =>
    s.put({ namespace: ALB_NAMESPACE, name, dimensions, value, unit, timestamp });
  const both = (s: MetricSink, lb: string, tg: string, name: string, value: number, unit: string, t: Date) => {
    put(s, name, forLb(lb), value, unit, t);
    put(s, name, forPair(lb, tg), value, unit, t);
  };
  const tgDims = new Map<string, Dimensions>();
  const forTg = (tg: string): Dimensions => {
    let d = tgDims.get(tg);
    if (!d) {
      d = [{ name: 'TargetGroup', value: tg }];
      tgDims.set(tg, d);
    }
    return d;
  };
  // RequestCountPerTarget's Sum is RequestCount divided by the group's targets: each request adds 1/targets (TG; TG,LB).
  const perTarget = (s: MetricSink, lb: string, tg: string, targets: number, t: Date) => {
    const share = 1 / Math.max(1, targets);
    put(s, 'RequestCountPerTarget', forTg(tg), share, 'Count', t);
    put(s, 'RequestCountPerTarget', forPair(lb, tg), share, 'Count', t);
  };
  const elbCodes = (s: MetricSink, lb: string, status: number, t: Date) => {
    const cls = CLASS_NAMES[Math.floor(status / 100)];
    if (cls && cls !== '2XX') put(s, `HTTPCode_ELB_${cls}_Count`, forLb(lb), 1, 'Count', t);
    if (ELB_SPECIFIC.has(status)) put(s, `HTTPCode_ELB_${status}_Count`, forLb(lb), 1, 'Count', t);
  };
  return {
    targetResponse(lb, tg, status, seconds, failOpen, targets) {
      const s = sink();
      if (!s) return;
      const t = new Date();
      both(s, lb, tg, 'RequestCount', 1, 'Count', t);
      perTarget(s, lb, tg, targets, t);
      const cls = CLASS_NAMES[Math.floor(status / 100)];
      if (cls) both(s, lb, tg, `HTTPCode_Target_${cls}_Count`, 1, 'Count', t);
      both(s, lb, tg, 'TargetResponseTime', responseTimeValue(seconds), 'Seconds', t);
      if (failOpen) put(s, 'UnhealthyRoutingRequestCount', forPair(lb, tg), 1, 'Count', t);
    },
    targetFailure(lb, tg, status, connectionError, targets) {
      const s = sink();
      if (!s) return;
      const t = new Date();
      both(s, lb, tg, 'RequestCount', 1, 'Count', t);
      perTarget(s, lb, tg, targets, t);
      if (connectionError) both(s, lb, tg, 'TargetConnectionErrorCount', 1, 'Count', t);
      elbCodes(s, lb, status, t);
    },
    elbResponse(lb, status, cause) {
      const s = sink();
      if (!s) return;
      const t = new Date();
      if (cause === 'fixed-response') put(s, 'HTTP_Fixed_Response_Count', forLb(lb), 1, 'Count', t);
      if (cause === 'redirect') put(s, 'HTTP_Redirect_Count', forLb(lb), 1, 'Count', t);
      elbCodes(s, lb, status, t);
    },
    hostCounts(lb, tg, healthy, unhealthy) {
      const s = sink();
      if (!s) return;
      const t = new Date();
      put(s, 'HealthyHostCount', forPair(lb, tg), healthy, 'Count', t);
      put(s, 'UnHealthyHostCount', forPair(lb, tg), unhealthy, 'Count', t);
    },
  };
}
