// A number in a JSON document at a dot path (`$.load.active`, `workers[0].busy`); a counter read as its rate.
import type { HttpSourceSpec } from '../autoscale-spec.js';
import { createRates, keepAliveAgent, pollTasks } from './http-poll.js';
import type { LoadSource } from './load-source.js';

/** Pure: `$.a.b[0].c` or `a.b.0.c` → its steps. */
export const pathSteps = (query: string): string[] =>
  query
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');

/** Pure: the number at `query` in `body`; throws naming what is missing. */
export function readJsonPath(body: string, query: string): number {
  let v: unknown = JSON.parse(body);
  for (const step of pathSteps(query)) {
    if (v === null || typeof v !== 'object') throw new Error(`${query}: nothing at ${step}`);
    v = (v as Record<string, unknown>)[step];
  }
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`${query} is not a number`);
  return n;
}

export function jsonSource(spec: Extract<HttpSourceSpec, { kind: 'json' }>): LoadSource {
  const agent = keepAliveAgent();
  const rates = createRates();
  return {
    kind: 'json',
    unit: spec.rate ? `${spec.query}/s` : spec.query,
    async read(tasks, signal) {
      rates.keep(new Set(tasks.map((t) => t.taskId)));
      const out = await pollTasks(tasks, spec, agent, signal, (body, t) => {
        const v = readJsonPath(body, spec.query);
        return spec.rate ? rates.rate(t.taskId, v) : v;
      });
      return { tasks: out };
    },
    close: () => agent.destroy(),
  };
}
