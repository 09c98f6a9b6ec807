// AWS is eventually consistent: a resource made a moment ago may not be visible to the next call yet. Such a call is tried
// again for a few seconds while AWS answers "not found", the way AWS's documentation tells callers to.
import { awsErrorCode } from './aws-call.js';
import type { Clock } from '../core/clock.js';

const TRIES = 8;
const PAUSE_MS = 750;

const NOT_FOUND = new Set([
  'TargetGroupNotFoundException',
  'TargetGroupNotFound',
  'ResourceNotFoundException',
  'NoSuchEntity',
  'NoSuchEntityException',
]);

/**
 * Pure: the error is AWS not seeing a resource (yet): ECS's "TaskDefinition not found", ELBv2's target group not found,
 * a log group, rule or schedule group's ResourceNotFoundException, IAM's NoSuchEntity.
 */
export function isNotYetVisible(e: unknown): boolean {
  const code = awsErrorCode(e);
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'ClientException') return /TaskDefinition not found/i.test(message);
  return code !== undefined && NOT_FOUND.has(code);
}

/** Runs `call`; while `fresh` (its resource was made by this run) and AWS does not see it yet, waits and tries again. */
export async function untilVisible<T>(fresh: boolean, clock: Clock, signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (e) {
      if (!fresh || i >= TRIES || !isNotYetVisible(e)) throw e;
      await clock.sleep(PAUSE_MS, signal);
    }
  }
}

/** Reads `read` until `complete` says it is, or a few tries passed (what was just written may not be readable yet). */
export async function readUntilComplete<T>(
  clock: Clock,
  signal: AbortSignal | undefined,
  read: () => Promise<T>,
  complete: (v: T) => boolean,
): Promise<T> {
  for (let i = 1; ; i++) {
    const v = await read();
    if (complete(v) || i >= TRIES) return v;
    await clock.sleep(PAUSE_MS, signal);
  }
}
