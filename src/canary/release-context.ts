// Everything a release's engine works with: where (cluster, services), how (spec), and through what (AWS seams, router, clock, host).
import type { Clock } from '../core/clock.js';
import type { Actor } from './action-tag.js';
import type { IoHost } from '../core/io-host.js';
import type { CanaryAws } from './aws/canary-aws.js';
import type { CanarySpec } from './canary-spec.js';
import type { ProviderFor } from './metrics/create-metric-providers.js';
import type { TrafficRouter } from './routers/traffic-router.js';

export interface ReleaseTarget {
  readonly cluster: string;
  /** Service A: always the stable one. */
  readonly stableService: string;
  /** Service B: always the canary one (the alb router); the stable service itself for ecs-native. */
  readonly canaryService: string;
  readonly spec: CanarySpec;
}

export interface ReleaseDeps {
  readonly aws: CanaryAws;
  readonly router: TrafficRouter;
  readonly providers: ProviderFor;
  readonly clock: Clock;
  readonly io: IoHost;
  /** Who runs the controller (the lease owner): host:pid:random by default. */
  readonly owner: string;
  /** Who asked for this (the API's or Slack's caller): recorded on the release with the change it makes. */
  readonly actor?: Actor;
}
