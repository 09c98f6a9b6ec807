// Table tests for the pure pieces: the preview: config section, ownership tags, durations, priorities and the copied AWS inputs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { UsageError } from '../../src/core/errors.js';
import { serviceInput, taskDefinitionInput } from '../../src/preview/copy-reference.js';
import { imageWithTag } from '../../src/ecs/task-definition-change.js';
import { readPreviewConfig } from '../../src/preview/preview-config.js';
import { ownerOf, ownershipTags, ownershipTxt, parseOwnershipTxt, tagMap } from '../../src/preview/preview-tags.js';
import { formatAge, parseDuration } from '../../src/preview/parse-duration.js';
import { freePriority, priorityStart } from '../../src/preview/rule-priority.js';
import { recordChanges, recordCurrent, ruleInput, targetGroupInput } from '../../src/preview/routing-inputs.js';
import { checkCreate, type CreateChecks } from '../../src/preview/validate-create.js';

const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/previews/0123456789abcdef/fedcba9876543210';
const base = { preview: { reference: 'dev/web', listener_arn: LISTENER, domain: 'preview.example.com' } };

describe('readPreviewConfig', () => {
  it('fills defaults from the reference and the top level', () => {
    const { config, warnings } = readPreviewConfig(
      { cluster: 'dev', service: 'web-dev00', preview: { listener_arn: LISTENER, domain: 'Preview.Example.com.' } },
      'cortado.yml',
    );
    assert.deepEqual(warnings, []);
    assert.equal(config.app, 'web-dev00');
    assert.deepEqual(config.reference, { cluster: 'dev', service: 'web-dev00' });
    assert.equal(config.cluster, 'dev');
    assert.equal(config.domain, 'preview.example.com');
    assert.equal(config.desiredCount, 1);
    assert.deepEqual(config.priorityRange, [1, 50_000]);
    assert.equal(config.gcOlderThanMs, 24 * 3_600_000);
  });
  it('reads every key, and accepts env: as the section name', () => {
    const { config } = readPreviewConfig(
      {
        env: {
          app: 'shop',
          reference: { cluster: 'dev', service: 'shop-dev00' },
          cluster: 'previews',
          listener_arn: LISTENER,
          domain: 'pr.example.com',
          hosted_zone_id: '/hostedzone/Z123',
          container: 'web',
          desired_count: 2,
          priority_range: [1000, 1999],
          environment: { A: 1, B: true },
          publish: 's3://b/k.json',
          gc: { older_than: '7d' },
        },
      },
      'cortado.yml',
    );
    assert.equal(config.hostedZoneId, 'Z123');
    assert.deepEqual(config.priorityRange, [1000, 1999]);
    assert.deepEqual(config.environment, { A: '1', B: 'true' });
    assert.equal(config.gcOlderThanMs, 7 * 86_400_000);
    assert.equal(config.cluster, 'previews');
  });
  it('warns about unknown keys', () => {
    const { warnings } = readPreviewConfig({ preview: { ...base.preview, listner_arn: 'x' } }, 'cortado.yml');
    assert.deepEqual(warnings, ['cortado.yml: preview.listner_arn: unknown key, ignored (did you mean "listener_arn"?)']);
  });
  const bad: ReadonlyArray<readonly [string, Record<string, unknown>, RegExp]> = [
    ['no section', { service: 'web' }, /no preview: section/],
    ['no reference', { preview: { listener_arn: LISTENER, domain: 'a.example.com' } }, /no reference service/],
    ['a bad reference', { preview: { ...base.preview, reference: 'web' } }, /CLUSTER\/SERVICE/],
    [
      'a target group ARN as listener',
      { preview: { ...base.preview, listener_arn: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/x/1' } },
      /listener_arn/,
    ],
    ['a URL as domain', { preview: { ...base.preview, domain: 'https://example.com' } }, /preview.domain/],
    ['an app that is not a DNS label', { preview: { ...base.preview, app: 'Web_App' } }, /preview.app/],
    ['a priority range out of bounds', { preview: { ...base.preview, priority_range: [0, 60000] } }, /priority_range/],
    ['a negative desired count', { preview: { ...base.preview, desired_count: -1 } }, /desired_count/],
    ['a bad environment name', { preview: { ...base.preview, environment: { 'A-B': 'x' } } }, /environment.A-B/],
    ['a bad gc duration', { preview: { ...base.preview, gc: { older_than: 'a day' } } }, /older_than/],
  ];
  for (const [name, raw, why] of bad) {
    it(`refuses ${name}`, () =>
      assert.throws(
        () => readPreviewConfig(raw, 'cortado.yml'),
        (e: unknown) => e instanceof UsageError && why.test(e.message),
      ));
  }
});

describe('ownership tags and the TXT record', () => {
  const owner = { app: 'web', env: 'pr-42', updatedAt: new Date('2026-11-22T01:02:03.004Z') };
  it('round-trips through the TXT record', () => {
    assert.deepEqual(ownerOf(parseOwnershipTxt(ownershipTxt(owner)), 'web'), owner);
    assert.ok(ownershipTxt(owner).length < 255, 'one TXT string holds it');
  });
  it('reads both tag spellings and ignores other apps and foreign tags', () => {
    const tags = ownershipTags(owner);
    assert.deepEqual(ownerOf(tagMap(Object.entries(tags).map(([key, value]) => ({ key, value }))), 'web'), owner);
    assert.deepEqual(ownerOf(tagMap(Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))), 'web'), owner);
    assert.equal(ownerOf(tags, 'shop'), undefined);
    assert.equal(ownerOf({ ...tags, 'cortado:managed-by': 'terraform' }, 'web'), undefined);
    assert.equal(ownerOf({}, 'web'), undefined);
  });
});

