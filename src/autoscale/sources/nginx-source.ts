// nginx stub_status (`/nginx_status`): the Active connections gauge, or the rate of the handled-requests counter.
import type { HttpSourceSpec } from '../autoscale-spec.js';
import { createRates, keepAliveAgent, pollTasks } from './http-poll.js';
import type { LoadSource } from './load-source.js';

/** Pure: `Active connections: N` and the third number of the `server accepts handled requests` line. */
export function parseStubStatus(body: string): { active: number; requests: number } {
  const active = /Active connections:\s*(\d+)/.exec(body);
  const counters = /server accepts handled requests\s*\n\s*(\d+)\s+(\d+)\s+(\d+)/.exec(body);
  if (!active || !counters) throw new Error('not a stub_status page');
  return { active: Number(active[1]), requests: Number(counters[3]) };
}

export function nginxSource(spec: Extract<HttpSourceSpec, { kind: 'nginx' }>): LoadSource {
  const agent = keepAliveAgent();
  const rates = createRates();
  return {
    kind: 'nginx',
    unit: spec.measure === 'active' ? 'active connections' : 'requests/s',
    async read(tasks, signal) {
      rates.keep(new Set(tasks.map((t) => t.taskId)));
      const out = await pollTasks(tasks, spec, agent, signal, (body, t) => {
        const s = parseStubStatus(body);
        return spec.measure === 'active' ? s.active : rates.rate(t.taskId, s.requests);
      });
      return { tasks: out };
    },
    close: () => agent.destroy(),
  };
}
