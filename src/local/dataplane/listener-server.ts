// One ALB listener as a local HTTP server: picks the rule, then answers a fixed response, a redirect or forwards to a target.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AlbMetrics } from './alb-metrics.js';
import { elbErrorPage, redirectLocation } from './elb-responses.js';
import { proxyToTarget, type XffMode } from './proxy-request.js';
import { selectRule, type RequestFacts, type RouteAction, type RouteTable } from './route-table.js';
import { APP_COOKIE, decodePin, pinCookies, readCookie, TARGET_COOKIE, TG_COOKIE } from './stickiness-cookies.js';
import type { TargetAgents } from './target-agents.js';
import type { Algorithm, GroupTargets, TargetPicker } from './target-picker.js';
import { pickWeighted } from './weighted-choice.js';

/** What a listener needs to know about itself on each request; undefined once the listener is gone. */
export interface ListenerView {
  readonly table: RouteTable;
  /** The listener's configured port (X-Forwarded-Port, #{port}), not the local mapped one. */
  readonly port: number;
  readonly protocol: 'http' | 'https';
  /** CloudWatch dimension value `app/<name>/<id>`. */
  readonly lbDimension: string;
  readonly idleTimeoutMs: number;
  readonly xffMode: XffMode;
}

export type TargetStickiness =
  | { readonly kind: 'none' }
  | { readonly kind: 'lb_cookie'; readonly durationSeconds: number }
  | { readonly kind: 'app_cookie'; readonly cookieName: string; readonly durationSeconds: number };

export interface GroupView {
  /** CloudWatch dimension value `targetgroup/<name>/<id>`; its last segment identifies the group in cookies. */
  readonly dimension: string;
  readonly id: string;
  readonly algorithm: Algorithm;
  readonly stickiness: TargetStickiness;
  readonly targets: GroupTargets;
}

export interface ListenerDeps {
  readonly view: () => ListenerView | undefined;
  readonly group: (arn: string) => GroupView | undefined;
  readonly picker: TargetPicker;
  readonly agents: TargetAgents;
  readonly metrics: AlbMetrics;
}

type Forward = Extract<RouteAction, { kind: 'forward' }>;

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

function facts(req: IncomingMessage): RequestFacts {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    host: stripPort(req.headers.host ?? ''),
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    method: req.method ?? 'GET',
    headers: req.headers,
    sourceIp: req.socket.remoteAddress ?? '',
  };
}

function sendElbError(res: ServerResponse, status: number): void {
  const page = elbErrorPage(status);
  res.writeHead(status, page.headers);
  res.end(page.body);
}

