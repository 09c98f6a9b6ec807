// Table tests of the schedules: section: defaults, every setting, and bad input (exit 2 before any call) naming the job and the field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/core/errors.js';
import { exitCodeOfError } from '../../src/core/exit-codes.js';
import { parseSchedules } from '../../src/schedules/parse-schedules.js';
import { specOf } from './fake-aws.js';

test('a job with only a schedule takes the service task definition and network, UTC, no window, AWS retry defaults', () => {
  const s = specOf({ jobs: { nightly: { schedule: 'cron(0 3 * * ? *)' } } });
  assert.equal(s.group, 'cortado-web');
  assert.equal(s.owner, 'main/web');
  assert.equal(s.history.logGroup, '/aws/events/cortado/cortado-web');
  assert.equal(s.history.retentionDays, 365);
  const j = s.jobs[0]!;
  assert.deepEqual(
    {
      tz: j.timezone,
      td: j.taskDefinition,
      net: j.network,
      retry: j.retry,
      count: j.count,
      enabled: j.enabled,
      window: j.flexibleWindowMinutes,
    },
    {
      tz: 'UTC',
      td: { kind: 'service' },
      net: { kind: 'service' },
      retry: { attempts: 185, maxAgeSeconds: 86400 },
      count: 1,
      enabled: true,
      window: undefined,
    },
  );
});

test('every setting, with defaults: applied to each job and overridden by the job', () => {
  const s = specOf({
    group: 'batch',
    role_arn: 'arn:aws:iam::123456789012:role/sched',
    history: { log_group: '/aws/events/batch', retention_days: 30 },
    notifications: { slack: 'https://hooks.slack.com/x', webhook: ['https://example.com/hook'] },
    defaults: { timezone: 'Asia/Tokyo', retry: { attempts: 2, max_age: '10m' }, tags: { team: 'data' } },
    jobs: {
      report: {
        schedule: 'cron(30 2 * * ? *)',
        description: 'daily report',
        task_definition: 'report:3',
        container: 'app',
        command: ['bin/report', '--yesterday'],
        environment: { LEVEL: 'debug', N: 3 },
        cpu: 1024,
        memory: 2048,
        flexible_window: '15m',
        dead_letter_queue: 'arn:aws:sqs:us-east-1:123456789012:dlq',
        count: 2,
        network_configuration: { awsvpcConfiguration: { subnets: ['subnet-9'], assignPublicIp: 'ENABLED' } },
        launch_type: 'FARGATE',
        tags: { cost: 'batch' },
        enabled: false,
      },
      other: { schedule: 'rate(5 minutes)', timezone: 'Europe/Paris', containers: { sidecar: { command: ['true'] } } },
    },
  });
  assert.equal(s.group, 'batch');
  assert.equal(s.roleArn, 'arn:aws:iam::123456789012:role/sched');
  assert.deepEqual(s.history, { logGroup: '/aws/events/batch', retentionDays: 30 });
  assert.deepEqual(
    s.notify.map((n) => n.kind),
    ['slack', 'webhook'],
  );
  const [report, other] = s.jobs;
  assert.equal(report!.timezone, 'Asia/Tokyo');
  assert.deepEqual(report!.retry, { attempts: 2, maxAgeSeconds: 600 });
  assert.deepEqual(report!.containers, { app: { command: ['bin/report', '--yesterday'], environment: { LEVEL: 'debug', N: '3' } } });
  assert.equal(report!.taskCpu, '1024');
  assert.equal(report!.flexibleWindowMinutes, 15);
  assert.deepEqual(report!.tags, { cost: 'batch' });
  assert.equal(report!.enabled, false);
  assert.equal(report!.network.kind, 'given');
  assert.equal(other!.timezone, 'Europe/Paris');
  assert.deepEqual(other!.tags, { team: 'data' });
  assert.deepEqual(other!.containers, { sidecar: { command: ['true'] } });
});

