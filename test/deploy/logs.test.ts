// `logs --follow` on a fake clock: events printed once each (by eventId), the window moves forward, Ctrl-C ends it cleanly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FilterLogEventsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../src/aws/aws-clients.js';
import { logs } from '../../src/deploy/logs.js';
import type { DeployContext } from '../../src/deploy/deploy-context.js';
import { recordingHost } from '../../src/core/io-host.js';
import { fakeClock } from './fakes.js';

test('follow: dedupes by eventId, advances startTime, stops on abort', async () => {
  const ac = new AbortController();
  const inputs: FilterLogEventsCommandInput[] = [];
  const pages = [
    {
      events: [
        { eventId: '1', timestamp: 1000, message: 'a', logStreamName: 'web/app/t1' },
        { eventId: '2', timestamp: 2000, message: 'b', logStreamName: 'web/app/t1' },
      ],
    },
    {
      events: [
        { eventId: '2', timestamp: 2000, message: 'b', logStreamName: 'web/app/t1' },
        { eventId: '3', timestamp: 3000, message: 'c', logStreamName: 'web/app/t2' },
      ],
    },
    { events: [] },
  ];
  const api = {
    async filterLogEvents(input: FilterLogEventsCommandInput) {
      inputs.push(input);
      const page = pages[inputs.length - 1] ?? { events: [] };
      if (inputs.length === 3) ac.abort(new Error('cancelled by SIGINT'));
      return page;
    },
  };
  const host = recordingHost();
  const ctx = {
    config: { cluster: 'c' },
    host,
    clock: fakeClock(0),
    signal: ac.signal,
    pollIntervalMs: 2000,
    aws: { logs: async () => api } as unknown as AwsClients,
    taskDefinition: async () => ({
      family: 'web',
      containerDefinitions: [
        {
          name: 'app',
          image: 'x',
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'web' } },
        },
      ],
    }),
  } as unknown as DeployContext;
  const r = await logs(ctx, { follow: true, sinceMs: 500 });
  assert.deepEqual(r, { group: '/ecs/web', streamPrefix: 'web/app/', events: 3 });
  assert.deepEqual(
    host.messages.filter((m) => m.code === 'LOG_EVENT').map((m) => (m.data as { message: string }).message),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(
    inputs.map((i) => i.startTime),
    [-500, 2000, 3000],
  );
  assert.equal(inputs[0]!.logStreamNamePrefix, 'web/app/');
});
