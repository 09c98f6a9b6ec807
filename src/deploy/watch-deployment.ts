// Waits for the deployment a command started (DescribeServices each tick; DescribeServiceDeployments only when it can say more).
import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import type { Clock } from '../core/clock.js';
import { msg } from '../core/io-host.js';
import type { DeployContext } from './deploy-context.js';
import { deploymentOutcome, earlySuccess, needsDeploymentCheck, type Outcome, serviceStable } from './deployment-status.js';
import { serviceWatcher } from './service-watcher.js';
import { waitLoop } from '../core/wait-loop.js';
import { awaitingPauseHook } from '../ecs/service-deployment.js';
import { isMidway, midwayReached, type WaitUntil } from './wait-until.js';

export type { WaitUntil } from './wait-until.js';

export interface WatchTarget {
  readonly service: string;
  /** The ServiceDeployment the command started; when unknown it is found with ListServiceDeployments. */
  readonly serviceDeploymentArn?: string;
  /** Its ecs-svc/... id (the PRIMARY deployment in UpdateService's answer): tasks carry it in startedBy. */
  readonly deploymentId?: string;
  readonly startedAt: Date;
  readonly until: WaitUntil;
}

export interface WatchResult {
  readonly outcome: Outcome;
  readonly service: Service;
  readonly serviceDeployment?: ServiceDeployment;
  /** Where a midway wait (paused, ecs:<STAGE>) stopped, the deployment still running. */
  readonly reached?: string;
  /** The deployment completed by its early success criteria before the service was stable. */
  readonly earlySuccess?: boolean;
}

/** Pure: the words after "waiting for service X". */
export const waitWords = (u: WaitUntil): string =>
  u === 'stable' || u === 'deployed' ? `to be ${u}` : u === 'paused' ? 'to pause at a lifecycle hook' : `to reach ${u.slice(4)}`;

async function findServiceDeploymentArn(ctx: DeployContext, t: WatchTarget): Promise<string | undefined> {
  const ecs = await ctx.aws.ecs();
  const out = await ecs.listServiceDeployments(
    {
      cluster: ctx.config.cluster,
      service: t.service,
      createdAt: { after: new Date(t.startedAt.getTime() - 60_000) },
      maxResults: 20,
    },
    ctx.signal,
  );
  const newest = [...(out.serviceDeployments ?? [])].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
  return newest?.serviceDeploymentArn;
}

/** ECS is eventually consistent: a service created a moment ago may not be described yet. */
const NOT_YET_VISIBLE_MS = 15_000;

/** Until the service was described once, and for a short while, its absence means "not visible yet", not "deleted". */
function newlyVisible(clock: Clock): { notYet(): boolean; seen(): void } {
  const start = clock.now().getTime();
  let seen = false;
  return {
    notYet: () => !seen && clock.now().getTime() - start < NOT_YET_VISIBLE_MS,
    seen: () => {
      seen = true;
    },
  };
}

export async function watchDeployment(ctx: DeployContext, t: WatchTarget): Promise<WatchResult> {
  const ecs = await ctx.aws.ecs();
  const loop = waitLoop(ctx.clock, `deployment of service ${t.service}`, ctx.timeoutMs, ctx.pollIntervalMs, ctx.signal);
  const watcher = serviceWatcher(ctx.host, new Date(t.startedAt.getTime() - 1000));
  const visibility = newlyVisible(ctx.clock);
  let arn = t.serviceDeploymentArn;
  let outcome: Outcome = { kind: 'in-progress' };
  let sd: ServiceDeployment | undefined;
  let early = false;
  const midway = isMidway(t.until);
  const warnedHooks = new Set<string>();
  ctx.host.notify(
    msg('info', 'DEPLOY_WAITING', `waiting for service ${t.service} ${waitWords(t.until)} (timeout ${Math.round(ctx.timeoutMs / 1000)} s)`),
  );
  for (;;) {
    await loop.tick();
    const out = await ecs.describeServices({ cluster: ctx.config.cluster, services: [t.service] }, ctx.signal);
    const svc = out.services?.[0];
    if (!svc) {
      if (visibility.notYet()) continue;
      throw new Error(`service ${t.service} disappeared while waiting`);
    }
    visibility.seen();
    watcher.observe(svc);
    if (outcome.kind !== 'succeeded' && (midway || needsDeploymentCheck(svc, t.deploymentId))) {
      arn ??= await findServiceDeploymentArn(ctx, t);
      if (arn) {
        const d = await ecs.describeServiceDeployments({ serviceDeploymentArns: [arn] }, ctx.signal);
        sd = d.serviceDeployments?.[0];
        const next: Outcome = sd ? deploymentOutcome(sd) : outcome;
        if (next.kind !== outcome.kind) {
          if (next.kind === 'rolling-back')
            ctx.host.notify(msg('warn', 'DEPLOY_ROLLING_BACK', `deployment is rolling back: ${next.reason}`));
          if (next.kind === 'succeeded') {
            const id = arn.replace(/^.*\//, '');
            const note = sd ? earlySuccess(sd, svc) : undefined;
            early = note !== undefined;
            if (note)
              ctx.host.notify(
                msg('info', 'DEPLOY_EARLY_SUCCESS', `deployment ${id} completed early: ${note}`, { serviceDeploymentArn: arn }),
              );
            ctx.host.notify(msg('info', 'DEPLOY_DEPLOYED', `deployment ${id} successful`));
          }
        }
        outcome = next;
        const reached = sd && outcome.kind === 'in-progress' ? midwayReached(t.until, sd) : undefined;
        if (reached) return { outcome, service: svc, ...(sd ? { serviceDeployment: sd } : {}), reached };
        const hook = sd && t.until !== 'paused' ? awaitingPauseHook(sd) : undefined;
        if (hook && !warnedHooks.has(hook.hookId)) {
          warnedHooks.add(hook.hookId);
          ctx.host.notify(
            msg(
              'warn',
              'DEPLOY_PAUSED',
              `deployment is paused at ${hook.stage ?? 'a lifecycle hook'} (hook ${hook.hookId}): it goes on after \`cortado continue\` (or ROLLBACK by the hook's timeout action)`,
              hook,
            ),
          );
        }
      } else if (serviceStable(svc)) outcome = { kind: 'succeeded' };
    }
    if (outcome.kind === 'failed') return { outcome, service: svc, ...(sd ? { serviceDeployment: sd } : {}) };
    if (outcome.kind === 'succeeded' && (t.until !== 'stable' || serviceStable(svc)))
      return { outcome, service: svc, ...(sd ? { serviceDeployment: sd } : {}), ...(early ? { earlySuccess: true } : {}) };
  }
}

/** Waits until the service is stable, with no deployment to follow (scale, wait). */
export async function waitStable(ctx: DeployContext, service: string, startedAt: Date): Promise<Service> {
  const ecs = await ctx.aws.ecs();
  const loop = waitLoop(ctx.clock, `service ${service} to become stable`, ctx.timeoutMs, ctx.pollIntervalMs, ctx.signal);
  const watcher = serviceWatcher(ctx.host, new Date(startedAt.getTime() - 1000));
  const visibility = newlyVisible(ctx.clock);
  for (;;) {
    await loop.tick();
    const out = await ecs.describeServices({ cluster: ctx.config.cluster, services: [service] }, ctx.signal);
    const svc = out.services?.[0];
    if (!svc) {
      if (visibility.notYet()) continue;
      throw new Error(`service ${service} disappeared while waiting`);
    }
    visibility.seen();
    watcher.observe(svc);
    if (serviceStable(svc)) return svc;
  }
}
