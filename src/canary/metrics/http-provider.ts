// HTTP backend: calls a URL, checks its status, and reads a number from its JSON body (or 1 for a passing status check).
import { CortadoError } from '../../core/errors.js';
import type { MetricCheck } from '../canary-spec.js';
import { asNumber, readJsonPath } from './json-path.js';
import { NoDataError, type MetricContext, type MetricProvider, type MetricReading } from './metric-provider.js';

const failed = (message: string) => new CortadoError('CANARY_HTTP_CHECK', message, { source: 'user' });

export function createHttpProvider(): MetricProvider {
  return {
    kind: 'http',
    async query(check: MetricCheck, _ctx: MetricContext, signal: AbortSignal): Promise<MetricReading> {
      if (check.kind !== 'http')
        throw new CortadoError('CANARY_PROVIDER_MISMATCH', `the http provider cannot evaluate a ${check.kind} check`, {
          source: 'internal',
        });
      const res = await fetch(check.url, {
        method: check.method,
        signal: AbortSignal.any([signal, AbortSignal.timeout(check.timeoutMs)]),
      }).catch((e: unknown) => {
        throw failed(`${check.method} ${check.url}: ${e instanceof Error ? e.message : String(e)}`);
      });
      const body = await res.text();
      const [lo, hi] = check.expectStatus;
      if (res.status < lo || res.status > hi)
        throw failed(`${check.method} ${check.url} answered ${res.status}, expected ${lo === hi ? lo : `${lo}-${hi}`}`);
      if (check.jsonPath === undefined) return { value: 1 };
      let doc: unknown;
      try {
        doc = JSON.parse(body);
      } catch {
        throw failed(`${check.url} did not answer JSON, so ${check.jsonPath} cannot be read`);
      }
      const raw = readJsonPath(doc, check.jsonPath);
      if (raw === undefined || raw === null) throw new NoDataError(`${check.jsonPath} is absent from ${check.url}'s answer`);
      const value = asNumber(raw);
      if (value === undefined)
        throw failed(`${check.jsonPath} in ${check.url}'s answer is ${JSON.stringify(raw)}, not a number or boolean`);
      return { value };
    },
  };
}
