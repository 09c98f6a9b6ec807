// What to check when a release rolled back for lack of data: the canary saw too few requests, so nothing could be judged.
import type { CanarySpec } from './canary-spec.js';

export function noDataHint(reason: string | undefined, spec: Pick<CanarySpec, 'minRequests' | 'noDataLimit'>): string | undefined {
  if (!reason || !/not enough data/.test(reason)) return undefined;
  return [
    `missing: at least ${spec.minRequests} canary requests (canary.min_requests) in each analysis window; ${spec.noDataLimit} windows in a row had fewer (canary.no_data_limit).`,
    'check: is the listener receiving traffic? In the sandbox, `cortado local ls` lists the listeners and their URLs and',
    "`cortado local load URL --rate N` sends traffic; in AWS, the load balancer's RequestCount for the canary target group.",
    'With little traffic, raise canary.interval / analysis_interval or lower canary.min_requests.',
  ].join('\n');
}
