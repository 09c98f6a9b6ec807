// Amazon EventBridge Scheduler in the sandbox (restJson1): schedule groups, schedules firing on the sandbox clock.
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { SandboxService } from '../../service.js';
import { groupHandlers } from './group-handlers.js';
import { scheduleHandlers, type ScheduleContext } from './schedule-handlers.js';
import { createScheduleRunner, type InvocationRecord } from './schedule-runner.js';
import { emptyState, scheduleKey, type GroupRecord, type ScheduleRecord } from './scheduler-state.js';

/** Invocation records kept for GET /_cortado/scheduler/invocations (oldest dropped first). */
const MAX_RECORDS = 10_000;

interface Snapshot {
  readonly groups: GroupRecord[];
  readonly schedules: ScheduleRecord[];
}

export function createSchedulerService(env: SandboxEnv): SandboxService {
  const scope = { region: env.region, accountId: env.accountId };
  const state = emptyState(scope);
  const invocations: InvocationRecord[] = [];
  const runner = createScheduleRunner({
    clock: env.clock,
    caller: () => env.seams.caller,
    record: (entry) => {
      invocations.push(entry);
      if (invocations.length > MAX_RECORDS) invocations.shift();
    },
    completed: (s) => {
      if (state.schedules.get(scheduleKey(s.groupName, s.name)) === s) state.schedules.delete(scheduleKey(s.groupName, s.name));
    },
  });
  const ctx: ScheduleContext = { scope, state, runner, now: () => env.clock.now().getTime() };

  return {
    name: 'scheduler',
    model: loadModel('scheduler'),
    validation: { code: 'ValidationException' },
    handlers: { ...scheduleHandlers(ctx), ...groupHandlers(ctx, env.clock) },
    control: {
      // What each occurrence did; `?outcome=SENT_TO_DLQ` lists what AWS would have put on the dead-letter queue.
      'scheduler/invocations': (req) => {
        const outcome = req.query.get('outcome');
        const schedule = req.query.get('scheduleArn');
        return {
          status: 200,
          body: {
            invocations: invocations.filter((i) => (!outcome || i.outcome === outcome) && (!schedule || i.scheduleArn === schedule)),
          },
        };
      },
    },
    snapshot: (): Snapshot => ({ groups: [...state.groups.values()], schedules: [...state.schedules.values()] }),
    restore(saved) {
      const snap = saved as Snapshot;
      for (const g of snap.groups ?? []) state.groups.set(g.name, g);
      for (const s of snap.schedules ?? []) {
        state.schedules.set(scheduleKey(s.groupName, s.name), s);
        runner.arm(s);
      }
    },
    close() {
      runner.close();
      return Promise.resolve();
    },
  };
}
