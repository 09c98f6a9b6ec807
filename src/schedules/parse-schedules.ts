// Pure: the raw `schedules:` mapping into a SchedulesSpec, or a UsageError (exit 2, before any AWS call) naming the file, the job and the field.
import type { NetworkConfiguration } from '@aws-sdk/client-ecs';
import { readNotifications } from '../config/notifications.js';
import { type Raw, type ReadOptions, type SectionReader, sectionReader } from '../config/section-reader.js';
import { isTimeZone, parseScheduleExpression } from './expressions.js';
import { type ContainerChange, DEFAULT_RETRY, type JobNetwork, type JobSpec, type SchedulesSpec } from './job-spec.js';
import { defaultGroupName, defaultLogGroup, NAME_PATTERN, ownerOf } from './managed-names.js';

const SECTION_KEYS = ['group', 'role_arn', 'history', 'notifications', 'defaults', 'jobs'];
const CHANGE_KEYS = ['command', 'environment', 'cpu', 'memory'];
const JOB_KEYS = [
  'schedule',
  'timezone',
  'description',
  'task_definition',
  'container',
  'containers',
  ...CHANGE_KEYS,
  'flexible_window',
  'retry',
  'dead_letter_queue',
  'count',
  'network_configuration',
  'launch_type',
  'capacity_provider_strategy',
  'platform_version',
  'tags',
  'enabled',
];
/** Settings `defaults:` may give every job (what a job sets wins). */
const DEFAULT_KEYS = JOB_KEYS.filter((k) => !['schedule', 'description', 'container', 'containers', ...CHANGE_KEYS].includes(k));
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export interface ScheduleContext extends ReadOptions {
  readonly cluster: string;
  readonly service?: string;
  /** The config renders a task definition (or names a service): jobs may leave task_definition out. */
  readonly hasServiceTaskDefinition: boolean;
}

function strings(r: SectionReader, path: string, v: unknown): string[] {
  return r.list(path, v).map((x, i) => {
    if (typeof x !== 'string') throw r.fail(`${path}[${i}]`, 'a string', x);
    return x;
  });
}

function scalarMap(r: SectionReader, path: string, v: unknown): Record<string, string> {
  const m = r.mapping(path, v);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(m)) {
    if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean')
      throw r.fail(`${path}.${k}`, 'a string, number or boolean', x);
    out[k] = String(x);
  }
  return out;
}

function change(r: SectionReader, path: string, m: Raw): ContainerChange {
  return {
    ...(m.command !== undefined ? { command: strings(r, `${path}.command`, m.command) } : {}),
    ...(m.environment !== undefined ? { environment: scalarMap(r, `${path}.environment`, m.environment) } : {}),
    ...(m.cpu !== undefined ? { cpu: r.num(`${path}.cpu`, m.cpu, { min: 0, integer: true }) } : {}),
    ...(m.memory !== undefined ? { memory: r.num(`${path}.memory`, m.memory, { min: 1, integer: true }) } : {}),
  };
}

/** `container:` + command/environment at the job level, or `containers: {name: {...}}`; cpu/memory at job level size the task. */
function containers(r: SectionReader, path: string, m: Raw): Readonly<Record<string, ContainerChange>> {
  const out: Record<string, ContainerChange> = {};
  if (m.containers !== undefined) {
    const cs = r.mapping(`${path}.containers`, m.containers);
    for (const [name, raw] of Object.entries(cs)) {
      const c = r.mapping(`${path}.containers.${name}`, raw);
      r.keys(`${path}.containers.${name}`, c, CHANGE_KEYS);
      out[name] = change(r, `${path}.containers.${name}`, c);
    }
  }
  const own = change(r, path, { command: m.command, environment: m.environment });
  if (own.command || own.environment) {
    const name = m.container === undefined ? '' : r.str(`${path}.container`, m.container);
    if (out[name]) throw r.fail(`${path}.container`, `a container not also listed under ${path}.containers`, name);
    out[name] = own; // '' = the task definition's first essential container, found when apply reads it
  } else if (m.container !== undefined) r.str(`${path}.container`, m.container);
  return out;
}

function expression(r: SectionReader, path: string, v: unknown): string {
  const text = r.str(path, v).trim();
  const parsed = parseScheduleExpression(text, 'scheduler');
  if (parsed.kind === 'invalid') throw r.fail(path, `a schedule expression cron(...), rate(...) or at(...): ${parsed.reason}`, v);
  return text;
}

function flexibleWindow(r: SectionReader, path: string, v: unknown): number | undefined {
  if (v === undefined || v === 'off' || v === false) return undefined;
  const ms = r.duration(path, v, { min: 60_000, max: 1440 * 60_000 });
  if (ms % 60_000 !== 0) throw r.fail(path, 'whole minutes from 1m to 24h (EventBridge Scheduler counts the window in minutes), or off', v);
  return ms / 60_000;
}

