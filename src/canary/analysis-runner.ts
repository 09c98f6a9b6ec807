// Runs every check of one analysis at once and turns the readings into a verdict.
import type { MetricCheck } from './canary-spec.js';
import { evaluateCheck, verdictOf, type AnalysisVerdict, type MetricOutcome } from './check-evaluation.js';
import type { ProviderFor } from './metrics/create-metric-providers.js';
import { NoDataError, type MetricContext } from './metrics/metric-provider.js';

export async function runAnalysis(
  checks: readonly MetricCheck[],
  providerFor: ProviderFor,
  ctx: MetricContext,
  signal: AbortSignal,
): Promise<AnalysisVerdict> {
  let requests: number | undefined;
  const results = await Promise.all(
    checks.map(async (check) => {
      let outcome: MetricOutcome;
      try {
        const r = await providerFor(check).query(check, ctx, signal);
        if (r.requests !== undefined) requests = Math.max(requests ?? 0, r.requests);
        outcome = { kind: 'value', value: r.value };
      } catch (e) {
        if (signal.aborted) throw e;
        outcome =
          e instanceof NoDataError
            ? { kind: 'no-data', reason: `${check.name}: ${e.message}` }
            : { kind: 'error', reason: `${check.name}: ${e instanceof Error ? e.message : String(e)}` };
      }
      return evaluateCheck(check.name, check.bounds, outcome);
    }),
  );
  return verdictOf(results, requests);
}
