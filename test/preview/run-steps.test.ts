// The step runner: dependencies honoured, independent steps concurrent, first failure aborts the rest, plans checked.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPlan, planDepth, runSteps, type Step } from '../../src/preview/run-steps.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('runSteps', () => {
  it('starts independent steps together and dependents only after their dependencies', async () => {
    const log: string[] = [];
    const steps: Step[] = [
      { id: 'a', after: [] },
      { id: 'b', after: [] },
      { id: 'c', after: ['a', 'b'] },
      { id: 'd', after: ['a'] },
    ];
    let inFlight = 0,
      maxInFlight = 0;
    await runSteps(
      steps,
      async (s) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        log.push(`start ${s.id}`);
        await tick();
        await tick();
        log.push(`end ${s.id}`);
        inFlight--;
      },
      new AbortController().signal,
    );
    assert.ok(maxInFlight >= 2, 'a and b ran at the same time');
    assert.ok(log.indexOf('start c') > log.indexOf('end a') && log.indexOf('start c') > log.indexOf('end b'));
    assert.ok(log.indexOf('start d') > log.indexOf('end a'));
    assert.equal(log.filter((l) => l.startsWith('end')).length, 4);
  });

  it('throws the first failure, aborts running steps and starts no dependent', async () => {
    const started: string[] = [];
    let aborted = false;
    const steps: Step[] = [
      { id: 'slow', after: [] },
      { id: 'bad', after: [] },
      { id: 'next', after: ['bad'] },
    ];
    await assert.rejects(
      runSteps(
        steps,
        async (s, signal) => {
          started.push(s.id);
          if (s.id === 'bad') throw new Error('boom');
          if (s.id === 'slow') {
            await new Promise<void>((resolve) =>
              signal.addEventListener(
                'abort',
                () => {
                  aborted = true;
                  resolve();
                },
                { once: true },
              ),
            );
          }
        },
        new AbortController().signal,
      ),
      /boom/,
    );
    assert.ok(aborted);
    assert.ok(!started.includes('next'));
  });

  it('stops when the caller aborts', async () => {
    const ac = new AbortController();
    const steps: Step[] = [
      { id: 'a', after: [] },
      { id: 'b', after: ['a'] },
    ];
    const ran: string[] = [];
    await assert.rejects(
      runSteps(
        steps,
        async (s) => {
          ran.push(s.id);
          ac.abort(new Error('cancelled'));
        },
        ac.signal,
      ),
      /cancelled/,
    );
    assert.deepEqual(ran, ['a']);
  });
});

describe('checkPlan and planDepth', () => {
  const table: ReadonlyArray<readonly [string, Step[], RegExp | number]> = [
    ['empty', [], 0],
    [
      'chain of three',
      [
        { id: 'a', after: [] },
        { id: 'b', after: ['a'] },
        { id: 'c', after: ['b'] },
      ],
      3,
    ],
    [
      'fan out',
      [
        { id: 'a', after: [] },
        { id: 'b', after: [] },
        { id: 'c', after: [] },
      ],
      1,
    ],
    ['unknown dependency', [{ id: 'a', after: ['x'] }], /not in the plan/],
    [
      'cycle',
      [
        { id: 'a', after: ['b'] },
        { id: 'b', after: ['a'] },
      ],
      /cycle/,
    ],
    [
      'duplicate id',
      [
        { id: 'a', after: [] },
        { id: 'a', after: [] },
      ],
      /same id/,
    ],
  ];
  for (const [name, steps, want] of table) {
    it(name, () => {
      if (typeof want === 'number') {
        checkPlan(steps);
        assert.equal(planDepth(steps), want);
      } else assert.throws(() => checkPlan(steps), want);
    });
  }
});
