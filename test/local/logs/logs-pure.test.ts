import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchesFilter, parseFilterPattern } from '../../../src/local/services/logs/filter-pattern.js';
import { decodeCursor, encodeCursor, pageLogEvents } from '../../../src/local/services/logs/log-event-page.js';
import { judgeBatch } from '../../../src/local/services/logs/put-log-events-batch.js';
import { filterEvents, decodeFilterToken } from '../../../src/local/services/logs/filter-log-events.js';
import type { StoredEvent } from '../../../src/local/services/logs/log-store.js';

const matches = (pattern: string, message: string): boolean => {
  const parsed = parseFilterPattern(pattern);
  assert.equal(parsed.kind, 'ok', `pattern ${pattern} should parse`);
  return parsed.kind === 'ok' && matchesFilter(parsed.pattern, message);
};

describe('filter patterns for unstructured events', () => {
  const table: ReadonlyArray<readonly [string, string, boolean]> = [
    ['', 'anything', true],
    ['ERROR', '[ERROR 400] BAD REQUEST', true],
    ['ERROR', 'all good', false],
    ['ERROR', 'error lowercase', false],
    ['ERROR Exception', 'ERROR NullPointerException', true],
    ['ERROR Exception', 'ERROR only', false],
    ['?ERROR ?WARN', 'WARN disk', true],
    ['?ERROR ?WARN', 'INFO ok', false],
    ['"bad request"', 'a bad request here', true],
    ['"bad request"', 'bad  request', false],
    ['ERROR -timeout', 'ERROR timeout', false],
    ['ERROR -timeout', 'ERROR refused', true],
    ['?"disk full" ?OOM', 'the disk full again', true],
    ['%[45]0[0-9]%', 'status=503', true],
    ['%[45]0[0-9]%', 'status=200', false],
  ];
  for (const [pattern, message, expected] of table) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(message)}`, () => {
      assert.equal(matches(pattern, message), expected);
    });
  }
  it('rejects space-delimited patterns and unterminated phrases instead of matching silently', () => {
    assert.equal(parseFilterPattern('[ip, user, level = "ERROR"]').kind, 'error');
    assert.equal(parseFilterPattern('"open phrase').kind, 'error');
  });
});

const ev = (timestamp: number, seq: number, message = `m${seq}`): StoredEvent => ({ timestamp, message, ingestionTime: timestamp, seq });

describe('GetLogEvents paging', () => {
  const events = [ev(100, 1), ev(200, 2), ev(300, 3), ev(400, 4), ev(500, 5)];

  it('starts from the tail by default and from the head with startFromHead', () => {
    assert.deepEqual(
      pageLogEvents(events, { startFromHead: false, limit: 2 }).events.map((e) => e.seq),
      [4, 5],
    );
    assert.deepEqual(
      pageLogEvents(events, { startFromHead: true, limit: 2 }).events.map((e) => e.seq),
      [1, 2],
    );
  });

  it('issues f/ and b/ tokens of digits that round-trip', () => {
    const page = pageLogEvents(events, { startFromHead: true, limit: 2 });
    assert.match(page.nextForwardToken, /^f\/\d+$/);
    assert.match(page.nextBackwardToken, /^b\/\d+$/);
    assert.equal(encodeCursor(decodeCursor(page.nextForwardToken)!), page.nextForwardToken);
    assert.equal(decodeCursor('x/123'), undefined);
  });

  it('walks forward to the end, then returns the same forward token it was given', () => {
    let token = pageLogEvents(events, { startFromHead: true, limit: 2 }).nextForwardToken;
    const seen: number[] = [1, 2];
    for (let i = 0; i < 5; i++) {
      const page = pageLogEvents(events, { startFromHead: true, limit: 2, cursor: decodeCursor(token)! });
      seen.push(...page.events.map((e) => e.seq));
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    const tail = pageLogEvents([...events, ev(600, 6)], { startFromHead: true, cursor: decodeCursor(token)! });
    assert.deepEqual(
      tail.events.map((e) => e.seq),
      [6],
      'a tailing client gets new events with the token it kept',
    );
  });

  it('walks backward from the tail and stops with the same backward token at the head', () => {
    const first = pageLogEvents(events, { startFromHead: false, limit: 2 });
    const second = pageLogEvents(events, { startFromHead: false, limit: 2, cursor: decodeCursor(first.nextBackwardToken)! });
    assert.deepEqual(
      second.events.map((e) => e.seq),
      [2, 3],
    );
    const third = pageLogEvents(events, { startFromHead: false, limit: 2, cursor: decodeCursor(second.nextBackwardToken)! });
    assert.deepEqual(
      third.events.map((e) => e.seq),
      [1],
    );
    const end = pageLogEvents(events, { startFromHead: false, limit: 2, cursor: decodeCursor(third.nextBackwardToken)! });
    assert.deepEqual(end.events, []);
    assert.equal(end.nextBackwardToken, third.nextBackwardToken);
  });

  it('includes startTime and excludes endTime', () => {
    assert.deepEqual(
      pageLogEvents(events, { startFromHead: true, startTime: 200, endTime: 400 }).events.map((e) => e.seq),
      [2, 3],
    );
  });
});

describe('PutLogEvents batch rules', () => {
  const now = Date.UTC(2026, 10, 20);
  const HOUR = 3_600_000;
  it('rejects a batch out of chronological order', () => {
    const v = judgeBatch(
      [
        { timestamp: now, message: 'b' },
        { timestamp: now - 1, message: 'a' },
      ],
      now,
    );
    assert.equal(v.kind, 'invalid');
  });
  it('reports too-old, expired and too-new events by index and keeps the rest', () => {
    const v = judgeBatch(
      [
        { timestamp: now - 15 * 24 * HOUR, message: 'too old' },
        { timestamp: now - 2 * 24 * HOUR, message: 'expired under 1-day retention' },
        { timestamp: now, message: 'ok' },
        { timestamp: now + 3 * HOUR, message: 'too new' },
      ],
      now,
      1,
    );
    assert.equal(v.kind, 'accepted');
    if (v.kind !== 'accepted') return;
    assert.deepEqual(
      v.events.map((e) => e.message),
      ['ok'],
    );
    assert.deepEqual(v.rejected, { tooNewLogEventStartIndex: 3, tooOldLogEventEndIndex: 0, expiredLogEventEndIndex: 1 });
  });
  it('rejects valid events spanning more than 24 hours and batches over 1 MB', () => {
    assert.equal(
      judgeBatch(
        [
          { timestamp: now - 25 * HOUR, message: 'a' },
          { timestamp: now, message: 'b' },
        ],
        now,
      ).kind,
      'invalid',
    );
    assert.equal(judgeBatch([{ timestamp: now, message: 'x'.repeat(1_048_576) }], now).kind, 'invalid');
  });
});

describe('FilterLogEvents interleaving', () => {
  it('sorts events of all streams by timestamp and pages with a token that ends', () => {
    const streams = [
      { streamName: 'a', events: [ev(100, 1), ev(300, 3)] },
      { streamName: 'b', events: [ev(200, 2), ev(400, 4)] },
    ];
    const pattern = { kind: 'everything' } as const;
    const first = filterEvents(streams, { pattern, limit: 3 });
    assert.deepEqual(
      first.events.map((e) => e.logStreamName),
      ['a', 'b', 'a'],
    );
    assert.ok(first.nextToken);
    const second = filterEvents(streams, { pattern, limit: 3, after: decodeFilterToken(first.nextToken!)! });
    assert.deepEqual(
      second.events.map((e) => e.timestamp),
      [400],
    );
    assert.equal(second.nextToken, undefined);
  });
});
