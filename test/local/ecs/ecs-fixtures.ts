// Shared fixtures for the ECS scenario tests: a sandbox with ECS, demo-image task definitions, polling helpers.
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { liveContainerCount } from '../../../src/local/runtime/index.js';
import { createEcsService } from '../../../src/local/services/ecs/ecs-service.js';
import type { ServiceFactory } from '../../../src/local/services/index.js';
import { awsCli, eventually, withSandbox, type CliResult } from '../../helpers/sandbox.js';

/** Simulated time runs this much faster: ECS's 40 s health rule takes under a second. */
export const SPEED = 50;

export const startEcs = (
  extra: readonly ServiceFactory[] = [],
  options: { stateDir?: string; speed?: number; imageMapPath?: string } = {},
): Promise<Sandbox> => withSandbox({ factories: [...extra, createEcsService], ...options, speed: options.speed ?? SPEED });

/** Closes the sandbox and checks that it left no task process behind. */
export async function closeEcs(sandbox: Sandbox | undefined): Promise<void> {
  await sandbox?.close();
  assert.equal(liveContainerCount(), 0, 'every task process ends with the sandbox');
}

/** A raw JSON-protocol call, for the many polls a scenario makes (each AWS CLI run costs half a second). */
export async function api(sandbox: Sandbox, operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(sandbox.endpoint, {
    method: 'POST',
    headers: { 'x-amz-target': `AmazonEC2ContainerServiceV20141113.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as Record<string, unknown>;
  assert.equal(res.status, 200, `${operation} failed: ${JSON.stringify(body)}`);
  return body;
}

export async function cli(sandbox: Sandbox, args: readonly string[]): Promise<Record<string, unknown>> {
  const r: CliResult = await awsCli(sandbox, args);
  assert.equal(r.code, 0, `aws ${args.join(' ')} failed: ${r.stderr}`);
  return (r.json ?? {}) as Record<string, unknown>;
}

export const NETWORK = 'awsvpcConfiguration={subnets=[subnet-0123456789abcdef0],securityGroups=[sg-0123456789abcdef0]}';

export interface DemoOptions {
  readonly family: string;
  readonly tag?: string;
  readonly image?: string;
  readonly environment?: Record<string, string>;
  readonly healthCheck?: { command: string[]; interval?: number; timeout?: number; retries?: number; startPeriod?: number };
  readonly extra?: Record<string, unknown>;
}

export function demoContainer(o: DemoOptions): Record<string, unknown> {
  return {
    name: 'app',
    image: o.image ?? `cortado/demo-app:${o.tag ?? 'v1'}`,
    essential: true,
    portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
    environment: Object.entries(o.environment ?? {}).map(([name, value]) => ({ name, value })),
    ...(o.healthCheck ? { healthCheck: o.healthCheck } : {}),
    ...(o.extra ?? {}),
  };
}

/** Registers a Fargate demo-app task definition with the AWS CLI; returns its ARN. */
export async function registerDemo(sandbox: Sandbox, o: DemoOptions, top: readonly string[] = []): Promise<string> {
  const out = await cli(sandbox, [
    'ecs',
    'register-task-definition',
    '--family',
    o.family,
    '--network-mode',
    'awsvpc',
    '--requires-compatibilities',
    'FARGATE',
    '--cpu',
    '256',
    '--memory',
    '512',
    '--container-definitions',
    JSON.stringify([demoContainer(o)]),
    ...top,
  ]);
  return (out.taskDefinition as { taskDefinitionArn: string }).taskDefinitionArn;
}

export interface ServiceView {
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinition: string;
  deployments: Array<{
    id: string;
    status: string;
    rolloutState: string;
    rolloutStateReason: string;
    taskDefinition: string;
    runningCount: number;
    failedTasks: number;
  }>;
  events: Array<{ message: string; createdAt: number }>;
  currentServiceDeployment?: string;
}

export async function describeService(sandbox: Sandbox, cluster: string, service: string): Promise<ServiceView> {
  const out = await api(sandbox, 'DescribeServices', { cluster, services: [service] });
  return (out.services as ServiceView[])[0]!;
}

export interface TaskView {
  taskArn: string;
  lastStatus: string;
  desiredStatus: string;
  stopCode?: string;
  stoppedReason?: string;
  startedBy?: string;
  group?: string;
  healthStatus?: string;
  containers: Array<{ name: string; exitCode?: number; reason?: string; lastStatus: string; healthStatus?: string; runtimeId: string }>;
  attachments: Array<{ details: Array<{ name: string; value: string }> }>;
}

export async function describeTasks(sandbox: Sandbox, cluster: string, arns: readonly string[]): Promise<TaskView[]> {
  if (arns.length === 0) return [];
  const out = await api(sandbox, 'DescribeTasks', { cluster, tasks: arns });
  return out.tasks as TaskView[];
}

export async function listTasks(sandbox: Sandbox, cluster: string, filter: Record<string, string> = {}): Promise<string[]> {
  const out = await api(sandbox, 'ListTasks', { cluster, ...filter });
  return out.taskArns as string[];
}

/** The same through the AWS CLI, e.g. ['--service-name', 'web']. */
export async function listTasksCli(sandbox: Sandbox, cluster: string, extra: readonly string[] = []): Promise<string[]> {
  const out = await cli(sandbox, ['ecs', 'list-tasks', '--cluster', cluster, ...extra]);
  return out.taskArns as string[];
}

export async function describeServiceCli(sandbox: Sandbox, cluster: string, service: string): Promise<ServiceView> {
  const out = await cli(sandbox, ['ecs', 'describe-services', '--cluster', cluster, '--services', service]);
  return (out.services as ServiceView[])[0]!;
}

export const ipOf = (t: TaskView): string => t.attachments[0]!.details.find((d) => d.name === 'privateIPv4Address')!.value;

export const waitFor = <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> =>
  eventually(check, timeoutMs, 100, what);

/** Service events oldest first, as plain messages. */
export const eventLog = (svc: ServiceView): string[] => [...svc.events].reverse().map((e) => e.message);
