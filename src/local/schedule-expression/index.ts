// AWS schedule expressions (cron/rate/at) and their occurrences in a time zone: shared by the sandbox's EventBridge
// Scheduler and by cortado's `schedule` commands (a pure module: it imports nothing but croner).
export {
  parseScheduleExpression,
  type ExpressionDialect,
  type ParsedScheduleExpression,
  type RateUnit,
  type ScheduleExpression,
} from './schedule-expression.js';
export { nextOccurrence, nextOccurrences, type OccurrenceWindow } from './occurrences.js';
export { instantsOf, isTimeZone, toLocal, type LocalDateTime } from './zoned-time.js';
