// One ALB health check: an HTTP GET on a fresh connection, judged by the matcher within the timeout.
import { request } from 'node:http';
import type { CheckResult } from './target-health.js';

export interface ProbeRequest {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** Starts the check's timeout on the sandbox clock; returns its cancel function. */
  readonly armTimeout: (fire: () => void) => () => void;
  readonly matches: (status: number) => boolean;
  readonly signal: AbortSignal;
}

export function probe(p: ProbeRequest): Promise<CheckResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (r: CheckResult) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      req.destroy();
      resolve(r);
    };
    const cancelTimer = p.armTimeout(() => settle({ kind: 'timeout' }));
    // AWS closes the connection after each check: no agent, Connection: close.
    const req = request({
      host: p.host,
      port: p.port,
      path: p.path,
      method: 'GET',
      agent: false,
      signal: p.signal,
      headers: { host: `${p.host}:${p.port}`, 'user-agent': 'ELB-HealthChecker/2.0', connection: 'close', accept: '*/*' },
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      settle(p.matches(status) ? { kind: 'pass' } : { kind: 'mismatch', code: status });
    });
    req.on('error', () => settle({ kind: 'error' }));
    req.end();
  });
}
