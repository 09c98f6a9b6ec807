// Parses `canary.metrics[]`: built-in ALB checks by name, or one custom provider block (cloudwatch, prometheus, http) each.
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { Bounds, MetricCheck } from '../canary-spec.js';
import { oneOf, type Raw, type SectionReader } from './config-reader.js';

const BUILT_IN = ['success-rate', 'latency', 'error-rate-vs-stable'] as const;
const PROVIDERS = ['cloudwatch', 'prometheus', 'http'] as const;

function bounds(r: SectionReader, path: string, raw: Raw): Bounds {
  const min = raw.min === undefined ? undefined : r.num(`${path}.min`, raw.min);
  const max = raw.max === undefined ? undefined : r.num(`${path}.max`, raw.max);
  if (min === undefined && max === undefined) throw r.fail(path, 'a threshold: min, max or both', raw);
  if (min !== undefined && max !== undefined && min > max) throw r.fail(`${path}.min`, `a value ≤ max (${max})`, min);
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/** "2xx" → [200, 299]; 204 → [204, 204]. */
function statusRange(r: SectionReader, path: string, v: unknown): readonly [number, number] {
  if (v === undefined) return [200, 299];
  if (typeof v === 'string' && /^[1-5]xx$/i.test(v)) {
    const c = Number(v[0]) * 100;
    return [c, c + 99];
  }
  const n = r.num(path, v, { min: 100, max: 599, integer: true });
  return [n, n];
}

function cloudwatchQueries(r: SectionReader, path: string, v: unknown): readonly MetricDataQuery[] {
  const queries = r.list(path, v).map((q, i) => {
    const m = q as Record<string, unknown>;
    if (m === null || typeof m !== 'object' || typeof m.Id !== 'string')
      throw r.fail(`${path}[${i}]`, 'a GetMetricData MetricDataQuery with Id (AWS API shape)', q);
    if ((m.MetricStat === undefined) === (m.Expression === undefined))
      throw r.fail(`${path}[${i}]`, 'exactly one of MetricStat or Expression', q);
    return m as unknown as MetricDataQuery;
  });
  if (queries.length === 0) throw r.fail(path, 'at least one query', v);
  return queries;
}

function custom(r: SectionReader, path: string, name: string, raw: Raw, b: Bounds): MetricCheck {
  const kinds = PROVIDERS.filter((p) => raw[p] !== undefined);
  if (kinds.length !== 1)
    throw r.fail(path, `one of the built-in names (${BUILT_IN.join(', ')}) or exactly one provider block (${PROVIDERS.join(', ')})`, raw);
  const kind = kinds[0]!;
  const p = `${path}.${kind}`;
  const block = r.mapping(p, raw[kind]);
  switch (kind) {
    case 'cloudwatch': {
      r.keys(p, block, ['queries', 'result', 'stat']);
      const queries = cloudwatchQueries(r, `${p}.queries`, block.queries);
      const resultId = block.result === undefined ? queries[queries.length - 1]!.Id! : r.str(`${p}.result`, block.result);
      if (!queries.some((q) => q.Id === resultId))
        throw r.fail(`${p}.result`, `the Id of one of the queries (${queries.map((q) => q.Id).join(', ')})`, resultId);
      // How the window's datapoints become one value; `increase` is last − first (a depth that must not grow).
      const stat = oneOf(r, `${p}.stat`, block.stat, ['sum', 'average', 'maximum', 'minimum', 'last', 'increase'] as const, 'sum');
      return { kind, name, queries, resultId, stat, bounds: b };
    }
    case 'prometheus':
      r.keys(p, block, ['url', 'query']);
      return { kind, name, url: r.str(`${p}.url`, block.url), query: r.str(`${p}.query`, block.query), bounds: b };
    case 'http': {
      r.keys(p, block, ['url', 'method', 'expect_status', 'json_path', 'timeout']);
      const method = block.method ?? 'GET';
      if (method !== 'GET' && method !== 'POST') throw r.fail(`${p}.method`, 'GET or POST', method);
      const jsonPath = block.json_path === undefined ? undefined : r.str(`${p}.json_path`, block.json_path);
      if (jsonPath !== undefined && !/^\$(\.[A-Za-z_][\w-]*|\[\d+\])*$/.test(jsonPath))
        throw r.fail(`${p}.json_path`, 'a path such as $.status or $.checks[0].ok', jsonPath);
      return {
        kind,
        name,
        url: r.str(`${p}.url`, block.url),
        method,
        expectStatus: statusRange(r, `${p}.expect_status`, block.expect_status),
        ...(jsonPath !== undefined ? { jsonPath } : {}),
        bounds: b,
        timeoutMs: block.timeout === undefined ? 5000 : r.duration(`${p}.timeout`, block.timeout, { bareSeconds: true, min: 1 }),
      };
    }
  }
}

export function parseMetric(r: SectionReader, path: string, v: unknown): MetricCheck {
  const raw = r.mapping(path, v);
  r.keys(path, raw, ['name', 'min', 'max', 'percentile', ...PROVIDERS]);
  const name = r.str(`${path}.name`, raw.name);
  // An HTTP check without a JSON path is a status check: it reads 1 when the status is expected.
  const statusOnly =
    raw.http !== undefined && raw.min === undefined && raw.max === undefined && (raw.http as Raw | null)?.json_path === undefined;
  const b = statusOnly ? { min: 1 } : bounds(r, path, raw);
  if (name === 'success-rate' && raw.cloudwatch === undefined && raw.prometheus === undefined && raw.http === undefined) {
    return { kind: 'success-rate', name, bounds: b };
  }
  if (name === 'latency' && raw.cloudwatch === undefined && raw.prometheus === undefined && raw.http === undefined) {
    const percentile = raw.percentile === undefined ? 99 : r.num(`${path}.percentile`, raw.percentile, { min: 0.01, max: 100 });
    return { kind: 'latency', name, percentile, bounds: b };
  }
  if (name === 'error-rate-vs-stable' && raw.cloudwatch === undefined && raw.prometheus === undefined && raw.http === undefined) {
    return { kind: 'error-rate-vs-stable', name, bounds: b };
  }
  return custom(r, path, name, raw, b);
}

export function parseMetrics(r: SectionReader, path: string, v: unknown): readonly MetricCheck[] {
  if (v === undefined) return [{ kind: 'success-rate', name: 'success-rate', bounds: { min: 99 } }];
  const metrics = r.list(path, v).map((m, i) => parseMetric(r, `${path}[${i}]`, m));
  const seen = new Set<string>();
  metrics.forEach((m, i) => {
    if (seen.has(m.name)) throw r.fail(`${path}[${i}].name`, 'a name not used by another metric', m.name);
    seen.add(m.name);
  });
  return metrics;
}
