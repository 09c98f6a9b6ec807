// Everything that stops a create before its first mutating call (pure): conflicts, a missing cluster, a full listener.
import { CortadoError, UsageError } from '../core/errors.js';
import type { Conflict } from './env-pieces.js';
import { freePriority, priorityStart, type PriorityRange } from './rule-priority.js';

/** AWS quota: rules per Application Load Balancer, default rules excluded. */
export const MAX_RULES_PER_LOAD_BALANCER = 100;

export interface CreateChecks {
  readonly env: string;
  readonly cluster: string;
  readonly clusterExists: boolean;
  readonly conflicts: readonly Conflict[];
  /** False when the env already has its rule: a re-run adds none. */
  readonly needsRule: boolean;
  readonly ruleCount: number;
  readonly takenPriorities: ReadonlySet<number>;
  readonly priorityRange: PriorityRange;
}

export const listenerFull = (detail: string): CortadoError =>
  new CortadoError('LISTENER_FULL', `the shared listener cannot take another preview: ${detail}`, {
    source: 'user',
    hint: 'delete unused previews (cortado env gc --older-than 24h), or widen preview.priority_range',
  });

/** Throws the first reason the create cannot go ahead; returns the priority its rule will try first. */
export function checkCreate(c: CreateChecks): number | undefined {
  if (c.conflicts.length > 0) {
    throw new UsageError(
      'ENV_CONFLICT',
      `${c.env}: ${c.conflicts.map((x) => x.why).join('; ')}`,
      'choose another name, or remove or rename the resources named above',
    );
  }
  if (!c.clusterExists)
    throw new UsageError(
      'CLUSTER_NOT_FOUND',
      `the preview cluster ${c.cluster} does not exist`,
      'set preview.cluster to an existing ECS cluster',
    );
  if (!c.needsRule) return undefined;
  if (c.ruleCount >= MAX_RULES_PER_LOAD_BALANCER) {
    throw listenerFull(`its load balancer has ${c.ruleCount} rules, the most an ALB allows is ${MAX_RULES_PER_LOAD_BALANCER}`);
  }
  const first = freePriority(c.takenPriorities, c.priorityRange, priorityStart(c.env, c.priorityRange));
  if (first === undefined) throw listenerFull(`every priority in ${c.priorityRange.join('..')} is taken`);
  return first;
}
