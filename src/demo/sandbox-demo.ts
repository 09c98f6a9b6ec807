// The interim demo: a service of the demo image with 2 tasks, each task asked what it is (replaced by the canary demo).
import { ECSClient, CreateClusterCommand, RegisterTaskDefinitionCommand, CreateServiceCommand, DescribeServicesCommand, ListTasksCommand, DescribeTasksCommand, DeleteServiceCommand } from '@aws-sdk/client-ecs';
import type { Clock } from '../core/clock.js';
import { TimeoutError } from '../core/errors.js';
import { msg, type IoHost } from '../core/io-host.js';

export interface DemoAnswer {
  readonly taskId: string;
  readonly address: string;
  readonly body: { readonly version?: string; readonly taskId?: string };
}

export async function runSandboxDemo(opts: { endpoint: string; region: string; io: IoHost; clock: Clock; signal: AbortSignal; timeoutMs?: number }): Promise<readonly DemoAnswer[]> {
  const { io, clock, signal } = opts;
  const ecs = new ECSClient({ endpoint: opts.endpoint, region: opts.region, credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' } });
  const cluster = 'cortado-demo';
  try {
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }), { abortSignal: signal });
    const td = await ecs.send(new RegisterTaskDefinitionCommand({
      family: 'demo-app', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512',
      containerDefinitions: [{ name: 'app', image: 'cortado/demo-app:v1', essential: true, portMappings: [{ containerPort: 8080 }] }],
    }), { abortSignal: signal });
    io.notify(msg('info', 'DEMO_REGISTERED', `registered ${td.taskDefinition?.taskDefinitionArn}`));
    await ecs.send(new CreateServiceCommand({
      cluster, serviceName: 'demo', taskDefinition: 'demo-app', desiredCount: 2, launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] } },
    }), { abortSignal: signal });
    io.notify(msg('info', 'DEMO_SERVICE_CREATED', 'created service demo with 2 tasks; waiting for them to run'));
    const deadline = clock.now().getTime() + (opts.timeoutMs ?? 60_000);
    for (;;) {
      const svc = (await ecs.send(new DescribeServicesCommand({ cluster, services: ['demo'] }), { abortSignal: signal })).services?.[0];
      if (svc?.runningCount === 2) break;
      if (clock.now().getTime() > deadline) throw new TimeoutError('service demo reaching 2 running tasks', opts.timeoutMs ?? 60_000);
      await clock.sleep(250, signal);
    }
    const arns = (await ecs.send(new ListTasksCommand({ cluster, serviceName: 'demo', desiredStatus: 'RUNNING' }), { abortSignal: signal })).taskArns ?? [];
    const tasks = (await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns }), { abortSignal: signal })).tasks ?? [];
    const answers: DemoAnswer[] = [];
    for (const task of tasks) {
      const ip = task.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value;
      if (!ip) continue;
      const address = `http://${ip}:8080/`;
      const body = (await (await fetch(address, { signal })).json()) as DemoAnswer['body'];
      const taskId = task.taskArn?.split('/').pop() ?? '';
      answers.push({ taskId, address, body });
      io.notify(msg('info', 'DEMO_TASK_ANSWERED', `task ${taskId} at ${address} answered version ${body.version}`, { taskId, address, body }));
    }
    await ecs.send(new DeleteServiceCommand({ cluster, service: 'demo', force: true }), { abortSignal: signal });
    return answers;
  } finally {
    ecs.destroy();
  }
}
