// Decides which calls a create needs from what already exists (pure): a fresh env, a half-made one, or a new image for a whole one.
import type { Step } from './run-steps.js';

export interface CreateState {
  /** The env's service, when one exists: ACTIVE, or DRAINING after a delete. */
  readonly service?: 'ACTIVE' | 'DRAINING';
  readonly targetGroup: boolean;
  readonly rule: boolean;
  /** An alias record for the host already points at the shared load balancer. */
  readonly recordCurrent: boolean;
}

export type CreateStepKind =
  | 'register-task-definition'
  | 'create-target-group'
  | 'copy-target-group-attributes'
  | 'create-rule'
  | 'upsert-records'
  | 'await-service-gone'
  | 'create-service'
  | 'update-service';

export interface CreateStep extends Step {
  readonly kind: CreateStepKind;
}

/**
 * Every step a create takes, each waiting only for what it truly needs: the service needs its task definition and a
 * target group already attached to the load balancer (AWS refuses a target group without one), so it waits for the rule.
 */
export function planCreate(s: CreateState): CreateStep[] {
  const steps: CreateStep[] = [];
  const add = (kind: CreateStepKind, after: ReadonlyArray<CreateStepKind | undefined> = []) => {
    steps.push({ kind, id: kind, after: after.filter((k): k is CreateStepKind => k !== undefined && steps.some((x) => x.kind === k)) });
  };
  // The new revision carries a fresh cortado:updated-at, which is what gc reads: no other piece needs touching.
  add('register-task-definition');
  if (!s.targetGroup) add('create-target-group');
  // Also on a repair: a create stopped right after making the target group left AWS's default attributes on it.
  if (!wasWhole(s)) add('copy-target-group-attributes', ['create-target-group']);
  if (!s.rule) add('create-rule', ['create-target-group']);
  if (!s.recordCurrent) add('upsert-records');
  if (s.service === 'ACTIVE') add('update-service', ['register-task-definition']);
  else {
    if (s.service === 'DRAINING') add('await-service-gone');
    add('create-service', ['register-task-definition', 'create-target-group', 'create-rule', 'await-service-gone']);
  }
  return steps;
}

/** Whether the env was whole before this create: then a failed update leaves it as it was instead of deleting it. */
export const wasWhole = (s: CreateState): boolean => s.service === 'ACTIVE' && s.targetGroup && s.rule && s.recordCurrent;
