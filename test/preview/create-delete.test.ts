// Acceptance 1: a preview answers on its host through the shared listener with its own version, other hosts reach the reference;
// ls shows it; a re-run with a new image only registers a revision and updates the service; delete leaves nothing, twice.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEnv } from '../../src/preview/create-env.js';
import { deleteEnv } from '../../src/preview/delete-env.js';
import { listEnvs } from '../../src/preview/list-envs.js';
import { withCommandCalls } from '../helpers/iam-coverage.js';
import { eventually } from '../helpers/sandbox.js';
import { callsSince, DOMAIN, get, lastSeq, startWorld, taggedLeftovers, versionAt, versionOf, type World } from './preview-fixtures.js';

describe('env create / ls / delete against the sandbox', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w?.close();
  });
  const signal = new AbortController().signal;
  const NAME = 'feature/ABC-123_Fix login';

  it('routes the preview host to the preview tasks and every other host to the reference', async () => {
    const url = await w.listenerUrl();
    assert.equal(await versionAt(url, 'app.example.com'), 'v1');
    const created = await withCommandCalls(w.sandbox.endpoint, 'env create', () =>
      createEnv(w.deps(), { name: NAME, image: { kind: 'tag', tag: 'v2' }, environment: { EXTRA: '1' }, wait: true }, signal),
    );
    assert.equal(created.action, 'created');
    assert.match(created.env, /^feature-abc-123-fix-login-[0-9a-f]{8}$/);
    assert.equal(created.host, `${created.env}.${DOMAIN}`);
    assert.equal(created.url, `http://${created.env}.${DOMAIN}`);
    assert.equal(created.image, 'cortado/demo-app:v2');
    for (let i = 0; i < 5; i++) {
      assert.equal(await versionAt(url, created.host), 'v2');
      assert.equal(await versionAt(url, 'app.example.com'), 'v1');
      assert.equal(await versionAt(url, `other.${DOMAIN}`), 'v1');
    }
  });

  it('ls shows it, ready, with its URL and image', async () => {
    const { rows } = await withCommandCalls(w.sandbox.endpoint, 'env ls', () => listEnvs(w.deps(), signal));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'ready');
    assert.equal(rows[0]!.image, 'cortado/demo-app:v2');
    assert.match(rows[0]!.url, /^http:\/\/feature-abc-123-fix-login-[0-9a-f]{8}\.preview\.example\.com$/);
    assert.equal(rows[0]!.desired, 1);
  });

  it('a re-run with a new image only registers a revision and updates the service', async () => {
    const since = await lastSeq(w.sandbox.endpoint);
    const updated = await withCommandCalls(w.sandbox.endpoint, 'env create', () =>
      createEnv(w.deps(), { name: NAME, image: { kind: 'tag', tag: 'v3' }, environment: {} }, signal),
    );
    assert.equal(updated.action, 'updated');
    const mutating = (await callsSince(w.sandbox.endpoint, since))
      .filter((c) => c.mutating)
      .map((c) => c.operation)
      .sort();
    assert.deepEqual(mutating, ['RegisterTaskDefinition', 'UpdateService']);
    const url = await w.listenerUrl();
    await eventually(
      async () => versionOf((await get(url, updated.host)).body) === 'v3' || undefined,
      30_000,
      100,
      'the preview to answer v3',
    );
  });

  it('delete removes every tagged resource; the host falls back to the listener default; a second delete does nothing', async () => {
    const url = await w.listenerUrl();
    const env = (await listEnvs(w.deps(), signal)).rows[0]!.name;
    const r = await withCommandCalls(w.sandbox.endpoint, 'env delete', () => deleteEnv(w.deps(), NAME, { wait: true }, signal));
    assert.deepEqual(r.removed, { service: 1, 'task-definition': 2, 'target-group': 1, rule: 1, record: 1 });
    assert.deepEqual(await taggedLeftovers(w, env, { countDraining: true }), []);
    // The reference may be replacing a task at this moment (the listener answers 503 meanwhile): ask until it answers.
    await eventually(
      async () => versionOf((await get(url, `${env}.${DOMAIN}`)).body) === 'v1' || undefined,
      30_000,
      100,
      'the host to answer the listener default',
    );
    const since = await lastSeq(w.sandbox.endpoint);
    const again = await withCommandCalls(w.sandbox.endpoint, 'env delete', () => deleteEnv(w.deps(), env, {}, signal));
    assert.deepEqual(again.removed, {});
    assert.deepEqual(
      (await callsSince(w.sandbox.endpoint, since)).filter((c) => c.mutating),
      [],
    );
    assert.deepEqual((await listEnvs(w.deps(), signal)).rows, []);
  });
});
