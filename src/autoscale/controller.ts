// The controller loop: hold the lease, poll the load, decide (pure), set the desired count when the decision changes it, back off when throttled.
import { awsErrorCode, awsHttpStatus } from '../aws/aws-call.js';
import { readUntilComplete } from '../aws/eventual-consistency.js';
import type { Clock } from '../core/clock.js';
import { AwsCallError, CortadoError, UsageError } from '../core/errors.js';
import { msg, type IoHost } from '../core/io-host.js';
import { readTags } from '../ecs/service-tags.js';
import { giveBackLease, handBackSignal, holdsLease, keepLease, takeLease, type LeaseSite } from '../ecs/tag-lease.js';
import { boundsOf, handBackScaling, scalableTarget, takeOverScaling, type AasSite } from './aas-coexistence.js';
import type { AutoscaleAws } from './autoscale-aws.js';
import { isHttpSource, type AutoscaleSpec } from './autoscale-spec.js';
import { decide, initialDecisionState, type Observation } from './decide.js';
import { describeScaled, observe, type PollView } from './observe.js';
import type { PollRecord } from './poll-record.js';
import { createLoadSource } from './sources/create-load-source.js';
import { createTaskDiscovery } from './task-discovery.js';

export const LEASE_TAG = 'cortado:autoscale:lease';

export interface ControllerDeps {
  readonly aws: AutoscaleAws;
  readonly clock: Clock;
  readonly io: IoHost;
  readonly owner: string;
  /** Every poll, active or standing by (the CLI's live view and JSON lines). */
  readonly onPoll?: (r: PollRecord) => void;
}

const MAX_BACKOFF_MS = 30_000;
const BOUNDS_REFRESH_MS = 30_000;

const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded']);
export const isThrottling = (e: unknown): boolean =>
  (e instanceof AwsCallError && THROTTLING.has(e.awsCode)) || THROTTLING.has((e as { name?: string })?.name ?? '');

/** Throttling, AWS's own failures (HTTP 5xx) and an unreachable endpoint: a long-running controller waits them out. */
export function isTransient(e: unknown): boolean {
  if (isThrottling(e)) return true;
  const status = awsHttpStatus(e);
  return awsErrorCode(e) === 'NetworkError' || (status !== undefined && status >= 500);
}

/** The next back-off after a failure: the poll interval, doubling up to MAX_BACKOFF_MS. */
const nextBackoff = (pollMs: number, backoffMs: number): number => Math.min(MAX_BACKOFF_MS, Math.max(pollMs, backoffMs * 2));

/** The warning for a failure the controller backs off from: `${before}<AWS's message>; ${after}`. */
const backoffWarning = (e: unknown, before: string, after: string, backoffMs: number) =>
  msg(
    'warn',
    isThrottling(e) ? 'AUTOSCALE_THROTTLED' : 'AUTOSCALE_POLL_FAILED',
    `${before}${e instanceof Error ? e.message : String(e)}; ${after}`,
    {
      backoffMs,
    },
  );

const inSeconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/**
 * Outside the polls (opening, the lease, taking over from Application Auto Scaling), a transient failure is waited out
 * the way a poll's is: reported, then tried again after the back-off. Anything else ends the run.
 */
function outsidePolls(spec: AutoscaleSpec, deps: ControllerDeps, signal: AbortSignal) {
  let backoffMs = 0;
  return {
    succeeded: () => {
      backoffMs = 0;
    },
    async failed(e: unknown, what: string): Promise<void> {
      if (signal.aborted || !isTransient(e)) throw e;
      backoffMs = nextBackoff(spec.pollMs, backoffMs);
      deps.io.notify(backoffWarning(e, `${what}: `, `trying again in ${inSeconds(backoffMs)}`, backoffMs));
      await deps.clock.sleep(backoffMs, signal);
    },
  };
}

