// Polls every task's HTTP load endpoint at once over keep-alive connections, each with its own timeout; counters become rates.
import { Agent, request } from 'node:http';
import type { TaskLoad, TaskTarget } from './load-source.js';

export interface HttpPollSpec {
  readonly path: string;
  readonly port?: number;
  readonly timeoutMs: number;
}

/** One GET; resolves to the body of a 2xx answer, rejects with a short reason otherwise. */
export function getText(url: string, timeoutMs: number, agent: Agent, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, signal, timeout: timeoutMs, headers: { accept: 'text/plain, application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        if (body.length < 1_000_000) body += c;
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(body);
        else reject(new Error(`HTTP ${status}`));
      });
      res.on('error', (e) => reject(e));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code ?? e.message)));
    req.end();
  });
}

/** Turns a counter into a per-second rate between two polls of the same task; the first reading has no rate yet. */
export function createRates(now: () => number = Date.now) {
  const last = new Map<string, { value: number; at: number }>();
  return {
    rate(taskId: string, value: number): number | undefined {
      const at = now();
      const prev = last.get(taskId);
      last.set(taskId, { value, at });
      if (!prev || at <= prev.at || value < prev.value) return undefined;
      return ((value - prev.value) * 1000) / (at - prev.at);
    },
    /** Forgets tasks no longer polled. */
    keep(ids: ReadonlySet<string>): void {
      for (const id of last.keys()) if (!ids.has(id)) last.delete(id);
    },
  };
}

/**
 * Reads every task in parallel: `parse` turns a body into a number (throws on a body without it). A task that does not
 * answer, or answers without the value, is reported with the reason and no load.
 */
export async function pollTasks(
  tasks: readonly TaskTarget[],
  spec: HttpPollSpec,
  agent: Agent,
  signal: AbortSignal,
  parse: (body: string, task: TaskTarget) => number | undefined,
): Promise<TaskLoad[]> {
  return Promise.all(
    tasks.map(async (t): Promise<TaskLoad> => {
      const base = { taskId: t.taskId, service: t.service, address: t.address };
      const port = spec.port ?? t.port;
      if (!t.address) return { ...base, error: 'no private address' };
      if (port === undefined) return { ...base, error: 'no port' };
      try {
        const load = parse(await getText(`http://${t.address}:${port}${spec.path}`, spec.timeoutMs, agent, signal), t);
        return load === undefined ? { ...base, error: 'first reading of a counter' } : { ...base, load };
      } catch (e) {
        if (signal.aborted) throw e;
        return { ...base, error: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
}

export const keepAliveAgent = (): Agent => new Agent({ keepAlive: true, maxSockets: 4, timeout: 30_000 });
