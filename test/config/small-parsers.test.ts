// Table tests of the small parsers: durations, envfiles, version constraints, JSON error spots.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, parseDuration } from '../../src/config/duration.js';
import { parseEnvfile } from '../../src/config/envfile.js';
import { admitsEcspressoV2, checkVersionConstraint } from '../../src/config/version-constraint.js';

test('durations in Go syntax', () => {
  const cases: readonly [string, number | undefined][] = [
    ['10m', 600_000],
    ['10m0s', 600_000],
    ['1h30m', 5_400_000],
    ['90s', 90_000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['0', 0],
    ['10', undefined],
    ['ten minutes', undefined],
    ['', undefined],
    ['5 m', undefined],
    ['7d', 604_800_000],
  ];
  for (const [s, ms] of cases) assert.equal(parseDuration(s), ms, s);
  assert.equal(formatDuration(600_000), '10m');
  assert.equal(formatDuration(90_000), '90s');
});

test('envfile lines', () => {
  assert.deepEqual(parseEnvfile('# c\nA=1\nexport B="two words"\nC=\'x y\'\nD=v # comment\n\nE="a\\nb"\n', '.env'), [
    { key: 'A', value: '1' },
    { key: 'B', value: 'two words' },
    { key: 'C', value: 'x y' },
    { key: 'D', value: 'v' },
    { key: 'E', value: 'a\nb' },
  ]);
  assert.throws(() => parseEnvfile('A=1\nnot a pair\n', '.env'), /\.env:2 expects KEY=VALUE with a variable name as KEY, got "not a pair"/);
  assert.throws(() => parseEnvfile('=1\n', '.env'), /\.env:1 expects KEY=VALUE .*\(an empty key\)/);
  assert.throws(() => parseEnvfile('A="open\n', '.env'), /\.env:1: unterminated quoted value for A/);
});

test('version constraints', () => {
  const cases: readonly [string, string, boolean][] = [
    ['>= 0.1.0', '0.1.0', true],
    ['> 0.1.0', '0.1.0', false],
    ['>= 0.1, < 1', '0.9.3', true],
    ['>= 0.1, < 1', '1.0.0', false],
    ['~> 0.1', '0.9.0', true],
    ['~> 0.1', '1.0.0', false],
    ['~> 0.1.2', '0.1.9', true],
    ['~> 0.1.2', '0.2.0', false],
    ['= v0.1.0', '0.1.0', true],
    ['!= 0.1.0', '0.1.0', false],
  ];
  for (const [c, v, ok] of cases) assert.equal(checkVersionConstraint(c, v) === undefined, ok, `${c} vs ${v}`);
  assert.throws(() => checkVersionConstraint('>= banana', '0.1.0'), /malformed version constraint/);
});

test('ecspresso v2 constraints (as ecspresso documents them) are recognised; others are not', () => {
  const cases: readonly [string, boolean][] = [
    ['>= 2.0.0, < 3', true],
    ['>= v2.0.0', true],
    ['~> 2.1', true],
    ['= 2.4.3', true],
    ['> 2.4.3, < 2.4.4', false],
    ['>= 2.3.0, != 2.3.0, < 2.3.1', false],
    ['>= 3', false],
    ['< 2', false],
    ['>= 1.7, < 2.0.1', true],
  ];
  for (const [c, ok] of cases) assert.equal(admitsEcspressoV2(c), ok, c);
});

test('invalid JSON: where and what was expected', async () => {
  const { locateJsonError } = await import('../../src/config/json-error.js');
  const cases: readonly [string, number | undefined, RegExp | undefined][] = [
    ['{"a": [1, 2]}', undefined, undefined],
    ['{"a": [}', 7, /unexpected "}", expected a value/],
    ['{"a": 1,}', 8, /expected a property name in double quotes/],
    ["{'a': 1}", 1, /property name in double quotes/],
    ['{"a": 1} x', 9, /expected the end of the document/],
    ['{"a": "x\\q"}', 8, /valid escape/],
    ['[1 2]', 3, /expected "," or "\]"/],
    ['{"a": tru}', 6, /expected a value/],
    ['{"a": "open', 11, /expected a closing quote/],
  ];
  for (const [text, offset, re] of cases) {
    const spot = locateJsonError(text);
    assert.equal(spot?.offset, offset, text);
    if (re) assert.match(spot!.message, re, text);
  }
});
