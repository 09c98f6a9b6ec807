// Forwards one client request to a target over a keep-alive pool (undici), streaming both bodies, with ALB's X-Forwarded-* headers.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { randomBytes } from 'node:crypto';
import type { TargetConnections } from './target-agents.js';
import type { LiveTarget } from './target-picker.js';

/** Connection-level headers a proxy must not pass on (RFC 9110 §7.6.1), and Expect (the listener answers 100-continue itself). */
const HOP_BY_HOP = [
  'connection',
  'expect',
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
type DispatchController = Dispatcher.DispatchController;
type DispatchHandler = Dispatcher.DispatchHandler;

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
function responseHeaders(raw: readonly (Buffer | string)[], extraCookies: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1');
    if (!HOP.has(name.toLowerCase())) out.push(name, raw[i + 1]!.toString('latin1'));
  }
  for (const c of extraCookies) out.push('Set-Cookie', c);
  return out;
}

/** The same headers as an object, for `inspect` (set-cookie as a list, as node's IncomingMessage has it). */
function headerObject(raw: readonly string[]): IncomingHttpHeaders {
  const h: Record<string, string | string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (name === 'set-cookie') ((h[name] as string[] | undefined) ?? (h[name] = [])).push(value);
    else h[name] = h[name] === undefined ? value : `${String(h[name])}, ${value}`;
  }
  return h;
}

const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** A kept-alive connection the target closed just as it was reused. */
const RESETS = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

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
  const method = o.req.method ?? 'GET';
  o.conn.inFlight++;
  if (bodyless) o.req.resume();

  const attempt = (mayRetry: boolean) => {
    const started = process.hrtime.bigint();
    let controller: DispatchController | undefined;
    let answered = false;
    const clientGone = () => {
      if (!o.res.writableFinished) controller?.abort(new Error('the client closed the connection'));
    };
    // A client that goes away abandons the exchange with the target too.
    o.res.once('close', clientGone);
    const handler: DispatchHandler = {
      onRequestStart(c) {
        controller = c;
      },
      onResponseStart(c, status) {
        answered = true;
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const raw = responseHeaders((c.rawHeaders as (Buffer | string)[] | null | undefined) ?? [], []);
        const cookies = o.inspect ? [...o.setCookies, ...o.inspect(headerObject(raw))] : o.setCookies;
        for (const cookie of cookies) raw.push('Set-Cookie', cookie);
        o.res.writeHead(status, raw);
        o.onResponse(status, seconds);
      },
      onResponseData(c, chunk) {
        if (!o.res.write(chunk)) {
          c.pause();
          o.res.once('drain', () => c.resume());
        }
      },
      onResponseEnd() {
        o.res.off('close', clientGone);
        o.res.end();
        finish();
      },
      onResponseError(_c, err: Error & { code?: string }) {
        o.res.off('close', clientGone);
        if (!answered && mayRetry && bodyless && IDEMPOTENT.has(method) && RESETS.has(err.code ?? '') && !o.res.destroyed)
          return attempt(false);
        finish();
        if (o.res.headersSent) {
          o.res.destroy();
          return;
        }
        if (o.res.destroyed) return;
        const timeout = TIMEOUTS.has(err.code ?? '');
        o.onFailure(timeout ? 504 : 502, !timeout);
      },
    };
    o.conn.pool.dispatch(
      {
        method,
        path: o.req.url ?? '/',
        headers,
        headersTimeout: o.idleTimeoutMs,
        bodyTimeout: o.idleTimeoutMs,
        ...(bodyless ? {} : { body: o.req }),
      },
      handler,
    );
  };
  attempt(true);
}
