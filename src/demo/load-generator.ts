// HTTP load at a set rate or profile (open loop: requests leave on schedule whatever the answers), every answer recorded.
import { Agent, request } from 'node:http';
import { requestsDue, profileLength, rateAt, type LoadProfile } from './load-profile.js';
import { percentile, summarise, type LoadSummary, type SecondStats } from './load-summary.js';

export interface Sample {
  /** ms since the epoch when the request was sent and answered. */
  readonly sentAt: number;
  readonly doneAt: number;
  /** HTTP status; 0 when the request got no answer (connection error, timeout). */
  readonly status: number;
  /** The demo app's version from the body; undefined when the load balancer answered by itself or the call failed. */
  readonly version?: string;
  readonly latencyMs: number;
}

export interface LoadOptions {
  /** A constant rate (requests per second); ignored when `profile` is given. */
  readonly rate?: number;
  readonly profile?: LoadProfile;
  /** Stop after this long (ms); default: the profile's length, else run until stop() or the signal. */
  readonly durationMs?: number;
  /** At most this many requests in flight; a request due while the limit is reached is skipped and counted (default 256). */
  readonly concurrency?: number;
  /**
   * At most this many open connections (default 32, at most `concurrency`). A request due while all are busy waits for one
   * (its latency counts the wait, as an open-loop client's should): a step in the rate does not open a connection per request
   * in flight, which on a busy machine slows every answer, which opens more connections.
   */
  readonly connections?: number;
  /** Per-request timeout (ms, default 5000), waiting for a connection included: a request without an answer by then counts as status 0. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Keep every Sample in `samples` (default true); the summary's counts and percentiles do not need them. */
  readonly keepSamples?: boolean;
  /** Called once a second with that second's figures (a live view). */
  readonly onSecond?: (s: SecondStats) => void;
}

export interface LoadGenerator {
  readonly samples: readonly Sample[];
  /** Resolves when the load ends: its duration elapsed, stop() was called or the signal aborted. */
  readonly done: Promise<LoadSummary>;
  /** The figures so far. */
  summary(): LoadSummary;
  /** Stops sending, waits for the requests in flight, and resolves to the summary. */
  stop(): Promise<LoadSummary>;
}

export type { LoadSummary, SecondStats } from './load-summary.js';

/** How often the sender looks at the schedule: fine enough for 1,000+ requests per second without a timer per request. */
const TICK_MS = 5;
const DEFAULT_CONNECTIONS = 32;

/** One GET; resolves to status 0 without an answer within `timeoutMs` of the call (a wait for a free connection included). */
function get(url: URL, agent: Agent, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        if (body.length < 4096) body += c;
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on('error', () => {
        clearTimeout(timer);
        resolve({ status: 0, body: '' });
      });
    });
    const timer = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs);
    req.on('error', () => {
      clearTimeout(timer);
      resolve({ status: 0, body: '' });
    });
    req.end();
  });
}

const versionOf = (body: string): string | undefined => {
  if (!body.startsWith('{')) return undefined;
  try {
    const v = (JSON.parse(body) as { version?: unknown }).version;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
};

/**
 * `startLoad(url, rate, concurrency)` keeps the older call form (a constant rate); `startLoad(url, options)` takes a profile,
 * a duration and a signal. Requests leave on the profile's schedule; answers never hold the next request back.
 */
export function startLoad(target: string, rateOrOptions: number | LoadOptions, concurrency?: number): LoadGenerator {
  const o: LoadOptions =
    typeof rateOrOptions === 'number' ? { rate: rateOrOptions, ...(concurrency ? { concurrency } : {}) } : rateOrOptions;
  const profile: LoadProfile = o.profile ?? { kind: 'constant', rate: o.rate ?? 0 };
  const durationMs = o.durationMs ?? profileLength(profile);
  const limit = o.concurrency ?? 256;
  const keep = o.keepSamples ?? true;
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: Math.min(limit, o.connections ?? DEFAULT_CONNECTIONS) });
  const samples: Sample[] = [];
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const startedAt = Date.now();
  let endedAt: number | undefined;
  let sent = 0;
  let skipped = 0;
  let inFlight = 0;
  let scheduled = 0;
  let second = { from: startedAt, sent: 0, answered: 0, errors: 0, latencies: [] as number[] };
  const pending = new Set<Promise<void>>();

  const fire = () => {
    sent++;
    second.sent++;
    inFlight++;
    const sentAt = Date.now();
    const p = get(url, agent, o.timeoutMs ?? 5000).then(({ status, body }) => {
      const doneAt = Date.now();
      inFlight--;
      const latencyMs = doneAt - sentAt;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      latencies.push(latencyMs);
      second.answered++;
      if (status === 0 || status >= 500) second.errors++;
      second.latencies.push(latencyMs);
      if (keep) {
        const version = versionOf(body);
        samples.push({ sentAt, doneAt, status, latencyMs, ...(version !== undefined ? { version } : {}) });
      }
    });
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const figures = (): LoadSummary =>
    summarise({ startedAt, endedAt: endedAt ?? Date.now(), sent, skipped, inFlight, statuses, latencies, profile });

  let finish!: (s: LoadSummary) => void;
  const done = new Promise<LoadSummary>((resolve) => {
    finish = resolve;
  });
  let stopping: Promise<LoadSummary> | undefined;

  const flushSecond = (now: number) => {
    const s = second;
    second = { from: now, sent: 0, answered: 0, errors: 0, latencies: [] };
    o.onSecond?.({
      elapsedMs: now - startedAt,
      targetRate: rateAt(profile, s.from - startedAt),
      sent: s.sent,
      answered: s.answered,
      errors: s.errors,
      inFlight,
      p99Ms: percentile(s.latencies, 99),
    });
  };

  const tick = setInterval(() => {
    const now = Date.now();
    const elapsed = now - startedAt;
    if (durationMs !== undefined && elapsed >= durationMs) {
      void stop();
      return;
    }
    const due = Math.floor(requestsDue(profile, elapsed));
    while (scheduled < due) {
      scheduled++;
      if (inFlight >= limit) skipped++;
      else fire();
    }
    if (now - second.from >= 1000) flushSecond(now);
  }, TICK_MS);

  const onAbort = () => void stop();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) onAbort();

  function stop(): Promise<LoadSummary> {
    stopping ??= (async () => {
      clearInterval(tick);
      endedAt = Date.now();
      if (second.sent > 0 || second.answered > 0) flushSecond(endedAt);
      o.signal?.removeEventListener('abort', onAbort);
      await Promise.all([...pending]);
      agent.destroy();
      const s = figures();
      finish(s);
      return s;
    })();
    return stopping;
  }

  return { samples, done, summary: figures, stop };
}
