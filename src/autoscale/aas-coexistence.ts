// Living beside Application Auto Scaling: its scalable target's min/max bound the count; its dynamic scaling is suspended while we act.
import type { ScalableTarget } from '@aws-sdk/client-application-auto-scaling';
import { readUntilComplete } from '../aws/eventual-consistency.js';
import type { Clock } from '../core/clock.js';
import { msg, type IoHost } from '../core/io-host.js';
import { readTags, removeTags, writeTags } from '../ecs/service-tags.js';
import type { AutoscaleAas, AutoscaleEcs } from './autoscale-aws.js';
import type { AasMode } from './autoscale-spec.js';

/** Marks a suspension this controller (or a predecessor holding the same lease) made, so whoever stops cleanly resumes it. */
export const AAS_TAG = 'cortado:autoscale:aas-suspended';

export interface AasSite {
  readonly aas: AutoscaleAas;
  readonly ecs: Pick<AutoscaleEcs, 'listTagsForResource' | 'tagResource' | 'untagResource'>;
  readonly cluster: string;
  readonly service: string;
  readonly serviceArn: string;
  readonly io: IoHost;
  readonly clock: Clock;
}

const resourceId = (s: AasSite) => `service/${s.cluster}/${s.service}`;
const DIMENSION = 'ecs:service:DesiredCount';

export async function scalableTarget(s: AasSite, signal: AbortSignal): Promise<ScalableTarget | undefined> {
  const out = await s.aas.describeScalableTargets(
    { ServiceNamespace: 'ecs', ResourceIds: [resourceId(s)], ScalableDimension: DIMENSION },
    signal,
  );
  return out.ScalableTargets?.[0];
}

export const boundsOf = (t: ScalableTarget | undefined): { min: number; max: number } | undefined =>
  t ? { min: t.MinCapacity ?? 0, max: t.MaxCapacity ?? Number.MAX_SAFE_INTEGER } : undefined;

async function setDynamic(s: AasSite, t: ScalableTarget, suspended: boolean, signal: AbortSignal): Promise<void> {
  await s.aas.registerScalableTarget(
    {
      ServiceNamespace: 'ecs',
      ResourceId: resourceId(s),
      ScalableDimension: DIMENSION,
      SuspendedState: {
        DynamicScalingInSuspended: suspended,
        DynamicScalingOutSuspended: suspended,
        ScheduledScalingSuspended: t.SuspendedState?.ScheduledScalingSuspended ?? false,
      },
    },
    signal,
  );
}

/** On taking the lease (mode suspend): suspends dynamic scaling unless already suspended; returns the target's bounds. */
export async function takeOverScaling(s: AasSite, mode: AasMode, signal: AbortSignal): Promise<ScalableTarget | undefined> {
  const t = await scalableTarget(s, signal);
  if (!t || mode === 'leave') return t;
  const st = t.SuspendedState;
  if (st?.DynamicScalingInSuspended && st.DynamicScalingOutSuspended) return t;
  await writeTags(s.ecs, s.serviceArn, [{ key: AAS_TAG, value: 'true' }], signal);
  await setDynamic(s, t, true, signal);
  s.io.notify(
    msg('info', 'AUTO_SCALING_SUSPENDED', `Application Auto Scaling of ${s.service}: dynamic scaling suspended while cortado scales it`, {
      min: t.MinCapacity,
      max: t.MaxCapacity,
    }),
  );
  return t;
}

/** On a clean stop: resumes dynamic scaling if cortado suspended it (`signal`: the hand-back's own, the run's is spent). */
export async function handBackScaling(s: AasSite, signal: AbortSignal): Promise<void> {
  try {
    const tags = await readTags(s.ecs, s.serviceArn, signal);
    if (!tags.some((t) => t.key === AAS_TAG)) return;
    // The target was just written (suspended when the lease was taken): AWS may not list it yet. Not listed after a few
    // seconds, it was deregistered, and there is nothing to resume.
    const t = await readUntilComplete(
      s.clock,
      signal,
      () => scalableTarget(s, signal),
      (x) => x !== undefined,
    );
    if (t) await setDynamic(s, t, false, signal);
    await removeTags(s.ecs, s.serviceArn, [AAS_TAG], signal);
    const what = t ? 'dynamic scaling resumed' : 'its scalable target is gone, nothing to resume';
    s.io.notify(msg('info', 'AUTO_SCALING_RESUMED', `Application Auto Scaling of ${s.service}: ${what}`));
  } catch (e) {
    s.io.notify(
      msg(
        'warn',
        'AUTOSCALE_AAS',
        `could not resume Application Auto Scaling of ${s.service}: ${e instanceof Error ? e.message : e}; its dynamic scaling stays ` +
          'suspended: run `cortado deploy --resume-auto-scaling`, or run the controller again and stop it with Ctrl-C',
      ),
    );
  }
}
