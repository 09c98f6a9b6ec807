// Scenario fixtures: a sandbox with a reference service behind a shared ALB listener, a hosted zone, and the preview library wired to it.
import {
  ECSClient,
  CreateClusterCommand,
  RegisterTaskDefinitionCommand,
  CreateServiceCommand,
  ListTagsForResourceCommand,
  ListTaskDefinitionsCommand,
  DescribeServicesCommand,
} from '@aws-sdk/client-ecs';
import {
  ElasticLoadBalancingV2Client,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  CreateListenerCommand,
  ModifyTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTagsCommand,
  DescribeRulesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { Route53Client, CreateHostedZoneCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import { request } from 'node:http';
import { systemClock } from '../../src/core/clock.js';
import { recordingHost } from '../../src/core/io-host.js';
import type { PreviewConfig } from '../../src/preview/preview-config.js';
import type { PreviewDeps } from '../../src/preview/preview-deps.js';
import { previewAws } from '../../src/preview/preview-aws.js';
import { type AwsClients, createAwsClients } from '../../src/aws/aws-clients.js';
import type { Sandbox } from '../../src/local/index.js';
import { eventually, setFaults, withSandbox } from '../helpers/sandbox.js';

export const DOMAIN = 'preview.example.com';
export const CREDENTIALS = { accessKeyId: 'AKIACORTADOTEST00001', secretAccessKey: 'cortado-test-secret' };

export interface World {
  readonly sandbox: Sandbox;
  readonly clients: AwsClients;
  readonly config: PreviewConfig;
  readonly listenerArn: string;
  readonly zoneId: string;
  readonly ecs: ECSClient;
  readonly elb: ElasticLoadBalancingV2Client;
  readonly r53: Route53Client;
  readonly s3: S3Client;
  /** The local URL of the shared listener. */
  listenerUrl(): Promise<string>;
  deps(): PreviewDeps & { io: ReturnType<typeof recordingHost> };
  close(): Promise<void>;
}

export interface ReferenceSetup {
  readonly listenerArn: string;
  readonly zoneId: string;
}

/** The reference every preview copies: cluster dev, service web (demo image v1) behind the shared listener's default action, and the zone. */
export async function setupReference(endpoint: string, region: string): Promise<ReferenceSetup> {
  const base = { region, endpoint, credentials: CREDENTIALS };
  const ecs = new ECSClient(base);
  const elb = new ElasticLoadBalancingV2Client(base);
  const r53 = new Route53Client(base);
  const s3 = new S3Client({ ...base, forcePathStyle: true });
  try {
    await ecs.send(new CreateClusterCommand({ clusterName: 'dev' }));
    const td = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: 'app',
            image: 'cortado/demo-app:v1',
            essential: true,
            portMappings: [{ containerPort: 8080 }],
            environment: [{ name: 'GREETING', value: 'hello' }],
          },
        ],
      }),
    );
    const lb = await elb.send(new CreateLoadBalancerCommand({ Name: 'previews', Subnets: ['subnet-a', 'subnet-b'] }));
    const tg = await elb.send(
      new CreateTargetGroupCommand({
        Name: 'web-dev00',
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: 'vpc-1',
        TargetType: 'ip',
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 30,
        HealthCheckTimeoutSeconds: 20,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 3,
      }),
    );
    const tgArn = tg.TargetGroups![0]!.TargetGroupArn!;
    await elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: tgArn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }],
      }),
    );
    const listener = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn!,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'dev',
        serviceName: 'web',
        taskDefinition: td.taskDefinition!.taskDefinitionArn!,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] } },
        loadBalancers: [{ targetGroupArn: tgArn, containerName: 'app', containerPort: 8080 }],
        // Process start-up and probes take real time, which the sandbox's speed stretches into simulated minutes on a loaded
        // machine: long probe timeouts and a grace period (both copied by previews) keep healthy tasks healthy.
        healthCheckGracePeriodSeconds: 300,
      }),
    );
    const zone = await r53.send(new CreateHostedZoneCommand({ Name: DOMAIN, CallerReference: `ref-${Date.now()}-${Math.random()}` }));
    await s3.send(new CreateBucketCommand({ Bucket: 'frontend' }));
    return { listenerArn: listener.Listeners![0]!.ListenerArn!, zoneId: zone.HostedZone!.Id!.replace('/hostedzone/', '') };
  } finally {
    for (const c of [ecs, elb, r53, s3]) c.destroy();
  }
}

