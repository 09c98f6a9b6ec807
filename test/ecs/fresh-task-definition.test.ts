// A task definition registered a moment ago and not yet visible to ECS: the call is tried again, only for a fresh one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsCallError } from '../../src/core/errors.js';
import { withFreshTaskDefinition } from '../../src/ecs/fresh-task-definition.js';

const notFound = () => new AwsCallError('CreateService', 'ClientException', 'TaskDefinition not found.');
const clock = { now: () => new Date(0), sleep: async () => undefined };

test('a fresh task definition ECS does not see yet: tried again until it does', async () => {
  let calls = 0;
  const out = await withFreshTaskDefinition(true, clock, undefined, async () => {
    if (++calls < 3) throw notFound();
    return 'created';
  });
  assert.equal(out, 'created');
  assert.equal(calls, 3);
});

test('not fresh, another error, or never visible: the error goes up', async () => {
  let calls = 0;
  await assert.rejects(
    withFreshTaskDefinition(false, clock, undefined, async () => {
      calls++;
      throw notFound();
    }),
    /TaskDefinition not found/,
  );
  assert.equal(calls, 1, 'a revision picked by the user is not waited for');
  await assert.rejects(
    withFreshTaskDefinition(true, clock, undefined, async () => {
      throw new AwsCallError('CreateService', 'ClientException', 'Cluster not found.');
    }),
    /Cluster not found/,
  );
  calls = 0;
  await assert.rejects(
    withFreshTaskDefinition(true, clock, undefined, async () => {
      calls++;
      throw notFound();
    }),
  );
  assert.ok(calls > 1 && calls < 20, `a bounded number of tries (${calls})`);
});
