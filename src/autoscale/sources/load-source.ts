// The one small interface every load source implements: read the load of the service's tasks now (one file per source).
import type { SourceKind } from '../autoscale-spec.js';

/** A running task the controller polls: its private address (ENI IPv4, or a bridge binding) and the port of its load endpoint. */
export interface TaskTarget {
  readonly taskArn: string;
  readonly taskId: string;
  /** The service it belongs to (the scaled one, or its canary). */
  readonly service: string;
  readonly address: string;
  readonly port?: number;
}

/** One task's reading: a load, or why there is none (down, or a counter seen for the first time). */
export interface TaskLoad {
  readonly taskId: string;
  readonly service: string;
  readonly address: string;
  readonly load?: number;
  readonly error?: string;
}

export interface LoadReading {
  /** Per-task readings (HTTP sources); CloudWatch sources list no task. */
  readonly tasks: readonly TaskLoad[];
  /** A service-wide total (CloudWatch sources); undefined for per-task sources or when no datapoint came. */
  readonly total?: number;
  /** Why a service-wide source has no total this poll. */
  readonly error?: string;
}

export interface LoadSource {
  readonly kind: SourceKind;
  /** What the load is, for views: "active connections", "requests/s", "CPU %". */
  readonly unit: string;
  read(tasks: readonly TaskTarget[], signal: AbortSignal): Promise<LoadReading>;
  /** Releases sockets (HTTP keep-alive). */
  close?(): void;
}

/** The load summed over the tasks that answered, and how many running tasks have none; undefined when none answered. */
export function sumLoad(r: LoadReading, running: number): { load: number | undefined; missing: number } {
  if (r.total !== undefined || r.error !== undefined) return { load: r.total, missing: r.total === undefined ? running : 0 };
  const answered = r.tasks.filter((t) => t.load !== undefined);
  return {
    load: answered.length === 0 ? undefined : answered.reduce((s, t) => s + t.load!, 0),
    missing: r.tasks.length - answered.length,
  };
}
