// Table tests: the release state survives the round trip through ECS tags (and their character rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanaryState, Phase } from '../../src/canary/canary-state.js';
import { decodePaused, decodeRequest, decodeState, encodeRequest, encodeState, tagSafe, TAG } from '../../src/canary/state-tags.js';

const ECS_TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const phases: Phase[] = [
  { kind: 'deploying' },
  { kind: 'starting', since: 1700000000123 },
  { kind: 'pre-rollout' },
  { kind: 'progressing', step: 2, weightSet: true, stepStartedAt: 1700000000000, nextAnalysisAt: 1700000002000, promote: false },
  { kind: 'progressing', step: 0, weightSet: false, stepStartedAt: 5, nextAnalysisAt: 6, promote: true },
  { kind: 'awaiting-promotion', since: 10, nextAnalysisAt: 20 },
  { kind: 'promoting', stage: 'deploy-stable', since: 3 },
  { kind: 'promoting', stage: 'post-rollout', since: 4 },
  { kind: 'rolling-back', stage: 'weights', outcome: 'aborted', reason: 'aborted by an operator' },
  { kind: 'succeeded' },
  { kind: 'failed', reason: 'analysis failed 2 time(s), threshold 2: success-rate 61.1 is below the minimum 99' },
  { kind: 'aborted', reason: 'aborted by an operator' },
];

test('every phase survives encode → decode, and every value is a legal ECS tag value', () => {
  for (const phase of phases) {
    const s: CanaryState = {
      releaseId: 'rmwr96ph4',
      revision: 'arn:aws:ecs:us-east-1:000000000000:task-definition/demo:12',
      startedAt: 1700000000000,
      phase,
      failedChecks: 1,
      noDataStreak: 2,
      lastVerdict: {
        status: 'fail',
        at: 1700000003000,
        requests: 812,
        checks: [
          { name: 'success-rate', status: 'fail', value: 61.111111 },
          { name: 'latency', status: 'pass', value: 12.5 },
          { name: 'smoke', status: 'no-data' },
        ],
      },
    };
    const tags = encodeState(s);
    for (const t of tags) {
      assert.match(t.value, ECS_TAG_VALUE, `${t.key} = ${t.value}`);
      assert.ok(t.value.length <= 256 && t.key.length <= 128);
    }
    const back = decodeState(tags)!;
    const reasonOf = (p: Phase) => ('reason' in p ? tagSafe(p.reason) : undefined);
    assert.deepEqual(
      { ...back, phase: { ...back.phase, ...(reasonOf(back.phase) ? { reason: reasonOf(back.phase) } : {}) } },
      {
        ...s,
        phase: { ...phase, ...(reasonOf(phase) ? { reason: reasonOf(phase) } : {}) },
        lastVerdict: {
          ...s.lastVerdict!,
          checks: [
            { name: 'success-rate', status: 'fail', value: 61.1111 },
            { name: 'latency', status: 'pass', value: 12.5 },
            { name: 'smoke', status: 'no-data' },
          ],
        },
      },
      phase.kind,
    );
  }
});

test('tagSafe keeps what ECS allows and says what it dropped', () => {
  const cases: [string, string][] = [
    ['success-rate 61.1 is below the minimum 99', 'success-rate 61.1 is below the minimum 99'],
    ['error 30% (injected)', 'error 30 pct injected'],
    ['"quoted", {json}; semi', 'quoted json semi'],
    ['日本語 ok', '日本語 ok'],
  ];
  for (const [input, want] of cases) assert.equal(tagSafe(input), want);
  assert.equal(tagSafe('x'.repeat(300)).length, 256);
});

test('no release, a broken tag and an unknown phase all read as "no release"', () => {
  assert.equal(decodeState([]), undefined);
  assert.equal(
    decodeState([
      { key: TAG.release, value: 'r1 rev=arn:td started=1' },
      { key: TAG.phase, value: 'exploding' },
    ]),
    undefined,
  );
  assert.equal(
    decodeState([
      { key: TAG.release, value: 'r1 started=1' },
      { key: TAG.phase, value: 'deploying' },
    ]),
    undefined,
  );
});

test('operator requests and pause', () => {
  for (const r of [{ kind: 'abort' }, { kind: 'promote', skipAnalysis: false }, { kind: 'promote', skipAnalysis: true }] as const) {
    const tag = encodeRequest(r, 'laptop:42:abc', 5);
    assert.match(tag.value, ECS_TAG_VALUE);
    assert.deepEqual(decodeRequest([tag]), r);
  }
  assert.equal(decodeRequest([{ key: TAG.request, value: 'dance' }]), undefined);
  assert.equal(decodePaused([{ key: TAG.paused, value: 'true' }]), true);
  assert.equal(decodePaused([]), false);
});
