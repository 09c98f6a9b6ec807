// Pure: a new task definition from a running one, with one container's image (or tag) and environment changed — the canary's revision and a preview's copy.
import type { ContainerDefinition, KeyValuePair, RegisterTaskDefinitionCommandInput, TaskDefinition } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { TASK_DEFINITION_READ_ONLY } from '../config/shape/task-definition-shape.js';

export type ImageChange =
  | { readonly kind: 'image'; readonly image: string }
  /** Same repository, another tag. */
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'none' };

export interface ContainerChange {
  readonly image: ImageChange;
  /** Environment variables set (or replaced) on the container. */
  readonly env: Readonly<Record<string, string>>;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** `repo/app:old@sha256:...` with tag `new` → `repo/app:new`: the tag replaces the tag and the digest (a registry port's colon is kept). */
export function imageWithTag(image: string, tag: string): string {
  if (!TAG.test(tag))
    throw new UsageError('BAD_OPTION', `--tag expects an image tag (letters, digits, _ . -, at most 128), got ${JSON.stringify(tag)}`);
  const bare = image.replace(/@.*$/, '');
  const slash = bare.lastIndexOf('/');
  const colon = bare.lastIndexOf(':');
  return `${colon > slash ? bare.slice(0, colon) : bare}:${tag}`;
}

export function imageAfter(current: string, change: ImageChange): string {
  switch (change.kind) {
    case 'image':
      return change.image;
    case 'tag':
      return imageWithTag(current, change.tag);
    case 'none':
      return current;
  }
}

/** The container's environment with `extra` set over it (order kept, new names last). */
export function mergeEnvironment(current: readonly KeyValuePair[] | undefined, extra: Readonly<Record<string, string>>): KeyValuePair[] {
  const byName = new Map((current ?? []).map((kv) => [kv.name ?? '', kv.value ?? ''] as const));
  for (const [k, v] of Object.entries(extra)) byName.set(k, v);
  return [...byName.entries()].map(([name, value]) => ({ name, value }));
}

/** RegisterTaskDefinition's input for `td` with the container named `container` changed (read-only fields dropped). */
export function changedTaskDefinition(td: TaskDefinition, container: string, change: ContainerChange): RegisterTaskDefinitionCommandInput {
  const readOnly: readonly string[] = TASK_DEFINITION_READ_ONLY;
  const copy = Object.fromEntries(
    Object.entries(td).filter(([k, v]) => !readOnly.includes(k) && v !== undefined),
  ) as RegisterTaskDefinitionCommandInput;
  const changeOne = (c: ContainerDefinition): ContainerDefinition =>
    c.name !== container
      ? c
      : { ...c, image: imageAfter(c.image ?? '', change.image), environment: mergeEnvironment(c.environment, change.env) };
  return { ...copy, containerDefinitions: (td.containerDefinitions ?? []).map(changeOne) };
}
