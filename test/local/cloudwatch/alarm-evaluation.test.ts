import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { breaches, evaluateAlarm, type TreatMissingData } from '../../../src/local/services/cloudwatch/alarm-evaluation.js';

// Slots oldest first: X breaches (value 10), 0 does not, - is missing. Threshold 5, GreaterThanThreshold.
const slots = (text: string) => text.split(' ').map((s) => (s === '-' ? undefined : s === 'X' ? 10 : Number(s)));

const decide = (points: string, treatMissing: TreatMissingData, n = 3, m = n): string => {
  const e = evaluateAlarm({ slots: slots(points), n, m, treatMissing, isBreaching: (v) => breaches('GreaterThanThreshold', v, 5) });
  return e.kind === 'state' ? e.state : e.kind === 'insufficient' ? 'INSUFFICIENT_DATA' : 'keep';
};

describe('alarm evaluation: the CloudWatch guide table (N = M = 3, range 5)', () => {
  const table: ReadonlyArray<readonly [string, string, string, string, string]> = [
    // points,      missing,              ignore,  breaching, notBreaching
    ['0 - X - X', 'OK', 'OK', 'OK', 'OK'],
    ['0 - - - -', 'OK', 'OK', 'OK', 'OK'],
    ['- - - - -', 'INSUFFICIENT_DATA', 'keep', 'ALARM', 'OK'],
    ['0 X X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
    ['- - X - -', 'ALARM', 'keep', 'ALARM', 'OK'],
  ];
  for (const [points, missing, ignore, breaching, notBreaching] of table) {
    it(`${points}`, () => {
      assert.equal(decide(points, 'missing'), missing, 'missing');
      assert.equal(decide(points, 'ignore'), ignore, 'ignore');
      assert.equal(decide(points, 'breaching'), breaching, 'breaching');
      assert.equal(decide(points, 'notBreaching'), notBreaching, 'notBreaching');
    });
  }
});

describe('alarm evaluation: M out of N', () => {
  const table: ReadonlyArray<readonly [string, number, number, string]> = [
    ['0 0 X 0 X', 3, 2, 'ALARM'],
    ['0 0 X 0 0', 3, 2, 'OK'],
    ['X X X 0 0', 3, 2, 'OK'],
    ['0 X X X 0', 3, 3, 'OK'],
    ['0 0 0 0 X', 1, 1, 'ALARM'],
    ['X X X X 0', 1, 1, 'OK'],
    // Premature-alarm guard: a breaching point that is too recent does not alarm yet.
    ['- - - - X', 3, 3, 'keep'],
    ['- - - X -', 3, 3, 'keep'],
    ['- - - - X', 3, 1, 'ALARM'],
  ];
  for (const [points, n, m, expected] of table) {
    it(`${points} with ${m} of ${n} → ${expected}`, () => assert.equal(decide(points, 'missing', n, m), expected));
  }

  it('uses the newest N real datapoints when some of the newest slots are missing', () => {
    const e = evaluateAlarm({ slots: slots('X X - X -'), n: 3, m: 3, treatMissing: 'notBreaching', isBreaching: (v) => v > 5 });
    assert.equal(e.kind, 'state');
    assert.deepEqual(e.kind === 'state' ? e.evaluated.map((p) => p.index) : [], [3, 1, 0]);
  });
});

describe('comparison operators', () => {
  for (const [op, value, expected] of [
    ['GreaterThanOrEqualToThreshold', 5, true],
    ['GreaterThanThreshold', 5, false],
    ['LessThanThreshold', 5, false],
    ['LessThanOrEqualToThreshold', 5, true],
    ['LessThanThreshold', 4, true],
  ] as const) {
    it(`${value} ${op} 5 is ${expected}`, () => assert.equal(breaches(op, value, 5), expected));
  }
});
