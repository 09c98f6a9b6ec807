// A task definition registered a moment ago may not be visible to CreateService/UpdateService/RunTask yet (ECS is
// eventually consistent): such a call is tried again for a few seconds while ECS answers "TaskDefinition not found".
import { awsErrorCode } from '../aws/aws-call.js';
import type { Clock } from '../core/clock.js';

const TRIES = 8;
const PAUSE_MS = 750;

/** Pure: whether an error is ECS not seeing a task definition (yet). */
export const isTaskDefinitionNotFound = (e: unknown): boolean =>
  awsErrorCode(e) === 'ClientException' && /TaskDefinition not found/i.test(e instanceof Error ? e.message : String(e));

/** Runs `call`; while `fresh` (registered by this run) and ECS does not see the task definition yet, waits and tries again. */
export async function withFreshTaskDefinition<T>(
  fresh: boolean,
  clock: Clock,
  signal: AbortSignal | undefined,
  call: () => Promise<T>,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (e) {
      if (!fresh || i >= TRIES || !isTaskDefinitionNotFound(e)) throw e;
      await clock.sleep(PAUSE_MS, signal);
    }
  }
}
