// Acceptance 3: `cortado env create` killed (SIGKILL) at points spread over its whole run, with sandbox latency; then delete
// (or, every fourth time, a re-run of create, then delete) leaves zero tagged resources every time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEnv } from '../../src/preview/create-env.js';
import { deleteEnv } from '../../src/preview/delete-env.js';
import { listEnvs } from '../../src/preview/list-envs.js';
import { previewNames } from '../../src/preview/naming.js';
import { spawnCli, finished, writeConfig } from './cli-run.js';
import { callsSince, lastSeq, setLatency, startWorld, taggedLeftovers, type World } from './preview-fixtures.js';
import { assertCallsInTable } from '../helpers/iam-coverage.js';

const RUNS = 24;
const LATENCY_MS = 50;

describe('create killed at random points, then delete', () => {
  let w: World;
  let dir: string;
  before(async () => {
    w = await startWorld();
    dir = writeConfig({ ...w.config, desiredCount: 0 });
    await setLatency(w.sandbox.endpoint, LATENCY_MS);
  });
  after(async () => {
    await w?.close();
  });
  const signal = new AbortController().signal;

  it(`leaves nothing tagged after ${RUNS} kills`, { timeout: 300_000 }, async () => {
    // How many calls a whole create makes here: kills land after 1..that many calls (plus up to one latency more).
    const since = await lastSeq(w.sandbox.endpoint);
    await createEnv(
      { ...w.deps(), config: { ...w.config, desiredCount: 0 } },
      { name: 'measure', image: { kind: 'tag', tag: 'v2' }, environment: {} },
      signal,
    );
    const calls = await callsSince(w.sandbox.endpoint, since);
    assertCallsInTable('env create', calls);
    const total = calls.length;
    const firstMutation = calls.findIndex((c) => c.mutating);
    const lastMutation = calls.map((c) => c.mutating).lastIndexOf(true);
    await deleteEnv(w.deps(), 'measure', { wait: true }, signal);
    // A few kills while it is still reading, most while it is making things: that is where an orphan could be born.
    const killPoint = (i: number) =>
      i < 4
        ? 1 + i * Math.floor(firstMutation / 4)
        : firstMutation + Math.floor(((i - 4) * (lastMutation + 1 - firstMutation)) / (RUNS - 4));
    let killed = 0;
    const seen: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const name = `feature/KILL-${i}_at call ${i}`;
      const env = previewNames('web', name, w.config.domain).env;
      const after = killPoint(i);
      const base = await lastSeq(w.sandbox.endpoint);
      const child = spawnCli(w, dir, ['env', 'create', name, '--tag', 'v2']);
      const done = finished(child);
      let exited = false;
      void done.then(() => {
        exited = true;
      });
      while (!exited && (await callsSince(w.sandbox.endpoint, base)).length < after) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, Math.random() * LATENCY_MS));
      child.kill('SIGKILL');
      const run = await done;
      // Requests the killed process had already sent are still carried out (as AWS would): a delete can only remove what
      // exists, so it runs once they have landed — each waits out the latency, then is handled at once.
      await new Promise((r) => setTimeout(r, 2 * LATENCY_MS + 100));
      // Latency is for the create being killed; the clean-up and the check need none.
      await setLatency(w.sandbox.endpoint, 0);
      const calledByKilled = await callsSince(w.sandbox.endpoint, base);
      assertCallsInTable('env create', calledByKilled);
      const made = calledByKilled.filter((c) => c.mutating).map((c) => c.operation);
      if (run.signal === 'SIGKILL') killed++;
      seen.push(`${after}: ${run.signal ?? `exit ${run.code}`} after [${made.join(' ')}]`);
      if (i % 4 === 3) {
        // A re-run of create completes whatever the killed one left.
        const redo = await createEnv(
          { ...w.deps(), config: { ...w.config, desiredCount: 0 } },
          { name, image: { kind: 'tag', tag: 'v2' }, environment: {} },
          signal,
        );
        const row = (await listEnvs(w.deps(), signal)).rows.find((r) => r.name === env);
        assert.equal(row?.status, 'ready', `re-run after kill ${i} (${redo.action})`);
      }
      await deleteEnv(w.deps(), name, { wait: true }, signal);
      assert.deepEqual(await taggedLeftovers(w, env, { countDraining: true }), [], `kill ${i} after ${after} calls left resources behind`);
      await setLatency(w.sandbox.endpoint, LATENCY_MS);
    }
    console.log(`  ${killed}/${RUNS} runs killed mid-create (a create takes ${total} calls):\n    ${seen.join('\n    ')}`);
    assert.ok(killed >= 20, `only ${killed} of ${RUNS} runs were killed before they finished`);
    assert.deepEqual((await listEnvs(w.deps(), signal)).rows, []);
  });
});
