import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/local/index.js';
import { createLogsService } from '../../../src/local/services/logs/logs-service.js';
import { createSsmService } from '../../../src/local/services/ssm/ssm-service.js';
import { awsCli, boto3 } from '../../helpers/sandbox.js';
import { cli, closeEcs, describeTasks, NETWORK, registerDemo, startEcs, waitFor, type TaskView } from './ecs-fixtures.js';

const CLUSTER = 'tasks';
const EXEC_ROLE = ['--execution-role-arn', 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole'];

async function runTask(sandbox: Sandbox, td: string, extra: readonly string[] = []): Promise<TaskView> {
  const out = await cli(sandbox, [
    'ecs',
    'run-task',
    '--cluster',
    CLUSTER,
    '--task-definition',
    td,
    '--launch-type',
    'FARGATE',
    '--network-configuration',
    NETWORK,
    ...extra,
  ]);
  return (out.tasks as TaskView[])[0]!;
}

const until = (sandbox: Sandbox, arn: string, status: string) =>
  waitFor(`task ${status}`, async () => {
    const [t] = await describeTasks(sandbox, CLUSTER, [arn]);
    return t?.lastStatus === status ? t : undefined;
  });

async function logLines(sandbox: Sandbox, group: string, stream: string): Promise<string[]> {
  const out = await cli(sandbox, ['logs', 'get-log-events', '--log-group-name', group, '--log-stream-name', stream, '--start-from-head']);
  return (out.events as Array<{ message: string }>).map((e) => e.message);
}

describe('ECS tasks as local processes', () => {
  let sandbox: Sandbox;
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cortado-ecs-'));
    const map = join(dir, 'images.json');
    writeFileSync(
      map,
      JSON.stringify({
        images: {
          'local/env-echo': {
            command: ['/bin/sh', '-c', 'echo "SECRET=$DB_PASSWORD"; echo "META=$ECS_CONTAINER_METADATA_URI_V4"; exec sleep 60'],
          },
          'local/stubborn': { command: ['/bin/sh', '-c', 'trap "" TERM; echo ready; while true; do sleep 1; done'] },
        },
      }),
    );
    sandbox = await startEcs([createLogsService, createSsmService], { imageMapPath: map });
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
  });
  after(async () => {
    await closeEcs(sandbox);
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops a task whose essential container exits (EXIT_CODE), with exitCode and EssentialContainerExited (boto3 tasks_stopped)', async () => {
    const td = await registerDemo(sandbox, { family: 'exiter' });
    const task = await runTask(sandbox, td, [
      '--overrides',
      JSON.stringify({ containerOverrides: [{ name: 'app', environment: [{ name: 'EXIT_CODE', value: '3' }] }] }),
    ]);
    assert.equal(task.lastStatus, 'PROVISIONING');
    assert.equal(task.desiredStatus, 'RUNNING');
    assert.equal(task.group, 'family:exiter');
    const r = await boto3(
      sandbox,
      `c=boto3.client('ecs',endpoint_url=endpoint,region_name=region)
c.get_waiter('tasks_stopped').wait(cluster='${CLUSTER}',tasks=['${task.taskArn}'],WaiterConfig={'Delay':1,'MaxAttempts':60})
t=c.describe_tasks(cluster='${CLUSTER}',tasks=['${task.taskArn}'])['tasks'][0]
print(json.dumps({'stopCode':t['stopCode'],'reason':t['stoppedReason'],'exit':t['containers'][0]['exitCode'],'stoppedAt':'stoppedAt' in t,'exec':'executionStoppedAt' in t}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      stopCode: 'EssentialContainerExited',
      reason: 'Essential container in task exited',
      exit: 3,
      stoppedAt: true,
      exec: true,
    });
  });

  it('stops a task whose image cannot be resolved with TaskFailedToStart and the CannotPullContainerError text', async () => {
    const td = await registerDemo(sandbox, { family: 'nopull', image: 'public.ecr.aws/nobody/nothing:1' });
    const task = await until(sandbox, (await runTask(sandbox, td)).taskArn, 'STOPPED');
    assert.equal(task.stopCode, 'TaskFailedToStart');
    const text =
      'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref public.ecr.aws/nobody/nothing:1: public.ecr.aws/nobody/nothing:1: not found';
    assert.equal(task.stoppedReason, text);
    assert.equal(task.containers[0]!.reason, text);
  });

  it('fails to start when the awslogs group is missing, and creates it with awslogs-create-group; streams are <prefix>/<container>/<taskId>', async () => {
    const logs = (create: boolean) => ({
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': `/ecs/app-${String(create)}`,
          'awslogs-region': 'us-east-1',
          'awslogs-stream-prefix': 'web',
          ...(create ? { 'awslogs-create-group': 'true' } : {}),
        },
      },
    });
    const missing = await registerDemo(sandbox, { family: 'logs-missing', extra: logs(false) }, EXEC_ROLE);
    const failed = await until(sandbox, (await runTask(sandbox, missing)).taskArn, 'STOPPED');
    assert.equal(failed.stopCode, 'TaskFailedToStart');
    assert.match(
      failed.stoppedReason!,
      /^ResourceInitializationError: failed to validate logger args: .*ResourceNotFoundException: The specified log group does not exist\./,
    );
    const created = await registerDemo(sandbox, { family: 'logs-create', extra: logs(true) }, EXEC_ROLE);
    const t = await until(sandbox, (await runTask(sandbox, created)).taskArn, 'RUNNING');
    const id = t.taskArn.split('/').pop()!;
    const lines = await waitFor('the listening line', async () => {
      const ls = await logLines(sandbox, '/ecs/app-true', `web/app/${id}`);
      return ls.some((l) => l.startsWith('demo-app')) ? ls : undefined;
    });
    assert.ok(
      lines.some((l) => l.includes(`listening on ${t.attachments[0]!.details.find((d) => d.name === 'privateIPv4Address')!.value}:8080`)),
      lines.join('\n'),
    );
    await cli(sandbox, ['ecs', 'stop-task', '--cluster', CLUSTER, '--task', t.taskArn]);
  });

  it('resolves secrets through SSM into the environment, serves the v4 metadata endpoint, and fails on an unknown parameter', async () => {
    await cli(sandbox, ['ssm', 'put-parameter', '--name', '/app/db-password', '--type', 'SecureString', '--value', 's3cr3t']);
    const container = (valueFrom: string) =>
      JSON.stringify([
        {
          name: 'echo',
          image: 'local/env-echo',
          essential: true,
          secrets: [{ name: 'DB_PASSWORD', valueFrom }],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': '/ecs/echo',
              'awslogs-region': 'us-east-1',
              'awslogs-stream-prefix': 'p',
              'awslogs-create-group': 'true',
            },
          },
        },
      ]);
    const register = async (family: string, valueFrom: string) =>
      (
        await cli(sandbox, [
          'ecs',
          'register-task-definition',
          '--family',
          family,
          '--network-mode',
          'awsvpc',
          '--requires-compatibilities',
          'FARGATE',
          '--cpu',
          '256',
          '--memory',
          '512',
          ...EXEC_ROLE,
          '--container-definitions',
          container(valueFrom),
        ])
      ).taskDefinition as { taskDefinitionArn: string };
    const ok = await register('echo', '/app/db-password');
    const t = await until(sandbox, (await runTask(sandbox, ok.taskDefinitionArn)).taskArn, 'RUNNING');
    const id = t.taskArn.split('/').pop()!;
    const lines = await waitFor('echo output', async () => {
      const ls = await logLines(sandbox, '/ecs/echo', `p/echo/${id}`);
      return ls.length >= 2 ? ls : undefined;
    });
    assert.equal(lines[0], 'SECRET=s3cr3t');
    const meta = lines[1]!.replace(/^META=/, '');
    assert.equal(meta, `${sandbox.endpoint}/_cortado/ecs/metadata/${t.containers[0]!.runtimeId}`);
    const md = (await (await fetch(`${meta}/task`)).json()) as {
      TaskARN: string;
      Family: string;
      Containers: Array<{ Name: string; Networks: Array<{ IPv4Addresses: string[] }> }>;
    };
    assert.equal(md.TaskARN, t.taskArn);
    assert.equal(md.Family, 'echo');
    assert.equal(md.Containers[0]!.Name, 'echo');
    const container0 = (await (await fetch(meta)).json()) as { Name: string; KnownStatus: string };
    assert.deepEqual([container0.Name, container0.KnownStatus], ['echo', 'RUNNING']);
    await cli(sandbox, ['ecs', 'stop-task', '--cluster', CLUSTER, '--task', t.taskArn]);

    const bad = await register('echo-bad', '/app/missing');
    const failed = await until(sandbox, (await runTask(sandbox, bad.taskDefinitionArn)).taskArn, 'STOPPED');
    assert.equal(failed.stopCode, 'TaskFailedToStart');
    assert.match(
      failed.stoppedReason!,
      /^ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from ssm: .*\/app\/missing/,
    );
  });

  it('runs container health checks (localhost is the task address): HEALTHY container and task', async () => {
    const td = await registerDemo(sandbox, {
      family: 'hc',
      healthCheck: { command: ['CMD-SHELL', 'curl -fsS http://localhost:8080/health || exit 1'], interval: 5, retries: 2 },
    });
    const { taskArn } = await runTask(sandbox, td);
    const t = await waitFor('HEALTHY', async () => {
      const [x] = await describeTasks(sandbox, CLUSTER, [taskArn]);
      return x?.healthStatus === 'HEALTHY' ? x : undefined;
    });
    assert.equal(t.containers[0]!.healthStatus, 'HEALTHY');
    await cli(sandbox, ['ecs', 'stop-task', '--cluster', CLUSTER, '--task', taskArn]);
  });

  it('sends SIGTERM, then SIGKILL after stopTimeout to a container that ignores SIGTERM (exit code 137)', async () => {
    const out = await cli(sandbox, [
      'ecs',
      'register-task-definition',
      '--family',
      'stubborn',
      '--network-mode',
      'awsvpc',
      '--requires-compatibilities',
      'FARGATE',
      '--cpu',
      '256',
      '--memory',
      '512',
      '--container-definitions',
      JSON.stringify([{ name: 'app', image: 'local/stubborn', essential: true, stopTimeout: 5 }]),
    ]);
    const td = (out.taskDefinition as { taskDefinitionArn: string }).taskDefinitionArn;
    const t = await until(sandbox, (await runTask(sandbox, td)).taskArn, 'RUNNING');
    await cli(sandbox, ['ecs', 'stop-task', '--cluster', CLUSTER, '--task', t.taskArn]);
    const stopped = await until(sandbox, t.taskArn, 'STOPPED');
    assert.equal(stopped.stopCode, 'UserInitiated');
    assert.equal(stopped.stoppedReason, 'Task stopped by user');
    assert.equal(stopped.containers[0]!.exitCode, 137);
  });

  it('answers ExecuteCommand for a task without execute command as ECS does (boto3)', async () => {
    const td = await registerDemo(sandbox, { family: 'noexec' });
    const t = await runTask(sandbox, td);
    // The AWS CLI wants the Session Manager plugin before it sends anything, so boto3 makes the call.
    const r = await boto3(
      sandbox,
      `c=boto3.client('ecs',endpoint_url=endpoint,region_name=region)
try:
  c.execute_command(cluster='${CLUSTER}',task='${t.taskArn}',command='ls',interactive=True)
  print(json.dumps({'code':'none'}))
except c.exceptions.InvalidParameterException as e:
  print(json.dumps({'code':e.response['Error']['Code'],'message':e.response['Error']['Message']}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      code: 'InvalidParameterException',
      message:
        "The execute command failed because execute command was not enabled when the task was run or the execute command agent isn't running. Wait and try the command again or run a new task with execute command enabled and try again.",
    });
    await cli(sandbox, ['ecs', 'stop-task', '--cluster', CLUSTER, '--task', t.taskArn]);
  });

  it('answers an SSM port-forwarding session to a task as for a target without a running agent (boto3)', async () => {
    const td = await registerDemo(sandbox, { family: 'portfwd' });
    const t = await runTask(sandbox, td);
    const target = `ecs:${CLUSTER}_${t.taskArn.split('/').pop()}_runtime`;
    const r = await boto3(
      sandbox,
      `c=boto3.client('ssm',endpoint_url=endpoint,region_name=region)
try:
  c.start_session(Target='${target}',DocumentName='AWS-StartPortForwardingSession',Parameters={'portNumber':['8080'],'localPortNumber':['0']})
  print(json.dumps({'code':'none'}))
except c.exceptions.TargetNotConnected as e:
  print(json.dumps({'code':e.response['Error']['Code'],'message':e.response['Error']['Message']}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, { code: 'TargetNotConnected', message: `${target} is not connected.` });
    await cli(sandbox, ['ecs', 'stop-task', '--cluster', CLUSTER, '--task', t.taskArn]);
  });

  it('reports unknown tasks as MISSING failures and rejects a container override for no container', async () => {
    const d = await cli(sandbox, ['ecs', 'describe-tasks', '--cluster', CLUSTER, '--tasks', '0123456789abcdef0123456789abcdef']);
    assert.deepEqual(d.failures, [
      { arn: `arn:aws:ecs:us-east-1:000000000000:task/${CLUSTER}/0123456789abcdef0123456789abcdef`, reason: 'MISSING' },
    ]);
    const td = await registerDemo(sandbox, { family: 'override' });
    const r = await awsCli(sandbox, [
      'ecs',
      'run-task',
      '--cluster',
      CLUSTER,
      '--task-definition',
      td,
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
      '--overrides',
      JSON.stringify({ containerOverrides: [{ name: 'ghost' }] }),
    ]);
    assert.match(r.stderr, /InvalidParameterException.*Override for container named ghost is not a container in the TaskDefinition\./);
    const noNet = await awsCli(sandbox, ['ecs', 'run-task', '--cluster', CLUSTER, '--task-definition', td, '--launch-type', 'FARGATE']);
    assert.match(noNet.stderr, /Network Configuration must be provided when networkMode 'awsvpc' is specified\./);
  });
});
