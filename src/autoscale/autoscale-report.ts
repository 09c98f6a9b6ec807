// `status` and `explain` as data: the service, who holds the lease, Application Auto Scaling, the load now — and what a decision would be.
import type { Clock } from '../core/clock.js';
import { decodeLease, type Lease } from '../ecs/lease.js';
import { readTags } from '../ecs/service-tags.js';
import { AAS_TAG, boundsOf, scalableTarget } from './aas-coexistence.js';
import type { AutoscaleSpec } from './autoscale-spec.js';
import { LEASE_TAG, openController, type ControllerDeps } from './controller.js';
import { decide, type Decision, type DecisionState } from './decide.js';
import type { PollView } from './observe.js';

export interface AutoscaleStatus {
  readonly service: string;
  readonly cluster: string;
  readonly source: AutoscaleSpec['source'];
  readonly target: number;
  readonly min: number;
  readonly max: number;
  readonly view: PollView;
  readonly controller?: Lease & { readonly live: boolean };
  readonly applicationAutoScaling?: {
    readonly min: number;
    readonly max: number;
    readonly dynamicScalingSuspended: boolean;
    readonly suspendedByCortado: boolean;
  };
}

export interface Explanation extends AutoscaleStatus {
  readonly decision: Decision;
  /** What explain assumes: the load now has been the load over every window (it keeps no history). */
  readonly assumption: string;
}

type ReportDeps = Pick<ControllerDeps, 'aws' | 'clock' | 'io' | 'owner'>;

export async function readStatus(spec: AutoscaleSpec, deps: ReportDeps, signal: AbortSignal): Promise<AutoscaleStatus> {
  const c = await openController(spec, deps, signal);
  try {
    const [view, tags, target] = await Promise.all([c.poll(), readTags(deps.aws.ecs, c.lease.arn, signal), scalableTarget(c.aas, signal)]);
    const lease = decodeLease(tags, LEASE_TAG);
    const now = deps.clock.now().getTime();
    const st = target?.SuspendedState;
    return {
      service: spec.service,
      cluster: spec.cluster,
      source: spec.source,
      target: spec.target,
      min: spec.min,
      max: spec.max,
      view,
      ...(lease ? { controller: { ...lease, live: lease.until > now } } : {}),
      ...(target
        ? {
            applicationAutoScaling: {
              ...boundsOf(target)!,
              dynamicScalingSuspended: Boolean(st?.DynamicScalingInSuspended && st.DynamicScalingOutSuspended),
              suspendedByCortado: tags.some((t) => t.key === AAS_TAG),
            },
          }
        : {}),
    };
  } finally {
    c.source.close?.();
  }
}

/** A history in which the load now has held for every window: what the controller would do if it had seen this load all along. */
export function steadyHistory(spec: AutoscaleSpec, load: number, now: number): DecisionState {
  const span = Math.max(spec.scaleIn.stabilizationMs, spec.scaleOut.stableWindowMs);
  return { since: now - span, samples: [{ at: now - 1, value: load }], recommendations: [], overPolls: 0, panicUntil: 0 };
}

/** What the controller would do now, without acting. Counters read as rates need two readings: it polls twice, a poll apart. */
export async function explain(
  spec: AutoscaleSpec,
  deps: ReportDeps & { readonly clock: Clock },
  signal: AbortSignal,
): Promise<Explanation> {
  let s = await readStatus(spec, deps, signal);
  const rate = 'rate' in spec.source ? spec.source.rate : spec.source.kind === 'nginx' && spec.source.measure === 'requests';
  if (rate) {
    const c = await openController(spec, deps, signal);
    try {
      await c.poll();
      await deps.clock.sleep(spec.pollMs, signal);
      s = { ...s, view: await c.poll() };
    } finally {
      c.source.close?.();
    }
  }
  const now = s.view.at;
  const load = s.view.load;
  const bounds = s.applicationAutoScaling ? { min: s.applicationAutoScaling.min, max: s.applicationAutoScaling.max } : undefined;
  const { decision } = decide(spec, load === undefined ? steadyHistory(spec, 0, now) : steadyHistory(spec, load, now), {
    now,
    load,
    missing: s.view.missing,
    desired: s.view.service.desired,
    canaryDesired: s.view.canary?.desired ?? 0,
    deploying: s.view.service.deploying,
    ...(bounds ? { bounds } : {}),
  });
  return { ...s, decision, assumption: 'the load read now is taken as the load of every window (explain keeps no history)' };
}
