// E2E: a CodeDeploy blue/green ECS service deployed by the built CLI against the sandbox: a canary deployment ends with the
// new revision serving all production traffic; a failing one is rolled back by CodeDeploy and deploy exits 1 saying
// why; `rollback` during a deployment stops it and traffic stays on the original revision.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { DescribeListenersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { eventually } from '../helpers/sandbox.js';
import { type E2E, ROOT, startE2E } from './e2e-harness.js';

const run = promisify(execFile);
/** Sandbox speed: the canary's 5 minutes pass in 15 s, the 1-minute termination wait in 3 s. */
const SPEED = 20;
const FAST = ['--poll-interval', '200ms', '--timeout', '10m'];

let e: E2E;
let dir: string;
let elb: ElasticLoadBalancingV2Client;
let setup: { listeners: { prod: string; test: string }; tgs: { blue: string; green: string } };

const writeTaskDef = (env: Record<string, string>) =>
  writeFileSync(
    join(dir, 'ecs-task-def.json'),
    JSON.stringify({
      family: 'shop-app',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'app',
          image: 'cortado/demo-app:latest',
          essential: true,
          portMappings: [{ containerPort: 8080 }],
          environment: Object.entries(env).map(([name, value]) => ({ name, value })),
        },
      ],
    }),
  );
const cortado = (args: string[]) => e.cli(args, { cwd: dir });
const service = async () => (await e.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['shop'] }))).services![0]!;
/** The production listener's forward weights, by target group ARN. */
async function prodWeights(): Promise<Record<string, number>> {
  const l = (await elb.send(new DescribeListenersCommand({ ListenerArns: [setup.listeners.prod] }))).Listeners![0]!;
  const tgs = l.DefaultActions?.[0]?.ForwardConfig?.TargetGroups ?? [{ TargetGroupArn: l.DefaultActions?.[0]?.TargetGroupArn, Weight: 1 }];
  return Object.fromEntries(tgs.map((t) => [t.TargetGroupArn!, t.Weight ?? 1]));
}
/** The target group that serves the service's primary task set. */
const primaryGroup = async () => (await service()).taskSets!.find((s) => s.status === 'PRIMARY')!.loadBalancers![0]!.targetGroupArn!;
async function versionsServed(n: number): Promise<Set<string>> {
  const map = (await (await fetch(`${e.sandbox.endpoint}/_cortado/elbv2/listeners`)).json()) as {
    listeners: { listenerArn: string; url: string }[];
  };
  const url = map.listeners.find((l) => l.listenerArn === setup.listeners.prod)!.url;
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) seen.add(((await (await fetch(url)).json()) as { version: string }).version);
  return seen;
}

before(async () => {
  e = await startE2E({ speed: SPEED });
  elb = new ElasticLoadBalancingV2Client({
    endpoint: e.sandbox.endpoint,
    region: e.sandbox.region,
    credentials: { accessKeyId: e.env.AWS_ACCESS_KEY_ID!, secretAccessKey: e.env.AWS_SECRET_ACCESS_KEY! },
  });
  const script = join(ROOT, 'test/local/interop/codedeploy-setup.py');
  const { stdout } = await run('python3', [script, 'shop', 'CodeDeployDefault.ECSCanary10Percent5Minutes'], {
    env: { ...process.env, ...e.env, AWS_DEFAULT_REGION: e.sandbox.region },
    timeout: 180_000,
  });
  setup = JSON.parse(stdout) as typeof setup;
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-codedeploy-'));
  writeFileSync(
    join(dir, 'cortado.yml'),
    `region: ${e.sandbox.region}\ncluster: shop\nservice: shop\ntask_definition: ecs-task-def.json\n`,
  );
  await eventually(
    async () => ((await service()).taskSets?.[0]?.stabilityStatus === 'STEADY_STATE' ? true : undefined),
    120_000,
    250,
    'the original task set to be steady',
  );
});

after(async () => {
  elb?.destroy();
  await e?.close();
});

test('deploy of a CODE_DEPLOY service goes through CodeDeploy, canary 10 % then all: the new revision serves 100 %', async () => {
  writeTaskDef({ VERSION: 'two' });
  const dry = await cortado(['deploy', '--dry-run', ...FAST]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stderr, /through a CodeDeploy blue\/green deployment/);
  const r = await cortado(['deploy', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /created CodeDeploy deployment d-[A-Z0-9]{9} of shop-app:1/);
  assert.match(r.stderr, /10% of production traffic on the replacement task set/);
  assert.match(r.stderr, /Succeeded/);
  const svc = await service();
  assert.match(svc.taskDefinition!, /shop-app:1$/);
  const primary = await primaryGroup();
  assert.equal(primary, setup.tgs.green);
  assert.deepEqual(await prodWeights(), { [setup.tgs.blue]: 0, [setup.tgs.green]: 100 });
  await eventually(async () => ((await service()).taskSets?.length === 1 ? true : undefined), 60_000, 250, 'the original task set to go');
  assert.deepEqual([...(await versionsServed(20))], ['two']);
  const spec = await cortado(['appspec', '--task-definition', 'current', '--output', 'json']);
  assert.equal(spec.code, 0, spec.stderr);
  assert.deepEqual(
    spec.json<{ Resources: { TargetService: { Properties: { LoadBalancerInfo: unknown } } }[] }>().Resources[0]!.TargetService.Properties
      .LoadBalancerInfo,
    {
      ContainerName: 'app',
      ContainerPort: 8080,
    },
  );
  const text = await cortado(['appspec']);
  assert.match(text.stdout, /^version: 0\.0\nResources:\n/);
  const calls = r.calls.map((c) => `${c.service}:${c.operation}`);
  assert.ok(calls.includes('codedeploy:CreateDeployment'), calls.join(' '));
  assert.ok(!calls.includes('ecs:UpdateService'), 'the task definition is not changed through UpdateService');
});

test('a deployment whose tasks crash is rolled back by CodeDeploy; deploy exits 1 and says why', async () => {
  writeTaskDef({ VERSION: 'three', EXIT_CODE: '1' });
  const r = await cortado(['deploy', ...FAST]);
  assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /failed: ECS_UPDATE_ERROR: .*stopped before becoming healthy/);
  assert.match(r.stderr, /CodeDeploy rolled back/);
  assert.equal(await primaryGroup(), setup.tgs.green, 'the original (green since the last deployment) task set is primary again');
  assert.deepEqual(await prodWeights(), { [setup.tgs.blue]: 0, [setup.tgs.green]: 100 });
  assert.deepEqual([...(await versionsServed(10))], ['two']);
});

test('rollback during a deployment stops it with rollback: traffic stays on the original revision', async () => {
  writeTaskDef({ VERSION: 'four' });
  const started = await cortado(['deploy', '--no-wait', ...FAST]);
  assert.equal(started.code, 0, started.stderr);
  // Into the canary's 5 (simulated) minutes: 10 % of production on the replacement.
  await eventually(async () => ((await prodWeights())[setup.tgs.blue] === 10 ? true : undefined), 120_000, 200, 'the canary step');
  const r = await cortado(['rollback', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /stopped CodeDeploy deployment d-[A-Z0-9]{9} with auto rollback/);
  assert.deepEqual(await prodWeights(), { [setup.tgs.blue]: 0, [setup.tgs.green]: 100 });
  assert.equal(await primaryGroup(), setup.tgs.green);
  assert.deepEqual([...(await versionsServed(10))], ['two']);
  const cov = await e.assertIamCoverage();
  assert.ok(cov.actions.has('codedeploy:StopDeployment'));
});
