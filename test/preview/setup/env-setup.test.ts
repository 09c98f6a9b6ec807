// env setup against the sandbox: each prerequisite reported; the missing cluster and hosted zone created (a dry run makes no
// write call), a second run all ok; a missing listener is reported as missing, not created; every call is in iam-policy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { envSetup } from '../../../src/preview/setup/env-setup.js';
import { lastCallSeq, recordedCalls, assertCallsInTable } from '../../helpers/iam-coverage.js';
import { startWorld, type World } from '../preview-fixtures.js';

let w: World;

before(async () => {
  w = await startWorld();
});

after(async () => {
  await w?.close();
});

const run = async (config: Partial<World['config']>, dryRun: boolean) => {
  const since = await lastCallSeq(w.sandbox.endpoint);
  const deps = { ...w.deps(), config: { ...w.config, ...config } };
  const r = await envSetup(deps, await w.clients.ecs(), AbortSignal.timeout(60_000), { dryRun });
  const calls = await recordedCalls(w.sandbox.endpoint, { since });
  assertCallsInTable('env setup', calls);
  return { r, calls };
};

const statuses = (r: { checks: readonly { name: string; status: string }[] }) =>
  Object.fromEntries(r.checks.map((c) => [c.name, c.status]));

test('a missing preview cluster and hosted zone: a dry run would create them without a write call, the run creates them, a rerun finds all ok', async () => {
  const config = { cluster: 'previews', domain: 'shop.example.net' };
  const dry = await run(config, true);
  assert.deepEqual(statuses(dry.r), {
    'reference service': 'ok',
    'preview cluster': 'would-create',
    'shared listener': 'ok',
    'listener rule quota': 'ok',
    'hosted zone': 'would-create',
  });
  assert.equal(dry.r.ready, true);
  assert.deepEqual(
    dry.calls.filter((c) => /^(Create|Change|Put|Delete|Modify)/.test(c.operation)),
    [],
  );

  const real = await run(config, false);
  assert.equal(statuses(real.r)['preview cluster'], 'created');
  assert.equal(statuses(real.r)['hosted zone'], 'created');
  assert.deepEqual(
    real.calls
      .filter((c) => c.operation.startsWith('Create'))
      .map((c) => c.operation)
      .sort(),
    ['CreateCluster', 'CreateHostedZone'],
  );

  const again = await run(config, false);
  assert.ok(
    again.r.checks.every((c) => c.status === 'ok'),
    JSON.stringify(again.r.checks),
  );
  assert.deepEqual(
    again.calls.filter((c) => c.operation.startsWith('Create')),
    [],
  );
});

test('a listener that does not exist is reported missing with what to check, and the result is not ready', async () => {
  const gone = w.config.listenerArn.replace(/\/[^/]+$/, '/0000000000000000');
  const { r } = await run({ listenerArn: gone }, true);
  const listener = r.checks.find((c) => c.name === 'shared listener')!;
  assert.equal(listener.status, 'missing');
  assert.match(listener.detail, /does not exist/);
  assert.match(listener.hint ?? '', /preview\.listener_arn/);
  assert.equal(r.ready, false);
});
