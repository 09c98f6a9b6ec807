// Keep-alive connection pools per target (undici), with in-flight counts for least-outstanding-requests and draining.
import { Pool } from 'undici';

export interface TargetConnections {
  readonly pool: Pool;
  inFlight: number;
}

export interface TargetAgents {
  get(key: string, host: string, port: number): TargetConnections;
  inFlight(key: string): number;
  /** The target left its groups: idle connections close now, the others once their requests end. */
  retire(key: string): void;
  /** A request ended. */
  done(conn: TargetConnections): void;
  closeAll(): void;
}

const origin = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

export function createTargetAgents(): TargetAgents {
  const pools = new Map<string, TargetConnections>();
  const closing = new Set<Pool>();
  return {
    get(key, host, port) {
      let conn = pools.get(key);
      if (!conn) {
        // Unlimited connections, one request at a time on each (no pipelining): what a load balancer's pool does.
        conn = { pool: new Pool(origin(host, port), { pipelining: 1, keepAliveTimeout: 4_000 }), inFlight: 0 };
        pools.set(key, conn);
      }
      return conn;
    },
    inFlight: (key) => pools.get(key)?.inFlight ?? 0,
    retire(key) {
      const conn = pools.get(key);
      if (!conn) return;
      pools.delete(key);
      closing.add(conn.pool);
      // close() lets the requests in flight finish, then closes every connection.
      void conn.pool.close().finally(() => closing.delete(conn.pool));
    },
    done(conn) {
      conn.inFlight--;
    },
    closeAll() {
      for (const conn of pools.values()) void conn.pool.destroy().catch(() => undefined);
      for (const pool of closing) void pool.destroy().catch(() => undefined);
      pools.clear();
      closing.clear();
    },
  };
}
