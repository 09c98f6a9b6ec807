// The built-in demo image `cortado/demo-app`: a tiny HTTP service whose version, errors, latency and crashes are set by env vars.
import { createServer, type ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { createLoadStats } from './load-stats.js';

const env = (name: string): string | undefined => {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
};

const numberEnv = (name: string, fallback: number): number => {
  const raw = env(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    console.error(`demo-app: ${name} must be a number, got "${raw}"`);
    process.exit(2);
  }
  return value;
};

/** ECS_CONTAINER_METADATA_URI_V4 ends in the task id (sandbox) or `<task-id>-<runtime-id>` (Fargate). */
const taskIdFrom = (metadataUri: string | undefined): string | undefined => {
  if (metadataUri === undefined) return undefined;
  const segment = metadataUri.replace(/\/+$/, '').split('/').pop() ?? '';
  const fargate = /^([0-9a-f]{32})-\d+$/.exec(segment);
  return fargate?.[1] ?? (segment === '' ? undefined : segment);
};

const exitCode = env('EXIT_CODE');
if (exitCode !== undefined) {
  const code = Number(exitCode);
  const valid = Number.isInteger(code) && code >= 0 && code <= 255;
  console.error(valid ? `demo-app: exiting with EXIT_CODE=${code}` : `demo-app: EXIT_CODE must be 0-255, got "${exitCode}"`);
  process.exit(valid ? code : 2);
}

const version = env('VERSION') ?? 'latest';
const host = env('CORTADO_BIND_HOST') ?? '127.0.0.1';
const port = numberEnv('PORT', numberEnv('CORTADO_CONTAINER_PORT', 8080));
const taskId = taskIdFrom(env('ECS_CONTAINER_METADATA_URI_V4')) ?? env('CORTADO_TASK_ID') ?? hostname();
const errorRate = numberEnv('ERROR_RATE', 0);
const latencyMs = numberEnv('LATENCY_MS', 0);
const crashAfterS = env('CRASH_AFTER_S') === undefined ? undefined : numberEnv('CRASH_AFTER_S', 0);
const accessLog = env('ACCESS_LOG') !== 'off';
const stats = createLoadStats();
/** Paths that report on the app rather than serve it: fast, never failed or delayed, not counted as the app's load. */
const OWN_PATHS = new Set(['/health', '/metrics', '/nginx_status']);

const send = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const sendText = (res: ServerResponse, contentType: string, text: string): void => {
  res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const answer = (res: ServerResponse, path: string): void => {
  if (path === '/health') return send(res, 200, { status: 'ok' });
  if (path === '/nginx_status') return sendText(res, 'text/plain', stats.nginxStatus());
  if (path === '/metrics') return sendText(res, 'text/plain; version=0.0.4; charset=utf-8', stats.prometheus());
  if (errorRate > 0 && Math.random() < errorRate) return send(res, 500, { error: 'injected error (ERROR_RATE)', version, taskId });
  send(res, 200, { version, taskId, host, time: new Date().toISOString(), path });
};

const server = createServer((req, res) => {
  const started = process.hrtime.bigint();
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const finished = stats.requestStarted(!OWN_PATHS.has(path));
  const end = () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // nginx logs 499 for a client that closed the connection before the answer.
    finished(res.writableFinished ? res.statusCode : 499, ms / 1000);
    return ms;
  };
  res.on('finish', () => {
    const ms = end();
    if (accessLog) console.log(`${req.method ?? '-'} ${path} ${res.statusCode} ${ms.toFixed(1)}ms`);
  });
  // A client that goes away before the answer still leaves the in-flight count.
  res.on('close', end);
  req.resume();
  if (latencyMs > 0 && !OWN_PATHS.has(path)) setTimeout(() => answer(res, path), latencyMs);
  else answer(res, path);
});
server.on('connection', (socket) => socket.once('close', stats.connectionOpened()));
// Longer than any load balancer's idle timeout, so the balancer closes idle connections first (no reuse race).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.on('error', (err) => {
  console.error(`demo-app: ${err.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  const bound = server.address();
  console.log(`demo-app ${version} listening on ${host}:${typeof bound === 'object' && bound !== null ? bound.port : port}`);
});

if (crashAfterS !== undefined) {
  setTimeout(() => {
    console.error(`demo-app: crashing after ${crashAfterS}s (CRASH_AFTER_S)`);
    process.exit(1);
  }, crashAfterS * 1000);
}

const shutdown = (signal: string): void => {
  console.log(`demo-app: ${signal} received, closing`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
