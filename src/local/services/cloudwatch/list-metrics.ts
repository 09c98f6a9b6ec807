// ListMetrics: metrics with data in the last two weeks (or three hours with RecentlyActive), filtered and paged by 500.
import type { SandboxEnv } from '../../env.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { invalidParameterValue } from './cloudwatch-errors.js';
import { matchesDimensionFilters, toApiMetric, type DimensionFilter } from './metric-identity.js';
import { LISTING_MS, type MetricStore } from './metric-store.js';

export const LIST_PAGE_SIZE = 500;
const THREE_HOURS = 3 * 3_600_000;

export function listMetricsHandler(env: SandboxEnv, store: MetricStore): Handler {
  return (input, ctx) => {
    const now = ctx.now().getTime();
    const since = now - (input.RecentlyActive === 'PT3H' ? THREE_HOURS : LISTING_MS);
    const filters = (input.Dimensions as DimensionFilter[] | undefined) ?? [];
    const matching = [...store.series.values()]
      .filter((s) => env.consistency.visible(s.stamp) && s.lastPut >= since)
      .filter(
        (s) =>
          (input.Namespace === undefined || s.namespace === input.Namespace) &&
          (input.MetricName === undefined || s.name === input.MetricName),
      )
      .filter((s) => matchesDimensionFilters(s, filters))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const fingerprint = JSON.stringify([input.Namespace ?? null, input.MetricName ?? null, filters, input.RecentlyActive ?? null]);
    const page = paginate(
      matching,
      { nextToken: input.NextToken },
      {
        defaultSize: LIST_PAGE_SIZE,
        maxSize: LIST_PAGE_SIZE,
        badToken: () => invalidParameterValue('The value of parameter NextToken is not valid.'),
      },
      fingerprint,
    );
    return {
      Metrics: page.items.map(toApiMetric),
      ...(input.IncludeLinkedAccounts === true ? { OwningAccounts: page.items.map(() => env.accountId) } : {}),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  };
}
