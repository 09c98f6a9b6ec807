// When a schedule fires: its expression evaluated in its time zone, between its start and end dates.
//
// Daylight saving time as EventBridge Scheduler documents it: a cron time that does not exist on the day the clocks
// spring forward is skipped; a cron time that occurs twice when they fall back runs once (at its first occurrence);
// rate expressions count elapsed time (rate(1 day) is every 24 hours, whatever the clocks do).
import { Cron } from 'croner';
import type { ScheduleExpression } from './schedule-expression.js';
import { fromNaiveMs, instantsOf, naiveMs, toLocal } from './zoned-time.js';

export interface OccurrenceWindow {
  /** IANA name; UTC when absent (ScheduleExpressionTimezone's default). */
  readonly timeZone?: string | undefined;
  /** No occurrence before this instant (inclusive). */
  readonly startDate?: Date | undefined;
  /** No occurrence at or after this instant. */
  readonly endDate?: Date | undefined;
  /** Where a rate schedule counts from: its StartDate, else when it was created (it fires then, "immediately"). */
  readonly rateAnchor?: Date | undefined;
}

const croners = new Map<string, Cron>();

/** croner matches local times written as UTC dates; zones are this module's business, not croner's. */
function cronFor(pattern: string): Cron {
  let c = croners.get(pattern);
  if (!c) {
    c = new Cron(pattern, { timezone: 'Etc/UTC', alternativeWeekdays: true, domAndDow: true, mode: '7-part' });
    croners.set(pattern, c);
  }
  return c;
}

/** The first cron occurrence strictly after `after`, or undefined if there is none before the year field runs out. */
function nextCron(pattern: string, after: Date, timeZone: string): Date | undefined {
  const cron = cronFor(pattern);
  // The first instant of a local time never decreases as the local time grows, so no match before the wall-clock time
  // of `after` can come after it; in a repeated hour the matches of the first pass are skipped (they are in the past).
  let cursor = naiveMs(toLocal(after, timeZone));
  for (let guard = 0; guard < 100_000; guard++) {
    const next = cron.nextRun(new Date(cursor));
    if (!next) return undefined;
    cursor = next.getTime();
    const first = instantsOf(fromNaiveMs(cursor), timeZone)[0]; // none in a gap: skipped; two when repeated: the first
    if (first && first.getTime() > after.getTime()) return first;
  }
  return undefined;
}

function nextRate(periodMs: number, after: Date, anchor: Date): Date {
  const a = anchor.getTime();
  if (after.getTime() < a) return anchor;
  const k = Math.floor((after.getTime() - a) / periodMs) + 1;
  return new Date(a + k * periodMs);
}

/**
 * The first time the schedule fires strictly after `after` within the window, or undefined when it never will again.
 * A rate schedule needs `rateAnchor` (or `startDate`); without either it counts from `after`.
 */
export function nextOccurrence(expression: ScheduleExpression, after: Date, window: OccurrenceWindow = {}): Date | undefined {
  const timeZone = window.timeZone ?? 'UTC';
  const start = window.startDate;
  // Looking for the first occurrence at or after the start date: search from just before it.
  const from = start && start.getTime() > after.getTime() ? new Date(start.getTime() - 1) : after;
  let next: Date | undefined;
  switch (expression.kind) {
    case 'cron':
      next = nextCron(expression.pattern, from, timeZone);
      break;
    case 'rate':
      next = nextRate(expression.periodMs, from, window.rateAnchor ?? start ?? after);
      break;
    case 'at': {
      // A one-time time in a gap runs when the clocks have moved past it; a repeated one at its first occurrence.
      const instants = instantsOf(expression.local, timeZone);
      const at = instants[0] ?? gapResolved(expression.local, timeZone);
      next = at.getTime() > from.getTime() ? at : undefined;
      break;
    }
  }
  if (next && window.endDate && next.getTime() >= window.endDate.getTime()) return undefined;
  return next;
}

/** A local time that does not exist: the same wall-clock distance past the start of the gap (02:30 → 03:30). */
function gapResolved(local: Parameters<typeof instantsOf>[0], timeZone: string): Date {
  for (let h = 1; h <= 3; h++) {
    const later = instantsOf(fromNaiveMs(naiveMs(local) + h * 3_600_000), timeZone)[0];
    if (later) return later;
  }
  return new Date(naiveMs(local));
}

/** Up to `count` successive occurrences strictly after `after`. */
export function nextOccurrences(expression: ScheduleExpression, after: Date, count: number, window: OccurrenceWindow = {}): Date[] {
  const out: Date[] = [];
  let cursor = after;
  while (out.length < count) {
    const next = nextOccurrence(expression, cursor, window);
    if (!next) break;
    out.push(next);
    cursor = next;
  }
  return out;
}
