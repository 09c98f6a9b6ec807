// `router: tasks` in the canary: section: no load balancer, so no listener or target groups, and only checks that need none.
import type { MetricCheck, RouterSpec } from '../canary-spec.js';
import type { Raw, SectionReader } from './config-reader.js';

const LB_KEYS = ['listener_rule', 'listener', 'stable_target_group', 'canary_target_group'] as const;

/** The checks that read the load balancer's metrics of the canary target group. */
const LB_CHECKS: ReadonlySet<MetricCheck['kind']> = new Set(['success-rate', 'latency', 'error-rate-vs-stable']);

export function tasksRouter(r: SectionReader, raw: Raw, canaryService: string): Extract<RouterSpec, { kind: 'tasks' }> {
  for (const k of LB_KEYS) {
    if (raw[k] !== undefined)
      throw r.fail(`canary.${k}`, "nothing with router: tasks (no load balancer: the canary's share is its task count)", raw[k]);
  }
  if (raw.canary_tasks !== undefined)
    throw r.fail(
      'canary.canary_tasks',
      "nothing with router: tasks (each step's weight sets the task counts: canary round(total × weight / 100), stable the rest)",
      raw.canary_tasks,
    );
  return { kind: 'tasks', canaryService };
}

/** With no load balancer, the analysis needs checks of its own: CloudWatch (the app's or the queue's metrics), Prometheus or HTTP. */
export function checkTasksMetrics(r: SectionReader, raw: Raw, metrics: readonly MetricCheck[]): void {
  if (raw.metrics === undefined)
    throw r.fail(
      'canary.metrics',
      "checks for router: tasks (the default success-rate reads a load balancer's metrics): e.g. a cloudwatch query of the dead-letter queue's depth with stat: increase",
      undefined,
    );
  metrics.forEach((m, i) => {
    if (LB_CHECKS.has(m.kind))
      throw r.fail(
        `canary.metrics[${i}].name`,
        `a cloudwatch, prometheus or http check with router: tasks (${m.kind} reads the canary target group's metrics, and there is no load balancer)`,
        m.name,
      );
  });
}
