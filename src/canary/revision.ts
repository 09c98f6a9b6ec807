// Pure: the canary's task definition, derived from the stable one with a new image (or tag) and extra environment.
import type { ContainerDefinition, RegisterTaskDefinitionCommandInput, TaskDefinition } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { TASK_DEFINITION_READ_ONLY } from '../config/shape/task-definition-shape.js';

export type ImageChange =
  | { readonly kind: 'image'; readonly image: string }
  /** Same repository, another tag. */
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'none' };

export interface RevisionChange {
  readonly image: ImageChange;
  /** Environment variables set (or replaced) on the container. */
  readonly env: Readonly<Record<string, string>>;
  /** The container to change; default: the one behind the load balancer, else the first essential one. */
  readonly container?: string;
}

/** `repo:tag` or `repo@digest` → the repository part (a registry port's colon is kept). */
export function withTag(image: string, tag: string): string {
  const at = image.indexOf('@');
  const base = at >= 0 ? image.slice(0, at) : image;
  const slash = base.lastIndexOf('/');
  const colon = base.lastIndexOf(':');
  const repo = colon > slash ? base.slice(0, colon) : base;
  return `${repo}:${tag}`;
}

export function pickContainer(containers: readonly ContainerDefinition[], wanted: string | undefined, lbContainer: string | undefined): ContainerDefinition {
  const name = wanted ?? lbContainer;
  const c = name ? containers.find((x) => x.name === name) : containers.find((x) => x.essential !== false);
  if (!c) throw new UsageError('CANARY_NO_CONTAINER', `the task definition has no container ${JSON.stringify(name ?? 'essential')}; containers: ${containers.map((x) => x.name).join(', ')}`, 'set canary.container');
  return c;
}

/** The register input for the new revision: the stable definition minus read-only fields, one container changed. */
export function deriveTaskDefinition(td: TaskDefinition, change: RevisionChange, lbContainer?: string): RegisterTaskDefinitionCommandInput {
  const containers = td.containerDefinitions ?? [];
  const target = pickContainer(containers, change.container, lbContainer);
  const image = change.image.kind === 'image' ? change.image.image : change.image.kind === 'tag' ? withTag(target.image ?? '', change.image.tag) : target.image;
  const env = new Map((target.environment ?? []).map((e) => [e.name ?? '', e.value ?? '']));
  for (const [k, v] of Object.entries(change.env)) env.set(k, v);
  const changed: ContainerDefinition = { ...target, image, environment: [...env].map(([name, value]) => ({ name, value })) };
  const input: Record<string, unknown> = { ...td, containerDefinitions: containers.map((c) => (c === target ? changed : c)) };
  for (const k of TASK_DEFINITION_READ_ONLY) delete input[k];
  return input as unknown as RegisterTaskDefinitionCommandInput;
}
