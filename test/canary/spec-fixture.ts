// A CanarySpec for table tests: small numbers that make the arithmetic obvious.
import type { CanarySpec } from '../../src/canary/canary-spec.js';

export function testSpec(over: Partial<CanarySpec> = {}): CanarySpec {
  return {
    router: {
      kind: 'alb',
      listenerRuleArn: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/a/1/2/3',
      canaryService: 'app-canary',
    },
    steps: [10, 50, 100],
    intervalMs: 10_000,
    analysisIntervalMs: 2_000,
    threshold: 2,
    minRequests: 20,
    noDataLimit: 3,
    metrics: [{ kind: 'success-rate', name: 'success-rate', bounds: { min: 99 } }],
    metricPeriodS: 1,
    canaryTasks: { kind: 'fixed', count: 1 },
    gate: { kind: 'auto' },
    preRollout: [],
    postRollout: [],
    notify: [],
    leaseMs: 30_000,
    deployTimeoutMs: 60_000,
    pollMs: 500,
    ...over,
  };
}
