import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkStrategy, nextProvider, resolveLaunch, strategyItems } from '../../../src/local/services/ecs/capacity-strategy.js';

const place = (strategy: Array<Record<string, unknown>>, n: number): Record<string, number> => {
  const items = strategyItems(strategy);
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const p = nextProvider(items, counts)!;
    counts[p] = (counts[p] ?? 0) + 1;
  }
  return counts;
};

describe('capacity provider strategies (pure)', () => {
  it('fills the base first, then splits by weight', () => {
    const s = [
      { capacityProvider: 'FARGATE', base: 2, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
    ];
    assert.deepEqual(place(s, 2), { FARGATE: 2 });
    assert.deepEqual(place(s, 6), { FARGATE: 3, FARGATE_SPOT: 3 });
    assert.deepEqual(place(s, 10), { FARGATE: 4, FARGATE_SPOT: 6 });
  });

  it('never uses a weight-0 provider beside weighted ones, but a lone provider of weight 0 takes every task', () => {
    assert.deepEqual(
      place(
        [
          { capacityProvider: 'A', weight: 0 },
          { capacityProvider: 'B', weight: 1 },
        ],
        4,
      ),
      { B: 4 },
    );
    assert.deepEqual(place([{ capacityProvider: 'A', weight: 0 }], 3), { A: 3 });
  });

  it("refuses AWS's invalid strategies", () => {
    const assoc = ['FARGATE', 'FARGATE_SPOT', 'asg'];
    assert.throws(() => checkStrategy([{ capacityProvider: 'other' }], assoc), /not associated with the cluster/);
    assert.throws(
      () =>
        checkStrategy(
          [
            { capacityProvider: 'FARGATE', weight: 1 },
            { capacityProvider: 'asg', weight: 1 },
          ],
          assoc,
        ),
      /mix/,
    );
    assert.throws(
      () =>
        checkStrategy(
          [
            { capacityProvider: 'FARGATE', base: 1, weight: 1 },
            { capacityProvider: 'FARGATE_SPOT', base: 1, weight: 1 },
          ],
          assoc,
        ),
      /Only one capacity provider/,
    );
    assert.throws(
      () => checkStrategy([{ capacityProvider: 'FARGATE' }, { capacityProvider: 'FARGATE_SPOT' }], assoc),
      /weight greater than zero/,
    );
    assert.throws(
      () =>
        checkStrategy(
          [
            { capacityProvider: 'FARGATE', weight: 1 },
            { capacityProvider: 'FARGATE', weight: 1 },
          ],
          assoc,
        ),
      /more than once/,
    );
  });

  it('resolves a launch type or a strategy, never both; the cluster default applies when neither is given', () => {
    const cluster = { capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] };
    const bare = { capacityProviders: [], defaultCapacityProviderStrategy: [] };
    assert.throws(
      () => resolveLaunch('FARGATE', [{ capacityProvider: 'FARGATE' }], cluster),
      /Specifying both a launch type and capacity provider strategy/,
    );
    assert.deepEqual(resolveLaunch('EC2', undefined, cluster), { launchType: 'EC2' });
    assert.deepEqual(resolveLaunch(undefined, undefined, cluster), {
      launchType: 'FARGATE',
      strategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
    });
    assert.deepEqual(resolveLaunch(undefined, [], bare), { launchType: 'EC2' });
  });
});
