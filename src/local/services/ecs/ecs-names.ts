// ECS ARNs (long format) and how a request's name-or-ARN references map to them.
import { arn } from '../../ids.js';

export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
}

export const clusterArn = (s: ArnScope, cluster: string): string => arn('ecs', s.region, s.accountId, `cluster/${cluster}`);
export const serviceArn = (s: ArnScope, cluster: string, service: string): string =>
  arn('ecs', s.region, s.accountId, `service/${cluster}/${service}`);
export const taskArn = (s: ArnScope, cluster: string, id: string): string => arn('ecs', s.region, s.accountId, `task/${cluster}/${id}`);
export const containerArn = (s: ArnScope, cluster: string, id: string): string =>
  arn('ecs', s.region, s.accountId, `container/${cluster}/${id}`);
export const taskDefinitionArn = (s: ArnScope, family: string, revision: number): string =>
  arn('ecs', s.region, s.accountId, `task-definition/${family}:${revision}`);
export const serviceDeploymentArn = (s: ArnScope, cluster: string, service: string, id: string): string =>
  arn('ecs', s.region, s.accountId, `service-deployment/${cluster}/${service}/${id}`);
export const serviceRevisionArn = (s: ArnScope, cluster: string, service: string, id: string): string =>
  arn('ecs', s.region, s.accountId, `service-revision/${cluster}/${service}/${id}`);

/** Names, ids and families are the same characters everywhere in ECS. */
export const taskSetArn = (s: ArnScope, cluster: string, service: string, id: string): string =>
  arn('ecs', s.region, s.accountId, `task-set/${cluster}/${service}/${id}`);
export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

const ECS_ARN = /^arn:aws[\w-]*:ecs:[^:]*:[^:]*:(.+)$/;

/** The resource part of an ECS ARN (`cluster/x`, `service/c/s`, ...), or undefined for a plain name. */
export const arnResource = (ref: string): string | undefined => ECS_ARN.exec(ref)?.[1];

export const DEFAULT_CLUSTER = 'default';

/** A cluster reference (name or ARN; absent means `default`) → cluster name. */
export const clusterNameOf = (ref: unknown): string => {
  if (typeof ref !== 'string' || ref === '') return DEFAULT_CLUSTER;
  const res = arnResource(ref);
  if (res === undefined) return ref;
  return res.startsWith('cluster/') ? res.slice('cluster/'.length) : ref;
};

/** A service reference → { cluster (when the ARN names it), name }. Short ARNs `service/name` carry no cluster. */
export const serviceRefOf = (ref: string): { readonly cluster?: string; readonly name: string } => {
  const res = arnResource(ref);
  if (res === undefined || !res.startsWith('service/')) return { name: ref };
  const parts = res.slice('service/'.length).split('/');
  return parts.length >= 2 ? { cluster: parts[0]!, name: parts[1]! } : { name: parts[0]! };
};

/** A task reference (id or ARN) → { cluster?, id }. */
export const taskRefOf = (ref: string): { readonly cluster?: string; readonly id: string } => {
  const res = arnResource(ref);
  if (res === undefined || !res.startsWith('task/')) return { id: ref };
  const parts = res.slice('task/'.length).split('/');
  return parts.length >= 2 ? { cluster: parts[0]!, id: parts[1]! } : { id: parts[0]! };
};

/** `family`, `family:revision` or a task definition ARN → { family, revision? }. */
export const taskDefinitionRefOf = (ref: string): { readonly family: string; readonly revision?: number } | undefined => {
  const res = arnResource(ref);
  const body = res === undefined ? ref : res.startsWith('task-definition/') ? res.slice('task-definition/'.length) : undefined;
  if (body === undefined) return undefined;
  const m = /^([^:]+)(?::(\d+))?$/.exec(body);
  if (!m) return undefined;
  return m[2] === undefined ? { family: m[1]! } : { family: m[1]!, revision: Number(m[2]) };
};
