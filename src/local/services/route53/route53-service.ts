// Route 53 (restXml under /2013-04-01/): hosted zones, record sets, changes (PENDING → INSYNC), health checks, delegation sets.
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { SandboxService } from '../../service.js';
import { delegationSetHandlers } from './delegation-set-handlers.js';
import { healthCheckHandlers } from './health-check-handlers.js';
import { hostedZoneHandlers } from './hosted-zone-handlers.js';
import { recordHandlers } from './record-handlers.js';
import { createRoute53Store, restoreRoute53, snapshotRoute53, type Route53Snapshot } from './route53-store.js';

export function createRoute53Service(env: SandboxEnv): SandboxService {
  const store = createRoute53Store();
  return {
    name: 'route53',
    model: loadModel('route53'),
    validation: { code: 'InvalidInput' },
    handlers: {
      ...hostedZoneHandlers(env, store),
      ...recordHandlers(env, store),
      ...healthCheckHandlers(env, store),
      ...delegationSetHandlers(env, store),
    },
    snapshot: () => snapshotRoute53(store),
    restore: (state) => restoreRoute53(store, state as Partial<Route53Snapshot> | undefined),
  };
}
