// Acceptance 1 and 5 of canary setup, with the built CLI against the sandbox: from a stable service behind an ALB and nothing
// else, `canary setup` (a dry run first: no write call), `local load`, `canary start --tag v2` promotes, `canary teardown`
// leaves nothing tagged; bad input to setup exits 2 with no write call; every call made is in `cortado iam-policy`.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createAwsClients, type AwsClients } from '../../src/aws/aws-clients.js';
import { systemClock } from '../../src/core/clock.js';
import { silentHost } from '../../src/core/io-host.js';
import { createStableStack, listenerUrl, type StableStack } from '../../src/demo/demo-stack.js';
import { ROOT, startE2E, type CliRun, type E2E } from './e2e-harness.js';

let e: E2E;
let clients: AwsClients;
let stack: StableStack;
let otherRule: string;
let dir: string;

const CANARY = `
# released step by step: short intervals, the sandbox publishes ALB metrics per second
canary:
  steps: [50, 100]
  interval: 4s
  analysis_interval: 1500ms
  min_requests: 20
  no_data_limit: 6
  metric_period: 1
  canary_tasks: 1
  poll: 250ms
  lease: 10s
  deploy_timeout: 120s
  metrics:
    - name: success-rate
      min: 99
`;

const config = (service: string, extra = ''): string => `# the shop, as its team wrote it
region: ${e.sandbox.region}
cluster: shop
service: ${service} # the stable service
${extra}`;

const project = (text: string): string => {
  const d = mkdtempSync(join(tmpdir(), 'cortado-setup-'));
  writeFileSync(join(d, 'cortado.yml'), text);
  return d;
};

const writes = (r: CliRun) => r.calls.filter((c) => c.mutating).map((c) => `${c.service}:${c.operation}`);

/** Every tag key starting with `cortado:` on the target groups and the cluster's services. */
async function cortadoTags(): Promise<string[]> {
  const elb = await clients.elbv2();
  const ecs = await clients.ecs();
  const signal = AbortSignal.timeout(30_000);
  const found: string[] = [];
  const groups = (await elb.describeTargetGroups({}, signal)).TargetGroups ?? [];
  if (groups.length) {
    const d = (await elb.describeTags({ ResourceArns: groups.map((g) => g.TargetGroupArn!) }, signal)).TagDescriptions ?? [];
    for (const t of d) for (const k of t.Tags ?? []) if (k.Key?.startsWith('cortado:')) found.push(`${t.ResourceArn} ${k.Key}`);
  }
  const arns = (await ecs.listServices({ cluster: 'shop' }, signal)).serviceArns ?? [];
  for (const arn of arns) {
    for (const k of (await ecs.listTagsForResource({ resourceArn: arn }, signal)).tags ?? [])
      if (k.key?.startsWith('cortado:')) found.push(`${arn} ${k.key}`);
  }
  return found;
}

async function forwardOf(ruleArn: string): Promise<{ arn: string; weight: number }[]> {
  const elb = await clients.elbv2();
  const a = (await elb.describeRules({ RuleArns: [ruleArn] }, AbortSignal.timeout(30_000))).Rules![0]!.Actions!.find(
    (x) => x.Type === 'forward',
  )!;
  return a.ForwardConfig?.TargetGroups?.length
    ? a.ForwardConfig.TargetGroups.map((g) => ({ arn: g.TargetGroupArn!, weight: g.Weight ?? 1 }))
    : [{ arn: a.TargetGroupArn!, weight: 1 }];
}

