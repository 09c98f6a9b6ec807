// Forwards one client request to a target over a keep-alive pool, streaming both bodies, with ALB's X-Forwarded-* headers.
import { request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { TargetConnections } from './target-agents.js';
import type { LiveTarget } from './target-picker.js';

/** Connection-level headers a proxy must not pass on (RFC 9110 §7.6.1). */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

export type XffMode = 'append' | 'preserve' | 'remove';

export interface ProxyOptions {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly target: LiveTarget;
  readonly conn: TargetConnections;
  /** `http` or `https` (an HTTPS listener is served as plain HTTP locally but still says https). */
  readonly forwardedProto: string;
  readonly listenerPort: number;
  /** routing.http.xff_header_processing.mode: append the client address, pass the header on as sent, or drop it. */
  readonly xffMode: XffMode;
  /** Stickiness cookies the load balancer adds to the response. */
  readonly setCookies: readonly string[];
  /** Response headers seen before they are sent (app_cookie stickiness looks for the application's cookie). */
  readonly inspect?: (headers: IncomingHttpHeaders) => readonly string[];
  readonly idleTimeoutMs: number;
  onResponse(status: number, seconds: number): void;
  onFailure(status: 502 | 504, connectionError: boolean): void;
  /** Exactly once, when the exchange with the target is over (for in-flight accounting). */
  onDone(): void;
}

// Trace ids need 12 random bytes per request: drawn from a pool refilled 4 KiB at a time rather than one syscall each.
let pool = Buffer.alloc(0);
let poolAt = 0;
function traceId(): string {
  if (poolAt + 12 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  const hex = pool.toString('hex', poolAt, poolAt + 12);
  poolAt += 12;
  return `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${hex}`;
}

const HOP = new Set(HOP_BY_HOP);

/** The client's headers as a flat raw list (names as sent, order kept), hop-by-hop ones dropped, X-Forwarded-* added. */
function forwardHeaders(o: ProxyOptions): string[] {
  const raw = o.req.rawHeaders;
  const out: string[] = [];
  let prior: string | undefined;
  let trace = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (HOP.has(lower)) continue;
    if (lower === 'x-forwarded-for') {
      if (o.xffMode === 'preserve') out.push(name, raw[i + 1]!);
      else prior = prior === undefined ? raw[i + 1] : `${prior}, ${raw[i + 1]!}`;
      continue;
    }
    if (lower === 'x-forwarded-proto' || lower === 'x-forwarded-port') continue;
    if (lower === 'x-amzn-trace-id') trace = true;
    out.push(name, raw[i + 1]!);
  }
  const client = o.req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '';
  if (o.xffMode === 'append') out.push('X-Forwarded-For', prior === undefined ? client : `${prior}, ${client}`);
  out.push('X-Forwarded-Proto', o.forwardedProto, 'X-Forwarded-Port', String(o.listenerPort));
  if (!trace) out.push('X-Amzn-Trace-Id', traceId());
  return out;
}

/** The target's response headers as a flat raw list without hop-by-hop ones, plus the load balancer's cookies. */
function responseHeaders(upstream: IncomingMessage, extraCookies: readonly string[]): string[] {
  const raw = upstream.rawHeaders;
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (!HOP.has(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!);
  }
  for (const c of extraCookies) out.push('Set-Cookie', c);
  return out;
}

export class TargetTimeoutError extends Error {
  constructor() {
    super('target did not answer within the idle timeout');
  }
}

const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

export function proxyToTarget(o: ProxyOptions): void {
  let finished = false;
  const finish = () => {
    if (!finished) {
      finished = true;
      o.onDone();
    }
  };
  const headers = forwardHeaders(o);
  const bodyless = !hasBody(o.req);
  o.conn.inFlight++;

  const attempt = (mayRetry: boolean) => {
    const started = process.hrtime.bigint();
    const upstream = request({
      host: o.target.host,
      port: o.target.port,
      method: o.req.method,
      path: o.req.url,
      headers,
      agent: o.conn.agent,
      setHost: false,
    });
    upstream.setTimeout(o.idleTimeoutMs, () => upstream.destroy(new TargetTimeoutError()));
    upstream.on('response', (answer) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = answer.statusCode ?? 502;
      const cookies = o.inspect ? [...o.setCookies, ...o.inspect(answer.headers)] : o.setCookies;
      o.res.writeHead(status, responseHeaders(answer, cookies));
      o.onResponse(status, seconds);
      answer.pipe(o.res);
      answer.on('end', finish);
      answer.on('error', () => {
        o.res.destroy();
        finish();
      });
      answer.on('close', finish);
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive connection the target closed just as we reused it: a request without a body is safe to send again.
      if (mayRetry && bodyless && upstream.reusedSocket && err.code === 'ECONNRESET' && !o.res.headersSent) return attempt(false);
      finish();
      if (o.res.headersSent) {
        o.res.destroy();
        return;
      }
      const timeout = err instanceof TargetTimeoutError;
      o.onFailure(timeout ? 504 : 502, !timeout);
    });
    // A client that goes away abandons the exchange with the target too.
    o.res.on('close', () => {
      if (!o.res.writableFinished) upstream.destroy();
    });
    if (bodyless) {
      o.req.resume();
      upstream.end();
    } else o.req.pipe(upstream);
  };
  attempt(true);
}
