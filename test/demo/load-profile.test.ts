// Table tests: load profiles parse from their flag form (with messages that name what is wrong) and give the rate and the
// number of requests due at any moment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseProfile, profileLength, rateAt, requestsDue, type LoadProfile } from '../../src/demo/load-profile.js';

test('parses step and ramp profiles', () => {
  assert.deepEqual(parseProfile('step:50@30s,600@60s'), {
    kind: 'step',
    steps: [
      { rate: 50, ms: 30_000 },
      { rate: 600, ms: 60_000 },
    ],
  });
  assert.deepEqual(parseProfile('ramp:50..600/60s'), { kind: 'ramp', from: 50, to: 600, ms: 60_000 });
  assert.deepEqual(parseProfile('ramp:0.5..2.5/1m30s'), { kind: 'ramp', from: 0.5, to: 2.5, ms: 90_000 });
});

test('a wrong profile names the option, the form and the wrong part', () => {
  const cases: ReadonlyArray<readonly [string, RegExp]> = [
    ['burst:10', /unknown profile kind "burst"/],
    ['step:', /no steps/],
    ['step:50', /step "50" has no @DURATION/],
    ['step:fast@30s', /"fast" is not a rate/],
    ['step:50@soon', /"soon" is not a duration/],
    ['step:-5@30s', /"-5" is not a rate/],
    ['ramp:50-600/60s', /a ramp is FROM\.\.TO\/DURATION/],
    ['ramp:50..600/0s', /"0s" is not a duration/],
  ];
  for (const [text, why] of cases) {
    assert.throws(
      () => parseProfile(text),
      (e: Error & { code?: string }) =>
        e.code === 'BAD_OPTION' && /--profile expects step:RATE@DURATION/.test(e.message) && why.test(e.message),
      text,
    );
  }
});

test('rate and requests due over time', () => {
  const step: LoadProfile = {
    kind: 'step',
    steps: [
      { rate: 50, ms: 30_000 },
      { rate: 600, ms: 60_000 },
    ],
  };
  const ramp: LoadProfile = { kind: 'ramp', from: 50, to: 650, ms: 60_000 };
  const constant: LoadProfile = { kind: 'constant', rate: 10 };
  const rows: ReadonlyArray<readonly [LoadProfile, number, number, number]> = [
    // profile, elapsed ms, rate, requests due
    [step, 0, 50, 0],
    [step, 29_999, 50, 1499.95],
    [step, 30_000, 600, 1500],
    [step, 31_000, 600, 2100],
    [step, 90_000, 600, 37_500],
    [step, 100_000, 600, 43_500], // the last rate holds after the end
    [ramp, 0, 50, 0],
    [ramp, 30_000, 350, 6000], // (50 + 350) / 2 × 30 s
    [ramp, 60_000, 650, 21_000],
    [ramp, 61_000, 650, 21_650],
    [constant, 2_500, 10, 25],
  ];
  for (const [p, t, rate, due] of rows) {
    assert.equal(rateAt(p, t), rate, `${p.kind} rate at ${t}`);
    assert.ok(Math.abs(requestsDue(p, t) - due) < 1e-6, `${p.kind} due at ${t}: ${requestsDue(p, t)} != ${due}`);
  }
  assert.equal(profileLength(step), 90_000);
  assert.equal(profileLength(ramp), 60_000);
  assert.equal(profileLength(constant), undefined);
});
