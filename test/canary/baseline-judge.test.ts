// Scenario: a canary 30% slower than stable, inside the fixed latency bound, against the sandbox with canary.baseline:
// the baseline comparison fails it (the bound alone passes it), and the baseline service and its group are gone after.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoStack, listenerUrl } from '../../src/demo/demo-stack.js';
import { startLoad } from '../../src/demo/load-generator.js';
import { systemClock } from '../../src/core/clock.js';
import { startRelease } from '../../src/canary/canary-release.js';
import { BASELINE_TAG, baselineGroupName } from '../../src/canary/baseline/baseline-service.js';
import type { AnalysisVerdict } from '../../src/canary/check-evaluation.js';
import { actorKey, assertCommandCalls } from '../helpers/iam-coverage.js';
import { withSandbox } from '../helpers/sandbox.js';
import { clientConfigFor, clientsFor, openFor, recorder, type Fixture } from './canary-fixtures.js';

let f: Fixture;
before(async () => {
  const sandbox = await withSandbox({ speed: 20 });
  const clients = clientsFor(sandbox);
  const signal = new AbortController().signal;
  try {
    const stack = await createDemoStack(
      clients,
      { name: 'bl', image: 'cortado/demo-app:v1', stableTasks: 2, stableTimeoutMs: 300_000, env: { LATENCY_MS: '50' } },
      { notify() {} },
      systemClock,
      signal,
    );
    const url = await listenerUrl(sandbox.endpoint, stack.listenerArn, signal);
    const load = startLoad(url, 80, 6);
    f = {
      sandbox,
      config: clientConfigFor(sandbox),
      clients,
      stack,
      load,
      url,
      close: async () => {
        clients.close?.();
        await load.stop();
        await sandbox.close();
      },
    };
  } catch (e) {
    await sandbox.close();
    throw e;
  }
});
after(async () => {
  await f?.close();
});

test('acceptance: 30% slower than the baseline, inside the bound: failed by the judge, the bound alone passes; the baseline is removed', async () => {
  const io = recorder();
  const section = {
    service: f.stack.canaryService,
    listener_rule: f.stack.ruleArn,
    steps: [50, 100],
    interval: '30s',
    analysis_interval: '3s',
    threshold: 2,
    min_requests: 5,
    no_data_limit: 20,
    metric_period: 1,
    canary_tasks: 1,
    poll: '200ms',
    lease: '3s',
    deploy_timeout: '120s',
    metrics: [{ name: 'latency', percentile: 50, max: 2000 }],
    baseline: { min_samples: 5, metrics: [{ name: 'latency', critical: true }] },
  };
  const r = await openFor(f, section, io, 'test-baseline', actorKey('start-baseline'));
  const out = await startRelease(
    r.target,
    r.deps,
    { kind: 'change', change: { image: { kind: 'tag', tag: 'v2' }, env: { LATENCY_MS: '65' } } },
    new AbortController().signal,
  );
  const verdicts = io.messages.filter((m) => m.code === 'CANARY_ANALYSIS').map((m) => (m.data as { verdict: AnalysisVerdict }).verdict);
  const judged = verdicts.filter((v) => v.judge !== undefined);
  process.stdout.write(
    `# ${verdicts.length} analyses, ${judged.length} with a baseline comparison: ${judged
      .map((v) => v.checks.map((c) => `${c.name}=${c.value ?? '-'}:${c.status}`).join(' '))
      .join(' | ')}\n`,
  );
  await assertCommandCalls(f.sandbox.endpoint, 'canary start', { accessKeyId: actorKey('start-baseline') });
  assert.equal(out.state?.outcome, 'failed', out.state?.reason);
  assert.match(out.state?.reason ?? '', /baseline:latency|latency: canary \+/);
  const failed = judged.filter((v) => v.status === 'fail');
  assert.ok(failed.length >= 2, 'the threshold (2) was reached by failed comparisons');
  for (const v of failed) {
    assert.equal(v.checks.find((c) => c.name === 'latency')?.status, 'pass', 'the fixed bound alone passes the slow canary');
    assert.equal(v.checks.find((c) => c.name === 'baseline:latency')?.status, 'fail');
    const m = v.judge!.metrics[0]!;
    assert.ok(m.effect! > 0.1 && m.p! < 0.05, `effect ${m.effect}, p ${m.p}`);
  }
  // Nothing of the baseline is left: no service, no target group.
  const signal = new AbortController().signal;
  const svc =
    (await r.deps.aws.ecs.describeServices({ cluster: f.stack.cluster, services: ['bl-stable-baseline'] }, signal)).services ?? [];
  assert.ok(
    svc.every((s) => s.status === 'INACTIVE' || s.status === 'DRAINING'),
    'the baseline service is deleted',
  );
  await assert.rejects(
    r.deps.aws.elb.describeTargetGroups({ Names: [baselineGroupName(f.stack.canaryTargetGroupArn)] }, signal),
    /TargetGroupNotFound|not found|One or more target groups not found/i,
  );
  assert.ok(
    io.messages.some((m) => m.code === 'CANARY_BASELINE_SET' && (m.data as { removed?: boolean }).removed),
    BASELINE_TAG,
  );
});
