// Table test: where `rollback` goes, from the ACTIVE revisions and ECS's history of SUCCESSFUL deployments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rollbackRevision } from '../../src/deploy/rollback.js';

const cases: readonly [string, readonly number[], number, readonly number[], number | undefined][] = [
  ['no history: the newest older ACTIVE revision', [1, 2, 3], 3, [], 2],
  ['history: :2 was rolled back by the circuit breaker, :3 then deployed: back to :1, never :2', [1, 2, 3], 3, [3, 1], 1],
  ['history newest first: the latest success older than current', [1, 2, 3, 4], 4, [4, 2, 3, 1], 2],
  ['the older successes were deregistered: nothing to roll back to', [2, 3], 3, [3, 1], undefined],
  ['history holds only the current revision (older ones aged out): by revision number', [1, 2, 3], 3, [3], 2],
  ['after a rollback to :1, a second rollback does not go forward to :3', [1, 3], 1, [1, 3, 1], undefined],
  ['nothing older at all', [1], 1, [1], undefined],
];

for (const [name, active, current, succeeded, want] of cases) {
  test(`rollback target: ${name}`, () => assert.equal(rollbackRevision(active, current, succeeded), want));
}
