// The sandbox's one HTTP port: control routes under /_cortado/, everything else dispatched to a service.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError } from './aws-error.js';
import type { CallLog } from './call-log.js';
import { credentialScope, type Dispatcher, type Route } from './dispatch.js';
import { errorFor, throttleCode } from './errors-for.js';
import type { Faults } from './faults.js';
import { validateFaults } from './faults.js';
import { BodyError, readBody } from './http-body.js';
import { handleJson } from './protocols/json-protocol.js';
import { handleQuery } from './protocols/query-protocol.js';
import { handleEc2 } from './protocols/ec2-protocol.js';
import { handleRestXml } from './protocols/rest-xml-protocol.js';
import { handleRestJson } from './protocols/rest-json-protocol.js';
import type { WireResponse } from './protocols/wire.js';
import { isMutatingOperation, type CallContext, type RawRequest, type SandboxService } from './service.js';
import { verifySignature } from './sigv4.js';

export interface ServerDeps {
  readonly region: string;
  readonly accountId: string;
  readonly services: readonly SandboxService[];
  readonly dispatcher: Dispatcher;
  /** The dispatcher over the services of the region a request is signed for (state is kept per account and region). */
  readonly dispatcherFor?: (region: string) => Dispatcher;
  /** Every region's services, for sandbox-only routes (a task's metadata lives with its region's ECS). */
  readonly allServices?: () => readonly SandboxService[];
  readonly calls: CallLog;
  readonly faults: Faults;
  readonly signatureKeys?: ReadonlyMap<string, string>;
  readonly info: () => Record<string, unknown>;
  /** Wipes all state (POST /_cortado/reset); resolves to the milliseconds it took. */
  readonly reset?: () => Promise<number>;
  /** While a reset runs: resolves once it is over. */
  readonly ready?: () => Promise<void> | undefined;
}

/** The code a request for a service the sandbox does not serve is refused with (AWS itself has no such case). */
export const UNSERVED_CODE = 'NotImplemented';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(res: ServerResponse, wire: WireResponse): void {
  const body = typeof wire.body === 'string' ? Buffer.from(wire.body) : wire.body;
  // An empty body keeps the length the adapter declared: a HEAD answer reports the size of what GET would send.
  const length = body.length === 0 && wire.headers['content-length'] !== undefined ? wire.headers['content-length'] : String(body.length);
  res.writeHead(wire.status, { ...wire.headers, 'content-length': length });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** A control answer made only of lists (`{ listeners: [...] }`), which answers of several regions can be joined into. */
const isListRecord = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && Object.values(body).every((v) => Array.isArray(v));

/**
 * The sandbox process's memory (bytes, from process.memoryUsage). `gc`: first a full garbage collection when node runs
 * with --expose-gc, so `heapUsed` is what is live — what a soak watches for leaks, as the RSS also moves with how V8
 * sizes its heap.
 */
function memoryReport(gc: boolean): Record<string, number | boolean> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (gc && collect) collect();
  return { ...process.memoryUsage(), collected: gc && collect !== undefined };
}

async function control(deps: ServerDeps, req: RawRequest, res: ServerResponse): Promise<void> {
  const path = req.path.slice('/_cortado/'.length);
  if (path === 'health') return sendJson(res, 200, { status: 'ok', ...deps.info() });
  if (path === 'memory') return sendJson(res, 200, memoryReport(req.query.get('gc') === '1'));
  if (path === 'reset' && deps.reset) {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST /_cortado/reset wipes all state' });
    return sendJson(res, 200, { reset: true, ms: Math.round((await deps.reset()) * 1000) / 1000 });
  }
  if (path === 'calls') {
    if (req.method === 'DELETE') {
      deps.calls.clear();
      return sendJson(res, 200, { cleared: true });
    }
    return sendJson(res, 200, { calls: deps.calls.list(Number(req.query.get('since') ?? 0)) });
  }
  if (path === 'faults') {
    if (req.method === 'GET') return sendJson(res, 200, deps.faults.settings());
    try {
      const patch = validateFaults(JSON.parse(req.body.toString('utf8') || '{}'));
      return sendJson(res, 200, deps.faults.update(patch));
    } catch (e) {
      return sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
    }
  }
  // Every region's service answers: lists (`{ listeners: [...] }`) are joined, otherwise the first answer that is not a
  // 404 wins (a task's metadata lives with one region's ECS).
  const answers: Array<{ readonly status: number; readonly body: unknown }> = [];
  for (const service of deps.allServices?.() ?? deps.services) {
    for (const [prefix, handler] of Object.entries(service.control ?? {})) {
      if (path === prefix || path.startsWith(`${prefix}/`)) answers.push(await handler(req, path.slice(prefix.length)));
    }
  }
  const found = answers.filter((a) => a.status !== 404);
  if (found.length > 1 && found.every((a) => a.status === 200 && isListRecord(a.body))) {
    const joined: Record<string, unknown[]> = {};
    for (const a of found)
      for (const [k, v] of Object.entries(a.body as Record<string, unknown[]>)) joined[k] = [...(joined[k] ?? []), ...v];
    return sendJson(res, 200, joined);
  }
  const answer = found[0] ?? answers[0];
  if (answer) return sendJson(res, answer.status, answer.body);
  return sendJson(res, 404, { error: `no sandbox route /_cortado/${path}` });
}

