// Finds a service's running tasks and their private addresses (ListTasks, DescribeTasks only for tasks not seen before).
import type { Task } from '@aws-sdk/client-ecs';
import type { AutoscaleEcs } from './autoscale-aws.js';
import type { TaskTarget } from './sources/load-source.js';

const BATCH = 100;

/** Pure: a task's private IPv4 (awsvpc ENI, else a container's interface, else a bridge binding) and port. */
export function taskAddress(task: Task, port?: number): { address: string; port?: number } | undefined {
  const eni = task.attachments
    ?.find((a) => a.type === 'ElasticNetworkInterface')
    ?.details?.find((d) => d.name === 'privateIPv4Address')?.value;
  const iface = task.containers?.flatMap((c) => c.networkInterfaces ?? []).find((n) => n.privateIpv4Address)?.privateIpv4Address;
  if (eni ?? iface) return { address: (eni ?? iface)!, ...(port !== undefined ? { port } : {}) };
  const binding = task.containers?.flatMap((c) => c.networkBindings ?? []).find((b) => b.hostPort !== undefined && b.bindIP);
  if (!binding) return undefined;
  const address = binding.bindIP === '0.0.0.0' ? (task.containerInstanceArn ? undefined : '127.0.0.1') : binding.bindIP;
  return address ? { address, port: port ?? binding.hostPort! } : undefined;
}

const idOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** Keeps what DescribeTasks said about each task until it leaves the list, so a steady service costs one ListTasks per poll. */
export function createTaskDiscovery(ecs: Pick<AutoscaleEcs, 'listTasks' | 'describeTasks'>, cluster: string) {
  const byService = new Map<string, Map<string, Task>>();
  return {
    async running(service: string, port: number | undefined, signal: AbortSignal): Promise<TaskTarget[]> {
      const known = byService.get(service) ?? new Map<string, Task>();
      byService.set(service, known);
      const arns: string[] = [];
      let nextToken: string | undefined;
      do {
        const out = await ecs.listTasks(
          { cluster, serviceName: service, desiredStatus: 'RUNNING', ...(nextToken ? { nextToken } : {}) },
          signal,
        );
        arns.push(...(out.taskArns ?? []));
        nextToken = out.nextToken;
      } while (nextToken);
      const listed = new Set(arns);
      for (const arn of known.keys()) if (!listed.has(arn)) known.delete(arn);
      const toDescribe = arns.filter((a) => known.get(a)?.lastStatus !== 'RUNNING');
      for (let i = 0; i < toDescribe.length; i += BATCH) {
        const out = await ecs.describeTasks({ cluster, tasks: toDescribe.slice(i, i + BATCH) }, signal);
        for (const t of out.tasks ?? []) if (t.taskArn) known.set(t.taskArn, t);
      }
      const targets: TaskTarget[] = [];
      for (const arn of arns) {
        const t = known.get(arn);
        if (t?.lastStatus !== 'RUNNING') continue;
        const where = taskAddress(t, port);
        targets.push({
          taskArn: arn,
          taskId: idOf(arn),
          service,
          address: where?.address ?? '',
          ...(where?.port !== undefined ? { port: where.port } : {}),
        });
      }
      return targets;
    },
  };
}
