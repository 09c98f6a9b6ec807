// `npm run bench -- server`: canary status latency at 50 concurrent clients, SSE fan-out to 100 clients, and the server's memory.
import type { BenchFigure } from './run.js';
import { startFixture } from '../test/canary/canary-fixtures.js';
import { call, startTestServer, TOKENS, writeServerSetup } from '../test/server/server-fixture.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

export const title = 'cortado server: status latency, SSE fan-out, memory';

export async function run(): Promise<readonly BenchFigure[]> {
  const f = await startFixture('srvbench', 20);
  const server = await startTestServer(f, await writeServerSetup(f));
  try {
    const rss0 = process.memoryUsage().rss;
    await call(server, 'GET', '/api/apps/api/canary', { token: TOKENS.viewer });
    const lat: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        for (let i = 0; i < 20; i++) {
          const s = performance.now();
          const r = await call(server, 'GET', '/api/apps/api/canary', { token: TOKENS.viewer });
          if (r.status !== 200) throw new Error(`status ${r.status}`);
          lat.push(performance.now() - s);
        }
      }),
    );
    const wall = performance.now() - t0;
    // 100 SSE clients: time until every one has its first `status` event (one status read serves them all).
    const s0 = performance.now();
    const firsts = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const ac = new AbortController();
        const res = await fetch(`${server.url}/api/apps/api/canary/events`, {
          headers: { authorization: `Bearer ${TOKENS.viewer}` },
          signal: ac.signal,
        });
        const reader = res.body!.getReader();
        await reader.read();
        const at = performance.now() - s0;
        ac.abort();
        return at;
      }),
    );
    const rss = process.memoryUsage().rss;
    return [
      { name: 'status p50, 50 concurrent clients', value: pct(lat, 50), unit: 'ms' },
      { name: 'status p99, 50 concurrent clients', value: pct(lat, 99), unit: 'ms' },
      { name: 'status throughput', value: (lat.length / wall) * 1000, unit: 'req/s' },
      { name: 'SSE fan-out: 100 clients, last first event', value: Math.max(...firsts), unit: 'ms' },
      {
        name: 'process RSS after (server + sandbox in one process)',
        value: rss / 1048576,
        unit: 'MiB',
        note: `${((rss - rss0) / 1048576).toFixed(1)} MiB grown during the run`,
      },
    ];
  } finally {
    await server.stop();
    await f.close();
  }
}
