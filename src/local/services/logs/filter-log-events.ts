// FilterLogEvents paging (pure): events of many streams interleaved by time, filtered, and paged until nextToken is absent.
import { matchesFilter, type FilterPattern } from './filter-pattern.js';
import type { StoredEvent } from './log-store.js';
import { EVENT_OVERHEAD_BYTES, MAX_BATCH_BYTES } from './put-log-events-batch.js';

export interface StreamEvents {
  readonly streamName: string;
  readonly events: readonly StoredEvent[];
}

export interface FilteredEvent {
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
  readonly eventId: string;
}

export interface FilterQuery {
  readonly pattern: FilterPattern;
  /** Inclusive. */
  readonly startTime?: number;
  /** Inclusive: FilterLogEvents drops only events later than endTime. */
  readonly endTime?: number;
  readonly limit?: number;
  /** Position after which to continue, from a previous nextToken. */
  readonly after?: FilterPosition;
}

export interface FilterPosition {
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly seq: number;
}

type Tagged = StoredEvent & { readonly streamName: string };

// AWS sorts by event time, then ingestion time, then request; seq stands in for the request id.
const compare = (a: FilterPosition, b: FilterPosition): number =>
  a.timestamp - b.timestamp || a.ingestionTime - b.ingestionTime || a.seq - b.seq;

export const eventId = (e: StoredEvent): string =>
  `${String(e.timestamp).padStart(15, '0')}${String(e.seq).padStart(12, '0')}`.padStart(56, '0');

export const encodeFilterToken = (p: FilterPosition): string =>
  Buffer.from(`v1:${p.timestamp}:${p.ingestionTime}:${p.seq}`).toString('base64url');

export function decodeFilterToken(token: string): FilterPosition | undefined {
  const m = /^v1:(\d+):(\d+):(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? { timestamp: Number(m[1]), ingestionTime: Number(m[2]), seq: Number(m[3]) } : undefined;
}

export function filterEvents(
  streams: readonly StreamEvents[],
  q: FilterQuery,
): { readonly events: readonly FilteredEvent[]; readonly nextToken?: string } {
  const matching: Tagged[] = [];
  for (const s of streams) {
    for (const e of s.events) {
      if (q.startTime !== undefined && e.timestamp < q.startTime) continue;
      if (q.endTime !== undefined && e.timestamp > q.endTime) continue;
      if (q.after && compare(e, q.after) <= 0) continue;
      if (!matchesFilter(q.pattern, e.message)) continue;
      matching.push({ ...e, streamName: s.streamName });
    }
  }
  matching.sort(compare);
  const limit = q.limit ?? 10_000;
  const page: Tagged[] = [];
  let bytes = 0;
  for (const e of matching) {
    const size = Buffer.byteLength(e.message, 'utf8') + EVENT_OVERHEAD_BYTES;
    if (page.length >= limit || (page.length > 0 && bytes + size > MAX_BATCH_BYTES)) break;
    bytes += size;
    page.push(e);
  }
  const events = page.map((e) => ({
    logStreamName: e.streamName,
    timestamp: e.timestamp,
    message: e.message,
    ingestionTime: e.ingestionTime,
    eventId: eventId(e),
  }));
  const last = page[page.length - 1];
  return last && page.length < matching.length ? { events, nextToken: encodeFilterToken(last) } : { events };
}
