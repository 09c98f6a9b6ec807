// A small reliability campaign (one run each of deploy, env, autoscale and schedule, one seed) against a sandbox with the campaign's
// faults: every end state read back from AWS has no orphan, no wrong exit code and no mismatch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCampaign, summarize } from '../../bench/reliability/campaign.js';
import { createRng } from '../../bench/reliability/rng.js';
import { SCENARIOS } from '../../bench/reliability/scenarios.js';
import type { Scenario } from '../../bench/reliability/scenario.js';
import { assertBuilt } from '../e2e/e2e-harness.js';

test('the seeded random source replays the same choices for a run, whatever ran before', () => {
  const a = createRng(42).fork(7);
  createRng(42).fork(3).next();
  const b = createRng(42).fork(7);
  const draws = (r: typeof a) => Array.from({ length: 5 }, () => r.int(0, 1000));
  assert.deepEqual(draws(a), draws(b));
  assert.notDeepEqual(draws(createRng(42).fork(7)), draws(createRng(43).fork(7)));
});

test('smoke campaign: deploy, env, autoscale and schedule under faults leave nothing wrong', { timeout: 300_000 }, async () => {
  assertBuilt();
  const scenarios = (['deploy', 'env', 'autoscale', 'schedule'] as const)
    .map((c) => SCENARIOS[c])
    .filter((s): s is Scenario => s !== undefined);
  const result = await runCampaign({ seed: 1, runs: 1, scenarios, kill: false, concurrency: 1 });
  const { table, failed } = summarize(
    result,
    scenarios.map((s) => s.capability),
  );
  console.log(table);
  const problems = result.outcomes.flatMap((o) => o.problems.map((p) => `${o.capability} #${o.index} ${p.kind}: ${p.detail}`));
  assert.deepEqual(problems, []);
  assert.equal(failed, false);
  assert.equal(result.outcomes.length, 4);
  assert.ok(result.totalFaults.calls > 50, `the runs called AWS (${result.totalFaults.calls} calls)`);
});
