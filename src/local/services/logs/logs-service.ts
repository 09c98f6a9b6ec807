// CloudWatch Logs (awsJson1_1, Logs_20140328): the API, and the LogSink seam ECS's awslogs driver writes through.
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { Handler, SandboxService } from '../../service.js';
import { createDeliveryStore, deliveryHandlers, type Delivery, type DeliveryDestination, type DeliverySource } from './log-delivery.js';
import { logEventHandlers } from './log-event-handlers.js';
import { logGroupHandlers } from './log-group-handlers.js';
import { metricFilterHandlers, publishFilterMetrics, type MetricFilterRecord, type MetricFilterStore } from './metric-filters.js';
import { queryHandlers, type QueryStore } from './query-handlers.js';
import { resourcePolicyHandlers, type PolicyStore, type StoredPolicy } from './resource-policy-handlers.js';
import { createLogSink, createLogStore, restoreLogStore, snapshotLogStore, type LogStoreSnapshot } from './log-store.js';

interface LogsSnapshot extends LogStoreSnapshot {
  readonly resourcePolicies?: [string, StoredPolicy][];
  readonly metricFilters?: MetricFilterRecord[];
  readonly delivery?: { sources: DeliverySource[]; destinations: DeliveryDestination[]; deliveries: Delivery[] };
}

export function createLogsService(env: SandboxEnv): SandboxService {
  const store = createLogStore();
  const policies: PolicyStore = new Map();
  const filters: MetricFilterStore = new Map();
  const queries: QueryStore = new Map();
  const delivery = createDeliveryStore();
  env.seams.logs = createLogSink(store, () => env.clock.now().getTime());
  // Metric filters see every event stored, whether PutLogEvents or the awslogs driver wrote it.
  store.onAppend = (group, events) => publishFilterMetrics(env, filters, group, events);
  const groups = logGroupHandlers(env, store);
  const deleteGroup: Handler = (input, ctx) => {
    const out = groups.DeleteLogGroup!(input, ctx);
    filters.delete(String(input.logGroupName));
    return out;
  };
  return {
    name: 'logs',
    model: loadModel('logs'),
    validation: { code: 'InvalidParameterException' },
    handlers: {
      ...groups,
      DeleteLogGroup: deleteGroup,
      ...logEventHandlers(env, store),
      ...resourcePolicyHandlers(env, policies),
      ...metricFilterHandlers(env, store, filters),
      ...queryHandlers(env, store, queries),
      ...deliveryHandlers(env, delivery),
    },
    snapshot: (): LogsSnapshot => ({
      ...snapshotLogStore(store),
      resourcePolicies: [...policies.entries()],
      metricFilters: [...filters.values()].flatMap((m) => [...m.values()]),
      delivery: {
        sources: [...delivery.sources.values()],
        destinations: [...delivery.destinations.values()],
        deliveries: [...delivery.deliveries.values()],
      },
    }),
    restore: (state) => {
      const snap = state as LogsSnapshot;
      restoreLogStore(store, snap);
      policies.clear();
      for (const [key, policy] of snap.resourcePolicies ?? []) policies.set(key, policy);
      filters.clear();
      for (const f of snap.metricFilters ?? []) {
        const forGroup = filters.get(f.logGroupName) ?? new Map<string, MetricFilterRecord>();
        forGroup.set(f.filterName, f);
        filters.set(f.logGroupName, forGroup);
      }
      delivery.sources.clear();
      delivery.destinations.clear();
      delivery.deliveries.clear();
      for (const s of snap.delivery?.sources ?? []) delivery.sources.set(s.name, s);
      for (const d of snap.delivery?.destinations ?? []) delivery.destinations.set(d.name, { ...d });
      for (const d of snap.delivery?.deliveries ?? []) delivery.deliveries.set(d.id, d);
    },
  };
}
