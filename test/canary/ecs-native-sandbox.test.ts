// Scenario: router ecs-native against the sandbox's own CANARY deployments — PAUSE hooks answered after the analysis, under real traffic.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ElasticLoadBalancingV2Client,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  CreateListenerCommand,
  CreateRuleCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  ECSClient,
  CreateClusterCommand,
  RegisterTaskDefinitionCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeServiceDeploymentsCommand,
  ListServiceDeploymentsCommand,
} from '@aws-sdk/client-ecs';
import { startRelease } from '../../src/canary/canary-release.js';
import { parseCanaryConfig } from '../../src/canary/config/canary-config.js';
import { openRelease } from '../../src/canary/open-release.js';
import { systemClock } from '../../src/core/clock.js';
import { listenerUrl } from '../../src/demo/demo-stack.js';
import { startLoad, type LoadGenerator } from '../../src/demo/load-generator.js';
import type { Sandbox } from '../../src/local/index.js';
import { actorKey, assertCommandCalls } from '../helpers/iam-coverage.js';
import { eventually, withSandbox } from '../helpers/sandbox.js';
import { clientConfigFor, clientsFor, recorder } from './canary-fixtures.js';

let sandbox: Sandbox;
let load: LoadGenerator;
let ecs: ECSClient;
const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] } };

before(async () => {
  sandbox = await withSandbox({ speed: 20 });
  const config = clientConfigFor(sandbox);
  const elb = new ElasticLoadBalancingV2Client(config);
  ecs = new ECSClient(config);
  const lb = (
    await elb.send(new CreateLoadBalancerCommand({ Name: 'native-alb', Subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'] }))
  ).LoadBalancers![0]!;
  const tg = async (name: string) => {
    const arn = (
      await elb.send(
        new CreateTargetGroupCommand({
          Name: name,
          Protocol: 'HTTP',
          Port: 8080,
          VpcId: lb.VpcId,
          TargetType: 'ip',
          HealthCheckPath: '/health',
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 2,
          HealthyThresholdCount: 2,
        }),
      )
    ).TargetGroups![0]!.TargetGroupArn!;
    await elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: arn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }],
      }),
    );
    return arn;
  };
  const blue = await tg('native-blue');
  const green = await tg('native-green');
  const listener = (
    await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
      }),
    )
  ).Listeners![0]!;
  const rule = (
    await elb.send(
      new CreateRuleCommand({
        ListenerArn: listener.ListenerArn,
        Priority: 1,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
        Actions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: blue, Weight: 100 },
                { TargetGroupArn: green, Weight: 0 },
              ],
            },
          },
        ],
      }),
    )
  ).Rules![0]!;
  elb.destroy();
  await ecs.send(new CreateClusterCommand({ clusterName: 'native' }));
  const td = (
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'native',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'app', image: 'cortado/demo-app:v1', essential: true, portMappings: [{ containerPort: 8080 }] }],
      }),
    )
  ).taskDefinition!.taskDefinitionArn!;
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'native',
      serviceName: 'app',
      taskDefinition: td,
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: NETWORK,
      healthCheckGracePeriodSeconds: 60,
      loadBalancers: [
        {
          targetGroupArn: blue,
          containerName: 'app',
          containerPort: 8080,
          advancedConfiguration: {
            alternateTargetGroupArn: green,
            productionListenerRule: rule.RuleArn!,
            roleArn: 'arn:aws:iam::000000000000:role/ecs-elb',
          },
        },
      ],
      deploymentConfiguration: {
        strategy: 'CANARY',
        canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 1 },
        bakeTimeInMinutes: 0,
        lifecycleHooks: [
          {
            targetType: 'PAUSE',
            lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'],
            timeoutConfiguration: { timeoutInMinutes: 60, action: 'ROLLBACK' },
          },
        ],
      },
    }),
  );
  await eventually(
    async () => {
      const s = (await ecs.send(new DescribeServicesCommand({ cluster: 'native', services: ['app'] }))).services![0]!;
      return s.runningCount === 2 && s.deployments?.[0]?.rolloutState === 'COMPLETED' ? true : undefined;
    },
    60_000,
    200,
    'the first deployment',
  );
  load = startLoad(await listenerUrl(sandbox.endpoint, listener.ListenerArn!, new AbortController().signal), 150, 6);
});

after(async () => {
  await load?.stop();
  ecs?.destroy();
  await sandbox?.close();
});

const spec = () =>
  parseCanaryConfig(
    {
      router: 'ecs-native',
      analysis_interval: '1s',
      threshold: 1,
      min_requests: 10,
      metric_period: 1,
      poll: '200ms',
      lease: '5s',
      metrics: [{ name: 'success-rate', min: 95 }],
    },
    'app',
  );

async function release(tag: string, env: Record<string, string>) {
  const io = recorder();
  const key = actorKey(`native-${tag}`);
  const r = await openRelease(
    { cluster: 'native', stableService: 'app', spec: spec() },
    clientsFor(sandbox, key),
    io,
    systemClock,
    `native-${tag}`,
  );
  {
    const out = await startRelease(
      r.target,
      r.deps,
      { kind: 'change', change: { image: { kind: 'tag', tag }, env } },
      new AbortController().signal,
    );
    await assertCommandCalls(sandbox.endpoint, 'canary start', { accessKeyId: key });
    const sd = (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [out.state!.deploymentArn!] })))
      .serviceDeployments![0]!;
    return { out, sd, io, weights: await r.deps.router.getWeights(r.target, new AbortController().signal) };
  }
}

