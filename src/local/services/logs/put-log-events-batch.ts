// PutLogEvents batch rules (pure): order, size and span failures, and the events AWS rejects while keeping the rest.
import type { EventInput } from './log-store.js';

export const MAX_BATCH_BYTES = 1_048_576;
export const EVENT_OVERHEAD_BYTES = 26;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface RejectedInfo {
  readonly tooNewLogEventStartIndex?: number;
  readonly tooOldLogEventEndIndex?: number;
  readonly expiredLogEventEndIndex?: number;
}

export type BatchVerdict =
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'accepted'; readonly events: readonly EventInput[]; readonly rejected?: RejectedInfo };

/** Applies the documented constraints of PutLogEvents to a batch, `now` and the group's retention in ms. */
export function judgeBatch(events: readonly EventInput[], now: number, retentionInDays?: number): BatchVerdict {
  let bytes = 0;
  for (const e of events) bytes += Buffer.byteLength(e.message, 'utf8') + EVENT_OVERHEAD_BYTES;
  if (bytes > MAX_BATCH_BYTES) return { kind: 'invalid', message: `Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}` };
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.timestamp < events[i - 1]!.timestamp) {
      return { kind: 'invalid', message: 'Log events in a single PutLogEvents request must be in chronological order.' };
    }
  }
  const tooOldBefore = now - 14 * DAY;
  const expiredBefore = retentionInDays === undefined ? undefined : now - retentionInDays * DAY;
  const tooNewAfter = now + 2 * HOUR;
  // The batch is sorted, so too-old and expired events form a prefix and too-new ones a suffix.
  let tooOldEnd = -1;
  let expiredEnd = -1;
  let tooNewStart = -1;
  events.forEach((e, i) => {
    if (e.timestamp < tooOldBefore) tooOldEnd = i;
    if (expiredBefore !== undefined && e.timestamp < expiredBefore) expiredEnd = i;
    if (tooNewStart < 0 && e.timestamp > tooNewAfter) tooNewStart = i;
  });
  const firstValid = Math.max(tooOldEnd, expiredEnd) + 1;
  const endValid = tooNewStart < 0 ? events.length : tooNewStart;
  const valid = events.slice(firstValid, Math.max(firstValid, endValid));
  if (valid.length > 1 && valid[valid.length - 1]!.timestamp - valid[0]!.timestamp > DAY) {
    return { kind: 'invalid', message: 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.' };
  }
  const rejected: RejectedInfo = {
    ...(tooNewStart >= 0 ? { tooNewLogEventStartIndex: tooNewStart } : {}),
    ...(tooOldEnd >= 0 ? { tooOldLogEventEndIndex: tooOldEnd } : {}),
    ...(expiredEnd >= 0 ? { expiredLogEventEndIndex: expiredEnd } : {}),
  };
  return Object.keys(rejected).length > 0 ? { kind: 'accepted', events: valid, rejected } : { kind: 'accepted', events: valid };
}
