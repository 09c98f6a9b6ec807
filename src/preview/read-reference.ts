// Reads the reference service a preview copies, and everything of it the copy needs, checking it can be copied before anything is made.
import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import type { TargetGroup, TargetGroupAttribute } from '@aws-sdk/client-elastic-load-balancing-v2';
import { isAwsError } from './aws-codes.js';
import { UsageError } from '../core/errors.js';
import type { PreviewConfig } from './preview-config.js';
import type { PreviewAws } from './preview-aws.js';

export interface Reference {
  readonly service: Service;
  readonly taskDefinition: TaskDefinition;
  readonly targetGroup: TargetGroup;
  readonly targetGroupAttributes: readonly TargetGroupAttribute[];
  /** The container behind the load balancer, and its port: the preview's target. */
  readonly lbContainer: string;
  readonly lbPort: number;
  /** The container that gets the image and environment overrides. */
  readonly container: string;
}

export async function readReference(aws: PreviewAws, config: PreviewConfig, signal: AbortSignal): Promise<Reference> {
  const { cluster, service: name } = config.reference;
  const where = `${cluster}/${name}`;
  const missing = (detail: string) =>
    new UsageError(
      'REFERENCE_NOT_FOUND',
      `the reference service ${where} ${detail}`,
      'set preview.reference to the running ECS service previews copy (CLUSTER/SERVICE)',
    );
  let service: Service | undefined;
  try {
    service = (await aws.ecs.describeServices({ cluster, services: [name] }, signal)).services?.[0];
  } catch (e) {
    if (isAwsError(e, 'ClusterNotFoundException')) throw missing(`cannot be found: cluster ${cluster} does not exist`);
    throw e;
  }
  if (!service || service.status !== 'ACTIVE') throw missing(service ? `is ${service.status}` : 'does not exist');
  const lb = (service.loadBalancers ?? []).find((l) => l.targetGroupArn && l.containerName && l.containerPort !== undefined);
  if (!lb)
    throw new UsageError(
      'REFERENCE_NOT_ROUTABLE',
      `the reference service ${where} has no load balancer target group: a preview needs a container port to route to`,
      'attach the reference service to a target group',
    );
  const [td, tg, attrs] = await Promise.all([
    aws.ecs.describeTaskDefinition({ taskDefinition: service.taskDefinition }, signal),
    aws.elb.describeTargetGroups({ TargetGroupArns: [lb.targetGroupArn!] }, signal),
    aws.elb.describeTargetGroupAttributes({ TargetGroupArn: lb.targetGroupArn! }, signal),
  ]);
  const taskDefinition = td.taskDefinition;
  const targetGroup = tg.TargetGroups?.[0];
  if (!taskDefinition || !targetGroup) throw missing('has a task definition or target group that cannot be read');
  const container = config.container ?? lb.containerName!;
  if (!(taskDefinition.containerDefinitions ?? []).some((c) => c.name === container)) {
    throw new UsageError(
      'BAD_CONFIG',
      `preview.container is ${JSON.stringify(container)}, but ${taskDefinition.taskDefinitionArn} has containers ${(taskDefinition.containerDefinitions ?? []).map((c) => c.name).join(', ')}`,
    );
  }
  return {
    service,
    taskDefinition,
    targetGroup,
    targetGroupAttributes: attrs.Attributes ?? [],
    lbContainer: lb.containerName!,
    lbPort: lb.containerPort!,
    container,
  };
}
