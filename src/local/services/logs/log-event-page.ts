// GetLogEvents paging (pure): f/ and b/ cursors over one stream, and the same token back at the end of the stream.
import type { StoredEvent } from './log-store.js';
import { EVENT_OVERHEAD_BYTES, MAX_BATCH_BYTES } from './put-log-events-batch.js';

/** A boundary in the stream's (timestamp, seq) order: forward reads events at or after it, backward reads events before it. */
export interface Cursor {
  readonly direction: 'f' | 'b';
  readonly timestamp: number;
  readonly seq: number;
}

const TS_DIGITS = 15;
const SEQ_DIGITS = 12;
const TAIL = { timestamp: Number.MAX_SAFE_INTEGER, seq: 0 };

export const encodeCursor = (c: Cursor): string =>
  `${c.direction}/${String(c.timestamp).padStart(TS_DIGITS, '0')}${String(c.seq).padStart(SEQ_DIGITS, '0')}`;

/** Undefined when the token is not one we issued. */
export function decodeCursor(token: string): Cursor | undefined {
  const m = /^([fb])\/(\d{15})(\d{12})$/.exec(token);
  if (!m) return undefined;
  return { direction: m[1] as 'f' | 'b', timestamp: Number(m[2]), seq: Number(m[3]) };
}

const atOrAfter = (e: StoredEvent, c: { timestamp: number; seq: number }): boolean =>
  e.timestamp > c.timestamp || (e.timestamp === c.timestamp && e.seq >= c.seq);

const after = (e: StoredEvent) => ({ timestamp: e.timestamp, seq: e.seq + 1 });

export interface PageQuery {
  readonly cursor?: Cursor;
  readonly startFromHead: boolean;
  readonly limit?: number;
  /** Inclusive. */
  readonly startTime?: number;
  /** Exclusive. */
  readonly endTime?: number;
}

export interface EventPage {
  readonly events: readonly StoredEvent[];
  readonly nextForwardToken: string;
  readonly nextBackwardToken: string;
}

/** One GetLogEvents page over `events` (sorted by timestamp, seq). */
export function pageLogEvents(events: readonly StoredEvent[], q: PageQuery): EventPage {
  const inWindow = events.filter(
    (e) => (q.startTime === undefined || e.timestamp >= q.startTime) && (q.endTime === undefined || e.timestamp < q.endTime),
  );
  const direction = q.cursor?.direction ?? (q.startFromHead ? 'f' : 'b');
  const from = q.cursor ?? (direction === 'f' ? { timestamp: 0, seq: 0 } : TAIL);
  const limit = q.limit ?? 10_000;
  const page: StoredEvent[] = [];
  let bytes = 0;
  const fits = (e: StoredEvent) => {
    const size = Buffer.byteLength(e.message, 'utf8') + EVENT_OVERHEAD_BYTES;
    if (page.length >= limit || (page.length > 0 && bytes + size > MAX_BATCH_BYTES)) return false;
    bytes += size;
    return true;
  };
  if (direction === 'f') {
    for (const e of inWindow) {
      if (!atOrAfter(e, from)) continue;
      if (!fits(e)) break;
      page.push(e);
    }
  } else {
    for (let i = inWindow.length - 1; i >= 0; i--) {
      const e = inWindow[i]!;
      if (atOrAfter(e, from)) continue;
      if (!fits(e)) break;
      page.unshift(e);
    }
  }
  const first = page[0];
  const last = page[page.length - 1];
  if (first && last) {
    return {
      events: page,
      nextForwardToken: encodeCursor({ direction: 'f', ...after(last) }),
      nextBackwardToken: encodeCursor({ direction: 'b', timestamp: first.timestamp, seq: first.seq }),
    };
  }
  // Nothing to return: hand back the position we stood at, so a tailing client polls with the same token.
  const end = inWindow[inWindow.length - 1];
  const position = q.cursor ?? (direction === 'b' && end ? after(end) : { timestamp: 0, seq: 0 });
  return {
    events: [],
    nextForwardToken: encodeCursor({ direction: 'f', timestamp: position.timestamp, seq: position.seq }),
    nextBackwardToken: encodeCursor({ direction: 'b', timestamp: position.timestamp, seq: position.seq }),
  };
}
