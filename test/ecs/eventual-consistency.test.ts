// A resource made a moment ago and not yet visible (ECS task definition, ELBv2 target group): the call is tried again, only for a fresh one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsCallError } from '../../src/core/errors.js';
import { readUntilComplete, untilVisible } from '../../src/aws/eventual-consistency.js';

const notFound = () => new AwsCallError('CreateService', 'ClientException', 'TaskDefinition not found.');
const clock = { now: () => new Date(0), sleep: async () => undefined };

test('a fresh task definition ECS does not see yet: tried again until it does', async () => {
  let calls = 0;
  const out = await untilVisible(true, clock, undefined, async () => {
    if (++calls < 3) throw notFound();
    return 'created';
  });
  assert.equal(out, 'created');
  assert.equal(calls, 3);
});

test('not fresh, another error, or never visible: the error goes up', async () => {
  let calls = 0;
  await assert.rejects(
    untilVisible(false, clock, undefined, async () => {
      calls++;
      throw notFound();
    }),
    /TaskDefinition not found/,
  );
  assert.equal(calls, 1, 'a revision picked by the user is not waited for');
  await assert.rejects(
    untilVisible(true, clock, undefined, async () => {
      throw new AwsCallError('CreateService', 'ClientException', 'Cluster not found.');
    }),
    /Cluster not found/,
  );
  calls = 0;
  await assert.rejects(
    untilVisible(true, clock, undefined, async () => {
      calls++;
      throw notFound();
    }),
  );
  assert.ok(calls > 1 && calls < 20, `a bounded number of tries (${calls})`);
});

test('a target group just made and not found yet is waited for too', async () => {
  let calls = 0;
  const out = await untilVisible(true, clock, undefined, async () => {
    if (++calls < 2)
      throw new AwsCallError('ModifyTargetGroupAttributes', 'TargetGroupNotFoundException', 'One or more target groups not found');
    return 'modified';
  });
  assert.equal(out, 'modified');
});

test('readUntilComplete reads again until the read is complete, a bounded number of times', async () => {
  let reads = 0;
  assert.equal(
    await readUntilComplete(
      clock,
      undefined,
      async () => ++reads,
      (n) => n >= 3,
    ),
    3,
  );
  reads = 0;
  const last = await readUntilComplete(
    clock,
    undefined,
    async () => ++reads,
    () => false,
  );
  assert.ok(last > 1 && last < 20);
});
