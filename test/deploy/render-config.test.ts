// render config's Go durations, as ecspresso prints its timeout.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goDuration } from '../../src/deploy/render-config.js';

test('goDuration: Go time.Duration strings', () => {
  const rows: [number, string][] = [
    [0, '0s'],
    [90, '90ms'],
    [1500, '1.5s'],
    [30_000, '30s'],
    [90_000, '1m30s'],
    [600_000, '10m0s'],
    [3_600_000, '1h0m0s'],
    [5_430_000, '1h30m30s'],
  ];
  for (const [ms, want] of rows) assert.equal(goDuration(ms), want, String(ms));
});
