import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  instantsOf,
  isTimeZone,
  nextOccurrence,
  nextOccurrences,
  parseScheduleExpression,
  type OccurrenceWindow,
  type ScheduleExpression,
} from '../../../src/local/schedule-expression/index.js';

const parse = (text: string): ScheduleExpression => {
  const p = parseScheduleExpression(text);
  if (p.kind !== 'ok') throw new Error(`${text}: ${p.reason}`);
  return p.expression;
};
const iso = (ds: readonly Date[]): string[] => ds.map((d) => d.toISOString().replace('.000Z', 'Z'));
const runs = (text: string, from: string, n: number, window: OccurrenceWindow = {}): string[] =>
  iso(nextOccurrences(parse(text), new Date(from), n, window));

describe('schedule expressions: what AWS accepts', () => {
  const valid = [
    'cron(0 12 * * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(*/5 8-17 ? * MON-FRI *)',
    'cron(15 10 ? * 6L 2026-2030)',
    'cron(0 18 L * ? *)',
    'cron(0 8 LW * ? *)',
    'cron(0 8 15W * ? *)',
    'cron(0 8 ? * 2#1 *)',
    'cron(0 8 ? * mon#2 *)',
    'cron(0 8 1,15 JAN,JUL ? *)',
    'cron(0-15/1 8-8 ? * 2,3,4,5,6,7 *)',
    'cron(1-31/30 1-1 ? * 1,7 *)',
    'rate(1 minute)',
    'rate(1 minutes)',
    'rate(5 minutes)',
    'rate(2 hours)',
    'rate(7 days)',
    'at(2026-12-31T23:59:59)',
    'at(2028-02-29T00:00:00)',
  ];
  for (const text of valid) it(`accepts ${text}`, () => assert.equal(parseScheduleExpression(text).kind, 'ok'));

  const invalid: ReadonlyArray<readonly [string, RegExp]> = [
    ['cron(0 12 * * *)', /6 fields/],
    ['cron(0 12 * * * *)', /exactly one of day-of-month and day-of-week/],
    ['cron(0 12 ? * ? *)', /exactly one/],
    ['cron(60 12 * * ? *)', /minutes field "60"/],
    ['cron(0 24 * * ? *)', /hours field/],
    ['cron(0 12 32 * ? *)', /day-of-month field/],
    ['cron(0 12 ? * 0 *)', /day-of-week field "0"/],
    ['cron(0 12 ? * 8 *)', /day-of-week field/],
    ['cron(0 12 ? 13 * *)', /month field/],
    ['cron(0 12 * * ? 1969)', /year field/],
    ['cron(0 12 * * ? 2200)', /year field/],
    ['cron(? 12 * * ? *)', /minutes field/],
    ['cron(0 12 ? * 2#6 *)', /day-of-week field/],
    ['cron(0 12 L * 2 *)', /exactly one/],
    ['cron(0 12 W * ? *)', /day-of-month field/],
    ['rate(0 minutes)', /positive/],
    ['rate(5 weeks)', /rate\(value unit\)/],
    ['rate(1.5 hours)', /rate\(value unit\)/],
    ['at(2026-02-30T00:00:00)', /not a date and time that exists/],
    ['at(2026-12-31 23:59:59)', /at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at(2026-12-31T24:00:00)', /not a date/],
    ['every(5 minutes)', /cron\(\.\.\.\), rate\(\.\.\.\) or at\(\.\.\.\)/],
  ];
  for (const [text, reason] of invalid)
    it(`rejects ${text}`, () => {
      const p = parseScheduleExpression(text);
      assert.equal(p.kind, 'invalid');
      if (p.kind === 'invalid') assert.match(p.reason, reason);
    });

  it('EventBridge rules: no at(), and the rate unit agrees with its value', () => {
    assert.equal(parseScheduleExpression('at(2026-12-31T23:59:59)', 'rules').kind, 'invalid');
    assert.equal(parseScheduleExpression('rate(1 minutes)', 'rules').kind, 'invalid');
    assert.equal(parseScheduleExpression('rate(5 minute)', 'rules').kind, 'invalid');
    assert.equal(parseScheduleExpression('rate(1 minute)', 'rules').kind, 'ok');
    assert.equal(parseScheduleExpression('cron(0 12 * * ? *)', 'rules').kind, 'ok');
  });

  it('knows IANA time zones', () => {
    for (const tz of ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Etc/GMT+5']) assert.equal(isTimeZone(tz), true, tz);
    for (const tz of ['Mars/Olympus', 'EST5EDT ', '', 'America/New York']) assert.equal(isTimeZone(tz), false, tz);
  });
});

describe('occurrences: calendar fields', () => {
  const table: ReadonlyArray<readonly [string, string, readonly string[]]> = [
    // 2026-01-01 is a Thursday.
    ['cron(0 12 * * ? *)', '2026-01-01T12:00:00Z', ['2026-01-02T12:00:00Z', '2026-01-03T12:00:00Z']],
    ['cron(0/20 * * * ? *)', '2026-01-01T00:00:00Z', ['2026-01-01T00:20:00Z', '2026-01-01T00:40:00Z', '2026-01-01T01:00:00Z']],
    ['cron(0 9 ? * 1 *)', '2026-01-01T00:00:00Z', ['2026-01-04T09:00:00Z', '2026-01-11T09:00:00Z']], // 1 = Sunday
    ['cron(0 9 ? * SAT *)', '2026-01-01T00:00:00Z', ['2026-01-03T09:00:00Z', '2026-01-10T09:00:00Z']],
    ['cron(0 9 ? * L *)', '2026-01-01T00:00:00Z', ['2026-01-03T09:00:00Z', '2026-01-10T09:00:00Z']], // L = Saturday
    ['cron(0 9 ? * 6L *)', '2026-01-01T00:00:00Z', ['2026-01-30T09:00:00Z', '2026-02-27T09:00:00Z']], // last Friday
    ['cron(0 9 ? * 2#1 *)', '2026-01-01T00:00:00Z', ['2026-01-05T09:00:00Z', '2026-02-02T09:00:00Z']], // first Monday
    ['cron(0 9 L * ? *)', '2026-01-01T00:00:00Z', ['2026-01-31T09:00:00Z', '2026-02-28T09:00:00Z']],
    ['cron(0 9 15W * ? *)', '2026-02-01T00:00:00Z', ['2026-02-16T09:00:00Z', '2026-03-16T09:00:00Z']], // 15 Feb is a Sunday
    ['cron(0 0 1 1 ? 2027-2028)', '2026-01-01T00:00:00Z', ['2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z']],
  ];
  for (const [text, from, expected] of table)
    it(`${text} after ${from}`, () => assert.deepEqual(runs(text, from, expected.length), expected));

  it('a cron whose years have passed never fires again', () => {
    assert.equal(nextOccurrence(parse('cron(0 0 1 1 ? 2026)'), new Date('2026-06-01T00:00:00Z')), undefined);
  });

  it('respects StartDate (inclusive) and EndDate (exclusive)', () => {
    const window = { startDate: new Date('2026-01-05T12:00:00Z'), endDate: new Date('2026-01-07T12:00:00Z') };
    assert.deepEqual(runs('cron(0 12 * * ? *)', '2026-01-01T00:00:00Z', 5, window), ['2026-01-05T12:00:00Z', '2026-01-06T12:00:00Z']);
  });

  it('rate schedules count from their anchor (StartDate or creation) and fire there first', () => {
    const anchor = new Date('2026-01-01T00:00:30Z');
    assert.deepEqual(runs('rate(1 minute)', '2026-01-01T00:00:00Z', 3, { rateAnchor: anchor }), [
      '2026-01-01T00:00:30Z',
      '2026-01-01T00:01:30Z',
      '2026-01-01T00:02:30Z',
    ]);
    assert.deepEqual(runs('rate(1 minute)', '2026-01-01T00:01:30Z', 1, { rateAnchor: anchor }), ['2026-01-01T00:02:30Z']);
  });
});

describe('occurrences: time zones and daylight saving time', () => {
  // US clocks spring forward on 2026-03-08 at 02:00 (EST → EDT) and fall back on 2026-11-01 at 02:00 (EDT → EST).
  // EU clocks spring forward on 2026-03-29 at 02:00 and fall back on 2026-10-25 at 03:00 (Berlin: CET ↔ CEST).
  const table: ReadonlyArray<readonly [string, string, string, readonly string[]]> = [
    // A 02:30 job on the day the clocks jump forward: 02:30 does not exist, that day's run is skipped.
    [
      'cron(30 2 * * ? *)',
      'America/New_York',
      '2026-03-07T00:00:00Z',
      ['2026-03-07T07:30:00Z', '2026-03-09T06:30:00Z', '2026-03-10T06:30:00Z'],
    ],
    ['cron(30 2 * * ? *)', 'Europe/Berlin', '2026-03-28T00:00:00Z', ['2026-03-28T01:30:00Z', '2026-03-30T00:30:00Z']],
    // A 01:30 job on the day the clocks fall back: 01:30 happens twice, the job runs once (EDT, the first).
    [
      'cron(30 1 * * ? *)',
      'America/New_York',
      '2026-10-31T00:00:00Z',
      ['2026-10-31T05:30:00Z', '2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z'],
    ],
    // Berlin repeats 02:00–02:59 on 2026-10-25: a 02:30 job runs once, at 02:30 CEST (00:30 UTC).
    ['cron(30 2 * * ? *)', 'Europe/Berlin', '2026-10-24T12:00:00Z', ['2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z']],
    // Every 20 minutes through the repeated hour: its times run once each, not twice.
    [
      'cron(0/20 1 * * ? *)',
      'America/New_York',
      '2026-11-01T04:00:00Z',
      ['2026-11-01T05:00:00Z', '2026-11-01T05:20:00Z', '2026-11-01T05:40:00Z', '2026-11-02T06:00:00Z'],
    ],
    // Every 30 minutes across the gap: 02:00 and 02:30 do not exist that night.
    [
      'cron(0/30 * * * ? *)',
      'America/New_York',
      '2026-03-08T06:00:00Z',
      ['2026-03-08T06:30:00Z', '2026-03-08T07:00:00Z', '2026-03-08T07:30:00Z', '2026-03-08T08:00:00Z'],
    ],
    ['cron(0 9 ? * MON-FRI *)', 'Asia/Tokyo', '2026-01-01T00:00:00Z', ['2026-01-02T00:00:00Z', '2026-01-05T00:00:00Z']],
    // rate(1 day) is 24 hours of elapsed time: across the jump it lands an hour later on the wall clock.
    ['rate(1 day)', 'America/New_York', '2026-03-07T12:00:00Z', ['2026-03-08T12:00:00Z', '2026-03-09T12:00:00Z']],
  ];
  for (const [text, timeZone, from, expected] of table)
    it(`${text} in ${timeZone} after ${from}`, () =>
      assert.deepEqual(runs(text, from, expected.length, { timeZone, rateAnchor: new Date(from) }), expected));

  it('one-time at() schedules: local time in the zone, a gap resolved past the jump, a repeat at its first', () => {
    const at = (text: string, timeZone: string) => iso([nextOccurrence(parse(text), new Date('2026-01-01T00:00:00Z'), { timeZone })!]);
    assert.deepEqual(at('at(2026-06-01T09:00:00)', 'Asia/Tokyo'), ['2026-06-01T00:00:00Z']);
    assert.deepEqual(at('at(2026-03-08T02:30:00)', 'America/New_York'), ['2026-03-08T07:30:00Z']);
    assert.deepEqual(at('at(2026-11-01T01:30:00)', 'America/New_York'), ['2026-11-01T05:30:00Z']);
    assert.equal(nextOccurrence(parse('at(2025-06-01T09:00:00)'), new Date('2026-01-01T00:00:00Z')), undefined);
  });

  it('local times map to none, one or two instants', () => {
    const local = { year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 };
    assert.deepEqual(instantsOf(local, 'America/New_York'), []);
    assert.deepEqual(iso(instantsOf({ ...local, month: 11, day: 1, hour: 1 }, 'America/New_York')), [
      '2026-11-01T05:30:00Z',
      '2026-11-01T06:30:00Z',
    ]);
    assert.deepEqual(iso(instantsOf({ ...local, hour: 12 }, 'UTC')), ['2026-03-08T12:30:00Z']);
  });
});