before(async () => {
  e = await startE2E({ speed: 20 });
  clients = createAwsClients(
    {
      region: e.sandbox.region,
      endpoint: e.sandbox.endpoint,
      maxAttempts: 3,
      credentials: { accessKeyId: 'AKIASETUPTEST0000000', secretAccessKey: 'x' },
    },
    {},
  );
  const signal = AbortSignal.timeout(300_000);
  stack = await createStableStack(
    clients,
    { name: 'shop', image: 'cortado/demo-app:v1', stableTasks: 2, stableTimeoutMs: 240_000 },
    silentHost,
    systemClock,
    signal,
  );
  // Bad input fixtures: a service with no load balancer, and a rule that forwards to another target group.
  const ecs = await clients.ecs();
  const elb = await clients.elbv2();
  const svc = (await ecs.describeServices({ cluster: 'shop', services: [stack.stableService] }, signal)).services![0]!;
  await ecs.createService(
    {
      cluster: 'shop',
      serviceName: 'shop-worker',
      taskDefinition: stack.taskDefinitionArn,
      desiredCount: 0,
      launchType: 'FARGATE',
      networkConfiguration: svc.networkConfiguration,
    },
    signal,
  );
  const vpc = (await elb.describeTargetGroups({ TargetGroupArns: [stack.stableTargetGroupArn] }, signal)).TargetGroups![0]!.VpcId;
  const other = (await elb.createTargetGroup({ Name: 'shop-admin', Protocol: 'HTTP', Port: 8080, VpcId: vpc, TargetType: 'ip' }, signal))
    .TargetGroups![0]!;
  otherRule = (
    await elb.createRule(
      {
        ListenerArn: stack.listenerArn,
        Priority: 5,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/admin/*'] } }],
        Actions: [{ Type: 'forward', TargetGroupArn: other.TargetGroupArn }],
      },
      signal,
    )
  ).Rules![0]!.RuleArn!;
  dir = project(config(stack.stableService, CANARY));
});

after(async () => {
  clients?.close?.();
  await e?.close();
});

test('bad input: a stable service without a load balancer exits 2 naming it, with no write call', async () => {
  const d = project(config('shop-worker'));
  const r = await e.cli(['canary', 'setup'], { cwd: d });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /shop-worker has no load balancer/);
  assert.deepEqual(writes(r), []);
  assert.equal(readFileSync(join(d, 'cortado.yml'), 'utf8'), config('shop-worker'));
});

test('bad input: a configured rule that forwards to another target group exits 2 naming both, with no write call', async () => {
  const text = config(stack.stableService, `canary:\n  listener_rule: ${otherRule}\n`);
  const d = project(text);
  const r = await e.cli(['canary', 'setup'], { cwd: d });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /forwards to .*shop-admin.*not to the stable service's target group .*shop-stable/);
  assert.match(r.stderr, /canary\.listener_rule/);
  assert.deepEqual(writes(r), []);
  assert.equal(readFileSync(join(d, 'cortado.yml'), 'utf8'), text);
});

test('bad input: a stable service that does not exist exits 2', async () => {
  const d = project(config('shop-nothing'));
  const r = await e.cli(['canary', 'setup', '--dry-run'], { cwd: d });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /service shop-nothing was not found/);
  assert.deepEqual(writes(r), []);
});

test('setup --dry-run shows the plan and makes no write call', async () => {
  const before = readFileSync(join(dir, 'cortado.yml'), 'utf8');
  const r = await e.cli(['canary', 'setup', '--dry-run', '--output', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const out = r.json<{ changes: { kind: string }[]; config: { changed: string[]; written: boolean } }>();
  assert.deepEqual(
    out.changes.map((c) => c.kind),
    ['create-target-group', 'create-service', 'route'],
  );
  assert.deepEqual(out.config, { file: join(dir, 'cortado.yml'), changed: ['service', 'listener_rule'], written: false });
  assert.ok(r.calls.length > 0, 'the dry run read AWS');
  assert.deepEqual(writes(r), []);
  assert.equal(readFileSync(join(dir, 'cortado.yml'), 'utf8'), before);
});

test('setup creates the canary target group, service and weights, writes the config, and a second run changes nothing', async () => {
  const r = await e.cli(['canary', 'setup'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    writes(r).sort(),
    ['ecs:CreateService', 'elbv2:CreateTargetGroup', 'elbv2:ModifyRule', 'elbv2:ModifyTargetGroupAttributes'].sort(),
  );
  const text = readFileSync(join(dir, 'cortado.yml'), 'utf8');
  assert.match(text, /^# the shop, as its team wrote it/);
  assert.match(text, /service: shop-stable # the stable service/);
  assert.match(text, /# released step by step/);
  assert.match(text, new RegExp(`listener_rule: ${stack.ruleArn.replace(/[/.]/g, '\\$&')}`));
  assert.match(text, /\n {2}service: shop-stable-canary\n/);

  const elb = await clients.elbv2();
  const signal = AbortSignal.timeout(30_000);
  const tg = (await elb.describeTargetGroups({ Names: ['shop-stable-canary'] }, signal)).TargetGroups![0]!;
  assert.equal(tg.HealthCheckPath, '/health');
  assert.equal(tg.HealthCheckIntervalSeconds, 5);
  const attrs = (await elb.describeTargetGroupAttributes({ TargetGroupArn: tg.TargetGroupArn }, signal)).Attributes!;
  assert.equal(attrs.find((a) => a.Key === 'deregistration_delay.timeout_seconds')?.Value, '5');
  assert.deepEqual(await forwardOf(stack.ruleArn), [
    { arn: stack.stableTargetGroupArn, weight: 100 },
    { arn: tg.TargetGroupArn!, weight: 0 },
  ]);
  const ecs = await clients.ecs();
  const svc = (await ecs.describeServices({ cluster: 'shop', services: ['shop-stable-canary'] }, signal)).services![0]!;
  assert.equal(svc.desiredCount, 0);
  assert.equal(svc.loadBalancers?.[0]?.targetGroupArn, tg.TargetGroupArn);
  assert.equal(svc.launchType, 'FARGATE');
  assert.ok((await cortadoTags()).some((t) => t.endsWith('cortado:canary:setup')));

  const again = await e.cli(['canary', 'setup'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(writes(again), []);
  assert.match(again.stdout, /nothing to do: already set up/);
  assert.equal(readFileSync(join(dir, 'cortado.yml'), 'utf8'), text);
});

test('with load on the listener, canary start --tag v2 promotes; teardown then leaves nothing tagged', async () => {
  const url = await listenerUrl(e.sandbox.endpoint, stack.listenerArn, AbortSignal.timeout(10_000));
  let load: ChildProcess | undefined;
  try {
    load = spawn(process.execPath, [join(ROOT, 'bin/cortado.js'), 'local', 'load', url, '--rate', '100', '--duration', '10m'], {
      env: { ...e.env },
      stdio: 'ignore',
    });
    const r = await e.cli(['canary', 'start', '--tag', 'v2', '--output', 'json'], { cwd: dir });
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.json<{ release: { outcome: string } }>().release.outcome, 'succeeded');
  } finally {
    load?.kill('SIGINT');
  }
  const ecs = await clients.ecs();
  const stable = (await ecs.describeServices({ cluster: 'shop', services: [stack.stableService] }, AbortSignal.timeout(30_000)))
    .services![0]!;
  const td = (await ecs.describeTaskDefinition({ taskDefinition: stable.taskDefinition! }, AbortSignal.timeout(30_000))).taskDefinition!;
  assert.equal(td.containerDefinitions![0]!.image, 'cortado/demo-app:v2');

  const dry = await e.cli(['canary', 'teardown', '--dry-run'], { cwd: dir });
  assert.equal(dry.code, 0, dry.stderr);
  assert.deepEqual(writes(dry), []);
  const r = await e.cli(['canary', 'teardown', '--output', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.json<{ changes: string[] }>().changes.length, 3);
  assert.deepEqual(await cortadoTags(), []);
  assert.deepEqual(await forwardOf(stack.ruleArn), [{ arn: stack.stableTargetGroupArn, weight: 100 }]);
  const again = await e.cli(['canary', 'teardown'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(writes(again), []);
});

test('every call the runs made is in cortado iam-policy', async () => {
  const { checked } = await e.assertIamCoverage();
  assert.ok(checked >= 6);
});
