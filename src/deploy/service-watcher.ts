// Streams a service's new events and a one-line progress while a wait runs; prints each thing once.
import type { Service } from '@aws-sdk/client-ecs';
import { type IoHost, msg } from '../core/io-host.js';
import { formatEvent, newEvents, progressLine } from './deployment-status.js';

export interface ServiceWatcher {
  /** Reports what changed since the last call. */
  observe(svc: Service): void;
}

export function serviceWatcher(host: IoHost, since: Date): ServiceWatcher {
  const seen = new Set<string>();
  let lastLine = '';
  return {
    observe(svc) {
      for (const e of newEvents(svc.events, seen, since)) {
        seen.add(e.id!);
        host.notify(msg('info', 'SERVICE_EVENT', formatEvent(e), { id: e.id, createdAt: e.createdAt, message: e.message }));
      }
      const line = progressLine(svc);
      if (line !== lastLine) {
        lastLine = line;
        host.notify(msg('info', 'DEPLOY_PROGRESS', line, { runningCount: svc.runningCount, desiredCount: svc.desiredCount }));
      }
    },
  };
}