/** Opens the controller's pieces on the service: its ARN, the load source, the lease and AAS sites. */
export async function openController(spec: AutoscaleSpec, deps: ControllerDeps, signal: AbortSignal) {
  const { service } = await describeVisible(spec, deps, signal);
  if (isHttpSource(spec.source) && spec.source.port === undefined && service.containerPort === undefined)
    throw new UsageError(
      'AUTOSCALE_NO_PORT',
      `autoscale.source: service ${spec.service} has no load balancer to take the container port from`,
      'set autoscale.source.port to the port of the load endpoint',
    );
  const source = createLoadSource(spec.source, {
    cloudwatch: deps.aws.cloudwatch,
    elb: deps.aws.elb,
    clock: deps.clock,
    cluster: spec.cluster,
    service: spec.service,
    ...(service.targetGroupArn ? { serviceTargetGroupArn: service.targetGroupArn } : {}),
  });
  const lease: LeaseSite = {
    ecs: deps.aws.ecs,
    arn: service.arn,
    key: LEASE_TAG,
    owner: deps.owner,
    leaseMs: spec.leaseMs,
    clock: deps.clock,
  };
  const aas: AasSite = {
    aas: deps.aws.aas,
    ecs: deps.aws.ecs,
    cluster: spec.cluster,
    service: spec.service,
    serviceArn: service.arn,
    io: deps.io,
    clock: deps.clock,
  };
  const discovery = createTaskDiscovery(deps.aws.ecs, spec.cluster);
  const poll = () => observe(spec, { ecs: deps.aws.ecs, discovery, source, now: () => deps.clock.now().getTime() }, signal);
  return { service, source, lease, aas, poll };
}

/**
 * The scaled service, read again for a few seconds while ECS does not list it: a service created a moment before the
 * controller starts may not be visible yet (ECS is eventually consistent). Still missing after that, it is a config error.
 */
async function describeVisible(spec: AutoscaleSpec, deps: ControllerDeps, signal: AbortSignal) {
  const missing = (e: unknown): e is UsageError => e instanceof UsageError && e.code === 'AUTOSCALE_SERVICE_NOT_FOUND';
  const read = await readUntilComplete(
    deps.clock,
    signal,
    () => describeScaled(deps.aws.ecs, spec, signal).catch((e: unknown) => (missing(e) ? e : Promise.reject(e))),
    (r) => !missing(r),
  );
  if (missing(read)) throw read;
  return read;
}

/**
 * Runs until `signal` aborts: stands by while another controller holds the lease (taking over once it lapses), acts while
 * this one holds it. Aborted, it resumes Application Auto Scaling if cortado suspended it and gives the lease back.
 */
export async function runController(spec: AutoscaleSpec, deps: ControllerDeps, signal: AbortSignal): Promise<never> {
  const retry = outsidePolls(spec, deps, signal);
  let c: Opened | undefined;
  while (!c)
    c = await openController(spec, deps, signal).catch((e: unknown) => retry.failed(e, 'opening the controller').then(() => undefined));
  retry.succeeded();
  let active = false;
  try {
    for (;;) {
      try {
        const now = deps.clock.now().getTime();
        const holder = await takeLease(c.lease, await readTags(deps.aws.ecs, c.lease.arn, signal), signal);
        retry.succeeded();
        if (holder) {
          deps.onPoll?.({ at: now, role: { kind: 'standby', holder: holder.owner, until: holder.until } });
          deps.io.notify(
            msg(
              'info',
              'AUTOSCALE_STANDBY',
              `controller ${holder.owner} holds ${spec.service} until ${new Date(holder.until).toISOString()}: standing by`,
              holder,
            ),
          );
          active = false;
          // Wake just after the lease runs out (or every few seconds to redraw), so a dead holder is replaced within its lease.
          await deps.clock.sleep(Math.max(50, Math.min(holder.until - deps.clock.now().getTime() + 20, 5_000)), signal);
          continue;
        }
        active = true;
        deps.io.notify(msg('info', 'AUTOSCALE_CONTROLLER', `controller ${deps.owner} scales ${spec.service}`, { owner: deps.owner }));
        const lost = await act(spec, deps, c, now, signal);
        active = false;
        deps.io.notify(msg('warn', 'AUTOSCALE_STANDBY', `controller ${lost.owner} took ${spec.service} over: standing by`, lost));
      } catch (e) {
        // Still the holder if it was acting (the lease is its own until it lapses): the next round renews and acts again.
        await retry.failed(e, active ? 'keeping the lease' : 'reading the lease');
      }
    }
  } finally {
    c.source.close?.();
    if (active && signal.aborted) {
      // The run's signal is spent: the hand-back has a budget of its own (one for every step). After a failure outside
      // the polls the lease may have lapsed to another controller meanwhile: then what it suspended is its to resume.
      const handBack = handBackSignal();
      deps.io.notify(
        msg(
          'info',
          'AUTOSCALE_HANDING_BACK',
          `stopping: resuming Application Auto Scaling if cortado suspended it and giving the lease of ${spec.service} back (Ctrl-C again to leave now)`,
        ),
      );
      if (await holdsLease(c.lease, handBack)) {
        await handBackScaling(c.aas, handBack);
        await giveBackLease(c.lease, handBack);
      }
    }
  }
}

