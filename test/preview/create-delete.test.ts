// Acceptance 1: a preview answers on its host through the shared listener with its own version, other hosts reach the reference; delete leaves nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEnv } from '../../src/preview/create-env.js';
import { deleteEnv } from '../../src/preview/delete-env.js';
import { eventually } from '../helpers/sandbox.js';
import { DOMAIN, get, startWorld, taggedLeftovers, versionOf, type World } from './preview-fixtures.js';

describe('env create / delete against the sandbox', () => {
  let w: World;
  before(async () => { w = await startWorld(); });
  after(async () => { await w?.close(); });

  it('routes the preview host to the preview tasks and every other host to the reference, then removes everything', async () => {
    const url = await w.listenerUrl();
    await eventually(async () => versionOf((await get(url, 'app.example.com')).body) === 'v1' || undefined, 30_000, 100, 'the reference to answer');
    const signal = new AbortController().signal;
    const created = await createEnv(w.deps(), { name: 'feature/ABC-123_Fix login', image: { kind: 'tag', value: 'v2' }, environment: {}, wait: true }, signal);
    assert.equal(created.action, 'created');
    assert.match(created.env, /^feature-abc-123-fix-login-[0-9a-f]{8}$/);
    assert.equal(created.host, `${created.env}.${DOMAIN}`);
    assert.equal(created.image, 'cortado/demo-app:v2');
    for (let i = 0; i < 5; i++) {
      assert.equal(versionOf((await get(url, created.host)).body), 'v2');
      assert.equal(versionOf((await get(url, 'app.example.com')).body), 'v1');
    }
    const deps = w.deps();
    await deleteEnv(deps, 'feature/ABC-123_Fix login', { wait: true }, signal);
    assert.deepEqual(await taggedLeftovers(w, created.env, { countDraining: true }), []);
    // The reference may be replacing a task at this moment (the listener answers 503 meanwhile): ask until it answers.
    await eventually(async () => versionOf((await get(url, created.host)).body) === 'v1' || undefined, 30_000, 100, 'the host to answer the listener default');
  });
});
