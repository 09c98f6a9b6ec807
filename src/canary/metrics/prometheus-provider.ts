// Prometheus backend: one instant query over HTTP at the window's end; `${window}` becomes its length (e.g. 45s).
import { CortadoError } from '../../core/errors.js';
import type { MetricCheck } from '../canary-spec.js';
import { NoDataError, type MetricContext, type MetricProvider, type MetricReading } from './metric-provider.js';

interface PromAnswer {
  readonly status?: string;
  readonly error?: string;
  readonly data?: { readonly resultType?: string; readonly result?: unknown };
}

/** Pure: the number in an instant-query answer (first sample of a vector, or a scalar); undefined when empty. */
export function promValue(answer: PromAnswer): number | undefined {
  const d = answer.data;
  if (d?.resultType === 'scalar' && Array.isArray(d.result)) return Number(d.result[1]);
  if (d?.resultType === 'vector' && Array.isArray(d.result)) {
    const first = d.result[0] as { value?: [number, string] } | undefined;
    return first?.value ? Number(first.value[1]) : undefined;
  }
  return undefined;
}

export function createPrometheusProvider(timeoutMs = 10_000): MetricProvider {
  return {
    kind: 'prometheus',
    async query(check: MetricCheck, ctx: MetricContext, signal: AbortSignal): Promise<MetricReading> {
      if (check.kind !== 'prometheus')
        throw new CortadoError('CANARY_PROVIDER_MISMATCH', `the prometheus provider cannot evaluate a ${check.kind} check`, {
          source: 'internal',
        });
      const seconds = Math.max(1, Math.round((ctx.window.end.getTime() - ctx.window.start.getTime()) / 1000));
      const query = check.query.replace(/\$\{window\}/g, `${seconds}s`);
      const url = `${check.url.replace(/\/+$/, '')}/api/v1/query?query=${encodeURIComponent(query)}&time=${ctx.window.end.getTime() / 1000}`;
      const res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
      const answer = (await res.json().catch(() => ({}))) as PromAnswer;
      if (!res.ok || answer.status !== 'success') {
        throw new CortadoError(
          'CANARY_PROMETHEUS',
          `Prometheus at ${check.url} refused ${JSON.stringify(query)}: ${answer.error ?? `HTTP ${res.status}`}`,
          { source: 'user' },
        );
      }
      const value = promValue(answer);
      if (value === undefined || Number.isNaN(value)) throw new NoDataError(`Prometheus returned no sample for ${JSON.stringify(query)}`);
      return { value };
    },
  };
}
