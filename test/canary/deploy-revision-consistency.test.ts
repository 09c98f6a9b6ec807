// The release's revision is registered a moment before the canary service is updated to it: while ECS does not show it yet
// (eventual consistency), the update is tried again instead of failing the release.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanaryEcs } from '../../src/canary/aws/canary-aws.js';
import { deployRevision } from '../../src/canary/canary-services.js';
import { AwsCallError } from '../../src/core/errors.js';

test('deployRevision waits out a revision ECS does not see yet', async () => {
  const asked: unknown[] = [];
  const ecs = {
    updateService: async (input: unknown) => {
      asked.push(input);
      if (asked.length < 3) throw new AwsCallError('UpdateService', 'ClientException', 'TaskDefinition not found.');
      return {};
    },
  } as unknown as CanaryEcs;
  const slept: number[] = [];
  const clock = { now: () => new Date(0), sleep: async (ms: number) => void slept.push(ms) };
  await deployRevision(ecs, clock, 'c', 'web-canary', 'arn:td:2', 1, new AbortController().signal);
  assert.equal(asked.length, 3);
  assert.deepEqual(asked[2], { cluster: 'c', service: 'web-canary', taskDefinition: 'arn:td:2', desiredCount: 1 });
  assert.equal(slept.length, 2, 'waited on the injected clock');
});
