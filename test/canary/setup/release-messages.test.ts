// The release's messages for a new user: rollout progress lines, what to check after a not-enough-data rollback, and Ctrl-C.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noDataHint } from '../../../src/canary/no-data-hint.js';
import { rolloutProgress } from '../../../src/canary/rollout-progress.js';
import { msg } from '../../../src/core/io-host.js';
import { releaseInterrupted } from '../../../src/cli/interrupted.js';

const TD1 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/shop:1';
const TD2 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/shop:2';

test("rollout progress names the new revision's running tasks and the old ones still draining, then the end", () => {
  const during = rolloutProgress(
    {
      serviceName: 'shop-stable',
      desiredCount: 2,
      deployments: [
        { status: 'PRIMARY', taskDefinition: TD2, runningCount: 1, desiredCount: 2, rolloutState: 'IN_PROGRESS' },
        { status: 'ACTIVE', taskDefinition: TD1, runningCount: 2, desiredCount: 0 },
      ],
    },
    TD2,
  );
  assert.equal(during, 'shop-stable: shop:2 1/2 tasks running; shop:1 still has 2 task(s) (draining)');
  const done = rolloutProgress(
    {
      serviceName: 'shop-stable',
      deployments: [{ status: 'PRIMARY', taskDefinition: TD2, runningCount: 2, desiredCount: 2, rolloutState: 'COMPLETED' }],
    },
    TD2,
  );
  assert.equal(done, 'shop-stable: shop:2 2/2 tasks running; rollout complete');
});

test('a not-enough-data rollback says what was missing and what to check; other failures get no such hint', () => {
  const hint = noDataHint('not enough data in 5 analyses in a row: success-rate: 3 canary requests, fewer than min_requests 20', {
    minRequests: 20,
    noDataLimit: 5,
  });
  assert.match(hint!, /at least 20 canary requests/);
  assert.match(hint!, /is the listener receiving traffic\?/);
  assert.match(hint!, /cortado local ls/);
  assert.equal(noDataHint('analysis failed 2 time(s), threshold 2: success-rate 70 < 99', { minRequests: 20, noDataLimit: 5 }), undefined);
});

test('Ctrl-C during a release says the canary keeps its traffic share with no analysis running', () => {
  const text = releaseInterrupted([
    msg('info', 'CANARY_STARTED', 'release r1: shop:2 to shop-canary, steps 5 → 25 → 50 → 100%'),
    msg('info', 'CANARY_WEIGHTS_SET', 'weights set: stable 75% / canary 25%', { stable: 75, canary: 25 }),
  ]);
  assert.match(text, /the canary keeps its 25% traffic share with no analysis running/);
  assert.match(text, /cortado canary resume/);
});
