// `diff`: the configured service and task definition against what runs in AWS, normalised so only real changes show. Reads only.
import type { Service } from '@aws-sdk/client-ecs';
import type { ServiceDefinition, TaskDefinitionInput } from '../config/definitions.js';
import { type DeployContext, taskDefinitionPathOf } from './deploy-context.js';
import { type DefinitionDiff, diffDefinitions } from '../diff/definition-diff.js';
import { normalizeServiceDefinition, serviceAsDefinition } from './normalize-service-definition.js';
import { normalizeTaskDefinition, taskDefinitionAsInput } from './normalize-task-definition.js';
import { findService } from './service-lookup.js';
import { describeTaskDefinition } from './task-definition-lookup.js';
import { currentServiceRevision } from '../ecs/service-revision.js';

export interface DiffResult {
  readonly service?: DefinitionDiff & { readonly exists: boolean; readonly name: string };
  readonly taskDefinition: DefinitionDiff & { readonly remote?: string };
  readonly changed: boolean;
}

export async function diff(ctx: DeployContext): Promise<DiffResult> {
  if (ctx.config.expressServiceDefinitionPath) return expressDiffResult(ctx);
  const localTd = await ctx.taskDefinition();
  const localSd = await ctx.serviceDefinition();
  const svc = ctx.config.service ? await findService(ctx) : undefined;
  return compareDefinitions(ctx, svc, localTd, localSd);
}

/** Compares the rendered definitions with `svc` (already described) and its task definition. */
export async function compareDefinitions(
  ctx: DeployContext,
  svc: Service | undefined,
  localTd: TaskDefinitionInput,
  localSd: ServiceDefinition | undefined,
): Promise<DiffResult> {
  const { config } = ctx;
  let service: DiffResult['service'];
  const remoteTdRef = svc?.taskDefinition;
  if (config.service) {
    if (localSd) {
      const remote = svc ? normalizeServiceDefinition(await remoteDefinition(ctx, svc, localSd), localSd, config.ignoreTags) : undefined;
      const local = normalizeServiceDefinition(localSd, localSd, config.ignoreTags);
      const d = diffDefinitions(
        remote,
        local,
        svc?.serviceArn ?? `(service ${config.service} does not exist)`,
        config.serviceDefinitionPath ?? '',
      );
      service = { ...d, exists: Boolean(svc), name: config.service };
    }
  }
  const described = await describeTaskDefinition(ctx, remoteTdRef ?? localTd.family!);
  const remote = described
    ? normalizeTaskDefinition(taskDefinitionAsInput(described.taskDefinition, described.tags), config.ignoreTags)
    : undefined;
  const local = normalizeTaskDefinition(localTd, config.ignoreTags);
  const remoteArn = described?.taskDefinition.taskDefinitionArn;
  const td = diffDefinitions(remote, local, remoteArn ?? `(family ${localTd.family} has no revision)`, taskDefinitionPathOf(config));
  return {
    ...(service ? { service } : {}),
    taskDefinition: { ...td, ...(remoteArn ? { remote: remoteArn } : {}) },
    changed: td.changed || Boolean(service?.changed),
  };
}

/** An Express service: the definition against its active configuration; ECS registers its task definitions (nothing to compare). */
async function expressDiffResult(ctx: DeployContext): Promise<DiffResult> {
  const { diffExpress } = await import('./express-service.js');
  const { taskDefinitionArn, ...d } = await diffExpress(ctx);
  return {
    service: d,
    taskDefinition: { changed: false, unified: '', changes: [], ...(taskDefinitionArn ? { remote: taskDefinitionArn } : {}) },
    changed: d.changed,
  };
}

/** The described service as a definition; `monitoring` lives on its revision, read only when the local definition sets it. */
async function remoteDefinition(ctx: DeployContext, svc: Service, localSd: ServiceDefinition): Promise<ServiceDefinition> {
  const def = serviceAsDefinition(svc);
  if (localSd.monitoring === undefined) return def;
  const rev = await currentServiceRevision(await ctx.aws.ecs(), svc, ctx.signal);
  return rev?.monitoring ? { ...def, monitoring: rev.monitoring } : def;
}
