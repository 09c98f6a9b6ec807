// RunTask, StopTask, DescribeTasks, ListTasks and ExecuteCommand.
import { AwsError } from '../../aws-error.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { type EcsContext, findCluster, findService, runnableTaskDefinition, tasksOfCluster } from './ecs-context.js';
import { badMaxResults, badNextToken, invalidParameter } from './ecs-errors.js';
import { taskArn, taskDefinitionRefOf, taskRefOf } from './ecs-names.js';
import type { Json, TaskRecord } from './ecs-state.js';
import { checkTagCount, readTags } from './ecs-tags.js';
import { checkLaunchType, checkNetworkConfiguration, checkOverrides, checkStartedBy } from './service-config.js';
import { stopReasons } from './service-events.js';
import { newTaskRecord } from './task-factory.js';
import { taskView } from './task-views.js';
import { placeTask, taskNeeds } from './task-placement.js';
import { placedNeeds } from './container-instance-handlers.js';
import { nextProvider, resolveLaunch, strategyItems } from './capacity-strategy.js';

const MAX_RUN = 10;
const MAX_DESCRIBE = 100;
const NOT_ENABLED =
  "The execute command failed because execute command was not enabled when the task was run or the execute command agent isn't running. Wait and try the command again or run a new task with execute command enabled and try again.";

function findTask(ctx: EcsContext, cluster: string, ref: string): TaskRecord | undefined {
  const { cluster: fromArn, id } = taskRefOf(ref);
  const t = ctx.state.tasks[id];
  if (!t || t.clusterName !== cluster || (fromArn !== undefined && fromArn !== cluster) || !ctx.visible(t)) return undefined;
  return t;
}

