// Issue 15 figure: SSE fan-out to 100 dashboard clients — time from a release's status change to every client having
// it, p50/p99, and the server's memory with them connected.
import { readFileSync } from 'node:fs';
import { canarySection, startFixture, writeConfig } from '../test/canary/canary-fixtures.js';
import { clientEnv } from '../test/helpers/sandbox.js';
import { principal, startServerProcess, writeServerConfig } from '../test/server/dashboard/server-process.js';
import type { BenchFigure } from './run.js';

export const title = 'cortado server: SSE fan-out of a release status to 100 dashboard clients';

const CLIENTS = 100;
const CHANGES = 10;
const POLL_MS = 500;
const APP = 'shop';

/** One SSE client: the `paused` field of every `status` event it receives, with the time it arrived. */
class SseClient {
  readonly seen: { at: number; paused: boolean }[] = [];
  private readonly abort = new AbortController();
  constructor(url: string, token: string) {
    void this.read(url, token).catch(() => undefined);
  }
  private async read(url: string, token: string): Promise<void> {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: this.abort.signal });
    if (!res.ok || !res.body) throw new Error(`SSE ${res.status}`);
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of res.body) {
      buf += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
        const data = [...block.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join('\n');
        if (event === 'status') this.seen.push({ at: performance.now(), paused: (JSON.parse(data) as { paused: boolean }).paused });
      }
    }
  }
  close(): void {
    this.abort.abort();
  }
}

const rssMiB = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
const pct = (xs: readonly number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function run(): Promise<readonly BenchFigure[]> {
  const f = await startFixture('ssebench', 50);
  const operator = principal('olga', 'operator');
  const viewer = principal('victor', 'viewer');
  // Long steps and a manual gate: the release stays in progress while the bench pauses and resumes it.
  const dir = await writeConfig(f, canarySection(f, { interval: '10m', analysis_interval: '5s', gates: { confirm_promotion: 'manual' } }));
  const cfg = await writeServerConfig(dir, APP, [operator, viewer], { poll: `${POLL_MS}ms` });
  const server = await startServerProcess(dir, cfg, clientEnv(f.sandbox));
  const clients: SseClient[] = [];
  try {
    const post = async (action: string, body: unknown = {}) => {
      const r = await fetch(`${server.url}/api/apps/${APP}/canary/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operator.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${action}: ${r.status} ${await r.text()}`);
    };
    await post('start', { tag: 'v2' });
    const inProgress = async () => {
      const r = await fetch(`${server.url}/api/apps/${APP}/canary`, { headers: { authorization: `Bearer ${viewer.token}` } });
      return ((await r.json()) as { release?: { outcome: string } }).release?.outcome === 'in-progress';
    };
    for (const end = Date.now() + 120_000; !(await inProgress());) {
      if (Date.now() > end) throw new Error('the release did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    /** Opens `n` clients, makes CHANGES status changes, and times each reaching each client; the clients stay open. */
    const fanOut = async (n: number) => {
      const these = Array.from({ length: n }, () => new SseClient(`${server.url}/api/apps/${APP}/canary/events`, viewer.token));
      clients.push(...these);
      await until(() => these.every((c) => c.seen.length > 0), 120_000, 'every client to receive a first status');
      const rss = rssMiB(server.child.pid!);
      const perClient: number[] = [];
      const allClients: number[] = [];
      for (let k = 0; k < CHANGES; k++) {
        const paused = k % 2 === 0;
        const t0 = performance.now();
        await post(paused ? 'pause' : 'resume');
        await until(
          () => these.every((c) => c.seen.some((s) => s.at >= t0 && s.paused === paused)),
          60_000,
          `change ${k + 1} on every client`,
        );
        // The change counts from the moment the request was sent (a client may see it before the answer arrives).
        const got = these.map((c) => (c.seen.find((s) => s.at >= t0 && s.paused === paused)?.at ?? t0) - t0);
        perClient.push(...got);
        allClients.push(Math.max(...got));
      }
      for (const c of these) c.close();
      return { rss, perClient, allClients };
    };
    const rssIdle = rssMiB(server.child.pid!);
    // One client first: the same changes with no fan-out, to compare with.
    const one = await fanOut(1);
    const { rss: rssConnected, perClient, allClients } = await fanOut(CLIENTS);
    const rssAfter = rssMiB(server.child.pid!);
    return [
      {
        name: `status change → one client has it, p50 (${CLIENTS} clients, ${CHANGES} changes)`,
        value: pct(perClient, 50),
        unit: 'ms',
        note: `server poll ${POLL_MS} ms`,
      },
      { name: 'status change → one client has it, p99', value: pct(perClient, 99), unit: 'ms' },
      {
        name: `status change → all ${CLIENTS} clients have it, p50`,
        value: pct(allClients, 50),
        unit: 'ms',
        note: `${(pct(allClients, 50) / pct(one.allClients, 50)).toFixed(2)} × one client alone (${pct(one.allClients, 50).toFixed(0)} ms); ${(pct(allClients, 50) / POLL_MS).toFixed(2)} × the poll interval`,
      },
      {
        name: `status change → all ${CLIENTS} clients have it, p99`,
        value: pct(allClients, 99),
        unit: 'ms',
        note: `${(pct(allClients, 99) / pct(one.allClients, 99)).toFixed(2)} × one client alone (${pct(one.allClients, 99).toFixed(0)} ms)`,
      },
      { name: 'server RSS, release in progress, no SSE client', value: rssIdle, unit: 'MiB' },
      {
        name: `server RSS with ${CLIENTS} SSE clients connected`,
        value: rssConnected,
        unit: 'MiB',
        note: `${(rssConnected - rssIdle).toFixed(1)} MiB more`,
      },
      { name: `server RSS after ${CHANGES} changes fanned out`, value: rssAfter, unit: 'MiB' },
    ];
  } finally {
    for (const c of clients) c.close();
    await server.close();
    await f.close();
  }
}
