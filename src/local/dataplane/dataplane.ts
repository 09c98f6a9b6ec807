// The ALB data plane: a real local HTTP server per listener, sharing target connection pools, a target picker and metrics.
import type { Server } from 'node:http';
import type { AlbMetrics } from './alb-metrics.js';
import { createListenerServer, type GroupView, type ListenerView } from './listener-server.js';
import { bindPort, type Binding } from './port-binding.js';
import { createTargetAgents } from './target-agents.js';
import { createTargetPicker } from './target-picker.js';

export interface DataPlaneDeps {
  /** Interface to bind listeners on (the sandbox host). */
  readonly host: string;
  readonly view: (listenerArn: string) => ListenerView | undefined;
  readonly group: (targetGroupArn: string) => GroupView | undefined;
  readonly metrics: AlbMetrics;
}

export interface BoundListener {
  readonly listenerArn: string;
  readonly binding: Binding;
  readonly url: string;
}

export interface DataPlane {
  /** Binds (or re-binds, when the port changed) the listener; resolves with where it listens. */
  bind(listenerArn: string, port: number): Promise<BoundListener>;
  unbind(listenerArn: string): Promise<void>;
  bound(listenerArn: string): BoundListener | undefined;
  list(): readonly BoundListener[];
  /** A target left every group: its idle connections close now, busy ones after their last request. */
  retireTarget(key: string): void;
  close(): Promise<void>;
}

interface Entry {
  readonly server: Server;
  readonly wanted: number;
  readonly bound: BoundListener;
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export function createDataPlane(deps: DataPlaneDeps): DataPlane {
  const agents = createTargetAgents();
  const picker = createTargetPicker((key) => agents.inFlight(key));
  const entries = new Map<string, Entry>();
  const hostForUrl = deps.host.includes(':') ? `[${deps.host}]` : deps.host;

  const unbind = async (listenerArn: string) => {
    const entry = entries.get(listenerArn);
    if (!entry) return;
    entries.delete(listenerArn);
    await closeServer(entry.server);
  };

  return {
    async bind(listenerArn, port) {
      const existing = entries.get(listenerArn);
      if (existing && existing.wanted === port) return existing.bound;
      await unbind(listenerArn);
      const server = createListenerServer({
        view: () => deps.view(listenerArn),
        group: deps.group,
        picker,
        agents,
        metrics: deps.metrics,
      });
      server.keepAliveTimeout = 60_000;
      const binding = await bindPort(server, deps.host, port);
      const bound = { listenerArn, binding, url: `http://${hostForUrl}:${binding.port}` };
      entries.set(listenerArn, { server, wanted: port, bound });
      return bound;
    },
    unbind,
    bound: (listenerArn) => entries.get(listenerArn)?.bound,
    list: () => [...entries.values()].map((e) => e.bound),
    retireTarget: (key) => agents.retire(key),
    async close() {
      await Promise.all([...entries.keys()].map(unbind));
      agents.closeAll();
    },
  };
}