function signatureError(route: Route, check: ReturnType<typeof verifySignature>): AwsError | undefined {
  if (check.kind === 'ok') return undefined;
  const json = route.kind === 'json' || route.kind === 'rest-json';
  const s3 = route.service?.name === 's3';
  if (check.kind === 'missing')
    return new AwsError(json ? 'MissingAuthenticationTokenException' : 'MissingAuthenticationToken', 'Missing Authentication Token', 403);
  if (check.kind === 'unknown-key') {
    return s3
      ? new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403)
      : new AwsError(
          json ? 'UnrecognizedClientException' : 'InvalidClientTokenId',
          'The security token included in the request is invalid.',
          403,
        );
  }
  return new AwsError(
    json ? 'InvalidSignatureException' : 'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    403,
  );
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const url = new URL(req.url ?? '/', 'http://sandbox');
  let raw: Buffer;
  let body: Buffer;
  try {
    ({ raw, body } = await readBody(req));
  } catch (e) {
    const err = e instanceof BodyError ? e : new BodyError(400, 'MalformedInput', 'Could not read the request body');
    // The rest of an oversized body is never read: answer, then drop the connection instead of draining it.
    res.setHeader('connection', 'close');
    res.on('finish', () => req.socket.destroy());
    return sendJson(res, err.status, { __type: err.code, message: err.message });
  }
  const rawReq: RawRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body };
  const pending = deps.ready?.();
  if (pending) await pending;
  if (url.pathname.startsWith('/_cortado/')) return control(deps, rawReq, res);

  const requestId = randomUUID();
  const signedRegion = credentialScope(rawReq).region;
  const route = (signedRegion && deps.dispatcherFor ? deps.dispatcherFor(signedRegion) : deps.dispatcher).route(rawReq);
  const serviceName = route.service?.name ?? (route.kind === 'unknown' ? route.unserved?.signingName : undefined) ?? 'unknown';
  const operation = route.kind === 'unknown' ? (route.unserved?.operation ?? 'Unknown') : route.operation;
  const accessKeyId = credentialScope(rawReq).accessKeyId;
  const finish = (wire: WireResponse) => {
    const errorCode = wire.errorCode;
    deps.calls.add({
      time: new Date(started).toISOString(),
      service: serviceName,
      operation,
      status: wire.status,
      ...(errorCode ? { errorCode } : {}),
      durationMs: Date.now() - started,
      mutating: isMutatingOperation(operation),
      ...(accessKeyId ? { accessKeyId } : {}),
    });
    send(res, wire);
  };

  const latency = deps.faults.settings().latencyMs;
  if (latency > 0) await sleep(latency);
  if (route.kind === 'unknown') {
    if (route.unserved) return finish(errorFor(route, new AwsError(UNSERVED_CODE, route.reason, 400), requestId, rawReq.method));
    const code =
      route.wire === 'query' || route.wire === 'ec2'
        ? 'InvalidAction'
        : route.service?.name === 's3'
          ? 'MethodNotAllowed'
          : 'UnknownOperationException';
    return finish(errorFor(route, new AwsError(code, route.reason, code === 'MethodNotAllowed' ? 405 : 400), requestId, rawReq.method));
  }
  if (deps.signatureKeys) {
    const err = signatureError(route, verifySignature(rawReq, raw, deps.signatureKeys));
    if (err) return finish(errorFor(route, err, requestId, rawReq.method));
  }
  const decision = deps.faults.decide(serviceName, operation, Date.now());
  if (decision.kind === 'throttle') {
    const t = throttleCode(route);
    return finish(errorFor(route, new AwsError(t.code, 'Rate exceeded', t.status), requestId, rawReq.method));
  }
  if (decision.kind === 'error') {
    const code = route.service.name === 's3' ? 'InternalError' : route.kind === 'json' ? 'InternalFailure' : 'InternalFailure';
    return finish(
      errorFor(
        route,
        new AwsError(code, 'We encountered an internal error. Please try again. (injected by cortado local)', 500),
        requestId,
        rawReq.method,
      ),
    );
  }
  const ctx: CallContext = {
    region: credentialScope(rawReq).region ?? deps.region,
    accountId: deps.accountId,
    requestId,
    service: serviceName,
    operation,
    protocol: route.kind,
    http: rawReq,
    now: () => new Date(),
  };
  const wire =
    route.kind === 'json'
      ? await handleJson(route.service, ctx)
      : route.kind === 'query'
        ? await handleQuery(route.service, ctx, route.params)
        : route.kind === 'ec2'
          ? await handleEc2(route.service, ctx, route.params)
          : route.kind === 'rest-json'
            ? await handleRestJson(route.service, ctx, route.labels)
            : await handleRestXml(route.service, ctx, route.labels);
  finish(wire);
}

export function createSandboxServer(deps: ServerDeps): Server {
  const server = createServer((req, res) => {
    handle(deps, req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { __type: 'InternalFailure', message: e instanceof Error ? e.message : String(e) });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