describe('durations', () => {
  const table: ReadonlyArray<readonly [string, number]> = [
    ['24h', 86_400_000],
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['7d', 604_800_000],
    ['2w', 1_209_600_000],
    ['500ms', 500],
  ];
  for (const [text, ms] of table) it(`${text} = ${ms} ms`, () => assert.equal(parseDuration(text, '--older-than'), ms));
  for (const text of ['', '24', 'h', '1 day', '-1h'])
    it(`refuses ${JSON.stringify(text)}`, () =>
      assert.throws(() => parseDuration(text, '--older-than'), /--older-than expects a duration/));
  it('formats ages', () => {
    assert.equal(formatAge(0), '0s');
    assert.equal(formatAge(59_000), '59s');
    assert.equal(formatAge(3_723_000), '1h 2m');
    assert.equal(formatAge(90_061_000), '1d 1h');
  });
});

describe('rule priorities', () => {
  it('starts where the env hashes to, inside the range', () => {
    for (const env of ['a', 'pr-1', 'feature-x-1234abcd']) {
      const p = priorityStart(env, [100, 199]);
      assert.ok(p >= 100 && p <= 199);
      assert.equal(priorityStart(env, [100, 199]), p);
    }
  });
  const table: ReadonlyArray<readonly [string, number[], readonly [number, number], number, number | undefined]> = [
    ['free start', [], [1, 10], 5, 5],
    ['taken start: the next', [5, 6], [1, 10], 5, 7],
    ['wraps around', [9, 10], [1, 10], 9, 1],
    ['full range', [1, 2, 3], [1, 3], 2, undefined],
    ['start clamped into the range', [], [10, 20], 3, 10],
  ];
  for (const [name, taken, range, start, want] of table) it(name, () => assert.equal(freePriority(new Set(taken), range, start), want));
});

