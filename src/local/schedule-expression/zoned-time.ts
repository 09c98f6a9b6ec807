// Wall-clock times in an IANA time zone and the instants they name (none in a DST gap, two in a repeated hour).

/** A local date and time without a zone, as `at(2026-03-08T02:30:00)` writes it; months 1–12. */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the name is a time zone the runtime's IANA database knows (`America/New_York`, `UTC`, `Etc/GMT+5`). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at an instant in the zone. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts['year'] ?? 0,
    month: parts['month'] ?? 0,
    day: parts['day'] ?? 0,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

/** The local time read as if it were UTC: a plain number to compare and step local times with. */
export const naiveMs = (t: LocalDateTime): number => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);

export const fromNaiveMs = (ms: number): LocalDateTime => {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
};

const offsetMs = (instantMs: number, timeZone: string): number => naiveMs(toLocal(new Date(instantMs), timeZone)) - instantMs;

const DAY = 86_400_000;

/**
 * The instants at which the zone's clocks show this local time, earliest first: one normally, none in a gap
 * (spring forward), two in a repeated hour (fall back).
 */
export function instantsOf(local: LocalDateTime, timeZone: string): readonly Date[] {
  const naive = naiveMs(local);
  const candidates = new Set([naive - offsetMs(naive - DAY, timeZone), naive - offsetMs(naive + DAY, timeZone)]);
  return [...candidates]
    .filter((ms) => naiveMs(toLocal(new Date(ms), timeZone)) === naive)
    .sort((a, b) => a - b)
    .map((ms) => new Date(ms));
}