function forward(deps: ListenerDeps, view: ListenerView, action: Forward, req: IncomingMessage, res: ServerResponse): void {
  const now = Date.now();
  const cookieHeader = req.headers.cookie;
  const setCookies: string[] = [];
  let index: number | undefined;
  if (action.stickiness.enabled) {
    const pinned = decodePin(readCookie(cookieHeader, TG_COOKIE), now);
    if (pinned !== undefined) {
      const i = action.groups.findIndex((g) => g.arn.endsWith(`/${pinned}`));
      if (i >= 0) index = i;
    }
  }
  index ??= pickWeighted(action.groups, action.totalWeight);
  const chosen = index === undefined ? undefined : action.groups[index];
  const group = chosen ? deps.group(chosen.arn) : undefined;
  if (!chosen || !group) {
    deps.metrics.elbResponse(view.lbDimension, 503, 'no-target');
    return sendElbError(res, 503);
  }
  if (action.stickiness.enabled) setCookies.push(...pinCookies(TG_COOKIE, group.id, action.stickiness.durationSeconds, now));
  const sticky = group.stickiness;
  let pinnedTarget: string | undefined;
  if (sticky.kind !== 'none') {
    const pin = decodePin(readCookie(cookieHeader, sticky.kind === 'lb_cookie' ? TARGET_COOKIE : APP_COOKIE), now);
    if (pin?.startsWith(`${group.id}/`)) pinnedTarget = pin.slice(group.id.length + 1);
  }
  const pick = deps.picker.pick(chosen.arn, group.targets, group.algorithm, pinnedTarget);
  if (pick.kind === 'no-target') {
    deps.metrics.elbResponse(view.lbDimension, 503, 'no-target');
    return sendElbError(res, 503);
  }
  const target = pick.target;
  const routable = pick.failOpen ? group.targets.serving.length : group.targets.healthy.length;
  const subject = `${group.id}/${target.key}`;
  if (sticky.kind === 'lb_cookie') setCookies.push(...pinCookies(TARGET_COOKIE, subject, sticky.durationSeconds, now));
  const inspect =
    sticky.kind === 'app_cookie'
      ? (headers: IncomingHttpHeaders) =>
          (headers['set-cookie'] ?? []).some((c) => c.startsWith(`${sticky.cookieName}=`))
            ? pinCookies(APP_COOKIE, subject, sticky.durationSeconds, Date.now())
            : []
      : undefined;
  const conn = deps.agents.get(target.key, target.host, target.port);
  proxyToTarget({
    req,
    res,
    target,
    conn,
    setCookies,
    idleTimeoutMs: view.idleTimeoutMs,
    forwardedProto: view.protocol,
    listenerPort: view.port,
    xffMode: view.xffMode,
    ...(inspect ? { inspect } : {}),
    onResponse: (status, seconds) =>
      deps.metrics.targetResponse(view.lbDimension, group.dimension, status, seconds, pick.failOpen, routable),
    onFailure: (status, connectionError) => {
      deps.metrics.targetFailure(view.lbDimension, group.dimension, status, connectionError, routable);
      sendElbError(res, status);
    },
    onDone: () => deps.agents.done(conn),
  });
}

export function handleListenerRequest(deps: ListenerDeps, req: IncomingMessage, res: ServerResponse): void {
  const view = deps.view();
  if (!view) return sendElbError(res, 503);
  const f = facts(req);
  const rule = selectRule(view.table, f);
  const action = rule?.action;
  if (!action) {
    deps.metrics.elbResponse(view.lbDimension, 503, 'no-target');
    return sendElbError(res, 503);
  }
  if (action.kind === 'forward') return forward(deps, view, action, req, res);
  // The load balancer answers by itself; the request body is not needed.
  req.resume();
  if (action.kind === 'fixed-response') {
    deps.metrics.elbResponse(view.lbDimension, action.status, 'fixed-response');
    const body = Buffer.from(action.body);
    res.writeHead(action.status, {
      server: 'awselb/2.0',
      'content-length': String(body.length),
      ...(action.contentType ? { 'content-type': action.contentType } : {}),
    });
    res.end(body);
    return;
  }
  deps.metrics.elbResponse(view.lbDimension, action.status, 'redirect');
  const location = redirectLocation(action, { protocol: view.protocol, host: f.host, port: view.port, path: f.path, query: f.query });
  res.writeHead(action.status, { server: 'awselb/2.0', location, 'content-type': 'text/html', 'content-length': '0' });
  res.end();
}

const BAD_REQUEST =
  'HTTP/1.1 400 Bad Request\r\nServer: awselb/2.0\r\nContent-Type: text/html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

export function createListenerServer(deps: ListenerDeps): Server {
  const server = createServer({ keepAlive: true, noDelay: true }, (req, res) => handleListenerRequest(deps, req, res));
  // A request the load balancer cannot parse is its own 400 (HTTPCode_ELB_4XX_Count).
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const view = deps.view();
    if (view && err.code !== 'ECONNRESET') deps.metrics.elbResponse(view.lbDimension, 400, 'client-error');
    if (socket.writable) socket.end(BAD_REQUEST);
    else socket.destroy();
  });
  return server;
}
