// Matches a REST request (method, path, query) to a model operation by its requestUri template.
import type { ServiceModel } from '../model/model.js';

interface Route {
  readonly operation: string;
  readonly method: string;
  readonly segments: readonly string[];
  readonly query: ReadonlyArray<readonly [string, string | undefined]>;
  /** Required querystring/header members: S3 tells PutObject from UploadPart/CopyObject (same URI) by them. */
  readonly requiredQuery: readonly string[];
  readonly requiredHeaders: readonly string[];
  readonly score: number;
}

export interface RouteMatch {
  readonly operation: string;
  readonly labels: Readonly<Record<string, string>>;
}

const split = (path: string): string[] => path.split('/').filter((s, i, all) => s !== '' || (i > 0 && i < all.length - 1));

const tables = new WeakMap<ServiceModel, Route[]>();

function table(model: ServiceModel): Route[] {
  const hit = tables.get(model);
  if (hit) return hit;
  const routes: Route[] = [];
  for (const [operation, op] of Object.entries(model.operations)) {
    if (!op.http) continue;
    const [path = '/', qs = ''] = op.http.requestUri.split('?');
    const query = qs
      ? qs.split('&').map((p) => {
          const [k = '', v] = p.split('=');
          return [k, v] as const;
        })
      : [];
    const segments = split(path);
    const literal = segments.filter((s) => !s.startsWith('{')).length;
    const input = op.input ? model.shapes[op.input] : undefined;
    const required = (location: string) =>
      (input?.required ?? [])
        .map((name) => input?.members?.[name])
        .filter((ref) => ref?.location === location)
        .map((ref) => ref!.locationName ?? '');
    const requiredQuery = required('querystring');
    const requiredHeaders = required('header').map((h) => h.toLowerCase());
    const score = query.length * 100 + (requiredQuery.length + requiredHeaders.length) * 50 + literal * 10 + segments.length;
    routes.push({ operation, method: op.http.method, segments, query, requiredQuery, requiredHeaders, score });
  }
  routes.sort((a, b) => b.score - a.score);
  tables.set(model, routes);
  return routes;
}

function matchPath(template: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    if (t.startsWith('{') && t.endsWith('+}')) {
      const rest = actual.slice(i);
      if (rest.length === 0) return undefined;
      labels[t.slice(1, -2)] = rest.map(decodeURIComponent).join('/');
      return labels;
    }
    const a = actual[i];
    if (a === undefined) return undefined;
    if (t.startsWith('{')) {
      if (a === '') return undefined;
      labels[t.slice(1, -1)] = decodeURIComponent(a);
    } else if (t !== a) return undefined;
  }
  return template.length === actual.length ? labels : undefined;
}

/** With `headers`, a route also needs its required querystring and header members (S3); without, only the URI decides. */
export function matchRoute(
  model: ServiceModel,
  method: string,
  path: string,
  query: URLSearchParams,
  headers?: Readonly<Record<string, unknown>>,
): RouteMatch | undefined {
  const actual = split(path.replace(/\/+$/, '') || '/');
  for (const route of table(model)) {
    if (route.method !== method && !(method === 'HEAD' && route.method === 'HEAD')) continue;
    if (!route.query.every(([k, v]) => query.has(k) && (v === undefined || query.get(k) === v))) continue;
    if (headers && (!route.requiredQuery.every((k) => query.has(k)) || !route.requiredHeaders.every((h) => headers[h] !== undefined)))
      continue;
    const labels = matchPath(route.segments.length && route.segments.at(-1) === '' ? route.segments.slice(0, -1) : route.segments, actual);
    if (labels) return { operation: route.operation, labels };
  }
  return undefined;
}