describe('checkCreate', () => {
  const ok: CreateChecks = {
    env: 'pr-1',
    cluster: 'dev',
    clusterExists: true,
    conflicts: [],
    needsRule: true,
    ruleCount: 3,
    takenPriorities: new Set<number>(),
    priorityRange: [1, 50_000],
  };
  it('returns the first priority to try', () => assert.equal(checkCreate(ok), priorityStart('pr-1', [1, 50_000])));
  it('needs no priority when the rule exists', () => assert.equal(checkCreate({ ...ok, needsRule: false, ruleCount: 100 }), undefined));
  const table: ReadonlyArray<readonly [string, Partial<CreateChecks>, string]> = [
    ['a conflict', { conflicts: [{ kind: 'target-group', id: 'x', why: 'target group web-pr-1 exists' }] }, 'ENV_CONFLICT'],
    ['a missing cluster', { clusterExists: false }, 'CLUSTER_NOT_FOUND'],
    ['100 rules', { ruleCount: 100 }, 'LISTENER_FULL'],
    ['a full priority range', { priorityRange: [1, 2], takenPriorities: new Set([1, 2]) }, 'LISTENER_FULL'],
  ];
  for (const [name, patch, code] of table) {
    it(`refuses ${name} as the user's to fix`, () =>
      assert.throws(
        () => checkCreate({ ...ok, ...patch }),
        (e: unknown) => (e as { code?: string; source?: string }).code === code && (e as { source?: string }).source === 'user',
      ));
  }
});

const refTd: TaskDefinition = {
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:7',
  family: 'web',
  revision: 7,
  status: 'ACTIVE',
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  requiresCompatibilities: ['FARGATE'],
  compatibilities: ['EC2', 'FARGATE'],
  registeredAt: new Date(0),
  registeredBy: 'arn:aws:iam::000000000000:root',
  requiresAttributes: [{ name: 'x' }],
  executionRoleArn: 'arn:aws:iam::000000000000:role/exec',
  containerDefinitions: [
    {
      name: 'app',
      image: '1.dkr.ecr.us-east-1.amazonaws.com/web:v1@sha256:abc',
      environment: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    },
    { name: 'sidecar', image: 'envoy:1', environment: [{ name: 'A', value: 'side' }] },
  ],
};

