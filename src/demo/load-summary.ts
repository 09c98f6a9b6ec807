// Pure: what a load run achieved (rate, status counts, latency percentiles) and how it reads as text.
import type { LoadProfile } from './load-profile.js';

export interface LoadSummary {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly profile: LoadProfile;
  /** Requests sent; `skipped` were due while the concurrency limit was reached and never sent. */
  readonly sent: number;
  readonly skipped: number;
  readonly answered: number;
  /** Answered requests per second over the run. */
  readonly achievedRate: number;
  /** Status code → count; "0" is a request without an answer (connection error or timeout). */
  readonly statuses: Readonly<Record<string, number>>;
  readonly latencyMs: {
    readonly p50?: number;
    readonly p90?: number;
    readonly p99?: number;
    readonly max?: number;
    readonly mean?: number;
  };
}

/** One second of a run, for a live view. */
export interface SecondStats {
  readonly elapsedMs: number;
  readonly targetRate: number;
  readonly sent: number;
  readonly answered: number;
  /** Answers with status 0 or 5xx. */
  readonly errors: number;
  readonly inFlight: number;
  readonly p99Ms?: number | undefined;
}

/** Nearest-rank percentile of values sorted ascending (undefined for none). */
export const rankOf = (sorted: readonly number[], p: number): number | undefined =>
  sorted.length === 0 ? undefined : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/** Nearest-rank percentile of unsorted values (undefined for none). */
export const percentile = (xs: readonly number[], p: number): number | undefined =>
  rankOf(
    [...xs].sort((a, b) => a - b),
    p,
  );

export function summarise(r: {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly sent: number;
  readonly skipped: number;
  readonly inFlight: number;
  readonly statuses: ReadonlyMap<number, number>;
  readonly latencies: readonly number[];
  readonly profile: LoadProfile;
}): LoadSummary {
  const durationMs = Math.max(0, r.endedAt - r.startedAt);
  const answered = r.latencies.length;
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const rank = (p: number) => rankOf(sorted, p);
  const latencyMs =
    answered === 0
      ? {}
      : {
          p50: rank(50)!,
          p90: rank(90)!,
          p99: rank(99)!,
          max: sorted[sorted.length - 1]!,
          mean: sorted.reduce((a, b) => a + b, 0) / answered,
        };
  return {
    startedAt: new Date(r.startedAt).toISOString(),
    durationMs,
    profile: r.profile,
    sent: r.sent,
    skipped: r.skipped,
    answered,
    achievedRate: durationMs > 0 ? Math.round((answered / durationMs) * 1000 * 10) / 10 : 0,
    statuses: Object.fromEntries([...r.statuses].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v])),
    latencyMs,
  };
}

const ms = (v: number | undefined): string => (v === undefined ? '-' : `${v.toFixed(v < 10 ? 1 : 0)}ms`);

export function describeProfile(p: LoadProfile): string {
  if (p.kind === 'constant') return `${p.rate}/s`;
  if (p.kind === 'ramp') return `ramp ${p.from}→${p.to}/s over ${p.ms / 1000}s`;
  return `steps ${p.steps.map((s) => `${s.rate}/s for ${s.ms / 1000}s`).join(', ')}`;
}

export function renderSummary(s: LoadSummary): string {
  const statuses = Object.entries(s.statuses)
    .map(([code, n]) => `${code === '0' ? 'no answer' : code} ${n}`)
    .join(', ');
  return [
    `load ${describeProfile(s.profile)} for ${(s.durationMs / 1000).toFixed(1)}s: ${s.answered} answered of ${s.sent} sent` +
      `${s.skipped > 0 ? ` (${s.skipped} skipped at the concurrency limit)` : ''}, ${s.achievedRate}/s achieved`,
    `statuses: ${statuses || 'none'}`,
    `latency: p50 ${ms(s.latencyMs.p50)}, p90 ${ms(s.latencyMs.p90)}, p99 ${ms(s.latencyMs.p99)}, max ${ms(s.latencyMs.max)}`,
  ].join('\n');
}

export const renderSecond = (s: SecondStats): string =>
  `${(s.elapsedMs / 1000).toFixed(0).padStart(4)}s  target ${s.targetRate.toFixed(0)}/s  sent ${s.sent}  answered ${s.answered}` +
  `  errors ${s.errors}  in flight ${s.inFlight}  p99 ${ms(s.p99Ms)}`;
