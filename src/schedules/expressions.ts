// The one place scheduled jobs reach AWS schedule-expression evaluation (shared with the sandbox's EventBridge Scheduler, which fires them).
export { isTimeZone, nextOccurrence, parseScheduleExpression, type ScheduleExpression } from '../local/schedule-expression/index.js';
