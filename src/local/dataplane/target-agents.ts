// Keep-alive connection pools per target, with in-flight counts for least-outstanding-requests and draining.
import { Agent } from 'node:http';

export interface TargetConnections {
  readonly agent: Agent;
  inFlight: number;
  /** Set once the target has left every target group: the pool closes when its last request ends. */
  retired: boolean;
}

export interface TargetAgents {
  get(key: string): TargetConnections;
  inFlight(key: string): number;
  /** The target left its groups: close idle connections now and the pool after in-flight requests finish. */
  retire(key: string): void;
  /** A request ended; closes a retired pool that became idle. */
  done(conn: TargetConnections): void;
  closeAll(): void;
}

export function createTargetAgents(): TargetAgents {
  const pools = new Map<string, TargetConnections>();
  return {
    get(key) {
      let conn = pools.get(key);
      if (!conn) {
        conn = {
          agent: new Agent({ keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 256, scheduling: 'lifo', noDelay: true }),
          inFlight: 0,
          retired: false,
        };
        pools.set(key, conn);
      }
      return conn;
    },
    inFlight: (key) => pools.get(key)?.inFlight ?? 0,
    retire(key) {
      const conn = pools.get(key);
      if (!conn) return;
      pools.delete(key);
      conn.retired = true;
      if (conn.inFlight === 0) conn.agent.destroy();
    },
    done(conn) {
      conn.inFlight--;
      if (conn.retired && conn.inFlight === 0) conn.agent.destroy();
    },
    closeAll() {
      for (const conn of pools.values()) conn.agent.destroy();
      pools.clear();
    },
  };
}
