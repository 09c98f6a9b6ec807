// The validated `autoscale:` configuration: what the controller scales, on which load, within which bounds, how fast.

/** Per-task HTTP endpoints, polled directly at each task's private address. */
export type HttpSourceSpec =
  | {
      readonly kind: 'nginx';
      /** `active`: the Active connections gauge; `requests`: the rate of the handled-requests counter (per second). */
      readonly measure: 'active' | 'requests';
      readonly port?: number;
      readonly path: string;
      readonly timeoutMs: number;
    }
  | {
      readonly kind: 'prometheus';
      readonly metric: string;
      readonly labels: Readonly<Record<string, string>>;
      /** A counter read as its rate per second between two polls (a gauge is read as it is). */
      readonly rate: boolean;
      readonly port?: number;
      readonly path: string;
      readonly timeoutMs: number;
    }
  | {
      readonly kind: 'json';
      /** A dot path into the JSON body (`$.load.active`, `requests[0].inflight`). */
      readonly query: string;
      readonly rate: boolean;
      readonly port?: number;
      readonly path: string;
      readonly timeoutMs: number;
    };

/** Service-wide metrics from CloudWatch. */
export type CloudWatchSourceSpec =
  | {
      readonly kind: 'alb';
      readonly metric: 'RequestCountPerTarget' | 'ActiveConnectionCount';
      /** Default: the service's first load balancer target group. */
      readonly targetGroupArn?: string;
      readonly periodS: number;
    }
  | {
      readonly kind: 'ecs';
      readonly metric: 'CPUUtilization' | 'MemoryUtilization';
      /** 60, or 20 for the high-resolution metrics. */
      readonly periodS: number;
    };

export type SourceSpec = HttpSourceSpec | CloudWatchSourceSpec;

/** A per-task HTTP source (its `port` may be left out: the service's load balancer container port is the default). */
export const isHttpSource = (s: SourceSpec): s is HttpSourceSpec => s.kind === 'nginx' || s.kind === 'prometheus' || s.kind === 'json';

export type SourceKind = SourceSpec['kind'];

export const SOURCE_KINDS: readonly SourceKind[] = ['nginx', 'prometheus', 'json', 'alb', 'ecs'];

/** How the controller lives beside Application Auto Scaling on the same service. */
export type AasMode =
  /** Suspend the scalable target's dynamic scaling while this controller holds the lease; resume it on exit. */
  | 'suspend'
  /** Leave it alone (only its MinCapacity/MaxCapacity bound the count). */
  | 'leave';

export interface ScaleOutSpec {
  /** One poll above this multiple of what the current tasks are sized for enters panic mode. */
  readonly panicThreshold: number;
  /** Consecutive polls above the threshold before panicking. */
  readonly panicPolls: number;
  /** How long panic lasts after the last poll above the threshold (the count only goes up meanwhile). */
  readonly panicWindowMs: number;
  /** The window whose mean load sizes the service outside panic. */
  readonly stableWindowMs: number;
  /** Most tasks added by one decision (undefined: no limit). */
  readonly maxStep?: number;
  /** Outside panic, no change while the mean load is within this fraction of what the tasks are sized for. */
  readonly tolerance: number;
}

export interface ScaleInSpec {
  /** A scale-in goes only to the highest count recommended over this window. */
  readonly stabilizationMs: number;
  /** Most tasks removed by one decision (undefined: no limit). */
  readonly maxStep?: number;
}

export interface AutoscaleSpec {
  readonly cluster: string;
  readonly service: string;
  /** A canary service whose count its own controller sets from its weight: its tasks count toward the load and capacity. */
  readonly canaryService?: string;
  readonly source: SourceSpec;
  /** Load one task should carry. */
  readonly target: number;
  /** Headroom as a target below 100%: each task is sized for target × utilization. */
  readonly utilization: number;
  /** Headroom as spare tasks on top of what the load needs. */
  readonly spareTasks: number;
  readonly min: number;
  readonly max: number;
  readonly scaleOut: ScaleOutSpec;
  readonly scaleIn: ScaleInSpec;
  readonly pollMs: number;
  readonly leaseMs: number;
  readonly applicationAutoScaling: AasMode;
}
