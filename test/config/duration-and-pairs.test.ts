// The one duration grammar and the one KEY=VALUE parser, as every flag and config field uses them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { durationExpectation, parseDuration, readDuration, readDurationOption } from '../../src/config/duration.js';
import { parseKeyValue, parseKeyValues, VARIABLE_NAME } from '../../src/config/key-value.js';
import { UsageError } from '../../src/core/errors.js';
import { parseDuration as previewDuration } from '../../src/preview/parse-duration.js';

test('the duration grammar', () => {
  const cases: readonly [unknown, number | undefined, number | undefined][] = [
    // [value, without bare seconds, with bare seconds]
    ['500ms', 500, 500],
    ['90s', 90_000, 90_000],
    ['10m', 600_000, 600_000],
    ['1h30m', 5_400_000, 5_400_000],
    ['10m0s', 600_000, 600_000],
    ['1.5s', 1500, 1500],
    ['0.25s', 250, 250],
    ['7d', 604_800_000, 604_800_000],
    ['2w', 1_209_600_000, 1_209_600_000],
    ['1500us', 2, 2],
    [' 30s ', 30_000, 30_000],
    ['0', 0, 0],
    ['90', undefined, 90_000],
    ['1.5', undefined, 1500],
    [90, undefined, 90_000],
    [0.5, undefined, 500],
    ['', undefined, undefined],
    ['5 m', undefined, undefined],
    ['1h 30m', undefined, undefined],
    ['-1s', undefined, undefined],
    [-1, undefined, undefined],
    ['1y', undefined, undefined],
    ['s', undefined, undefined],
    ['ten minutes', undefined, undefined],
    [null, undefined, undefined],
    [{}, undefined, undefined],
    [Number.POSITIVE_INFINITY, undefined, undefined],
  ];
  for (const [v, plain, bare] of cases) {
    assert.equal(parseDuration(v), plain, `${JSON.stringify(v)}`);
    assert.equal(parseDuration(v, { bareSeconds: true }), bare, `${JSON.stringify(v)} with bare seconds`);
  }
});

test("a config field's duration: errors name the file, the field, the expectation (with bounds) and the value", () => {
  assert.equal(readDuration('2m', { field: 'canary.poll' }), 120_000);
  const cases: readonly [unknown, Parameters<typeof readDuration>[1], string][] = [
    [
      'soon',
      { field: 'canary.interval', file: 'cortado.yml', bareSeconds: true },
      'cortado.yml: canary.interval: expected a duration such as 30s, 10m, 1h30m or 500ms (or a number of seconds), got the string "soon"',
    ],
    [
      '10ms',
      { field: 'canary.poll', min: 50 },
      'canary.poll: expected a duration such as 30s, 10m, 1h30m or 500ms of at least 50ms, got the string "10ms"',
    ],
    [
      '2h',
      { field: 'x', min: 1000, max: 3_600_000 },
      'x: expected a duration such as 30s, 10m, 1h30m or 500ms from 1s to 1h, got the string "2h"',
    ],
    [600, { field: 'timeout', file: 'c.yml' }, 'c.yml: timeout: expected a duration such as 30s, 10m, 1h30m or 500ms, got number 600'],
  ];
  for (const [v, at, message] of cases) {
    assert.throws(
      () => readDuration(v, at),
      (e: unknown) => {
        assert.ok(e instanceof UsageError);
        assert.equal(e.message, message);
        assert.equal(e.code, 'BAD_CONFIG');
        assert.equal(e.field, at.field);
        assert.equal(e.file, at.file);
        return true;
      },
    );
  }
  assert.throws(
    () => readDuration('x', { field: 'f', code: 'CANARY_CONFIG' }),
    (e: unknown) => (e as UsageError).code === 'CANARY_CONFIG',
  );
});

test("a flag's duration: at least 1ms, and the message names the flag", () => {
  assert.equal(readDurationOption('90s', '--timeout'), 90_000);
  assert.throws(
    () => readDurationOption('0', '--timeout'),
    /^UsageError: --timeout expects a duration such as 30s, 10m, 1h30m or 500ms, got "0"$/,
  );
  assert.throws(
    () => readDurationOption('yesterday', '--poll-interval'),
    (e: unknown) => (e as UsageError).code === 'BAD_OPTION' && (e as UsageError).field === '--poll-interval',
  );
  assert.equal(previewDuration('7d', '--older-than'), 604_800_000, 'env commands use the same grammar');
  assert.throws(
    () => previewDuration('24', '--older-than'),
    (e: unknown) => (e as UsageError).code === 'BAD_DURATION' && /--older-than expects a duration/.test((e as Error).message),
  );
  assert.equal(durationExpectation({ bareSeconds: true, min: 0 }), 'a duration such as 30s, 10m, 1h30m or 500ms (or a number of seconds)');
});

test('KEY=VALUE: split at the first "="; values may be empty or hold "="', () => {
  const cases: readonly [string, readonly [string, string]][] = [
    ['A=1', ['A', '1']],
    ['A=', ['A', '']],
    ['URL=http://x/?a=b', ['URL', 'http://x/?a=b']],
    ['a.b=c d', ['a.b', 'c d']],
    ['K==', ['K', '=']],
  ];
  for (const [text, pair] of cases) assert.deepEqual(parseKeyValue(text, '--ext-str'), pair, text);
});

test('KEY=VALUE: no "=", an empty key or an ill-formed key is an error naming the option and the value received', () => {
  const cases: readonly [string, Parameters<typeof parseKeyValue>[2], string][] = [
    ['NOEQUALS', {}, '--ext-str expects KEY=VALUE, got "NOEQUALS" (no "=")'],
    ['=value', {}, '--ext-str expects KEY=VALUE, got "=value" (an empty key)'],
    ['', {}, '--ext-str expects KEY=VALUE, got "" (no "=")'],
    ['A-B=1', VARIABLE_NAME, '--ext-str expects KEY=VALUE with a variable name as KEY, got "A-B=1" (the key is not a variable name)'],
  ];
  for (const [text, rule, message] of cases) {
    assert.throws(
      () => parseKeyValue(text, '--ext-str', rule),
      (e: unknown) => {
        assert.ok(e instanceof UsageError);
        assert.equal(e.code, 'BAD_OPTION');
        assert.equal(e.message, message);
        assert.equal(e.field, '--ext-str');
        return true;
      },
    );
  }
});

test('KEY=VALUE lists: later pairs win; an option not given is undefined', () => {
  assert.deepEqual(parseKeyValues(['A=1', 'B=2', 'A=3'], '--env'), { A: '3', B: '2' });
  assert.equal(parseKeyValues(undefined, '--env'), undefined);
  assert.equal(parseKeyValues([], '--env'), undefined);
});