describe('copying the reference', () => {
  const table: ReadonlyArray<readonly [string, string, string]> = [
    ['web:v1', 'v2', 'web:v2'],
    ['web', 'v2', 'web:v2'],
    ['localhost:5000/web:v1', 'v2', 'localhost:5000/web:v2'],
    ['localhost:5000/web', 'v2', 'localhost:5000/web:v2'],
    ['r/web:v1@sha256:abc', 'v2', 'r/web:v2'],
  ];
  for (const [image, tag, want] of table) it(`${image} with tag ${tag} → ${want}`, () => assert.equal(imageWithTag(image, tag), want));
  it('refuses a tag that is not one', () => assert.throws(() => imageWithTag('web:v1', 'a b'), /--tag expects/));

  it('copies the task definition with the family, image, environment and tags replaced, read-only fields dropped', () => {
    const input = taskDefinitionInput(
      refTd,
      'web-pr-1',
      'app',
      { image: { kind: 'tag', tag: 'abc' }, environment: { B: 'x', C: 'y' } },
      { 'cortado:env': 'pr-1' },
    );
    assert.equal(input.family, 'web-pr-1');
    for (const k of ['taskDefinitionArn', 'revision', 'status', 'compatibilities', 'registeredAt', 'registeredBy', 'requiresAttributes'])
      assert.ok(!(k in input), k);
    assert.equal(input.executionRoleArn, refTd.executionRoleArn);
    assert.equal(input.containerDefinitions![0]!.image, '1.dkr.ecr.us-east-1.amazonaws.com/web:abc');
    assert.deepEqual(input.containerDefinitions![0]!.environment, [
      { name: 'A', value: '1' },
      { name: 'B', value: 'x' },
      { name: 'C', value: 'y' },
    ]);
    assert.deepEqual(input.containerDefinitions![1], refTd.containerDefinitions![1], 'other containers untouched');
    assert.deepEqual(input.tags, [{ key: 'cortado:env', value: 'pr-1' }]);
  });

  const refService: Service = {
    serviceName: 'web',
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    desiredCount: 4,
    healthCheckGracePeriodSeconds: 60,
    enableExecuteCommand: true,
    networkConfiguration: { awsvpcConfiguration: { subnets: ['s-1'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' } },
    loadBalancers: [{ targetGroupArn: 'ref-tg', containerName: 'app', containerPort: 8080 }],
    serviceRegistries: [{ registryArn: 'arn:cloudmap' }],
    deploymentConfiguration: {
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
    },
  };
  const placement = {
    cluster: 'dev',
    name: 'web-pr-1',
    taskDefinitionArn: 'td:1',
    targetGroupArn: 'tg-pr-1',
    container: 'app',
    port: 8080,
    desiredCount: 1,
    tags: { 'cortado:env': 'pr-1' },
  };
  it("keeps the reference's network, capacity and deployment settings on the preview's target group", () => {
    const input = serviceInput(refService, placement);
    assert.equal(input.launchType, 'FARGATE');
    assert.equal(input.platformVersion, 'LATEST');
    assert.deepEqual(input.networkConfiguration, refService.networkConfiguration);
    assert.deepEqual(input.loadBalancers, [{ targetGroupArn: 'tg-pr-1', containerName: 'app', containerPort: 8080 }]);
    assert.equal(input.desiredCount, 1);
    assert.equal(input.healthCheckGracePeriodSeconds, 60);
    assert.deepEqual(input.deploymentConfiguration, {
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    assert.ok(!('serviceRegistries' in input), 'Cloud Map registrations are the reference’s own');
    assert.equal(input.enableExecuteCommand, true);
  });
  it('prefers a capacity provider strategy over the launch type, as ECS takes one or the other', () => {
    const input = serviceInput(
      { ...refService, launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] },
      placement,
    );
    assert.deepEqual(input.capacityProviderStrategy, [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]);
    assert.ok(!('launchType' in input));
  });
});

describe('routing inputs', () => {
  const lb = {
    arn: 'lb',
    dnsName: 'previews-1.us-east-1.elb.amazonaws.com',
    canonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
    ipAddressType: 'ipv4',
  };
  const owner = { app: 'web', env: 'pr-1', updatedAt: new Date(0) };
  it("copies the reference target group's protocol, VPC and health check under the new name", () => {
    const input = targetGroupInput(
      {
        TargetGroupName: 'ref',
        TargetGroupArn: 'x',
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: 'vpc-1',
        TargetType: 'ip',
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 10,
        Matcher: { HttpCode: '200-299' },
        LoadBalancerArns: ['lb'],
      },
      'web-pr-1',
      { k: 'v' },
    );
    assert.deepEqual(input, {
      Name: 'web-pr-1',
      Protocol: 'HTTP',
      Port: 8080,
      VpcId: 'vpc-1',
      TargetType: 'ip',
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 10,
      Matcher: { HttpCode: '200-299' },
      Tags: [{ Key: 'k', Value: 'v' }],
    });
  });
  it('routes exactly the host to the target group', () => {
    const input = ruleInput('listener', 'pr-1.example.com', 'tg', 42, {});
    assert.deepEqual(input.Conditions, [{ Field: 'host-header', HostHeaderConfig: { Values: ['pr-1.example.com'] } }]);
    assert.deepEqual(input.Actions, [{ Type: 'forward', TargetGroupArn: 'tg' }]);
    assert.equal(input.Priority, 42);
  });
  it('aliases the host to the load balancer (AAAA too when dual-stack) beside the ownership TXT record', () => {
    assert.deepEqual(
      recordChanges('pr-1.example.com', lb, owner).map((c) => c.ResourceRecordSet!.Type),
      ['A', 'TXT'],
    );
    assert.deepEqual(
      recordChanges('pr-1.example.com', { ...lb, ipAddressType: 'dualstack' }, owner).map((c) => c.ResourceRecordSet!.Type),
      ['A', 'AAAA', 'TXT'],
    );
    assert.ok(recordChanges('pr-1.example.com', lb, owner).every((c) => c.Action === 'UPSERT'));
  });
  it('knows a current alias whatever its spelling', () => {
    assert.equal(recordCurrent([{ Type: 'A', AliasTarget: { DNSName: 'dualstack.Previews-1.us-east-1.elb.amazonaws.com.' } }], lb), true);
    assert.equal(recordCurrent([{ Type: 'A', AliasTarget: { DNSName: 'other.elb.amazonaws.com.' } }], lb), false);
    assert.equal(recordCurrent([{ Type: 'TXT' }], lb), false);
  });
});
