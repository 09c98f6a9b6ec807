// E2E: the 2025–2026 deployment settings of a service definition reach ECS and come back equal: the circuit breaker's
// thresholdConfiguration (COUNT 1 fails a crashing revision after one failed task, and the failure names the
// threshold), the service revision's monitoring (diff empty after deploy), and early success (deploy says so).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateClusterCommand, DescribeServicesCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { diffBody, type E2E, freePortGuess, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const port = freePortGuess();
const FAST = ['--poll-interval', '150ms', '--timeout', '2m'];

const taskDefinition = (env: Record<string, string>) => ({
  family: 'billing',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    {
      name: 'app',
      image: 'cortado/demo-app:v1',
      essential: true,
      portMappings: [{ containerPort: port }],
      environment: Object.entries(env).map(([name, value]) => ({ name, value })),
    },
  ],
});

const MONITORING = { metricConfigurations: [{ metricNames: ['CPUUtilization', 'MemoryUtilization'], resolutionSeconds: 20 }] };

const serviceDefinition = (desiredCount: number, deploymentConfiguration: Record<string, unknown>) => ({
  desiredCount,
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a'], securityGroups: ['sg-0a'], assignPublicIp: 'DISABLED' } },
  deploymentConfiguration,
  monitoring: MONITORING,
});

const BREAKER = {
  deploymentCircuitBreaker: { enable: true, rollback: false, thresholdConfiguration: { type: 'COUNT', value: 1 } },
  maximumPercent: 200,
  minimumHealthyPercent: 100,
};

const write = (name: string, body: unknown) => writeFileSync(join(dir, name), JSON.stringify(body, null, 2));
const cortado = (args: string[]) => e.cli(args, { cwd: dir });
const described = async () => (await e.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['billing'] }))).services![0]!;

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-criteria-'));
  writeFileSync(
    join(dir, 'cortado.yml'),
    `region: ${e.sandbox.region}\ncluster: shop\nservice: billing\nservice_definition: ecs-service-def.json\ntask_definition: ecs-task-def.json\n`,
  );
  write('ecs-task-def.json', taskDefinition({ VERSION: 'one' }));
  write('ecs-service-def.json', serviceDefinition(1, BREAKER));
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
});

after(async () => {
  await e?.close();
});

test('deploy sends thresholdConfiguration and monitoring; diff is empty afterwards', async () => {
  const created = await cortado(['deploy', ...FAST]);
  assert.equal(created.code, 0, `${created.stdout}\n${created.stderr}`);
  const svc = await described();
  assert.deepEqual(svc.deploymentConfiguration?.deploymentCircuitBreaker?.thresholdConfiguration, { type: 'COUNT', value: 1 });
  const d = await cortado(['diff']);
  assert.equal(d.code, 0, d.stderr);
  assert.deepEqual(diffBody(d.stdout), [], d.stdout);

  // A change to monitoring alone shows in diff (it is read from the service revision, not DescribeServices).
  write('ecs-service-def.json', {
    ...serviceDefinition(1, BREAKER),
    monitoring: { metricConfigurations: [{ metricNames: ['CPUUtilization'], resolutionSeconds: 60 }] },
  });
  const changed = await cortado(['diff']);
  assert.ok(
    diffBody(changed.stdout).some((l) => /resolutionSeconds/.test(l)),
    changed.stdout,
  );
  write('ecs-service-def.json', serviceDefinition(1, BREAKER));
});

test('a crashing revision fails after one failed task under thresholdConfiguration COUNT 1, and the failure names the threshold', async () => {
  write('ecs-task-def.json', taskDefinition({ VERSION: 'two', EXIT_CODE: '3' }));
  const failed = await cortado(['deploy', ...FAST]);
  assert.equal(failed.code, 1, `${failed.stdout}\n${failed.stderr}`);
  assert.match(failed.stderr + failed.stdout, /circuit breaker: 1 failed task, threshold 1/);
  const svc = await described();
  const broken = svc.deployments!.find((x) => x.taskDefinition?.endsWith(':2'))!;
  assert.equal(broken.rolloutState, 'FAILED');
  const stopped = await e.ecs.send(new ListTasksCommand({ cluster: 'shop', startedBy: broken.id!, desiredStatus: 'STOPPED' }));
  assert.equal(stopped.taskArns?.length, 1, 'the default threshold for one task would have been 3 failures');
});

test('deploy reports an early success when the early success criteria complete the deployment', async () => {
  write('ecs-task-def.json', taskDefinition({ VERSION: 'three' }));
  const rolling = { ...BREAKER, maximumPercent: 100, minimumHealthyPercent: 50 };
  write('ecs-service-def.json', serviceDefinition(4, rolling));
  const grown = await cortado(['deploy', ...FAST]);
  assert.equal(grown.code, 0, `${grown.stdout}\n${grown.stderr}`);

  write('ecs-task-def.json', taskDefinition({ VERSION: 'four' }));
  write(
    'ecs-service-def.json',
    serviceDefinition(4, {
      ...rolling,
      earlySuccessCriteria: { enable: true, healthyPercent: 50, sourceServiceRevisionCleanup: 'DEFERRED' },
    }),
  );
  const r = await cortado(['deploy', '--output', 'json', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr + r.stdout, /completed early: early success criteria met \(50% healthy, DEFERRED cleanup\)/);
  assert.match(r.stdout, /"earlySuccess": ?true/);
  const d = await cortado(['diff']);
  assert.deepEqual(diffBody(d.stdout), [], d.stdout);
  const { checked } = await e.assertIamCoverage();
  assert.ok(checked >= 5, `only ${checked} runs checked against iam-policy`);
});
