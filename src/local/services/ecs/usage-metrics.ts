// Publishes AWS/ECS CPUUtilization and MemoryUtilization per service every simulated minute (20 s when the service's
// revision's monitoring configuration asks for it), from the tasks' real usage.
import type { ContainerUsage } from '../../runtime/index.js';
import type { EcsContext } from './ecs-context.js';
import { tasksOfService } from './ecs-context.js';
import type { ServiceRecord, TaskRecord } from './ecs-state.js';

export const METRIC_PERIOD_MS = 60_000;
/** What a task without task-level cpu/memory is measured against (EC2 tasks may leave them out). */
const DEFAULT_CPU_UNITS = 1024;
const DEFAULT_MEMORY_MIB = 512;

export interface UsageSample {
  readonly cpuSeconds: number;
  readonly at: number;
}

/** Percent of the task's cpu units used since the last sample, and of its memory now. Pure. */
export function utilisation(task: Pick<TaskRecord, 'cpu' | 'memory'>, prev: UsageSample | undefined, now: UsageSample, rssBytes: number) {
  const units = Number(task.cpu ?? DEFAULT_CPU_UNITS) || DEFAULT_CPU_UNITS;
  const mib = Number(task.memory ?? DEFAULT_MEMORY_MIB) || DEFAULT_MEMORY_MIB;
  const elapsedS = prev ? (now.at - prev.at) / 1000 : 0;
  const cpu = prev && elapsedS > 0 ? ((now.cpuSeconds - prev.cpuSeconds) / elapsedS / (units / 1024)) * 100 : undefined;
  return { cpu: cpu === undefined ? undefined : Math.max(0, cpu), memory: (rssBytes / (mib * 1024 * 1024)) * 100 };
}

const average = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** ECS's high resolution: a service revision's monitoring may ask for 20 s CPUUtilization/MemoryUtilization. */
export const HIGH_RESOLUTION_MS = 20_000;

/** The resolution (ms) the service's current revision gives one metric: 20 s when asked for, else 60 s. */
export function resolutionOf(svc: Pick<ServiceRecord, 'config'>, metric: 'CPUUtilization' | 'MemoryUtilization'): number {
  const configs = (svc.config.monitoring?.metricConfigurations ?? []) as ReadonlyArray<{
    readonly metricNames?: readonly string[];
    readonly resolutionSeconds?: number;
  }>;
  const asked = configs.find((c) => c.metricNames?.includes(metric))?.resolutionSeconds;
  return asked === 20 ? HIGH_RESOLUTION_MS : METRIC_PERIOD_MS;
}

/** Publishes every 20 simulated seconds what is due: 20 s metrics each time, 60 s metrics every third time. */
export function startUsageMetrics(ctx: EcsContext, usage: (taskId: string) => Promise<ContainerUsage | undefined>): () => void {
  const samples = new Map<string, UsageSample>();
  let busy = false;
  let tick = 0;
  const publish = async (n: number) => {
    const sink = ctx.env.seams.metrics;
    if (!sink || busy) return;
    busy = true;
    try {
      const due = (ms: number) => n % (ms / HIGH_RESOLUTION_MS) === 0;
      for (const svc of Object.values(ctx.state.services)) {
        if (svc.status !== 'ACTIVE') continue;
        const cpuDue = due(resolutionOf(svc, 'CPUUtilization'));
        const memDue = due(resolutionOf(svc, 'MemoryUtilization'));
        if (!cpuDue && !memDue) continue;
        const cpu: number[] = [];
        const mem: number[] = [];
        for (const t of tasksOfService(ctx, svc).filter((x) => x.lastStatus === 'RUNNING')) {
          const u = await usage(t.id);
          if (!u) continue;
          const sample = { cpuSeconds: u.cpuSeconds, at: Date.now() };
          const v = utilisation(t, samples.get(t.id), sample, u.rssBytes);
          if (cpuDue) {
            samples.set(t.id, sample);
            if (v.cpu !== undefined) cpu.push(v.cpu);
          }
          mem.push(v.memory);
        }
        const dimensions = [
          { name: 'ClusterName', value: svc.clusterName },
          { name: 'ServiceName', value: svc.name },
        ];
        const timestamp = ctx.env.clock.now();
        if (cpuDue && cpu.length > 0)
          sink.put({ namespace: 'AWS/ECS', name: 'CPUUtilization', dimensions, value: average(cpu), unit: 'Percent', timestamp });
        if (memDue && mem.length > 0)
          sink.put({ namespace: 'AWS/ECS', name: 'MemoryUtilization', dimensions, value: average(mem), unit: 'Percent', timestamp });
      }
      for (const id of samples.keys()) if (ctx.state.tasks[id]?.lastStatus !== 'RUNNING') samples.delete(id);
    } finally {
      busy = false;
    }
  };
  return ctx.env.clock.every(HIGH_RESOLUTION_MS, () => void publish(++tick));
}
