// Pure: the canary's task definition, derived from the stable one with a new image (or tag) and extra environment.
import type { ContainerDefinition, RegisterTaskDefinitionCommandInput, TaskDefinition } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { changedTaskDefinition, type ContainerChange, type ImageChange } from '../ecs/task-definition-change.js';

export type { ImageChange };

export interface RevisionChange extends ContainerChange {
  /** The container to change; default: the one behind the load balancer, else the first essential one. */
  readonly container?: string;
}

export function pickContainer(
  containers: readonly ContainerDefinition[],
  wanted: string | undefined,
  lbContainer: string | undefined,
): ContainerDefinition {
  const name = wanted ?? lbContainer;
  const c = name ? containers.find((x) => x.name === name) : containers.find((x) => x.essential !== false);
  if (!c)
    throw new UsageError(
      'CANARY_NO_CONTAINER',
      `the task definition has no container ${JSON.stringify(name ?? 'essential')}; containers: ${containers.map((x) => x.name).join(', ')}`,
      'set canary.container',
    );
  return c;
}

/** The register input for the new revision: the stable definition minus read-only fields, one container changed. */
export function deriveTaskDefinition(td: TaskDefinition, change: RevisionChange, lbContainer?: string): RegisterTaskDefinitionCommandInput {
  const target = pickContainer(td.containerDefinitions ?? [], change.container, lbContainer);
  return changedTaskDefinition(td, target.name ?? '', change);
}
