// Wires one release: its target from the config, and its seams (AWS, router, metric providers) from the session's AWS clients.
import type { AwsClients } from '../aws/aws-clients.js';
import type { Clock } from '../core/clock.js';
import type { IoHost } from '../core/io-host.js';
import { canaryAws } from './aws/canary-aws.js';
import type { CanarySpec } from './canary-spec.js';
import { defaultOwner } from '../ecs/tag-lease.js';
import { createMetricProviders } from './metrics/create-metric-providers.js';
import type { ReleaseDeps, ReleaseTarget } from './release-context.js';
import { createRouter } from './routers/create-router.js';

export interface ReleaseWhere {
  readonly cluster: string;
  readonly stableService: string;
  readonly spec: CanarySpec;
}

export interface OpenRelease {
  readonly target: ReleaseTarget;
  readonly deps: ReleaseDeps;
}

export async function openRelease(
  where: ReleaseWhere,
  clients: AwsClients,
  io: IoHost,
  clock: Clock,
  owner = defaultOwner(),
): Promise<OpenRelease> {
  const aws = await canaryAws(clients);
  const spec = where.spec;
  const target: ReleaseTarget = {
    cluster: where.cluster,
    stableService: where.stableService,
    spec,
    canaryService: spec.router.kind === 'ecs-native' ? where.stableService : spec.router.canaryService,
  };
  const deps: ReleaseDeps = {
    aws,
    router: createRouter(spec.router, aws, clock),
    providers: createMetricProviders(aws.cloudwatch),
    clock,
    io,
    owner,
  };
  return { target, deps };
}
