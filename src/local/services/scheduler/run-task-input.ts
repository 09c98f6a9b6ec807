// The RunTask call an Amazon ECS target makes (EventBridge Scheduler schedules and EventBridge rules alike).
import type { Json } from './scheduler-state.js';

const defined = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * A target's EcsParameters → RunTask's input, the target's Input being the task overrides. Scheduler writes Tags as
 * a list of one-entry maps ([{"team": "a"}]), EventBridge rules as [{"Key": "team", "Value": "a"}].
 */
export function runTaskInput(target: Json, dialect: 'scheduler' | 'events'): Json {
  const p = (target.EcsParameters ?? {}) as Json;
  const vpc = (p.NetworkConfiguration as Json | undefined)?.awsvpcConfiguration as Json | undefined;
  const listed = (p.Tags as Record<string, string>[] | undefined) ?? [];
  const tags =
    dialect === 'events'
      ? listed.map((t) => ({ key: t.Key, value: t.Value }))
      : listed.flatMap((m) => Object.entries(m).map(([key, value]) => ({ key, value })));
  return defined({
    cluster: target.Arn,
    taskDefinition: p.TaskDefinitionArn,
    count: p.TaskCount ?? 1,
    launchType: p.LaunchType,
    platformVersion: p.PlatformVersion,
    group: p.Group,
    enableECSManagedTags: p.EnableECSManagedTags,
    enableExecuteCommand: p.EnableExecuteCommand,
    propagateTags: p.PropagateTags,
    referenceId: p.ReferenceId,
    capacityProviderStrategy: p.CapacityProviderStrategy,
    placementConstraints: p.PlacementConstraints,
    placementStrategy: p.PlacementStrategy,
    networkConfiguration: vpc
      ? {
          awsvpcConfiguration: defined({ subnets: vpc.Subnets, securityGroups: vpc.SecurityGroups, assignPublicIp: vpc.AssignPublicIp }),
        }
      : undefined,
    tags: tags.length > 0 ? tags : undefined,
    overrides: target.Input === undefined ? undefined : JSON.parse(target.Input as string),
  });
}
