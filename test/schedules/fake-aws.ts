// An in-memory stand-in for the calls the schedule library makes (Scheduler, EventBridge, IAM, Logs, ECS): enough state to
// plan and apply twice, prune, and to see every call made.
import type { AwsClients } from '../../src/aws/aws-clients.js';
import { AwsCallError } from '../../src/core/errors.js';
import type { Clock } from '../../src/core/clock.js';
import type { IoHost, IoMessage } from '../../src/core/io-host.js';
import type { JobSpec, SchedulesSpec } from '../../src/schedules/job-spec.js';
import { parseSchedules } from '../../src/schedules/parse-schedules.js';
import type { SchedulesDeps } from '../../src/schedules/schedules-deps.js';

type Obj = Record<string, unknown>;

export const ACCOUNT = '123456789012';
export const CLUSTER_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/main`;
const tdArn = (family: string, rev: number) => `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/${family}:${rev}`;

const notFound = (op: string, code = 'ResourceNotFoundException') => new AwsCallError(op, code, `${op}: not found`);

export interface FakeAws {
  readonly aws: AwsClients;
  readonly calls: string[];
  readonly schedules: Map<string, Obj>; // `${group}/${name}`
  readonly groups: Map<string, { arn: string; tags: { Key: string; Value: string }[] }>;
  readonly roles: Map<string, { arn: string; policies: Map<string, string> }>;
  readonly rules: Map<string, { pattern: string; state: string; targets: Obj[] }>;
  readonly logGroups: Map<string, { retention?: number; events: { timestamp: number; message: string }[] }>;
  readonly tasks: Obj[];
}

export function fakeAws(): FakeAws {
  const calls: string[] = [];
  const schedules = new Map<string, Obj>();
  const groups = new Map<string, { arn: string; tags: { Key: string; Value: string }[] }>();
  const roles = new Map<string, { arn: string; policies: Map<string, string> }>();
  const rules = new Map<string, { pattern: string; state: string; targets: Obj[] }>();
  const logGroups = new Map<string, { retention?: number; events: { timestamp: number; message: string }[] }>();
  const tasks: Obj[] = [];
  const taskDefs = new Map<string, Obj>([
    [
      'app',
      {
        family: 'app',
        revision: 7,
        taskDefinitionArn: tdArn('app', 7),
        status: 'ACTIVE',
        networkMode: 'awsvpc',
        taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/app-task`,
        executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/app-exec`,
        containerDefinitions: [
          {
            name: 'app',
            essential: true,
            logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/app', 'awslogs-stream-prefix': 'ecs' } },
          },
          { name: 'sidecar', essential: false },
        ],
      },
    ],
  ]);
  const rec = (service: string, op: string) => calls.push(`${service}:${op}`);
  const tdOf = (ref: string) => {
    const family = ref.replace(/^.*task-definition\//, '').replace(/:\d+$/, '');
    const td = taskDefs.get(family);
    if (!td) throw new AwsCallError('DescribeTaskDefinition', 'ClientException', 'Unable to describe task definition.');
    return td;
  };
  const scheduler = {
    getScheduleGroup: async (i: Obj) => {
      rec('scheduler', 'GetScheduleGroup');
      const g = groups.get(i.Name as string);
      if (!g) throw notFound('GetScheduleGroup');
      return { Name: i.Name, Arn: g.arn, State: 'ACTIVE' };
    },
    createScheduleGroup: async (i: Obj) => {
      rec('scheduler', 'CreateScheduleGroup');
      if (groups.has(i.Name as string)) throw new AwsCallError('CreateScheduleGroup', 'ConflictException', 'exists');
      const arn = `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule-group/${i.Name}`;
      groups.set(i.Name as string, { arn, tags: (i.Tags as { Key: string; Value: string }[]) ?? [] });
      return { ScheduleGroupArn: arn };
    },
    listTagsForResource: async (i: Obj) => {
      rec('scheduler', 'ListTagsForResource');
      return { Tags: [...groups.values()].find((g) => g.arn === i.ResourceArn)?.tags ?? [] };
    },
    tagResource: async () => rec('scheduler', 'TagResource'),
    listSchedules: async (i: Obj) => {
      rec('scheduler', 'ListSchedules');
      return {
        Schedules: [...schedules.entries()]
          .filter(([k]) => k.startsWith(`${i.GroupName}/`))
          .map(([, s]) => ({ Name: s.Name, GroupName: s.GroupName })),
      };
    },
    getSchedule: async (i: Obj) => {
      rec('scheduler', 'GetSchedule');
      const s = schedules.get(`${i.GroupName}/${i.Name}`);
      if (!s) throw notFound('GetSchedule');
      return structuredClone(s);
    },
    createSchedule: async (i: Obj) => {
      rec('scheduler', 'CreateSchedule');
      const k = `${i.GroupName}/${i.Name}`;
      if (schedules.has(k)) throw new AwsCallError('CreateSchedule', 'ConflictException', 'exists');
      schedules.set(k, { ...structuredClone(i), CreationDate: new Date('2026-12-01T00:00:00Z') });
      return {};
    },
    updateSchedule: async (i: Obj) => {
      rec('scheduler', 'UpdateSchedule');
      const k = `${i.GroupName}/${i.Name}`;
      if (!schedules.has(k)) throw notFound('UpdateSchedule');
      schedules.set(k, { ...structuredClone(i), CreationDate: schedules.get(k)!.CreationDate });
      return {};
    },
    deleteSchedule: async (i: Obj) => {
      rec('scheduler', 'DeleteSchedule');
      if (!schedules.delete(`${i.GroupName}/${i.Name}`)) throw notFound('DeleteSchedule');
      return {};
    },
  };
  const iam = {
    getRole: async (i: Obj) => {
      rec('iam', 'GetRole');
      const r = roles.get(i.RoleName as string);
      if (!r) throw notFound('GetRole', 'NoSuchEntity');
      return { Role: { Arn: r.arn } };
    },
    createRole: async (i: Obj) => {
      rec('iam', 'CreateRole');
      const arn = `arn:aws:iam::${ACCOUNT}:role/${i.RoleName}`;
      roles.set(i.RoleName as string, { arn, policies: new Map() });
      return { Role: { Arn: arn } };
    },
    getRolePolicy: async (i: Obj) => {
      rec('iam', 'GetRolePolicy');
      const p = roles.get(i.RoleName as string)?.policies.get(i.PolicyName as string);
      if (p === undefined) throw notFound('GetRolePolicy', 'NoSuchEntity');
      return { PolicyDocument: encodeURIComponent(p) };
    },
    putRolePolicy: async (i: Obj) => {
      rec('iam', 'PutRolePolicy');
      roles.get(i.RoleName as string)!.policies.set(i.PolicyName as string, i.PolicyDocument as string);
      return {};
    },
  };
  const resourcePolicies = new Map<string, string>();
  const logs = {
    describeLogGroups: async (i: Obj) => {
      rec('logs', 'DescribeLogGroups');
      return {
        logGroups: [...logGroups.entries()]
          .filter(([n]) => n.startsWith(i.logGroupNamePrefix as string))
          .map(([n, g]) => ({ logGroupName: n, ...(g.retention ? { retentionInDays: g.retention } : {}) })),
      };
    },
    createLogGroup: async (i: Obj) => {
      rec('logs', 'CreateLogGroup');
      logGroups.set(i.logGroupName as string, { events: [] });
      return {};
    },
    describeResourcePolicies: async () => {
      rec('logs', 'DescribeResourcePolicies');
      return { resourcePolicies: [...resourcePolicies.entries()].map(([policyName, policyDocument]) => ({ policyName, policyDocument })) };
    },
    putResourcePolicy: async (i: Obj) => {
      rec('logs', 'PutResourcePolicy');
      resourcePolicies.set(i.policyName as string, i.policyDocument as string);
      return {};
    },
    putRetentionPolicy: async (i: Obj) => {
      rec('logs', 'PutRetentionPolicy');
      logGroups.get(i.logGroupName as string)!.retention = i.retentionInDays as number;
      return {};
    },
    filterLogEvents: async (i: Obj) => {
      rec('logs', 'FilterLogEvents');
      const g = logGroups.get(i.logGroupName as string);
      if (!g) throw notFound('FilterLogEvents');
      const term = JSON.parse(i.filterPattern as string) as string;
      return { events: g.events.filter((e) => e.timestamp >= (i.startTime as number) && e.message.includes(term)) };
    },
    getLogEvents: async (i: Obj) => {
      rec('logs', 'GetLogEvents');
      const g = logGroups.get(`${i.logGroupName}#${i.logStreamName}`);
      if (!g) throw notFound('GetLogEvents');
      return { events: g.events };
    },
  };
  const events = {
    describeRule: async (i: Obj) => {
      rec('events', 'DescribeRule');
      const r = rules.get(i.Name as string);
      if (!r) throw notFound('DescribeRule');
      return { Name: i.Name, EventPattern: r.pattern, State: r.state };
    },
    putRule: async (i: Obj) => {
      rec('events', 'PutRule');
      rules.set(i.Name as string, {
        pattern: i.EventPattern as string,
        state: i.State as string,
        targets: rules.get(i.Name as string)?.targets ?? [],
      });
      return {};
    },
    listTargetsByRule: async (i: Obj) => {
      rec('events', 'ListTargetsByRule');
      const r = rules.get(i.Rule as string);
      if (!r) throw notFound('ListTargetsByRule');
      return { Targets: r.targets };
    },
    putTargets: async (i: Obj) => {
      rec('events', 'PutTargets');
      const r = rules.get(i.Rule as string)!;
      for (const t of i.Targets as Obj[]) r.targets = [...r.targets.filter((x) => x.Id !== t.Id), t];
      return { FailedEntryCount: 0 };
    },
    listRules: async () => {
      rec('events', 'ListRules');
      return { Rules: [] };
    },
  };
  const ecs = {
    describeClusters: async () => {
      rec('ecs', 'DescribeClusters');
      return { clusters: [{ clusterArn: CLUSTER_ARN, status: 'ACTIVE' }] };
    },
    describeServices: async () => {
      rec('ecs', 'DescribeServices');
      return {
        services: [
          {
            serviceName: 'web',
            status: 'ACTIVE',
            taskDefinition: tdArn('app', 7),
            launchType: 'FARGATE',
            platformVersion: 'LATEST',
            networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' } },
          },
        ],
      };
    },
    describeTaskDefinition: async (i: Obj) => {
      rec('ecs', 'DescribeTaskDefinition');
      return { taskDefinition: tdOf(i.taskDefinition as string) };
    },
    listTasks: async (i: Obj) => {
      rec('ecs', 'ListTasks');
      return { taskArns: tasks.filter((t) => (i.desiredStatus === 'STOPPED') === (t.lastStatus === 'STOPPED')).map((t) => t.taskArn) };
    },
    describeTasks: async (i: Obj) => {
      rec('ecs', 'DescribeTasks');
      return { tasks: tasks.filter((t) => (i.tasks as string[]).includes(t.taskArn as string)) };
    },
    runTask: async (i: Obj) => {
      rec('ecs', 'RunTask');
      const taskArn = `arn:aws:ecs:us-east-1:${ACCOUNT}:task/main/${'t'.repeat(20)}${tasks.length}`;
      tasks.push({ ...i, taskArn, lastStatus: 'STOPPED', taskDefinitionArn: i.taskDefinition, containers: [{ name: 'app', exitCode: 0 }] });
      return { tasks: [{ taskArn }] };
    },
  };
  const aws = {
    settings: { region: 'us-east-1' },
    scheduler: async () => scheduler,
    iam: async () => iam,
    logs: async () => logs,
    events: async () => events,
    ecs: async () => ecs,
  } as unknown as AwsClients;
  return { aws, calls, schedules, groups, roles, rules, logGroups, tasks };
}

export const instantClock = (now = new Date('2026-12-06T00:00:00Z')): Clock => ({ now: () => now, sleep: async () => {} });

export function recordingHost(): IoHost & { readonly messages: IoMessage[] } {
  const messages: IoMessage[] = [];
  return { messages, notify: (m: IoMessage) => void messages.push(m) } as unknown as IoHost & { messages: IoMessage[] };
}

/** A parsed `schedules:` section with the test's defaults (cluster main, service web). */
export function specOf(raw: unknown, service: string | null = 'web'): SchedulesSpec {
  return parseSchedules(raw, {
    file: 'cortado.yml',
    cluster: 'main',
    ...(service ? { service } : {}),
    hasServiceTaskDefinition: service !== null,
  });
}

export function depsOf(fake: FakeAws, spec: SchedulesSpec, io = recordingHost()): SchedulesDeps {
  return {
    aws: fake.aws,
    io,
    clock: instantClock(),
    signal: new AbortController().signal,
    cluster: 'main',
    service: 'web',
    spec,
    timeoutMs: 60_000,
    pollIntervalMs: 1,
  };
}

export type { JobSpec };
