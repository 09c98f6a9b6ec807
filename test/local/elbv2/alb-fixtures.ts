// Shared pieces of the ELBv2 tests: small HTTP targets on 127.0.3.x, an HTTP client that sets Host, boto3 setup scripts.
import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { boto3 } from '../../helpers/sandbox.js';

export interface TestTarget {
  readonly ip: string;
  readonly port: number;
  readonly name: string;
  /** TCP connections that carried at least one request other than a health check. */
  connections: number;
  /** What GET /health answers. */
  healthStatus: number;
  close(): Promise<void>;
}

export type TargetHandler = (req: IncomingMessage, res: ServerResponse, target: TestTarget) => void;

/** Answers `<name>` on every path, /health with `healthStatus`, and /echo with the request headers as JSON. */
export const defaultHandler: TargetHandler = (req, res, target) => {
  if (req.url === '/health') {
    res.writeHead(target.healthStatus);
    res.end();
    return;
  }
  if (req.url?.startsWith('/echo')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ name: target.name, headers: req.headers, url: req.url }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(target.name);
};

export async function startTarget(ip: string, name: string, handler: TargetHandler = defaultHandler): Promise<TestTarget> {
  const traffic = new WeakSet<object>();
  const target: TestTarget = {
    ip,
    port: 0,
    name,
    connections: 0,
    healthStatus: 200,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/health' && !traffic.has(req.socket)) {
      traffic.add(req.socket);
      target.connections++;
    }
    handler(req, res, target);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, ip, resolve));
  (target as { port: number }).port = (server.address() as AddressInfo).port;
  return target;
}

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Send {
  readonly path?: string;
  readonly host?: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  readonly agent?: Agent;
}

/** One request to a listener URL, with the Host header of our choosing (fetch cannot set it). */
export function send(url: string, o: Send = {}): Promise<Reply> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: Number(u.port || 80),
        path: o.path ?? '/',
        method: o.method ?? 'GET',
        headers: { host: o.host ?? 'app.example.com', ...o.headers },
        agent: o.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

/** Runs `count` requests, `parallel` at a time, and tallies the response bodies. */
export async function tally(url: string, count: number, o: Send = {}, parallel = 16): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let next = 0;
  const agent = o.agent ?? new Agent({ keepAlive: true, maxSockets: parallel });
  const worker = async () => {
    while (next < count) {
      next++;
      const r = await send(url, { ...o, agent });
      const key = r.status === 200 ? r.body : `HTTP ${r.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  if (!o.agent) agent.destroy();
  return counts;
}

/** Runs a boto3 snippet (an `elb` client is ready) and returns what it printed as JSON. */
export async function elb<T>(sandbox: Sandbox, code: string): Promise<T> {
  const r = await boto3(sandbox, `elb=boto3.client('elbv2',endpoint_url=endpoint,region_name=region)\n${code}`);
  assert.equal(r.code, 0, r.stderr);
  return r.json as T;
}

export const BOTO3_SETUP = `
def lb(name):
    return elb.create_load_balancer(Name=name, Subnets=['subnet-a', 'subnet-b'])['LoadBalancers'][0]['LoadBalancerArn']
def tg(name, port, **kw):
    args = dict(Name=name, Protocol='HTTP', Port=port, VpcId='vpc-1', TargetType='ip', HealthCheckPath='/health',
                HealthCheckIntervalSeconds=5, HealthCheckTimeoutSeconds=2, HealthyThresholdCount=2, UnhealthyThresholdCount=2)
    args.update(kw)
    return elb.create_target_group(**args)['TargetGroups'][0]['TargetGroupArn']
def listener(lb_arn, port, actions):
    return elb.create_listener(LoadBalancerArn=lb_arn, Protocol='HTTP', Port=port, DefaultActions=actions)['Listeners'][0]['ListenerArn']
def register(tg_arn, *targets):
    elb.register_targets(TargetGroupArn=tg_arn, Targets=[{'Id': ip, 'Port': port} for ip, port in targets])
def health(tg_arn):
    return [(d['Target']['Id'], d['Target']['Port'], d['TargetHealth']['State'], d['TargetHealth'].get('Reason')) for d in elb.describe_target_health(TargetGroupArn=tg_arn)['TargetHealthDescriptions']]
`;

/** The local URL that serves a listener, from the sandbox's listener map. */
export async function listenerUrl(sandbox: Sandbox, listenerArn: string): Promise<string> {
  const res = await fetch(`${sandbox.endpoint}/_cortado/elbv2/listeners`);
  const { listeners } = (await res.json()) as { listeners: Array<{ listenerArn: string; url: string }> };
  const hit = listeners.find((l) => l.listenerArn === listenerArn);
  assert.ok(hit, `listener ${listenerArn} is not in the listener map`);
  return hit.url;
}

/** Two-sided 99.9% binomial interval (normal approximation, z = 3.29) around n·p. */
export function binomialInterval(n: number, p: number): [number, number] {
  const sd = Math.sqrt(n * p * (1 - p));
  return [n * p - 3.29 * sd, n * p + 3.29 * sd];
}