type Opened = Awaited<ReturnType<typeof openController>>;

/**
 * Acts while holding the lease (taken no earlier than `takenAt`, so its expiry is known from below); resolves to the
 * lease of the controller that took over.
 */
async function act(spec: AutoscaleSpec, deps: ControllerDeps, c: Opened, takenAt: number, signal: AbortSignal) {
  const { clock, io } = deps;
  const now = () => clock.now().getTime();
  let leaseUntil = takenAt + spec.leaseMs;
  let state = initialDecisionState(now());
  let requested: { to: number; at: number } | undefined;
  let backoffMs = 0;
  let boundsAt = now();
  let bounds = boundsOf(await takeOverScaling(c.aas, spec.applicationAutoScaling, signal));
  let nextPollAt = now();
  for (;;) {
    // The lease is renewed on its own schedule, also through a long back-off between polls.
    if (now() >= leaseUntil - spec.leaseMs / 2) {
      const renewing = now();
      const other = await keepLease(c.lease, await readTags(deps.aws.ecs, c.lease.arn, signal), signal, { renewNow: true });
      if (other) return other;
      leaseUntil = renewing + spec.leaseMs;
    }
    const wait = Math.min(nextPollAt, leaseUntil - spec.leaseMs / 2) - now();
    if (wait > 0) {
      await clock.sleep(wait, signal);
      continue;
    }
    const started = now();
    let record: PollRecord;
    try {
      if (started - boundsAt >= BOUNDS_REFRESH_MS) {
        bounds = boundsOf(await scalableTarget(c.aas, signal));
        boundsAt = started;
      }
      const view = await c.poll();
      for (const t of view.tasks.filter((x) => x.error !== undefined && x.error !== 'first reading of a counter'))
        io.notify(msg('warn', 'AUTOSCALE_TASK_DOWN', `task ${t.taskId} (${t.address}) did not answer: ${t.error}; left out`, t));
      if (requested && (view.service.desired === requested.to || started - requested.at > Math.max(10_000, 5 * spec.pollMs)))
        requested = undefined;
      // A poll slow enough to outlast the lease (throttling, a stalled process) decides nothing: another controller may
      // hold the service by now; the renewal above finds out before the next poll.
      if (now() >= leaseUntil) {
        nextPollAt = now();
        continue;
      }
      const r = decide(spec, state, observation(view, requested, bounds));
      state = r.next;
      record = { at: started, role: { kind: 'active' }, view, decision: r.decision, ...(bounds ? { bounds } : {}) };
      if (r.decision.kind === 'scale') {
        const { to, from, why } = r.decision;
        await deps.aws.ecs.updateService({ cluster: spec.cluster, service: spec.service, desiredCount: to }, signal);
        requested = { to, at: started };
        record = { ...record, action: { to, ok: true } };
        io.notify(msg('info', 'AUTOSCALE_SCALED', `${spec.service}: ${from} → ${to} tasks: ${why}`, { from, to, why, at: started }));
      }
      backoffMs = 0;
    } catch (e) {
      if (signal.aborted) throw e;
      if (e instanceof CortadoError && e.source === 'user') throw e;
      backoffMs = nextBackoff(spec.pollMs, backoffMs);
      const why = e instanceof Error ? e.message : String(e);
      io.notify(backoffWarning(e, '', `next poll in ${inSeconds(spec.pollMs + backoffMs)}`, backoffMs));
      record = { at: started, role: { kind: 'active' }, error: why, backoffMs };
    }
    deps.onPoll?.(record);
    nextPollAt = started + spec.pollMs + backoffMs;
  }
}

/** What the decision sees: ECS's counts, or the count this controller set while ECS does not show it yet. */
function observation(v: PollView, requested: { to: number } | undefined, bounds: Observation['bounds']): Observation {
  return {
    now: v.at,
    load: v.load,
    missing: v.missing,
    desired: requested?.to ?? v.service.desired,
    canaryDesired: v.canary?.desired ?? 0,
    deploying: v.service.deploying,
    ...(bounds ? { bounds } : {}),
  };
}