test('ecs-native: a good revision is analysed at each PAUSE hook with traffic, continued, and ECS completes the deployment', async () => {
  const { out, sd, io } = await release('v2', {});
  assert.equal(out.state?.outcome, 'succeeded', out.state?.reason);
  assert.equal(sd.status, 'SUCCESSFUL');
  const answers = io.messages.filter((m) => m.code === 'CANARY_PHASE').map((m) => (m.data as { action: { kind: string } }).action.kind);
  assert.deepEqual(
    answers,
    ['continue', 'continue', 'continue', 'done'],
    'pre-shift (0%), before 100% (after 20% was analysed), after 100%',
  );
  assert.ok(
    io.messages.some((m) => m.code === 'CANARY_ANALYSIS' && (m.data as { weight: number }).weight === 20),
    'the 20% step was analysed',
  );
  const svc = (await ecs.send(new DescribeServicesCommand({ cluster: 'native', services: ['app'] }))).services![0]!;
  assert.match(svc.taskDefinition ?? '', /native:2$/);
  await eventually(() => (load.samples.filter((s) => s.version === 'v2').length > 50 ? true : undefined), 10_000, 100, 'v2 serving');
});

test('ecs-native: a bad revision is answered ROLLBACK at its first analysed hook; production returns to the old revision', async () => {
  const { out, sd, io, weights } = await release('v3', { ERROR_RATE: '0.5' });
  assert.equal(out.state?.outcome, 'failed');
  assert.match(out.state?.reason ?? '', /success-rate \d+(\.\d+)? is below the minimum 95/);
  assert.equal(sd.status, 'ROLLBACK_SUCCESSFUL');
  const rollback = io.messages.find(
    (m) => m.code === 'CANARY_PHASE' && (m.data as { action: { kind: string } }).action.kind === 'rollback',
  );
  assert.ok(rollback, 'cortado answered ROLLBACK');
  const at = (rollback!.data as { at: number }).at;
  assert.deepEqual(weights, { stable: 100, canary: 0 });
  await eventually(() => (load.samples.some((s) => s.sentAt > at + 1000) ? true : undefined), 10_000, 100, 'load after the rollback');
  assert.equal(load.samples.filter((s) => s.sentAt > at && s.version === 'v3').length, 0, 'no request reaches v3 after the rollback');
});

test('ecs-native: two controllers started together — one runs the release, the other backs off to it; ECS deploys once and the release succeeds', async () => {
  const signal = new AbortController().signal;
  const deploymentArns = async () =>
    new Set(
      ((await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'native', service: 'app' }))).serviceDeployments ?? []).map(
        (d) => d.serviceDeploymentArn!,
      ),
    );
  const earlier = await deploymentArns();
  const open = async (owner: string) => {
    const io = recorder();
    const clients = clientsFor(sandbox);
    return {
      io,
      clients,
      r: await openRelease({ cluster: 'native', stableService: 'app', spec: spec() }, clients, io, systemClock, owner),
    };
  };
  const a = await open('native-a');
  const b = await open('native-b');
  try {
    const change = { kind: 'change', change: { image: { kind: 'tag', tag: 'v4' }, env: {} } } as const;
    const [outA, outB] = await Promise.all([
      startRelease(a.r.target, a.r.deps, change, signal),
      startRelease(b.r.target, b.r.deps, change, signal),
    ]);
    const ran = outA.heldBy === undefined ? { out: outA, io: a.io, other: 'native-b' } : { out: outB, io: b.io, other: 'native-a' };
    const backedOff = ran.out === outA ? { out: outB, io: b.io } : { out: outA, io: a.io };
    assert.equal(
      backedOff.out.heldBy,
      ran.other === 'native-b' ? 'native-a' : 'native-b',
      'the one that backed off names the controller that runs the release',
    );
    assert.equal(ran.out.heldBy, undefined, 'exactly one runs the release');
    assert.equal(ran.out.state?.outcome, 'succeeded', ran.out.state?.reason);
    assert.ok(ran.io.messages.some((m) => m.code === 'CANARY_STARTED'));
    assert.ok(
      !backedOff.io.messages.some((m) => m.code === 'CANARY_STARTED' || m.code === 'CANARY_PHASE'),
      'the one that backed off started and answered nothing',
    );
    assert.deepEqual(
      [...(await deploymentArns())].filter((arn) => !earlier.has(arn)),
      [ran.out.state?.deploymentArn],
      'one UpdateService, one service deployment',
    );
    const sd = (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [ran.out.state!.deploymentArn!] })))
      .serviceDeployments![0]!;
    assert.equal(sd.status, 'SUCCESSFUL');
    const svc = (await ecs.send(new DescribeServicesCommand({ cluster: 'native', services: ['app'] }))).services![0]!;
    assert.equal(svc.taskDefinition, ran.out.state?.revision);
    await eventually(() => (load.samples.filter((s) => s.version === 'v4').length > 50 ? true : undefined), 10_000, 100, 'v4 serving');
  } finally {
    a.clients.close?.();
    b.clients.close?.();
  }
});
