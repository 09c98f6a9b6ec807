// Amazon EventBridge in the sandbox (awsJson1_1): the default bus, rules with event patterns or schedules, targets.
import { randomUUID } from 'node:crypto';
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { SandboxService } from '../../service.js';
import { createEventBus } from './event-bus.js';
import type { RuleRecord } from './events-state.js';
import { ruleHandlers } from './rule-handlers.js';
import { createRuleSchedules } from './rule-schedules.js';
import { deliver, type DeliveryRecord } from './target-delivery.js';

/** Delivery records kept for GET /_cortado/events/deliveries (oldest dropped first). */
const MAX_RECORDS = 10_000;

interface SavedRule extends Omit<RuleRecord, 'targets'> {
  readonly targets: [string, Record<string, unknown>][];
}

export function createEventsService(env: SandboxEnv): SandboxService {
  const scope = { region: env.region, accountId: env.accountId };
  const state = { rules: new Map<string, RuleRecord>() };
  const deliveries: DeliveryRecord[] = [];
  const record = (d: DeliveryRecord) => {
    deliveries.push(d);
    if (deliveries.length > MAX_RECORDS) deliveries.shift();
  };
  const bus = createEventBus(env, scope, state, record);
  env.seams.events = { publish: (e) => bus.publish(e) };
  // A scheduled rule's event goes to that rule's targets only [DG EventBridge:"Creating a rule that runs on a schedule"].
  const schedules = createRuleSchedules(env.clock, (rule, at) => {
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: scope.accountId,
      time: `${at.toISOString().slice(0, 19)}Z`,
      region: scope.region,
      resources: [rule.arn],
      detail: {},
    };
    for (const target of rule.targets.values()) void deliver(env, rule, target, event).then(record);
  });

  return {
    name: 'events',
    model: loadModel('events'),
    validation: { code: 'ValidationException' },
    handlers: {
      ...ruleHandlers({ scope, state, now: () => env.clock.now().getTime(), rescheduled: (rule, name) => schedules.update(rule, name) }),
      ...bus.handlers,
    },
    control: {
      'events/deliveries': (req) => {
        const rule = req.query.get('rule');
        return { status: 200, body: { deliveries: deliveries.filter((d) => !rule || d.rule === rule) } };
      },
    },
    snapshot: (): SavedRule[] => [...state.rules.values()].map((r) => ({ ...r, targets: [...r.targets.entries()] })),
    restore(saved) {
      for (const r of (saved as SavedRule[] | undefined) ?? []) {
        const rule: RuleRecord = { ...r, targets: new Map(r.targets) };
        state.rules.set(rule.name, rule);
        schedules.update(rule, rule.name);
      }
    },
    close() {
      schedules.close();
      return Promise.resolve();
    },
  };
}
