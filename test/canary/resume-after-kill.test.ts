// Scenario: the controller (a real `cortado canary start` process) is SIGKILLed at a random moment of step k; `resume` finishes the release from step k.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resumeRelease } from '../../src/canary/canary-release.js';
import { readTags } from '../../src/canary/canary-services.js';
import { decodeLease } from '../../src/ecs/lease.js';
import { decodeState, TAG } from '../../src/canary/state-tags.js';
import { actorKey, assertCommandCalls } from '../helpers/iam-coverage.js';
import { clientEnv, eventually } from '../helpers/sandbox.js';
import { canarySection, FAST_CANARY, openFor, recorder, startFixture, weightEvents, writeConfig, type Fixture } from './canary-fixtures.js';
import { nodeArgs } from '../helpers/entry.js';

const entry = join(fileURLToPath(new URL('.', import.meta.url)), 'cli-entry.ts');

let f: Fixture;
before(async () => {
  f = await startFixture('resume');
});
after(async () => {
  await f.close();
});

for (const [k, tag] of [
  [0, 'v2'],
  [1, 'v3'],
  [2, 'v4'],
] as const) {
  test(`killed during step ${k + 1}/${FAST_CANARY.steps.length}, the release is finished by resume from that step`, async () => {
    const dir = await writeConfig(f, canarySection(f));
    const child = spawn(process.execPath, [...nodeArgs(entry), 'canary', 'start', '--tag', tag, '--output', 'json'], {
      cwd: dir,
      env: { ...clientEnv(f.sandbox), AWS_ACCESS_KEY_ID: actorKey(`start${k}`) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const watcher = await openFor(f, canarySection(f), recorder(), 'watcher');
    const signal = new AbortController().signal;
    try {
      const arn = (await watcher.deps.aws.ecs.describeServices({ cluster: f.stack.cluster, services: [f.stack.canaryService] }, signal))
        .services![0]!.serviceArn!;
      await eventually(
        async () => {
          const s = decodeState(await readTags(watcher.deps.aws.ecs, arn, signal));
          return s?.phase.kind === 'progressing' && s.phase.step === k && s.phase.weightSet && s.revision.endsWith(`:${k + 2}`)
            ? true
            : undefined;
        },
        60_000,
        50,
        `step ${k + 1} (${stderr.slice(-400)})`,
      );
      await new Promise((r) => setTimeout(r, Math.random() * 3000));
      child.kill('SIGKILL');
      assert.equal(await exited, null, 'killed, not finished');
      await assertCommandCalls(f.sandbox.endpoint, 'canary start', { accessKeyId: actorKey(`start${k}`) });
      const killedAt = decodeState(await readTags(watcher.deps.aws.ecs, arn, signal))!;
      assert.ok(decodeLease(await readTags(watcher.deps.aws.ecs, arn, signal), TAG.lease), "the dead controller's lease is still there");
      const io = recorder();
      const r = await openFor(f, canarySection(f), io, `resumer-${k}`, actorKey(`resume${k}`));
      {
        const out = await resumeRelease(r.target, r.deps, signal);
        await assertCommandCalls(f.sandbox.endpoint, 'canary resume', { accessKeyId: actorKey(`resume${k}`) });
        assert.equal(out.state?.outcome, 'succeeded', out.state?.reason);
        assert.equal(out.state?.releaseId, killedAt.releaseId, 'the same release, not a new one');
        assert.ok(
          io.messages.some((m) => m.code === 'CANARY_LEASE_WAIT'),
          'resume waited for the stale lease',
        );
        const from = killedAt.phase.kind === 'progressing' ? killedAt.phase.step : k;
        const set = weightEvents(io.messages).map((w) => w.canary);
        assert.deepEqual(
          set.filter((w) => w !== 0),
          FAST_CANARY.steps.slice(set[0] === FAST_CANARY.steps[from] ? from : from + 1),
          `resumed at step ${from + 1}: weights ${set.join(', ')}`,
        );
        const stable = (await r.deps.aws.ecs.describeServices({ cluster: f.stack.cluster, services: [f.stack.stableService] }, signal))
          .services![0]!;
        assert.equal(stable.taskDefinition, killedAt.revision);
        assert.deepEqual(await r.deps.router.getWeights(r.target, signal), { stable: 100, canary: 0 });
        assert.equal(f.load.samples.filter((s) => s.status >= 500).length, 0, 'no 5xx at any time');
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
}