const bad: readonly [string, unknown, RegExp, string][] = [
  [
    'invalid cron',
    { jobs: { a: { schedule: 'cron(61 3 * * ? *)' } } },
    /schedules\.jobs\.a\.schedule: expected a schedule expression/,
    'schedules.jobs.a.schedule',
  ],
  ['cron with 5 fields', { jobs: { a: { schedule: 'cron(0 3 * * *)' } } }, /schedules\.jobs\.a\.schedule/, 'schedules.jobs.a.schedule'],
  [
    'not an expression',
    { jobs: { a: { schedule: 'every day' } } },
    /cron\(\.\.\.\), rate\(\.\.\.\) or at\(\.\.\.\)/,
    'schedules.jobs.a.schedule',
  ],
  ['missing schedule', { jobs: { a: {} } }, /schedules\.jobs\.a\.schedule/, 'schedules.jobs.a.schedule'],
  [
    'unknown time zone',
    { jobs: { a: { schedule: 'rate(1 hour)', timezone: 'Mars/Olympus' } } },
    /schedules\.jobs\.a\.timezone: expected an IANA time zone/,
    'schedules.jobs.a.timezone',
  ],
  [
    'unknown default time zone',
    { defaults: { timezone: 'Tokio' }, jobs: { a: { schedule: 'rate(1 hour)' } } },
    /schedules\.defaults\.timezone/,
    'schedules.defaults.timezone',
  ],
  [
    'flexible window above 24h',
    { jobs: { a: { schedule: 'rate(1 hour)', flexible_window: '25h' } } },
    /schedules\.jobs\.a\.flexible_window/,
    'schedules.jobs.a.flexible_window',
  ],
  [
    'flexible window below 1m',
    { jobs: { a: { schedule: 'rate(1 hour)', flexible_window: '30s' } } },
    /schedules\.jobs\.a\.flexible_window/,
    'schedules.jobs.a.flexible_window',
  ],
  [
    'flexible window not whole minutes',
    { jobs: { a: { schedule: 'rate(1 hour)', flexible_window: '90s' } } },
    /whole minutes/,
    'schedules.jobs.a.flexible_window',
  ],
  [
    'retry attempts above 185',
    { jobs: { a: { schedule: 'rate(1 hour)', retry: { attempts: 200 } } } },
    /retry\.attempts/,
    'schedules.jobs.a.retry.attempts',
  ],
  ['count above 10', { jobs: { a: { schedule: 'rate(1 hour)', count: 11 } } }, /schedules\.jobs\.a\.count/, 'schedules.jobs.a.count'],
  ['bad job name', { jobs: { 'a b': { schedule: 'rate(1 hour)' } } }, /a job name of 1 to 64/, 'schedules.jobs.a b'],
  [
    'DLQ not an SQS ARN',
    { jobs: { a: { schedule: 'rate(1 hour)', dead_letter_queue: 'my-queue' } } },
    /an SQS queue ARN/,
    'schedules.jobs.a.dead_letter_queue',
  ],
  ['the default group', { group: 'default', jobs: {} }, /other than default/, 'schedules.group'],
  [
    'retention not a CloudWatch period',
    { history: { retention_days: 10 }, jobs: {} },
    /retention periods/,
    'schedules.history.retention_days',
  ],
  [
    'a notification URL',
    { notifications: { slack: 'nope' }, jobs: {} },
    /schedules\.notifications\.slack\[0\]/,
    'schedules.notifications.slack[0]',
  ],
];

for (const [name, raw, message, field] of bad) {
  test(`bad input: ${name} — exit 2, naming the job and field`, () => {
    assert.throws(
      () => specOf(raw),
      (e: unknown) => {
        assert.ok(e instanceof UsageError, String(e));
        assert.match(e.message, message);
        assert.match(e.message, /^cortado\.yml: /);
        assert.equal(e.field, field);
        assert.equal(exitCodeOfError(e), 2);
        return true;
      },
    );
  });
}

test('a job with no task_definition in a config without a service is bad input naming the job', () => {
  assert.throws(
    () => specOf({ jobs: { cleanup: { schedule: 'rate(1 day)' } } }, null),
    /schedules\.jobs\.cleanup\.task_definition: expected a task definition/,
  );
});

test('unknown keys: a warning with a did-you-mean, an error under --strict', () => {
  const warnings: string[] = [];
  parseSchedules(
    { jobs: { a: { schedule: 'rate(1 hour)', timezon: 'UTC' } } },
    { file: 'c.yml', cluster: 'main', service: 'web', hasServiceTaskDefinition: true, warn: (m) => warnings.push(m) },
  );
  assert.match(warnings[0]!, /schedules\.jobs\.a\.timezon: unknown key, ignored \(did you mean "timezone"\?\)/);
  assert.throws(
    () => parseSchedules({ jobz: {} }, { file: 'c.yml', cluster: 'main', service: 'web', hasServiceTaskDefinition: true, strict: true }),
    /schedules\.jobz: unknown key \(did you mean "jobs"\?\)/,
  );
});

test('one-time and rate expressions, and EventBridge Scheduler singular/plural rate units', () => {
  const s = specOf({
    jobs: { once: { schedule: 'at(2026-12-24T18:00:00)', timezone: 'Europe/Paris' }, r: { schedule: 'rate(1 minutes)' } },
  });
  assert.deepEqual(
    s.jobs.map((j) => j.schedule),
    ['at(2026-12-24T18:00:00)', 'rate(1 minutes)'],
  );
});
