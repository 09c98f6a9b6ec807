// Every SDK client rides out throttling far longer than the SDK's default budget, and keeps the usual one for server errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { createAwsClients } from '../../src/aws/aws-clients.js';
import { mayRetry, throttleTolerantRetry } from '../../src/aws/throttle-tolerant-retry.js';

type Answer = 'throttle' | 'error' | 'ok';

/** An ECS endpoint answering each request by the next item of `script` (then 'ok'); counts the requests. */
async function fakeEcs(script: Answer[]): Promise<{ endpoint: string; requests: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = script[n++] ?? 'ok';
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (answer === 'throttle') {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
      } else if (answer === 'error') {
        res.statusCode = 500;
        res.end(JSON.stringify({ __type: 'ServerException', message: 'internal' }));
      } else res.end(JSON.stringify({ clusterArns: [], clusters: [] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => n,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** No back-off and no client-side rate limiting: the budget, not the timing, is under test. */
const fast = {
  backoff: { computeNextBackoffDelay: () => 1, setDelayBase: () => undefined },
  rateLimiter: { getSendToken: async () => undefined, updateClientSendingRate: () => undefined },
};
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

async function client(endpoint: string): Promise<ECSClient> {
  return new ECSClient({ endpoint, region: 'us-east-1', credentials, retryStrategy: await throttleTolerantRetry(6, 20, fast) });
}

test('mayRetry: throttling always (the attempts in all bound it), other errors while under the budget', () => {
  assert.equal(mayRetry('THROTTLING', 0, 6), true);
  assert.equal(mayRetry('THROTTLING', 9, 6), true);
  assert.equal(mayRetry('TRANSIENT', 5, 6), true);
  assert.equal(mayRetry('TRANSIENT', 6, 6), false);
});

test('throttled 15 times, a call still succeeds; throttled past 20 attempts it fails', async () => {
  const ecs = await fakeEcs(Array<Answer>(15).fill('throttle'));
  try {
    const out = await (await client(ecs.endpoint)).send(new ListClustersCommand({}));
    assert.equal(out.$metadata.attempts, 16);
  } finally {
    await ecs.close();
  }
  const always = await fakeEcs(Array<Answer>(100).fill('throttle'));
  try {
    await assert.rejects((await client(always.endpoint)).send(new ListClustersCommand({})), { name: 'ThrottlingException' });
    assert.equal(always.requests(), 20);
  } finally {
    await always.close();
  }
});

test('server errors keep the usual budget of 6 attempts, counted apart from the throttled ones', async () => {
  const errors = await fakeEcs(Array<Answer>(100).fill('error'));
  try {
    await assert.rejects((await client(errors.endpoint)).send(new ListClustersCommand({})), { name: 'ServerException' });
    assert.equal(errors.requests(), 6);
  } finally {
    await errors.close();
  }
  const mixed = await fakeEcs([...Array<Answer>(8).fill('throttle'), ...Array<Answer>(5).fill('error')]);
  try {
    const out = await (await client(mixed.endpoint)).send(new ListClustersCommand({}));
    assert.equal(out.$metadata.attempts, 14, '8 throttled and 5 failed attempts leave the 14th');
  } finally {
    await mixed.close();
  }
});

test(
  "every seam's client uses it: 7 throttled answers (past the SDK's 6 attempts) and the call succeeds",
  { timeout: 300_000 },
  async () => {
    const ecs = await fakeEcs(Array<Answer>(7).fill('throttle'));
    const aws = createAwsClients({ endpoint: ecs.endpoint, region: 'us-east-1', credentials }, {});
    try {
      const out = await (await aws.ecs()).describeClusters({ clusters: ['default'] });
      assert.deepEqual(out.clusters, []);
      assert.equal(ecs.requests(), 8);
    } finally {
      aws.close?.();
      await ecs.close();
    }
  },
);

test(
  'surfacingThrottling: the same settings, and throttling comes back to the caller after the usual attempts',
  { timeout: 120_000 },
  async () => {
    const ecs = await fakeEcs(Array<Answer>(3).fill('throttle'));
    const aws = createAwsClients({ endpoint: ecs.endpoint, region: 'us-east-1', credentials, maxAttempts: 2 }, {});
    try {
      const surfacing = aws.surfacingThrottling!();
      assert.equal(aws.surfacingThrottling!(), surfacing, 'one factory, built once');
      await assert.rejects((await surfacing.ecs()).describeClusters({ clusters: ['default'] }), /ThrottlingException/);
      assert.equal(ecs.requests(), 2, 'maxAttempts 2: two throttled attempts, then the error');
      // The session's own clients ride out the third throttled answer.
      const out = await (await aws.ecs()).describeClusters({ clusters: ['default'] });
      assert.deepEqual(out.clusters, []);
      assert.equal(ecs.requests(), 4);
    } finally {
      aws.close?.();
      await ecs.close();
    }
  },
);
