// The traffic router extension point: one small interface; one file per backend; createRouter() picks one.
import type { NativeDeploymentView } from '../ecs-native/native-state.js';
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
  /** Empty with router `tasks` (no load balancer). */
  readonly loadBalancerArn: string;
  readonly stableTargetGroupArn: string;
  readonly canaryTargetGroupArn: string;
  /** Router `tasks`: the services, for `${cluster}`, `${stable_service}` and `${canary_service}` in custom queries. */
  readonly services?: { readonly cluster: string; readonly stable: string; readonly canary: string };
}

/** The answer to a PAUSE lifecycle hook: CONTINUE lets ECS take its next step, ROLLBACK ends its deployment. */
export type HookAnswer = 'CONTINUE' | 'ROLLBACK';

/**
 * What a router whose weights ECS moves (ecs-native: the service's CANARY/LINEAR strategy) offers the controller in
 * place of setting weights: start ECS's deployment, read how far it is, and answer the PAUSE hooks it waits at.
 */
export interface DeploymentDriver {
  /** UpdateService to `revision`; resolves to the ARN of the service deployment ECS started for it. */
  start(t: RolloutTarget, revision: string, signal: AbortSignal): Promise<string>;
  /** The deployment as the pure decision reads it (a CortadoError when ECS no longer describes it). */
  view(deploymentArn: string, signal: AbortSignal): Promise<NativeDeploymentView>;
  /** The route, with the target group ECS gives the new revision as the canary one. */
  route(t: RolloutTarget, deploymentArn: string, signal: AbortSignal): Promise<ResolvedRoute>;
  /** Answers the PAUSE hook `hookId`; a ROLLBACK without a waiting hook stops the deployment with a rollback. */
  answer(deploymentArn: string, answer: HookAnswer, hookId: string | undefined, signal: AbortSignal): Promise<void>;
}

export interface TrafficRouter {
  readonly kind: 'alb' | 'ecs-native' | 'tasks';
  /** Checks the routing resources and completes what is missing, never touching existing weights. */
  reconcile(t: RolloutTarget, signal: AbortSignal): Promise<ResolvedRoute>;
  /** Moves traffic to `w`, changing nothing but the weights. */
  setWeights(t: RolloutTarget, w: Weights, signal: AbortSignal): Promise<void>;
  /** The weights as AWS has them now. */
  getWeights(t: RolloutTarget, signal: AbortSignal): Promise<Weights>;
  /** Present when ECS, not cortado, moves the weights (ecs-native). */
  readonly deployment?: DeploymentDriver;
}
