// `cortado env create`: reads everything first, refuses before any mutating call, then makes only what is missing, concurrently.
import { CortadoError, UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { applyCreate, type Made } from './apply-create.js';
import { imageOf, taskDefinitionInput, type ImageOverride } from './copy-reference.js';
import { planCreate, wasWhole, type CreateState } from './create-plan.js';
import { deleteEnvByNames } from './delete-env.js';
import { piecesOf } from './env-pieces.js';
import { fanOutSignal } from './fan-out-signal.js';
import { findPieces } from './find-pieces.js';
import { previewNames } from './naming.js';
import type { PreviewDeps } from './preview-deps.js';
import { readReference } from './read-reference.js';
import { recordCurrent } from './routing-inputs.js';
import { rulePriority } from './rule-shape.js';
import { envUrl } from './env-url.js';
import { sharedReads } from './shared-reads.js';
import { checkCreate } from './validate-create.js';
import { verifyCreated } from './verify-created.js';
import { readUntilComplete } from '../aws/eventual-consistency.js';
import { waitReady } from './wait-ready.js';

export interface CreateRequest {
  readonly name: string;
  readonly image: ImageOverride;
  /** From the command line; applied over preview.environment. */
  readonly environment: Readonly<Record<string, string>>;
  readonly wait?: boolean;
  readonly timeoutMs?: number;
}

export interface CreateResult {
  readonly env: string;
  readonly url: string;
  readonly host: string;
  /** created: nothing existed; updated: a whole env got a new revision; repaired: a partial env was completed. */
  readonly action: 'created' | 'updated' | 'repaired';
  readonly service: string;
  readonly taskDefinitionArn: string;
  readonly targetGroupArn: string;
  readonly image: string;
  readonly rulePriority?: number;
}

/** All reads settle before judging, and user errors win, so the same bad input always gets the same message. */
async function settleReads<T extends readonly unknown[]>(reads: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(reads);
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as unknown);
  const first = failed.find((e) => e instanceof UsageError || (e instanceof CortadoError && e.source === 'user')) ?? failed[0];
  if (failed.length) throw first;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

export async function createEnv(deps: PreviewDeps, req: CreateRequest, callerSignal: AbortSignal): Promise<CreateResult> {
  const signal = fanOutSignal(callerSignal);
  const { aws, config, io } = deps;
  const names = previewNames(config.app, req.name, config.domain);
  const reads = sharedReads(aws, config, signal);
  const [reference, found, listener, lb, zone, ruleCount, rules] = await settleReads([
    readReference(aws, config, signal),
    findPieces(aws, config, reads, { kind: 'env', names }, signal),
    reads.listener(),
    reads.loadBalancer(),
    reads.zone(),
    reads.ruleCount(),
    reads.rules(),
  ] as const);

  const service = piecesOf(found.pieces, 'service')[0];
  const group = piecesOf(found.pieces, 'target-group')[0];
  const rule = piecesOf(found.pieces, 'rule').find((r) => group && r.targetGroupArns.includes(group.arn));
  const record = piecesOf(found.pieces, 'record')[0];
  const state: CreateState = {
    ...(service ? { service: service.status === 'ACTIVE' ? 'ACTIVE' : 'DRAINING' } : {}),
    targetGroup: group !== undefined,
    rule: rule !== undefined,
    recordCurrent: record !== undefined && recordCurrent(record.recordSets, lb),
  };
  const firstPriority = checkCreate({
    env: names.env,
    cluster: config.cluster,
    clusterExists: found.clusterExists,
    conflicts: found.conflicts,
    needsRule: !state.rule,
    ruleCount,
    takenPriorities: new Set(rules.map(rulePriority).filter((p): p is number => p !== undefined)),
    priorityRange: config.priorityRange,
  });

  const owner = { app: config.app, env: names.env, updatedAt: deps.clock.now() };
  const overrides = { image: req.image, environment: { ...config.environment, ...req.environment } };
  const plan = planCreate(state);
  const action = found.pieces.length === 0 ? 'created' : wasWhole(state) ? 'updated' : 'repaired';
  io.notify(
    msg(
      'debug',
      'ENV_CREATE_PLAN',
      `${names.env}: ${action === 'created' ? 'creating' : action === 'updated' ? 'updating' : 'completing'}: ${plan.map((s) => s.kind).join(', ')}`,
      { env: names.env, steps: plan.map((s) => s.id) },
    ),
  );
  let made: Made | undefined;
  try {
    made = await applyCreate(
      deps,
      {
        names,
        reference,
        overrides,
        owner,
        lb,
        zone,
        reads,
        ...(service?.status === 'ACTIVE' ? { serviceArn: service.arn } : {}),
        ...(group ? { targetGroupArn: group.arn } : {}),
        ...(firstPriority !== undefined ? { firstPriority } : {}),
      },
      plan,
      signal,
    );
    // What was just made may not be readable yet: read again for a few seconds before calling a piece missing.
    const verified = await readUntilComplete(
      deps.clock,
      signal,
      () => verifyCreated(deps, names, made!.targetGroupArn!, lb, zone, reads, signal, made!.ruleArn),
      // A racer's rule made a moment before ours may not be listed yet: read until ours is (or a racer removed it).
      (v) => v.missing.length === 0 && v.caughtUp,
    );
    if (verified.missing.length) {
      throw new CortadoError(
        'ENV_CHANGED_DURING_CREATE',
        `${names.env}: ${verified.missing.join(', ')} disappeared while the environment was being created (a concurrent delete?)`,
        { source: 'aws' },
      );
    }
    if (verified.priority !== undefined) made.priority = verified.priority;
  } catch (e) {
    if (signal.aborted) throw e;
    if (wasWhole(state)) {
      io.notify(msg('warn', 'ENV_UPDATE_FAILED', `${names.env}: the update failed; the environment keeps running its previous revision`));
      throw e;
    }
    // A create that cannot finish takes back what it made, so nothing is left half-built.
    io.notify(msg('warn', 'ENV_ROLLBACK', `${names.env}: create failed (${(e as Error).message}); removing what it made`));
    await deleteEnvByNames(deps, names, {}, signal).catch((re: unknown) => {
      io.notify(
        msg(
          'error',
          'ENV_ROLLBACK_FAILED',
          `${names.env}: could not remove the partial environment (${(re as Error).message}); run: cortado env delete ${names.env}`,
        ),
      );
    });
    throw e;
  }

  const url = envUrl(listener, names.host);
  const image = imageOf(
    taskDefinitionInput(reference.taskDefinition, names.family, reference.container, overrides, {}),
    reference.container,
  );
  if (req.wait) await waitReady(deps, names.service, made.taskDefinitionArn!, made.targetGroupArn!, req.timeoutMs ?? 10 * 60_000, signal);
  io.notify(msg('debug', 'ENV_READY', `${names.env}: ${action} at ${url} (${image})`, { env: names.env, url, action }));
  return {
    env: names.env,
    url,
    host: names.host,
    action,
    service: names.service,
    taskDefinitionArn: made.taskDefinitionArn!,
    targetGroupArn: made.targetGroupArn!,
    image,
    ...(made.priority !== undefined ? { rulePriority: made.priority } : rule ? { rulePriority: rule.priority } : {}),
  };
}