function retry(r: SectionReader, path: string, v: unknown): JobSpec['retry'] {
  if (v === undefined) return DEFAULT_RETRY;
  const m = r.mapping(path, v);
  r.keys(path, m, ['attempts', 'max_age']);
  return {
    attempts:
      m.attempts === undefined ? DEFAULT_RETRY.attempts : r.num(`${path}.attempts`, m.attempts, { min: 0, max: 185, integer: true }),
    maxAgeSeconds:
      m.max_age === undefined
        ? DEFAULT_RETRY.maxAgeSeconds
        : r.duration(`${path}.max_age`, m.max_age, { min: 60_000, max: 86_400_000, bareSeconds: true }) / 1000,
  };
}

function network(r: SectionReader, path: string, m: Raw): JobNetwork {
  const keys = ['network_configuration', 'launch_type', 'capacity_provider_strategy', 'platform_version'];
  if (keys.every((k) => m[k] === undefined)) return { kind: 'service' };
  if (m.launch_type !== undefined && m.capacity_provider_strategy !== undefined)
    throw r.fail(
      `${path}.capacity_provider_strategy`,
      'either launch_type or capacity_provider_strategy, not both (RunTask takes one)',
      m.capacity_provider_strategy,
    );
  let networkConfiguration: NetworkConfiguration | undefined;
  if (m.network_configuration !== undefined) {
    const nc = r.mapping(`${path}.network_configuration`, m.network_configuration);
    r.keys(`${path}.network_configuration`, nc, ['awsvpcConfiguration']);
    const vpc = r.mapping(`${path}.network_configuration.awsvpcConfiguration`, nc.awsvpcConfiguration);
    const at = `${path}.network_configuration.awsvpcConfiguration`;
    r.keys(at, vpc, ['subnets', 'securityGroups', 'assignPublicIp']);
    const subnets = strings(r, `${at}.subnets`, vpc.subnets);
    if (subnets.length === 0 || subnets.length > 16) throw r.fail(`${at}.subnets`, '1 to 16 subnet ids', vpc.subnets);
    const ip = vpc.assignPublicIp;
    if (ip !== undefined && ip !== 'ENABLED' && ip !== 'DISABLED') throw r.fail(`${at}.assignPublicIp`, 'ENABLED or DISABLED', ip);
    networkConfiguration = {
      awsvpcConfiguration: {
        subnets,
        ...(vpc.securityGroups !== undefined ? { securityGroups: strings(r, `${at}.securityGroups`, vpc.securityGroups) } : {}),
        ...(ip !== undefined ? { assignPublicIp: ip } : {}),
      },
    };
  }
  const lt = m.launch_type;
  if (lt !== undefined && !['FARGATE', 'EC2', 'EXTERNAL'].includes(lt as string))
    throw r.fail(`${path}.launch_type`, 'FARGATE, EC2 or EXTERNAL', lt);
  const cps =
    m.capacity_provider_strategy === undefined
      ? undefined
      : r.list(`${path}.capacity_provider_strategy`, m.capacity_provider_strategy).map((x, i) => {
          const at = `${path}.capacity_provider_strategy[${i}]`;
          const c = r.mapping(at, x);
          r.keys(at, c, ['capacityProvider', 'weight', 'base']);
          return {
            capacityProvider: r.str(`${at}.capacityProvider`, c.capacityProvider),
            ...(c.weight !== undefined ? { weight: r.num(`${at}.weight`, c.weight, { min: 0, max: 1000, integer: true }) } : {}),
            ...(c.base !== undefined ? { base: r.num(`${at}.base`, c.base, { min: 0, max: 100000, integer: true }) } : {}),
          };
        });
  return {
    kind: 'given',
    ...(networkConfiguration ? { networkConfiguration } : {}),
    ...(lt !== undefined ? { launchType: lt as string } : {}),
    ...(cps ? { capacityProviderStrategy: cps } : {}),
    ...(m.platform_version !== undefined ? { platformVersion: r.str(`${path}.platform_version`, m.platform_version) } : {}),
  };
}

