// Scheduled rules: a rule with a ScheduleExpression sends its targets a "Scheduled Event" at each occurrence (UTC).
//
// As for Scheduler schedules, each armed rule keeps its own simulated time, starting at the wall-clock time it was
// armed and running `speed` times faster. A rate rule first fires one period after it was put.
import type { SandboxClock } from '../../clock.js';
import { nextOccurrence, parseScheduleExpression } from '../../schedule-expression/index.js';
import type { RuleRecord } from './events-state.js';

export interface RuleSchedules {
  /** (Re)arms the rule's schedule, or disarms it (deleted, disabled, no ScheduleExpression). */
  update(rule: RuleRecord | undefined, name: string): void;
  close(): void;
}

export function createRuleSchedules(clock: SandboxClock, fire: (rule: RuleRecord, at: Date) => void): RuleSchedules {
  const timers = new Map<string, () => void>();

  function disarm(name: string): void {
    timers.get(name)?.();
    timers.delete(name);
  }

  function arm(rule: RuleRecord): void {
    const parsed = parseScheduleExpression(rule.scheduleExpression ?? '', 'rules');
    if (parsed.kind !== 'ok') return;
    const armedAt = clock.now().getTime();
    let cursor = armedAt;
    const step = () => {
      const next = nextOccurrence(parsed.expression, new Date(cursor), { timeZone: 'UTC', rateAnchor: new Date(armedAt) });
      if (!next) return timers.delete(rule.name);
      timers.set(
        rule.name,
        clock.after(next.getTime() - cursor, () => {
          cursor = next.getTime();
          fire(rule, next);
          step();
        }),
      );
    };
    step();
  }

  return {
    update(rule, name) {
      disarm(name);
      if (rule && rule.state !== 'DISABLED' && rule.scheduleExpression !== undefined) arm(rule);
    },
    close() {
      for (const name of [...timers.keys()]) disarm(name);
    },
  };
}
