// Pure parts of the CodeDeploy sandbox and of ECS task sets: shift plans, AppSpec reading, each task set's share of tasks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findConfig, shiftPlan } from '../../../src/local/services/codedeploy/deployment-configs.js';
import { emptyCodeDeployState } from '../../../src/local/services/codedeploy/codedeploy-state.js';
import { parseEcsAppSpec } from '../../../src/local/services/codedeploy/appspec.js';
import { computedDesiredCount, decideTaskSets } from '../../../src/local/services/ecs/task-set-decision.js';

const state = emptyCodeDeployState();

test('predefined ECS configs shift as documented: canary N % then all, linear +N % per interval, all at once', () => {
  assert.deepEqual(shiftPlan(findConfig(state, 'CodeDeployDefault.ECSCanary10Percent5Minutes')), { steps: [10, 100], intervalMinutes: 5 });
  assert.deepEqual(shiftPlan(findConfig(state, 'CodeDeployDefault.ECSLinear10PercentEvery3Minutes')), {
    steps: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    intervalMinutes: 3,
  });
  assert.deepEqual(shiftPlan(findConfig(state, 'CodeDeployDefault.ECSAllAtOnce')), { steps: [100], intervalMinutes: 0 });
  assert.throws(() => findConfig(state, 'CodeDeployDefault.Nope'), /DeploymentConfigDoesNotExist|No deployment configuration/);
});

test('an AppSpec is read from YAML or JSON; one without LoadBalancerInfo is refused', () => {
  const yaml = `version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: arn:aws:ecs:us-east-1:000000000000:task-definition/web:3
        LoadBalancerInfo:
          ContainerName: app
          ContainerPort: 8080
        NetworkConfiguration:
          AwsvpcConfiguration:
            Subnets: [subnet-1]
            AssignPublicIp: DISABLED
Hooks:
  - AfterAllowTestTraffic: arn:aws:lambda:us-east-1:000000000000:function:smoke
`;
  const a = parseEcsAppSpec(yaml);
  assert.equal(a.taskDefinition, 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:3');
  assert.equal(a.containerPort, 8080);
  assert.deepEqual(a.networkConfiguration, { awsvpcConfiguration: { subnets: ['subnet-1'], assignPublicIp: 'DISABLED' } });
  assert.deepEqual(a.hooks, { AfterAllowTestTraffic: 'arn:aws:lambda:us-east-1:000000000000:function:smoke' });
  const json = JSON.stringify({
    version: 0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: { TaskDefinition: 'web:4', LoadBalancerInfo: { ContainerName: 'app', ContainerPort: 80 } },
        },
      },
    ],
  });
  assert.equal(parseEcsAppSpec(json).taskDefinition, 'web:4');
  assert.throws(
    () => parseEcsAppSpec('Resources:\n  - T:\n      Type: AWS::ECS::Service\n      Properties:\n        TaskDefinition: web:1\n'),
    /LoadBalancerInfo/,
  );
});

const healthy = (id: string, set: string) => ({ id, deploymentId: set, health: { kind: 'healthy' as const }, createdAt: 0 });

test('each task set keeps ceil(desired × scale) tasks; a DRAINING set stops its tasks and leaves when empty', () => {
  assert.equal(computedDesiredCount(3, 50), 2);
  const d = decideTaskSets({
    desiredCount: 2,
    draining: false,
    sets: [
      { id: 'green', status: 'ACTIVE', scalePercent: 100, stopping: 0 },
      { id: 'blue', status: 'DRAINING', scalePercent: 100, stopping: 0 },
      { id: 'old', status: 'DRAINING', scalePercent: 100, stopping: 0 },
    ],
    tasks: [healthy('g1', 'green'), healthy('b1', 'blue'), healthy('b2', 'blue')],
  });
  assert.deepEqual(d.actions, [
    {
      kind: 'stop-tasks',
      tasks: [
        { id: 'b1', why: { kind: 'scale', deploymentId: 'blue' } },
        { id: 'b2', why: { kind: 'scale', deploymentId: 'blue' } },
      ],
    },
    { kind: 'start-tasks', deploymentId: 'green', count: 1, replacedUnhealthy: 0 },
    { kind: 'retire-deployment', deploymentId: 'old' },
  ]);
  assert.equal(d.condition, 'busy');
  assert.deepEqual(d.steadySets, ['old']);
});

test('unhealthy tasks of a set are replaced; a full, healthy set is steady', () => {
  const d = decideTaskSets({
    desiredCount: 1,
    draining: false,
    sets: [{ id: 'a', status: 'PRIMARY', scalePercent: 100, stopping: 0 }],
    tasks: [{ id: 'x', deploymentId: 'a', health: { kind: 'unhealthy', cause: 'container' }, createdAt: 0 }],
  });
  assert.deepEqual(d.actions, [
    { kind: 'stop-tasks', tasks: [{ id: 'x', why: { kind: 'unhealthy-container' } }] },
    { kind: 'start-tasks', deploymentId: 'a', count: 1, replacedUnhealthy: 1 },
  ]);
  const s = decideTaskSets({
    desiredCount: 1,
    draining: false,
    sets: [{ id: 'a', status: 'PRIMARY', scalePercent: 100, stopping: 0 }],
    tasks: [healthy('y', 'a')],
  });
  assert.deepEqual(s, { actions: [], condition: 'steady', steadySets: ['a'] });
});
