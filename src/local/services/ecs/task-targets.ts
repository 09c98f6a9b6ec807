// A service task's load balancer targets: registered (task IP, container port) in ACTIVATING, drained in DEACTIVATING.
import type { EcsContext } from './ecs-context.js';
import type { TaskRecord } from './ecs-state.js';
import { messages } from './service-events.js';

export interface Registration {
  readonly targetGroupArn: string;
  readonly port: number;
}

export const registrationsOf = (task: TaskRecord): Registration[] =>
  task.loadBalancers.flatMap((lb) =>
    lb.targetGroupArn && lb.containerPort ? [{ targetGroupArn: lb.targetGroupArn, port: lb.containerPort }] : [],
  );

type EventFn = (task: TaskRecord, message: string) => void;

export function registerTargets(ctx: EcsContext, task: TaskRecord, event: EventFn): Registration[] {
  const registry = ctx.env.seams.targets;
  if (!registry || !task.serviceName) return [];
  const done: Registration[] = [];
  for (const r of registrationsOf(task)) {
    try {
      registry.register(r.targetGroupArn, [{ id: task.ip, port: r.port }]);
      done.push(r);
      event(task, messages.registered(task.serviceName, 1, r.targetGroupArn));
    } catch {
      // The target group went away after the service was created; the task then never counts as healthy.
    }
  }
  return done;
}

/** Resolves when every target has finished draining (the target group's deregistration delay). */
export async function deregisterTargets(ctx: EcsContext, task: TaskRecord, regs: readonly Registration[], event: EventFn): Promise<void> {
  const registry = ctx.env.seams.targets;
  if (!registry || !task.serviceName) return;
  const svc = task.serviceName;
  const pending = regs.map((r) => {
    event(task, messages.deregistered(svc, 1, r.targetGroupArn));
    try {
      return registry.deregister(r.targetGroupArn, { id: task.ip, port: r.port }).catch(() => undefined);
    } catch {
      return Promise.resolve();
    }
  });
  event(task, messages.draining(svc, 1));
  await Promise.all(pending);
}