export function taskHandlers(ctx: EcsContext): Record<string, Handler> {
  return {
    RunTask: (input) => {
      const cluster = findCluster(ctx, input.cluster);
      const td = runnableTaskDefinition(ctx, String(input.taskDefinition));
      const count = typeof input.count === 'number' ? input.count : 1;
      if (count < 1 || count > MAX_RUN) throw invalidParameter(`count must be between 1 and ${MAX_RUN}.`);
      const launch = resolveLaunch(input.launchType, input.capacityProviderStrategy, cluster);
      const launchType = launch.launchType;
      checkLaunchType(td, launchType);
      const nc = input.networkConfiguration as Json | undefined;
      checkNetworkConfiguration(td, nc, launchType, ctx.env.seams.network);
      checkStartedBy(input.startedBy);
      const overrides = (input.overrides as Json | undefined) ?? {};
      checkOverrides(td, overrides);
      const tags = [...readTags(input.tags), ...(input.propagateTags === 'TASK_DEFINITION' ? td.tags : [])];
      checkTagCount(tags);

      const tasks: Json[] = [];
      const failures: Json[] = [];
      const group = (input.group as string | undefined) ?? `family:${td.family}`;
      const need = taskNeeds(td, overrides);
      const items = launch.strategy ? strategyItems(launch.strategy) : undefined;
      const perProvider: Record<string, number> = {};
      for (let i = 0; i < count; i++) {
        const provider = items ? nextProvider(items, perProvider) : undefined;
        if (provider !== undefined) perProvider[provider] = (perProvider[provider] ?? 0) + 1;
        const placement =
          launchType === 'EC2'
            ? placeTask(ctx, cluster.name, group, need, placedNeeds(ctx), input.placementStrategy as Json[] | undefined)
            : undefined;
        if (placement?.kind === 'failed') {
          failures.push(...placement.failures);
          continue;
        }
        let ip: string;
        try {
          ip = ctx.engine.allocateAddress();
        } catch (e) {
          failures.push({ reason: 'RESOURCE:ENI', detail: e instanceof Error ? e.message : String(e) });
          continue;
        }
        const task = newTaskRecord(
          ctx,
          {
            cluster: cluster.name,
            taskDefinition: td,
            launchType,
            overrides: { containerOverrides: [], inferenceAcceleratorOverrides: [], ...overrides },
            group,
            ...(placement ? { containerInstanceArn: placement.arn } : {}),
            ...(provider !== undefined ? { capacityProviderName: provider } : {}),
            loadBalancers: [],
            tags,
            enableExecuteCommand: input.enableExecuteCommand === true,
            ...(typeof input.startedBy === 'string' ? { startedBy: input.startedBy } : {}),
            ...(typeof input.platformVersion === 'string' ? { platformVersion: input.platformVersion } : {}),
            ...(nc ? { networkConfiguration: nc } : {}),
          },
          ip,
        );
        ctx.state.tasks[task.id] = task;
        ctx.engine.launch(task);
        tasks.push(taskView(ctx.scope, task, false));
      }
      return { tasks, failures };
    },

    StopTask: (input) => {
      const cluster = findCluster(ctx, input.cluster);
      const task = findTask(ctx, cluster.name, String(input.task));
      if (!task) throw invalidParameter('The referenced task was not found.');
      const reason = typeof input.reason === 'string' && input.reason !== '' ? input.reason : stopReasons.user;
      if (reason.length > 255) throw invalidParameter('reason can be up to 255 characters.');
      ctx.engine.stop(task, { code: 'UserInitiated', reason, cause: 'user' });
      ctx.engine.kick();
      return { task: taskView(ctx.scope, task, false) };
    },

    DescribeTasks: (input) => {
      const cluster = findCluster(ctx, input.cluster);
      const refs = input.tasks as string[];
      if (refs.length > MAX_DESCRIBE) throw invalidParameter(`You can specify up to ${MAX_DESCRIBE} tasks in a single request.`);
      const withTags = ((input.include as string[] | undefined) ?? []).includes('TAGS');
      const tasks: Json[] = [];
      const failures: Json[] = [];
      for (const ref of refs) {
        const t = findTask(ctx, cluster.name, ref);
        if (t) tasks.push(taskView(ctx.scope, t, withTags));
        else failures.push({ arn: ref.startsWith('arn:') ? ref : taskArn(ctx.scope, cluster.name, ref), reason: 'MISSING' });
      }
      return { tasks, failures };
    },

    ListTasks: (input) => {
      const cluster = findCluster(ctx, input.cluster);
      const serviceName = input.serviceName as string | undefined;
      const svc = serviceName === undefined ? undefined : findService(ctx, cluster.name, serviceName);
      const desired = (input.desiredStatus as string | undefined) ?? 'RUNNING';
      const family = input.family as string | undefined;
      const arns = tasksOfCluster(ctx, cluster.name)
        .filter((t) => ctx.visible(t) && t.desiredStatus === desired)
        .filter((t) => svc === undefined || t.serviceName === svc.name)
        .filter((t) => family === undefined || taskDefinitionRefOf(t.taskDefinitionArn)?.family === family)
        .filter((t) => input.startedBy === undefined || t.startedBy === input.startedBy)
        .filter((t) => input.launchType === undefined || t.launchType === input.launchType)
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
        .map((t) => t.arn);
      const page = paginate(
        arns,
        input,
        { defaultSize: 100, maxSize: 100, badToken: badNextToken, badSize: badMaxResults(100) },
        `tasks:${cluster.name}:${desired}:${serviceName ?? ''}:${family ?? ''}:${String(input.startedBy ?? '')}`,
      );
      return { taskArns: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },

    ExecuteCommand: (input) => {
      const cluster = findCluster(ctx, input.cluster);
      const task = findTask(ctx, cluster.name, String(input.task));
      if (!task) throw invalidParameter('The referenced task was not found.');
      if (input.container !== undefined && !task.containers.some((c) => c.name === input.container)) {
        throw invalidParameter(`The container ${String(input.container)} was not found in the task.`);
      }
      if (!task.enableExecuteCommand) throw invalidParameter(NOT_ENABLED);
      // No SSM agent runs beside local processes: an enabled task answers as one whose agent is not running.
      throw new AwsError('TargetNotConnectedException', NOT_ENABLED);
    },
  };
}
