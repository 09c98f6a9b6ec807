// Table test: where `rollback` goes, from the ACTIVE revisions and ECS's history of SUCCESSFUL deployments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rollbackRevision } from '../../src/deploy/rollback.js';

const cases: readonly [string, readonly number[], number, readonly number[], number | undefined][] = [
  ['no history: the newest older ACTIVE revision', [1, 2, 3], 3, [], 2],
  ['history: :2 was rolled back by the circuit breaker, :3 then deployed: back to :1, never :2', [1, 2, 3], 3, [3, 1], 1],
  ['history newest first: the latest success older than current', [1, 2, 3, 4], 4, [4, 2, 3, 1], 2],
  ['the older successes were deregistered: nothing to roll back to', [2, 3], 3, [3, 1], undefined],
  ['history holds only the current revision (older ones aged out): by revision number', [1, 2, 3], 3, [3], 2],
  ['after a rollback to :1, a second rollback does not go forward to :3', [1, 3], 1, [1, 3, 1], undefined],
  ['nothing older at all', [1], 1, [1], undefined],
];

for (const [name, active, current, succeeded, want] of cases) {
  test(`rollback target: ${name}`, () => assert.equal(rollbackRevision(active, current, succeeded), want));
}

test('chooseRollback: history first, never a rolled-back revision; --revision refuses a failed one unless forced; reasons said', async () => {
  const { chooseRollback } = await import('../../src/deploy/rollback.js');
  const h = { succeeded: [3, 1], failed: [2] };
  const auto = chooseRollback('api', [1, 2, 3], 3, h);
  assert.ok('revision' in auto && auto.revision === 1, JSON.stringify(auto));
  assert.match((auto as { reason: string }).reason, /completed a deployment \(skipped, rolled back by ECS: api:2\)/);
  assert.deepEqual(chooseRollback('api', [1, 2, 3], 3, h, { revision: 2 }), {
    refused: 'api:2 failed its last deployment (ECS rolled it back): pass --force with --revision 2 to use it anyway',
  });
  const forced = chooseRollback('api', [1, 2, 3], 3, h, { revision: 2, force: true });
  assert.ok('revision' in forced && forced.revision === 2);
  assert.deepEqual(chooseRollback('api', [1, 3], 3, h, { revision: 2 }), { refused: 'api:2 is not an ACTIVE revision (active: 1, 3)' });
  const noHistory = chooseRollback('api', [4, 5, 6], 6, { succeeded: [], failed: [5] });
  assert.ok('revision' in noHistory && noHistory.revision === 4, 'a revision known to have failed is skipped without history too');
});

test('rollback of a new service whose first deployment is in progress: bad input saying why (ECS refuses the stop)', async () => {
  const { rollback } = await import('../../src/deploy/rollback.js');
  const { AwsCallError, CortadoError } = await import('../../src/core/errors.js');
  const { fakeContext, fakeEcs } = await import('./fakes.js');
  const ecs = fakeEcs({
    describeServices: () => ({
      services: [
        {
          serviceName: 'web',
          status: 'ACTIVE',
          taskDefinition: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1',
          currentServiceDeployment: 'arn:aws:ecs:us-east-1:000000000000:service-deployment/c/web/first',
          deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'IN_PROGRESS' }],
        },
      ],
    }),
    stopServiceDeployment: () => {
      throw new AwsCallError(
        'StopServiceDeployment',
        'ConflictException',
        "The service deployment can't be rolled back: the service has no earlier service revision that completed.",
      );
    },
  });
  const { ctx } = fakeContext(ecs);
  await assert.rejects(
    () => rollback(ctx),
    (e: unknown) =>
      e instanceof CortadoError &&
      e.source === 'user' &&
      e.code === 'NO_PREVIOUS_REVISION' &&
      /service web runs web:1; cannot roll back its deployment in progress: The service deployment can't be rolled back/.test(e.message),
  );
  assert.deepEqual(ecs.calls, ['describeServices', 'stopServiceDeployment']);
});
