// The test's load: a total the test sets, shared among the tasks that ask for it (as a load balancer spreads it); tasks can be made to fail.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadServer {
  readonly url: string;
  /** Active connections and requests/s over the whole service. */
  set(total: { active: number; rate: number }): void;
  /** Addresses whose endpoint stops answering (`all` for every task). */
  down(addresses: readonly string[] | 'all'): void;
  /** Addresses that asked in the last 2 s. */
  seen(): string[];
  close(): Promise<void>;
}

export async function startLoadServer(): Promise<LoadServer> {
  let total = { active: 0, rate: 0 };
  let down: readonly string[] | 'all' = [];
  const lastAsk = new Map<string, number>();
  let lastAny = 0;
  const recent = () => [...lastAsk].filter(([, t]) => Date.now() - t < 2_000).map(([a]) => a);
  const server: Server = createServer((req, res) => {
    const address = new URL(req.url ?? '/', 'http://x').searchParams.get('address') ?? '';
    // A pause in polling (no controller acting, as while a lease lapses) ages no task: the first task asked after it would
    // otherwise be the only one "recent", get the whole total, and the sum over the tasks would read as a load step.
    const now = Date.now();
    if (lastAny > 0 && now - lastAny > 1_000) for (const [a, t] of lastAsk) lastAsk.set(a, t + (now - lastAny));
    lastAny = now;
    // A task asking for the first time has just started: it has no share yet (a load balancer sends it traffic once it is
    // in service), and counting it now would hand out shares computed before the others know of it — their sum would
    // exceed the total while tasks are added, which reads as a second load step.
    const first = !lastAsk.has(address);
    lastAsk.set(address, now);
    const n = Math.max(1, recent().length);
    const isDown = down === 'all' || down.includes(address);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ active: first ? 0 : total.active / n, rate: first ? 0 : total.rate / n, down: isDown }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    set: (t) => {
      total = t;
    },
    down: (a) => {
      down = a;
    },
    seen: recent,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