function job(r: SectionReader, name: string, raw: unknown, defaults: Raw, ctx: ScheduleContext): JobSpec {
  const path = `schedules.jobs.${name}`;
  if (!NAME_PATTERN.test(name) || name.length > 64)
    throw r.fail(path, 'a job name of 1 to 64 letters, digits, "-", "_" or "." (it names the schedule)', name);
  const own = r.mapping(path, raw ?? {});
  r.keys(path, own, JOB_KEYS);
  const m: Raw = { ...defaults, ...own };
  const where = (k: string) => (own[k] === undefined && defaults[k] !== undefined ? `schedules.defaults.${k}` : `${path}.${k}`);
  if (m.schedule === undefined)
    throw r.fail(`${path}.schedule`, 'a schedule expression such as cron(0 3 * * ? *), rate(1 hour) or at(2026-12-24T18:00:00)', undefined);
  const timezone = m.timezone === undefined ? 'UTC' : r.str(where('timezone'), m.timezone);
  if (!isTimeZone(timezone)) throw r.fail(where('timezone'), 'an IANA time zone such as UTC, Europe/Paris or Asia/Tokyo', m.timezone);
  if (m.task_definition === undefined && !ctx.hasServiceTaskDefinition)
    throw r.fail(
      `${path}.task_definition`,
      'a task definition family, family:revision or ARN (the config has no service or task_definition to default to)',
      undefined,
    );
  const cpu = own.cpu === undefined ? undefined : r.num(`${path}.cpu`, own.cpu, { min: 1 });
  const memory = own.memory === undefined ? undefined : r.num(`${path}.memory`, own.memory, { min: 1 });
  const flexible = flexibleWindow(r, where('flexible_window'), m.flexible_window);
  const dlq = m.dead_letter_queue === undefined ? undefined : r.str(where('dead_letter_queue'), m.dead_letter_queue);
  if (dlq !== undefined && !/^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[\w-]+(\.fifo)?$/.test(dlq))
    throw r.fail(where('dead_letter_queue'), 'an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>)', dlq);
  const enabled = m.enabled === undefined ? true : m.enabled;
  if (typeof enabled !== 'boolean') throw r.fail(where('enabled'), 'true or false', enabled);
  return {
    name,
    schedule: expression(r, `${path}.schedule`, m.schedule),
    timezone,
    ...(own.description !== undefined ? { description: r.str(`${path}.description`, own.description) } : {}),
    taskDefinition:
      m.task_definition === undefined ? { kind: 'service' } : { kind: 'named', ref: r.str(where('task_definition'), m.task_definition) },
    containers: containers(r, path, own),
    ...(own.command !== undefined || own.environment !== undefined
      ? { mainContainer: own.container === undefined ? '' : String(own.container) }
      : {}),
    ...(cpu !== undefined ? { taskCpu: String(cpu) } : {}),
    ...(memory !== undefined ? { taskMemory: String(memory) } : {}),
    ...(flexible !== undefined ? { flexibleWindowMinutes: flexible } : {}),
    retry: retry(r, where('retry'), m.retry),
    ...(dlq !== undefined ? { deadLetterQueueArn: dlq } : {}),
    count: m.count === undefined ? 1 : r.num(where('count'), m.count, { min: 1, max: 10, integer: true }),
    network: network(r, path, m),
    tags: m.tags === undefined ? {} : scalarMap(r, where('tags'), m.tags),
    enabled,
  };
}

function history(r: SectionReader, v: unknown, group: string): SchedulesSpec['history'] {
  const m = v === undefined ? {} : r.mapping('schedules.history', v);
  r.keys('schedules.history', m, ['log_group', 'retention_days']);
  const retentionDays =
    m.retention_days === undefined ? 365 : r.num('schedules.history.retention_days', m.retention_days, { integer: true });
  if (!RETENTION_DAYS.includes(retentionDays))
    throw r.fail(
      'schedules.history.retention_days',
      `one of CloudWatch Logs' retention periods (${RETENTION_DAYS.join(', ')})`,
      m.retention_days,
    );
  return {
    logGroup: m.log_group === undefined ? defaultLogGroup(group) : r.str('schedules.history.log_group', m.log_group),
    retentionDays,
  };
}

/** Parses the `schedules:` mapping (file: the config, or the --schedules file). */
export function parseSchedules(v: unknown, ctx: ScheduleContext): SchedulesSpec {
  const r = sectionReader({ ...ctx, code: 'SCHEDULE_CONFIG', hint: 'see docs/schedules.md for every setting' });
  const raw = r.mapping('schedules', v);
  r.keys('schedules', raw, SECTION_KEYS);
  const group = raw.group === undefined ? defaultGroupName(ctx.cluster, ctx.service) : r.str('schedules.group', raw.group);
  if (!NAME_PATTERN.test(group) || group.length > 64 || group === 'default')
    throw r.fail('schedules.group', 'a schedule group name of 1 to 64 letters, digits, "-", "_" or "." other than default', raw.group);
  const roleArn = raw.role_arn === undefined ? undefined : r.str('schedules.role_arn', raw.role_arn);
  if (roleArn !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(roleArn))
    throw r.fail('schedules.role_arn', 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)', roleArn);
  const defaults = raw.defaults === undefined ? {} : r.mapping('schedules.defaults', raw.defaults);
  r.keys('schedules.defaults', defaults, DEFAULT_KEYS);
  const jobsRaw = raw.jobs === undefined ? {} : r.mapping('schedules.jobs', raw.jobs);
  return {
    group,
    owner: ownerOf(ctx.cluster, ctx.service, group),
    ...(roleArn !== undefined ? { roleArn } : {}),
    history: history(r, raw.history, group),
    notify: readNotifications(r, 'schedules.notifications', raw.notifications),
    jobs: Object.entries(jobsRaw).map(([name, j]) => job(r, name, j, defaults, ctx)),
    file: ctx.file ?? 'schedules',
  };
}
