// CloudWatch Logs (awsJson1_1, Logs_20140328): the API, and the LogSink seam ECS's awslogs driver writes through.
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { SandboxService } from '../../service.js';
import { logEventHandlers } from './log-event-handlers.js';
import { logGroupHandlers } from './log-group-handlers.js';
import { resourcePolicyHandlers, type PolicyStore, type StoredPolicy } from './resource-policy-handlers.js';
import { createLogSink, createLogStore, restoreLogStore, snapshotLogStore, type LogStoreSnapshot } from './log-store.js';

export function createLogsService(env: SandboxEnv): SandboxService {
  const store = createLogStore();
  const policies: PolicyStore = new Map();
  env.seams.logs = createLogSink(store, () => env.clock.now().getTime());
  return {
    name: 'logs',
    model: loadModel('logs'),
    validation: { code: 'InvalidParameterException' },
    handlers: { ...logGroupHandlers(env, store), ...logEventHandlers(env, store), ...resourcePolicyHandlers(env, policies) },
    snapshot: () => ({ ...snapshotLogStore(store), resourcePolicies: [...policies.entries()] }),
    restore: (state) => {
      const snap = state as LogStoreSnapshot & { resourcePolicies?: [string, StoredPolicy][] };
      restoreLogStore(store, snap);
      policies.clear();
      for (const [key, policy] of snap.resourcePolicies ?? []) policies.set(key, policy);
    },
  };
}
