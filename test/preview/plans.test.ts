// Table tests for the create and delete plans: which steps, what each waits for, and how many rounds they take.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planCreate, wasWhole, type CreateState } from '../../src/preview/create-plan.js';
import { planDelete } from '../../src/preview/delete-plan.js';
import type { Piece } from '../../src/preview/env-pieces.js';
import { checkPlan, planDepth } from '../../src/preview/run-steps.js';

const fresh: CreateState = { targetGroup: false, rule: false, recordCurrent: false };
const whole: CreateState = { service: 'ACTIVE', targetGroup: true, rule: true, recordCurrent: true };

describe('planCreate', () => {
  const table: ReadonlyArray<readonly [string, CreateState, Record<string, string[]>, number]> = [
    [
      'fresh env: everything, three rounds',
      fresh,
      {
        'register-task-definition': [],
        'create-target-group': [],
        'copy-target-group-attributes': ['create-target-group'],
        'create-rule': ['create-target-group'],
        'upsert-records': [],
        'create-service': ['register-task-definition', 'create-target-group', 'create-rule'],
      },
      3,
    ],
    [
      'new image for a whole env: a revision and an update, nothing else',
      whole,
      {
        'register-task-definition': [],
        'update-service': ['register-task-definition'],
      },
      2,
    ],
    [
      'stopped after the target group: the rest',
      { targetGroup: true, rule: false, recordCurrent: false },
      {
        'register-task-definition': [],
        'copy-target-group-attributes': [],
        'create-rule': [],
        'upsert-records': [],
        'create-service': ['register-task-definition', 'create-rule'],
      },
      2,
    ],
    [
      'stopped before the service: only the service',
      { targetGroup: true, rule: true, recordCurrent: true },
      {
        'register-task-definition': [],
        'copy-target-group-attributes': [],
        'create-service': ['register-task-definition'],
      },
      2,
    ],
    [
      'service still draining after a delete: wait for it to go',
      { service: 'DRAINING', targetGroup: false, rule: false, recordCurrent: false },
      {
        'register-task-definition': [],
        'create-target-group': [],
        'copy-target-group-attributes': ['create-target-group'],
        'create-rule': ['create-target-group'],
        'upsert-records': [],
        'await-service-gone': [],
        'create-service': ['register-task-definition', 'create-target-group', 'create-rule', 'await-service-gone'],
      },
      3,
    ],
    [
      'whole service but the record was lost: the record and a revision',
      { ...whole, recordCurrent: false },
      {
        'register-task-definition': [],
        'copy-target-group-attributes': [],
        'upsert-records': [],
        'update-service': ['register-task-definition'],
      },
      2,
    ],
  ];
  for (const [name, state, want, depth] of table) {
    it(name, () => {
      const plan = planCreate(state);
      checkPlan(plan);
      assert.deepEqual(Object.fromEntries(plan.map((s) => [s.id, [...s.after]])), want);
      assert.equal(planDepth(plan), depth);
    });
  }
  it('knows a whole env from a partial one', () => {
    assert.equal(wasWhole(whole), true);
    assert.equal(wasWhole({ ...whole, rule: false }), false);
    assert.equal(wasWhole(fresh), false);
  });
});

const owner = (env: string) => ({ app: 'web', env, updatedAt: new Date(0) });
const pieces = (env: string): Piece[] => [
  {
    kind: 'service',
    owner: owner(env),
    arn: `svc/${env}`,
    name: env,
    cluster: 'c',
    status: 'ACTIVE',
    taskDefinition: `td/${env}:2`,
    desiredCount: 1,
    runningCount: 1,
    targetGroupArns: [`tg/${env}`],
  },
  { kind: 'task-definition', owner: owner(env), arn: `td/${env}:1`, status: 'INACTIVE' },
  { kind: 'task-definition', owner: owner(env), arn: `td/${env}:2`, status: 'ACTIVE' },
  { kind: 'target-group', owner: owner(env), arn: `tg/${env}`, name: env },
  { kind: 'rule', owner: owner(env), arn: `rule/${env}`, priority: 7, hosts: [`${env}.example.com`], targetGroupArns: [`tg/${env}`] },
  {
    kind: 'record',
    owner: owner(env),
    zoneId: 'Z1',
    name: `${env}.example.com.`,
    recordSets: [{ Name: `${env}.example.com.`, Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"x"' }] }],
  },
];

describe('planDelete', () => {
  it('removes a whole env in two rounds: the target group after its rule, revisions after deregistering', () => {
    const plan = planDelete(pieces('pr-1'));
    checkPlan(plan);
    assert.equal(planDepth(plan), 2);
    const byId = Object.fromEntries(plan.map((s) => [s.id, [...s.after]]));
    assert.deepEqual(byId['target-group:tg/pr-1'], ['rule:rule/pr-1']);
    assert.deepEqual(byId['delete-task-definitions:0:td/pr-1:1'], ['deregister:td/pr-1:2']);
    assert.deepEqual(byId['service:svc/pr-1'], []);
    assert.deepEqual(byId['records:pr-1.example.com.'], []);
    assert.deepEqual(plan.map((s) => s.kind).sort(), [
      'delete-records',
      'delete-rule',
      'delete-service',
      'delete-target-group',
      'delete-task-definitions',
      'deregister-task-definition',
    ]);
  });
  it('tolerates missing pieces: a target group alone goes in one round', () => {
    const plan = planDelete(pieces('pr-2').filter((p) => p.kind === 'target-group'));
    assert.deepEqual(
      plan.map((s) => [s.kind, s.after.length]),
      [['delete-target-group', 0]],
    );
  });
  it('does not delete a service already draining', () => {
    const draining = pieces('pr-3').map((p) => (p.kind === 'service' ? { ...p, status: 'DRAINING' } : p));
    assert.ok(!planDelete(draining).some((s) => s.kind === 'delete-service'));
  });
  it('batches revisions ten to a DeleteTaskDefinitions call', () => {
    const many: Piece[] = Array.from({ length: 23 }, (_, i) => ({
      kind: 'task-definition',
      owner: owner('x'),
      arn: `td/x:${i + 1}`,
      status: 'INACTIVE',
    }));
    const plan = planDelete(many);
    assert.deepEqual(
      plan.filter((s) => s.kind === 'delete-task-definitions').map((s) => (s.kind === 'delete-task-definitions' ? s.arns.length : 0)),
      [10, 10, 3],
    );
  });
  it('handles several envs at once (gc) with unique step ids', () => {
    const plan = planDelete([...pieces('a'), ...pieces('b')]);
    checkPlan(plan);
    assert.equal(planDepth(plan), 2);
    assert.equal(plan.length, 11, 'five per env, and one DeleteTaskDefinitions batch for the four revisions');
  });
  it('plans nothing for nothing', () => assert.deepEqual(planDelete([]), []));
});
