// The validated `canary:` configuration: what a release does, in the units the engine uses (ms, percent).
import type { Notifier } from '../core/notifier.js';
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { BaselineSpec } from './baseline/baseline-spec.js';
import type { HeaderRouteSpec } from './routers/header-route-spec.js';

/**
 * Where traffic is split. `alb`: two ECS services behind one weighted forward action; `ecs-native`: ECS moves the weights;
 * `tasks` (no load balancer, e.g. queue workers): the canary's share is its task count against stable's.
 */
export type RouterSpec =
  | {
      readonly kind: 'alb';
      /** The listener rule whose forward action carries the split, or… */
      readonly listenerRuleArn?: string;
      /** …the listener whose default action carries it. Exactly one of the two. */
      readonly listenerArn?: string;
      /** Explicit target groups; by default read from the stable and canary services' loadBalancers. */
      readonly stableTargetGroupArn?: string;
      readonly canaryTargetGroupArn?: string;
      readonly canaryService: string;
    }
  | { readonly kind: 'ecs-native' }
  | { readonly kind: 'tasks'; readonly canaryService: string };

/** How many canary tasks run: a fixed count, or the stable count scaled by the canary weight (at least `min`). */
export type CanaryTasks = { readonly kind: 'fixed'; readonly count: number } | { readonly kind: 'follow-weight'; readonly min: number };

/** Inclusive bounds a metric value must stay within. */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

export type MetricCheck =
  /** Built-in: 100 × (1 − Target 5xx / RequestCount) of the canary target group, in percent. */
  | { readonly kind: 'success-rate'; readonly name: string; readonly bounds: Bounds }
  /** Built-in: TargetResponseTime of the canary target group at a percentile, in milliseconds. */
  | { readonly kind: 'latency'; readonly name: string; readonly percentile: number; readonly bounds: Bounds }
  /** Built-in comparison: canary 5xx rate minus stable 5xx rate, in percentage points. */
  | { readonly kind: 'error-rate-vs-stable'; readonly name: string; readonly bounds: Bounds }
  /** Custom GetMetricData queries; `${canary_target_group}` and friends are substituted in dimension values. */
  | {
      readonly kind: 'cloudwatch';
      readonly name: string;
      readonly queries: readonly MetricDataQuery[];
      readonly resultId: string;
      /** `increase`: the last datapoint minus the first (a gauge that must not grow, e.g. a dead-letter queue's depth). */
      readonly stat: 'sum' | 'average' | 'maximum' | 'minimum' | 'last' | 'increase';
      readonly bounds: Bounds;
    }
  | { readonly kind: 'prometheus'; readonly name: string; readonly url: string; readonly query: string; readonly bounds: Bounds }
  | {
      readonly kind: 'http';
      readonly name: string;
      readonly url: string;
      readonly method: 'GET' | 'POST';
      readonly expectStatus: readonly [number, number];
      readonly jsonPath?: string;
      readonly bounds: Bounds;
      readonly timeoutMs: number;
    };

export interface Webhook {
  readonly name: string;
  readonly url: string;
  readonly timeoutMs: number;
}

export type PromotionGate =
  | { readonly kind: 'auto' }
  /** Waits for `cortado canary promote` (from any machine). */
  | { readonly kind: 'manual' }
  /** Promotes once the webhook answers 2xx; asked again every analysis interval. */
  | { readonly kind: 'webhook'; readonly hook: Webhook };

export type { Notifier };

export interface CanarySpec {
  readonly router: RouterSpec;
  /** Canary weight of each step, percent, strictly increasing, 1–100 (a leading 0 is the header-route step). */
  readonly steps: readonly number[];
  /** Time the canary serves each step's weight before it may advance. */
  readonly intervalMs: number;
  /** Time between two analyses (≤ intervalMs). A breach is acted on within one of these. */
  readonly analysisIntervalMs: number;
  /** Failed analyses in one release (cumulative, not consecutive) that trigger the rollback. */
  readonly threshold: number;
  /** Fewer canary requests than this in an analysis window is "not enough data". */
  readonly minRequests: number;
  /** Consecutive "not enough data" analyses after which the release rolls back. */
  readonly noDataLimit: number;
  readonly metrics: readonly MetricCheck[];
  /** CloudWatch period for the built-in metrics, seconds (AWS/ApplicationELB publishes per 60 s). */
  readonly metricPeriodS: number;
  readonly canaryTasks: CanaryTasks;
  /** Which container gets the new image (default: the one behind the load balancer, else the first essential one). */
  readonly container?: string;
  readonly gate: PromotionGate;
  readonly preRollout: readonly Webhook[];
  readonly postRollout: readonly Webhook[];
  readonly notify: readonly Notifier[];
  /** How long a controller's lease lasts without renewal; a `resume` elsewhere takes over after it. */
  readonly leaseMs: number;
  /** Bound on each ECS deployment the release waits for. */
  readonly deployTimeoutMs: number;
  /** How often waits re-read AWS (deployments, operator requests). */
  readonly pollMs: number;
  /** A baseline service on the stable revision, compared with the canary by the statistical judge (alb router). */
  readonly baseline?: BaselineSpec;
  /** A first step at weight 0 (steps[0] = 0) where only requests with this header reach the canary (alb router). */
  readonly headerRoute?: HeaderRouteSpec;
}
