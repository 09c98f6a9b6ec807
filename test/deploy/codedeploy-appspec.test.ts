// The engine's AppSpec for CodeDeploy ECS deployments (ecspresso's shape), and how a deployment's progress and failure read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { appSpecYaml, buildAppSpec } from '../../src/deploy/codedeploy/appspec.js';
import { failureReason, progressLine } from '../../src/deploy/codedeploy/codedeploy-watch.js';

const svc = {
  serviceName: 'web',
  platformVersion: 'LATEST',
  loadBalancers: [{ targetGroupArn: 'arn:tg/blue', containerName: 'app', containerPort: 8080 }],
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' as const } },
};

test('the AppSpec names the task definition, the load balancer container and port, platform, network and hooks', () => {
  const spec = buildAppSpec(svc, 'arn:aws:ecs:us-east-1:1:task-definition/web:7', { Hooks: [{ BeforeInstall: 'fn' }] });
  const text = appSpecYaml(spec);
  assert.match(text, /^version: 0\.0\n/);
  assert.deepEqual(parse(text), {
    version: 0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: {
            TaskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/web:7',
            LoadBalancerInfo: { ContainerName: 'app', ContainerPort: 8080 },
            PlatformVersion: 'LATEST',
            NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'], SecurityGroups: ['sg-1'], AssignPublicIp: 'DISABLED' } },
          },
        },
      },
    ],
    Hooks: [{ BeforeInstall: 'fn' }],
  });
  assert.throws(() => buildAppSpec({ serviceName: 'web' }, 'x'), /no load balancer with containerName and containerPort/);
});

test('progress names the status, the lifecycle event under way and the traffic on the replacement; failures name the rollback', () => {
  assert.equal(
    progressLine(
      { deploymentId: 'd-1', status: 'InProgress' },
      {
        lifecycleEvents: [
          { lifecycleEventName: 'Install', status: 'Succeeded' },
          { lifecycleEventName: 'AllowTraffic', status: 'InProgress' },
        ],
        taskSetsInfo: [{ taskSetLabel: 'Green', trafficWeight: 10 }],
      },
    ),
    'deployment d-1: InProgress, AllowTraffic, 10% of production traffic on the replacement task set',
  );
  const f = failureReason({
    status: 'Failed',
    errorInformation: { code: 'ECS_UPDATE_ERROR', message: 'tasks crashed' },
    rollbackInfo: { rollbackDeploymentId: 'd-2', rollbackMessage: 'back to blue' },
  });
  assert.deepEqual(f, {
    reason: 'ECS_UPDATE_ERROR: tasks crashed; CodeDeploy rolled back (deployment d-2): back to blue',
    rolledBack: true,
  });
  assert.equal(failureReason({ status: 'Stopped' }).rolledBack, false);
});