export const previewConfig = (listenerArn: string): PreviewConfig => ({
  app: 'web',
  reference: { cluster: 'dev', service: 'web' },
  cluster: 'dev',
  listenerArn,
  domain: DOMAIN,
  desiredCount: 1,
  priorityRange: [1, 50_000],
  environment: { PREVIEW: 'true' },
  gcOlderThanMs: 24 * 3_600_000,
});

/** A client configuration for the preview seam pointed at `endpoint` with the test keys. */
/** cortado's own seams on the sandbox (what a session builds from --endpoint-url). */
export const testClients = (endpoint: string, region: string): AwsClients =>
  createAwsClients({ region, endpoint, maxAttempts: 3, credentials: CREDENTIALS }, {});

export async function startWorld(options: { speed?: number; latencyMs?: number } = {}): Promise<World> {
  const sandbox = await withSandbox({ speed: options.speed ?? 50 });
  const base = { region: sandbox.region, endpoint: sandbox.endpoint, credentials: CREDENTIALS };
  const ecs = new ECSClient(base);
  const elb = new ElasticLoadBalancingV2Client(base);
  const r53 = new Route53Client(base);
  const s3 = new S3Client({ ...base, forcePathStyle: true });
  const { listenerArn, zoneId } = await setupReference(sandbox.endpoint, sandbox.region);
  if (options.latencyMs) await setLatency(sandbox.endpoint, options.latencyMs);
  const config = previewConfig(listenerArn);
  const clients = testClients(sandbox.endpoint, sandbox.region);
  const aws = await previewAws(clients);
  let url: string | undefined;
  return {
    sandbox,
    clients,
    config,
    listenerArn,
    zoneId,
    ecs,
    elb,
    r53,
    s3,
    async listenerUrl() {
      if (url) return url;
      const res = await fetch(`${sandbox.endpoint}/_cortado/elbv2/listeners`);
      const { listeners } = (await res.json()) as { listeners: Array<{ listenerArn: string; url: string }> };
      url = listeners.find((l) => l.listenerArn === listenerArn)!.url;
      return url;
    },
    deps: () => ({ aws, config, io: recordingHost(), clock: systemClock }),
    async close() {
      for (const c of [ecs, elb, r53, s3]) c.destroy();
      clients.close?.();
      await sandbox.close();
    },
  };
}

