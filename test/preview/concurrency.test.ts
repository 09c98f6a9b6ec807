// Acceptance 2: ten creates in parallel get ten distinct rule priorities (even when squeezed into 12 slots); a create and a
// delete of the same env racing end whole or gone, never half; concurrent publishes to one S3 key lose no update.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DescribeRulesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { createEnv } from '../../src/preview/create-env.js';
import { deleteEnv } from '../../src/preview/delete-env.js';
import { findPieces } from '../../src/preview/find-pieces.js';
import { previewNames } from '../../src/preview/naming.js';
import { publishEndpoints } from '../../src/preview/publish-endpoints.js';
import { sharedReads } from '../../src/preview/shared-reads.js';
import { missingKinds } from '../../src/preview/env-pieces.js';
import { setFaults } from '../helpers/sandbox.js';
import { setLatency, startWorld, taggedLeftovers, type World } from './preview-fixtures.js';

describe('concurrent creates, deletes and publishes', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
    await setLatency(w.sandbox.endpoint, 20);
  });
  after(async () => {
    await w?.close();
  });
  const signal = new AbortController().signal;

  it('ten parallel creates with distinct names all succeed with distinct priorities, then ten parallel deletes leave nothing', async () => {
    const deps = { ...w.deps(), config: { ...w.config, desiredCount: 0, priorityRange: [1, 12] as const } };
    const names = Array.from({ length: 10 }, (_, i) => `feature/PARALLEL-${i}`);
    const results = await Promise.allSettled(
      names.map((name) => createEnv(deps, { name, image: { kind: 'tag', tag: 'v2' }, environment: {} }, signal)),
    );
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason));
    assert.deepEqual(failures, []);
    const created = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof createEnv>>>).value);
    const rules = ((await w.elb.send(new DescribeRulesCommand({ ListenerArn: w.listenerArn }))).Rules ?? []).filter((r) => !r.IsDefault);
    assert.equal(rules.length, 10, 'one rule per env, no duplicates');
    assert.equal(new Set(rules.map((r) => r.Priority)).size, 10, 'distinct priorities');
    assert.deepEqual(new Set(created.map((c) => c.rulePriority)), new Set(rules.map((r) => Number(r.Priority))));
    const retries = deps.io.messages.filter((m) => m.code === 'ENV_PRIORITY_RETRY').length;
    console.log(`  ten creates into 12 priorities: ${retries} PriorityInUse retries`);
    await Promise.all(names.map((name) => deleteEnv(deps, name, { wait: true }, signal)));
    for (const c of created) assert.deepEqual(await taggedLeftovers(w, c.env, { countDraining: true }), [], c.env);
  });

  it('a create and a delete of one env racing end with the env whole or gone', async () => {
    const deps = { ...w.deps(), config: { ...w.config, desiredCount: 0 } };
    const outcomes: string[] = [];
    for (const delayMs of [0, 30, 60, 90, 120, 160, 200, 260]) {
      const name = `race-${delayMs}`;
      const create = createEnv(deps, { name, image: { kind: 'tag', tag: 'v2' }, environment: {} }, signal);
      await new Promise((r) => setTimeout(r, delayMs));
      const del = deleteEnv(deps, name, {}, signal);
      const [c, d] = await Promise.allSettled([create, del]);
      assert.equal(d.status, 'fulfilled', `delete after ${delayMs} ms: ${d.status === 'rejected' ? String(d.reason) : ''}`);
      const names = previewNames('web', name, w.config.domain);
      const found = await findPieces(deps.aws, deps.config, sharedReads(deps.aws, deps.config, signal), { kind: 'env', names }, signal);
      const live = found.pieces.filter((p) => p.kind !== 'service' || p.status === 'ACTIVE');
      const whole = live.length > 0 && missingKinds(live).length === 0;
      assert.ok(
        live.length === 0 || whole,
        `after ${delayMs} ms the env is half-made: ${live.map((p) => p.kind).join(', ')}; create ${c.status}`,
      );
      if (live.length === 0) assert.deepEqual(await taggedLeftovers(w, names.env), []);
      outcomes.push(`${delayMs} ms: create ${c.status}, env ${whole ? 'whole' : 'gone'}`);
      await deleteEnv(deps, name, {}, signal);
    }
    console.log(`  ${outcomes.join('; ')}`);
  });

  it('two creates of one env racing while new resources are invisible for 500 ms leave one rule, one target group', async () => {
    const deps = { ...w.deps(), config: { ...w.config, desiredCount: 0 } };
    await setFaults(w.sandbox.endpoint, { consistencyDelayMs: 500 });
    try {
      // The second create starts a little later each time, while the first one's rule is still invisible: both make a rule.
      for (const lagMs of [0, 300, 600]) {
        const name = `twin-${lagMs}`;
        const create = () => createEnv(deps, { name, image: { kind: 'tag', tag: 'v2' }, environment: {} }, signal);
        const [a, b] = await Promise.all([create(), new Promise((r) => setTimeout(r, lagMs)).then(create)]);
        const names = previewNames('web', name, w.config.domain);
        const pieces = await taggedLeftovers(w, names.env);
        const elb = pieces.filter((p) => p.startsWith('elbv2 '));
        assert.equal(elb.filter((p) => p.includes(':listener-rule/')).length, 1, `${name}: ${elb.join(', ')}`);
        assert.equal(elb.filter((p) => p.includes(':targetgroup/')).length, 1, `${name}: ${elb.join(', ')}`);
        assert.equal(a.targetGroupArn, b.targetGroupArn);
        await deleteEnv(deps, name, { wait: true }, signal);
      }
    } finally {
      await setFaults(w.sandbox.endpoint, { consistencyDelayMs: 0 });
    }
  });

  it('five apps publishing to one S3 key at once: every section survives', async () => {
    const apps = ['web', 'shop', 'api', 'admin', 'docs'];
    const results = await Promise.all(
      apps.map((app) => publishEndpoints({ ...w.deps(), config: { ...w.config, app } }, 's3://frontend/endpoints.json', signal)),
    );
    const out = await w.s3.send(new GetObjectCommand({ Bucket: 'frontend', Key: 'endpoints.json' }));
    const doc = JSON.parse(await out.Body!.transformToString()) as { apps: Record<string, unknown> };
    assert.deepEqual(Object.keys(doc.apps).sort(), [...apps].sort());
    console.log(`  attempts per publisher: ${results.map((r) => r.attempts).join(', ')}`);
  });
});
