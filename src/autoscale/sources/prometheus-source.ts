// A Prometheus text-format metric by name and labels (summed over matching series); a counter read as its rate.
import type { HttpSourceSpec } from '../autoscale-spec.js';
import { createRates, keepAliveAgent, pollTasks } from './http-poll.js';
import type { LoadSource } from './load-source.js';

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?\s*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g;

/** Pure: the sum of `metric`'s samples whose labels include `labels`; throws when no series matches. */
export function readPrometheus(text: string, metric: string, labels: Readonly<Record<string, string>>): number {
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const m = SAMPLE.exec(line.trim());
    if (!m || m[1] !== metric) continue;
    const have = new Map<string, string>();
    for (const l of (m[2] ?? '').matchAll(LABEL))
      have.set(
        l[1]!,
        l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)),
      );
    if (!Object.entries(labels).every(([k, v]) => have.get(k) === v)) continue;
    const value = Number(m[3]);
    if (!Number.isFinite(value)) continue;
    sum += value;
    found = true;
  }
  if (!found) throw new Error(`no ${metric}${Object.keys(labels).length ? JSON.stringify(labels) : ''} sample`);
  return sum;
}

export function prometheusSource(spec: Extract<HttpSourceSpec, { kind: 'prometheus' }>): LoadSource {
  const agent = keepAliveAgent();
  const rates = createRates();
  return {
    kind: 'prometheus',
    unit: spec.rate ? `${spec.metric}/s` : spec.metric,
    async read(tasks, signal) {
      rates.keep(new Set(tasks.map((t) => t.taskId)));
      const out = await pollTasks(tasks, spec, agent, signal, (body, t) => {
        const v = readPrometheus(body, spec.metric, spec.labels);
        return spec.rate ? rates.rate(t.taskId, v) : v;
      });
      return { tasks: out };
    },
    close: () => agent.destroy(),
  };
}
