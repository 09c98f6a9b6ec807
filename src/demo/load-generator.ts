// Continuous load on the demo's listener: a steady request rate, every answer recorded with its version and status.
import { Agent, request } from 'node:http';

export interface Sample {
  /** ms since the epoch when the request was sent and answered. */
  readonly sentAt: number;
  readonly doneAt: number;
  readonly status: number;
  /** The demo app's version from the body; undefined when the load balancer answered by itself or the call failed. */
  readonly version?: string;
  readonly latencyMs: number;
}

export interface LoadGenerator {
  readonly samples: readonly Sample[];
  stop(): Promise<void>;
}

function get(url: URL, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent, method: 'GET', timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end();
  });
}

const versionOf = (body: string): string | undefined => {
  try {
    const v = (JSON.parse(body) as { version?: unknown }).version;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
};

/** `rate` requests per second from `workers` keep-alive connections; stop() waits for the requests in flight. */
export function startLoad(target: string, rate: number, workers = 4): LoadGenerator {
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: workers });
  const samples: Sample[] = [];
  let running = true;
  const gap = (1000 * workers) / rate;
  const loops = Array.from({ length: workers }, async (_, i) => {
    await new Promise((r) => setTimeout(r, (gap * i) / workers));
    let next = Date.now();
    while (running) {
      const sentAt = Date.now();
      const { status, body } = await get(url, agent);
      const doneAt = Date.now();
      const version = versionOf(body);
      samples.push({ sentAt, doneAt, status, latencyMs: doneAt - sentAt, ...(version !== undefined ? { version } : {}) });
      next += gap;
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else next = Date.now();
    }
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}
