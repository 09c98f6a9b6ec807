// Reads the configured service (with tags); a missing cluster or service becomes a clear user error, not an AWS stack trace.
import type { Service } from '@aws-sdk/client-ecs';
import { awsErrorCode } from '../aws/aws-call.js';
import { UsageError } from '../core/errors.js';
import type { DeployContext } from './deploy-context.js';

/** The service, or undefined when it does not exist (or was deleted: INACTIVE). */
export async function findService(ctx: DeployContext, name = ctx.serviceName()): Promise<Service | undefined> {
  const ecs = await ctx.aws.ecs();
  try {
    const out = await ecs.describeServices({ cluster: ctx.config.cluster, services: [name], include: ['TAGS'] }, ctx.signal);
    const svc = out.services?.[0];
    return svc && svc.status !== 'INACTIVE' ? svc : undefined;
  } catch (e) {
    if (awsErrorCode(e) === 'ClusterNotFoundException') {
      throw new UsageError(
        'CLUSTER_NOT_FOUND',
        `cluster ${ctx.config.cluster} not found${ctx.aws.settings.region ? ` in ${ctx.aws.settings.region}` : ''}`,
        `check "cluster" in ${ctx.config.path}`,
      );
    }
    throw e;
  }
}

export async function requireService(ctx: DeployContext, name = ctx.serviceName()): Promise<Service> {
  const svc = await findService(ctx, name);
  if (!svc)
    throw new UsageError(
      'SERVICE_NOT_FOUND',
      `service ${name} not found in cluster ${ctx.config.cluster}`,
      `check "service" in ${ctx.config.path}, or create it with cortado deploy`,
    );
  return svc;
}

/** `arn:...:task-definition/web:12` → `web:12`. */
export const taskDefinitionName = (arn: string | undefined): string => (arn ?? '').replace(/^.*task-definition\//, '');

export function familyRevision(arnOrName: string): { family: string; revision: number | undefined } {
  const name = taskDefinitionName(arnOrName);
  const i = name.lastIndexOf(':');
  if (i < 0) return { family: name, revision: undefined };
  return { family: name.slice(0, i), revision: Number(name.slice(i + 1)) };
}
