// `register`: renders the task definition and registers it as a new revision (or only shows it with --dry-run).
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import type { TaskDefinitionInput } from '../config/definitions.js';
import type { DeployContext } from './deploy-context.js';
import { taskDefinitionName } from './service-lookup.js';

export interface RegisterResult {
  readonly dryRun: boolean;
  readonly taskDefinitionArn?: string;
  readonly taskDefinition: TaskDefinitionInput | TaskDefinition;
}

export async function registerTaskDefinition(ctx: DeployContext, input: TaskDefinitionInput): Promise<TaskDefinition> {
  const ecs = await ctx.aws.ecs();
  const out = await ecs.registerTaskDefinition(input, ctx.signal);
  const td = out.taskDefinition!;
  ctx.host.notify(
    msg('info', 'TASK_DEFINITION_REGISTERED', `registered task definition ${taskDefinitionName(td.taskDefinitionArn)}`, {
      taskDefinitionArn: td.taskDefinitionArn,
    }),
  );
  return td;
}

export async function register(ctx: DeployContext, opts: { readonly dryRun?: boolean } = {}): Promise<RegisterResult> {
  const { expressServiceDefinitionPath: xd, taskDefinitionPath } = ctx.config;
  if (xd && !taskDefinitionPath)
    throw new UsageError(
      'BAD_CONFIG',
      `${ctx.config.path}: service ${ctx.config.service ?? ''} is an Express service: ECS registers its task definition from ${xd} on each deploy, so register has nothing to register (the config has no task_definition)`,
      '`cortado deploy` registers it; `cortado deregister --keeps N` removes old revisions; name a task_definition to register one of your own',
    );
  const input = await ctx.taskDefinition();
  if (opts.dryRun) {
    ctx.host.notify(msg('info', 'DRY_RUN', `dry run: would register a new revision of ${input.family}`));
    return { dryRun: true, taskDefinition: input };
  }
  const td = await registerTaskDefinition(ctx, input);
  return { dryRun: false, ...(td.taskDefinitionArn ? { taskDefinitionArn: td.taskDefinitionArn } : {}), taskDefinition: td };
}
