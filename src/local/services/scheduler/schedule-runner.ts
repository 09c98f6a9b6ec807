// Fires schedules on the sandbox clock: each occurrence (within its flexible window) invokes the target, retries
// per the RetryPolicy, then dead-letters; one-time schedules with ActionAfterCompletion DELETE delete themselves.
//
// Each armed schedule keeps its own simulated time: it starts at the wall-clock time it was armed (created, updated,
// enabled) and runs `speed` times faster, so with --speed 60 a rate(1 minute) schedule fires every real second.
import type { SandboxClock } from '../../clock.js';
import type { ServiceCaller } from '../../env.js';
import { nextOccurrence, type ScheduleExpression } from '../../schedule-expression/index.js';
import { parsedExpression } from './schedule-rules.js';
import type { Json, ScheduleRecord } from './scheduler-state.js';
import { invokeTarget, type InvocationResult } from './target-invoker.js';

/** What happened to one occurrence, as the sandbox records it (GET /_cortado/scheduler/invocations). */
export interface InvocationRecord {
  readonly scheduleArn: string;
  readonly targetArn: string;
  /** The occurrence (simulated time) and when the last attempt ran (simulated time). */
  readonly scheduledTime: string;
  readonly attemptTime: string;
  readonly attempts: number;
  readonly outcome: 'SUCCEEDED' | 'FAILED' | 'SENT_TO_DLQ';
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly exhaustedRetryCondition?: 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds' | 'NonRetryableError';
  readonly deadLetterArn?: string;
  readonly result?: Json;
}

export interface RunnerDeps {
  readonly clock: SandboxClock;
  readonly caller: () => ServiceCaller | undefined;
  /** Uniform in [0, 1): where in the flexible window an occurrence lands. */
  readonly random?: () => number;
  readonly record: (entry: InvocationRecord) => void;
  /** The schedule has no occurrence left after an invocation and asked to be deleted. */
  readonly completed: (schedule: ScheduleRecord) => void;
}

export interface ScheduleRunner {
  /** (Re)starts the schedule from now; a disabled schedule is only disarmed. */
  arm(schedule: ScheduleRecord): void;
  disarm(arn: string): void;
  /** When the schedule fires next, in its own simulated time (undefined: never again, or not armed). */
  nextFire(arn: string): Date | undefined;
  close(): void;
}

/** Backoff between attempts (simulated): 1 s, 2 s, 4 s … capped at one minute. The real curve is not documented. */
export const retryDelayMs = (attempt: number): number => Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));

interface Armed {
  readonly schedule: ScheduleRecord;
  readonly expression: ScheduleExpression;
  readonly armedAt: number;
  /** Simulated now of this schedule (ms). */
  cursor: number;
  next?: number | undefined;
  cancel: () => void;
  readonly retries: Set<() => void>;
}

export function createScheduleRunner(deps: RunnerDeps): ScheduleRunner {
  const armed = new Map<string, Armed>();
  const random = deps.random ?? Math.random;

  function occurrenceAfter(a: Armed, after: number): number | undefined {
    const c = a.schedule.config;
    const next = nextOccurrence(a.expression, new Date(after), {
      timeZone: c.scheduleExpressionTimezone,
      ...(a.expression.kind === 'at' ? {} : { startDate: dateOf(c.startDate), endDate: dateOf(c.endDate) }),
      rateAnchor: new Date(c.startDate ?? a.armedAt),
    });
    return next?.getTime();
  }

  function schedule(a: Armed, after: number): void {
    const occurrence = occurrenceAfter(a, after);
    a.next = occurrence;
    if (occurrence === undefined) {
      armed.delete(a.schedule.arn);
      if (a.schedule.config.actionAfterCompletion === 'DELETE' && after !== a.armedAt - 1) deps.completed(a.schedule);
      return;
    }
    const w = a.schedule.config.flexibleTimeWindow;
    const flex = w.Mode === 'FLEXIBLE' ? Math.floor(random() * (w.MaximumWindowInMinutes ?? 1) * 60_000) : 0;
    const at = occurrence + flex;
    a.cancel = deps.clock.after(Math.max(0, at - a.cursor), () => {
      a.cursor = at;
      attempt(a, occurrence, 1);
      schedule(a, occurrence);
    });
  }

  function attempt(a: Armed, occurrence: number, n: number): void {
    const target = a.schedule.config.target;
    const startedAt = a.cursor;
    void invokeTarget(deps.caller(), target).then((result) => settle(a, occurrence, n, startedAt, result));
  }

  function settle(a: Armed, occurrence: number, n: number, at: number, result: InvocationResult): void {
    const target = a.schedule.config.target;
    const base = {
      scheduleArn: a.schedule.arn,
      targetArn: target.Arn,
      scheduledTime: new Date(occurrence).toISOString(),
      attemptTime: new Date(at).toISOString(),
      attempts: n,
    };
    if (result.kind === 'ok') return deps.record({ ...base, outcome: 'SUCCEEDED', result: result.detail });
    const policy = target.RetryPolicy;
    const delay = retryDelayMs(n);
    const ageAfterDelay = at + delay - occurrence;
    const exhausted = !result.retryable
      ? 'NonRetryableError'
      : n > policy.MaximumRetryAttempts
        ? 'MaximumRetryAttempts'
        : ageAfterDelay > policy.MaximumEventAgeInSeconds * 1000
          ? 'MaximumEventAgeInSeconds'
          : undefined;
    if (exhausted === undefined) {
      const cancel = deps.clock.after(delay, () => {
        a.retries.delete(cancel);
        attempt({ ...a, cursor: at + delay }, occurrence, n + 1);
      });
      a.retries.add(cancel);
      return;
    }
    const dlq = (target.DeadLetterConfig as { Arn?: string } | undefined)?.Arn;
    deps.record({
      ...base,
      outcome: dlq ? 'SENT_TO_DLQ' : 'FAILED',
      errorCode: result.code,
      errorMessage: result.message,
      exhaustedRetryCondition: exhausted,
      ...(dlq ? { deadLetterArn: dlq } : {}),
    });
  }

  function disarm(arn: string): void {
    const a = armed.get(arn);
    if (!a) return;
    a.cancel();
    for (const cancel of a.retries) cancel();
    armed.delete(arn);
  }

  return {
    arm(s) {
      disarm(s.arn);
      if (s.config.state !== 'ENABLED') return;
      const now = deps.clock.now().getTime();
      const a: Armed = {
        schedule: s,
        expression: parsedExpression(s.config.scheduleExpression),
        armedAt: now,
        cursor: now,
        cancel: () => undefined,
        retries: new Set(),
      };
      armed.set(s.arn, a);
      // Just before now, so that a rate schedule without StartDate fires at once, as AWS's does.
      schedule(a, now - 1);
    },
    disarm,
    nextFire(arn) {
      const next = armed.get(arn)?.next;
      return next === undefined ? undefined : new Date(next);
    },
    close() {
      for (const arn of [...armed.keys()]) disarm(arn);
    },
  };
}

const dateOf = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));