/** GET / through the listener with a Host header; the demo app answers its version. */
export function get(url: string, host: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: Number(u.port), path: '/', headers: { host }, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The version the demo app answers for `host`; a 502/503 (a task being replaced) is asked again. */
export const versionAt = (url: string, host: string): Promise<string> =>
  eventually(
    async () => {
      const r = await get(url, host);
      return r.status === 200 ? (versionOf(r.body) ?? r.body) : undefined;
    },
    30_000,
    50,
    `an answer for ${host}`,
  );

export const versionOf = (body: string): string | undefined => {
  try {
    return (JSON.parse(body) as { version?: string }).version;
  } catch {
    return undefined;
  }
};

/**
 * Every resource still tagged for an env, read straight from the AWS APIs (not through src/preview): services (not
 * INACTIVE), task definitions (ACTIVE or INACTIVE), target groups, rules, and Route 53 records at its host.
 */
export async function taggedLeftovers(
  w: Pick<World, 'ecs' | 'elb' | 'r53' | 'listenerArn' | 'zoneId'>,
  env: string,
  opts: { countDraining?: boolean } = {},
): Promise<string[]> {
  const isOurs = (
    tags:
      | ReadonlyArray<{ key?: string | undefined; value?: string | undefined; Key?: string | undefined; Value?: string | undefined }>
      | undefined,
  ) => (tags ?? []).some((t) => (t.key ?? t.Key) === 'cortado:env' && (t.value ?? t.Value) === env);
  const services = async () => {
    const svc = (await w.ecs.send(new DescribeServicesCommand({ cluster: 'dev', services: [`web-${env}`], include: ['TAGS'] })))
      .services?.[0];
    return svc && svc.status !== 'INACTIVE' && (opts.countDraining || svc.status === 'ACTIVE') && isOurs(svc.tags)
      ? [`service ${svc.serviceName} ${svc.status}`]
      : [];
  };
  // The env's own family (every page of it): listing every revision in the account and reading each one's tags grows
  // with the account and missed those past the first page.
  const taskDefinitions = async () => {
    const arns: string[] = [];
    for (const status of ['ACTIVE', 'INACTIVE'] as const) {
      let nextToken: string | undefined;
      do {
        const page = await w.ecs.send(
          new ListTaskDefinitionsCommand({ status, familyPrefix: `web-${env}`, maxResults: 100, ...(nextToken ? { nextToken } : {}) }),
        );
        arns.push(...(page.taskDefinitionArns ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
    }
    const tagged = await Promise.all(
      arns.map(async (arn) =>
        isOurs((await w.ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags) ? [`task definition ${arn}`] : [],
      ),
    );
    return tagged.flat();
  };
  const elbv2 = async () => {
    const [groups, rules] = await Promise.all([
      w.elb.send(new DescribeTargetGroupsCommand({})).then((o) => o.TargetGroups ?? []),
      w.elb.send(new DescribeRulesCommand({ ListenerArn: w.listenerArn })).then((o) => (o.Rules ?? []).filter((r) => !r.IsDefault)),
    ]);
    const arns = [...groups.map((g) => g.TargetGroupArn!), ...rules.map((r) => r.RuleArn!)];
    const pages = await Promise.all(
      Array.from({ length: Math.ceil(arns.length / 20) }, (_, i) =>
        w.elb.send(new DescribeTagsCommand({ ResourceArns: arns.slice(i * 20, i * 20 + 20) })),
      ),
    );
    return pages
      .flatMap((p) => p.TagDescriptions ?? [])
      .filter((d) => isOurs(d.Tags))
      .map((d) => `elbv2 ${d.ResourceArn}`);
  };
  const records = async () =>
    ((await w.r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: w.zoneId }))).ResourceRecordSets ?? [])
      .filter((r) => r.Name === `${env}.${DOMAIN}.`)
      .map((r) => `record ${r.Name} ${r.Type}`);
  return (await Promise.all([services(), taskDefinitions(), elbv2(), records()])).flat();
}

/** Sets the sandbox's per-call latency at run time. */
export const setLatency = (endpoint: string, latencyMs: number): Promise<void> => setFaults(endpoint, { latencyMs });

import type { CallRecord } from '../../src/local/call-log.js';

export type { CallRecord };

/** The sandbox's call log after `sinceSeq`. */
export async function callsSince(endpoint: string, sinceSeq = 0): Promise<CallRecord[]> {
  const res = await fetch(`${endpoint}/_cortado/calls?since=${sinceSeq}`);
  return ((await res.json()) as { calls: CallRecord[] }).calls;
}

export const lastSeq = async (endpoint: string): Promise<number> => Math.max(0, ...(await callsSince(endpoint)).map((c) => c.seq));

/**
 * Sequential round trips: the most calls that ran one strictly after another (no two overlapping in time), the
 * classic interval-scheduling count. Concurrent calls overlap and count once.
 */
export function sequentialRoundTrips(calls: readonly CallRecord[]): number {
  const spans = calls
    .map((c) => {
      const start = Date.parse(c.time);
      return { start, end: start + c.durationMs };
    })
    .sort((a, b) => a.end - b.end);
  let count = 0;
  let free = -Infinity;
  for (const s of spans)
    if (s.start >= free) {
      count++;
      free = s.end;
    }
  return count;
}
