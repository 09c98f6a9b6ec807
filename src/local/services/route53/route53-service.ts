// Route 53 (restXml under /2013-04-01/): hosted zones, record sets with alias records, and changes that go PENDING → INSYNC.
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { SandboxService } from '../../service.js';
import { hostedZoneHandlers } from './hosted-zone-handlers.js';
import { recordHandlers } from './record-handlers.js';
import { createRoute53Store, restoreRoute53, snapshotRoute53, type Route53Snapshot } from './route53-store.js';

export function createRoute53Service(env: SandboxEnv): SandboxService {
  const store = createRoute53Store();
  return {
    name: 'route53',
    model: loadModel('route53'),
    validation: { code: 'InvalidInput' },
    handlers: { ...hostedZoneHandlers(env, store), ...recordHandlers(env, store) },
    snapshot: () => snapshotRoute53(store),
    restore: (state) => restoreRoute53(store, state as Partial<Route53Snapshot> | undefined),
  };
}
