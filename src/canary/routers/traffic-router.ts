// The traffic router extension point: one small interface; one file per backend; createRouter() picks one.
import type { Weights } from '../step-weights.js';

/** The services a release moves traffic between. */
export interface RolloutTarget {
  readonly cluster: string;
  readonly stableService: string;
  /** The canary service (alb router); ecs-native releases within the stable service itself. */
  readonly canaryService?: string;
}

/** What a router found out about the routing resources: the metric dimensions come from here. */
export interface ResolvedRoute {
  readonly loadBalancerArn: string;
  readonly stableTargetGroupArn: string;
  readonly canaryTargetGroupArn: string;
}

export interface TrafficRouter {
  readonly kind: 'alb' | 'ecs-native';
  /** Checks the routing resources and completes what is missing, never touching existing weights. */
  reconcile(t: RolloutTarget, signal: AbortSignal): Promise<ResolvedRoute>;
  /** Moves traffic to `w`, changing nothing but the weights. */
  setWeights(t: RolloutTarget, w: Weights, signal: AbortSignal): Promise<void>;
  /** The weights as AWS has them now. */
  getWeights(t: RolloutTarget, signal: AbortSignal): Promise<Weights>;
}
