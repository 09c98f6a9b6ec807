// Pure parts of `verify`: which resources a task definition depends on (images, secrets, log groups, target groups).
import type { ContainerDefinition, LoadBalancer } from '@aws-sdk/client-ecs';
import type { TaskDefinitionInput } from '../config/definitions.js';
import { policyStatements, policyValues } from '../aws/policy-document.js';

export type CheckStatus = 'ok' | 'failed' | 'skipped';

export interface Check {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export interface EcrImage {
  readonly registryId: string;
  readonly region: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** `<acct>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@digest]`, or undefined for other registries. */
export function parseEcrImage(image: string): EcrImage | undefined {
  const m = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]+))?$/.exec(
    image,
  );
  if (!m) return undefined;
  return {
    registryId: m[1]!,
    region: m[2]!,
    repository: m[3]!,
    ...(m[4] ? { tag: m[4] } : {}),
    ...(m[5] ? { digest: m[5] } : {}),
    ...(!m[4] && !m[5] ? { tag: 'latest' } : {}),
  };
}

export type SecretRef =
  | { readonly kind: 'ssm'; readonly name: string; readonly from: string }
  | { readonly kind: 'secretsmanager'; readonly secretId: string; readonly from: string };

/** Where a `valueFrom` points: an SSM parameter (ARN or name) or a Secrets Manager secret (ARN, JSON-key suffix dropped). */
export function secretRef(valueFrom: string): SecretRef {
  const sm = /^(arn:aws[a-z-]*:secretsmanager:[^:]+:\d{12}:secret:[^:]+)(?::.*)?$/.exec(valueFrom);
  if (sm) return { kind: 'secretsmanager', secretId: sm[1]!, from: valueFrom };
  return { kind: 'ssm', name: valueFrom, from: valueFrom };
}

export function secretsOf(containers: readonly ContainerDefinition[]): SecretRef[] {
  const out: SecretRef[] = [];
  for (const c of containers) {
    for (const s of [...(c.secrets ?? []), ...(c.logConfiguration?.secretOptions ?? [])]) if (s.valueFrom) out.push(secretRef(s.valueFrom));
  }
  return out;
}

/** Pure: load balancer entries whose container name/port the task definition does not expose. */
export function loadBalancerMismatches(td: TaskDefinitionInput, lbs: readonly LoadBalancer[]): string[] {
  const problems: string[] = [];
  for (const lb of lbs) {
    const c = td.containerDefinitions?.find((x) => x.name === lb.containerName);
    if (!c) {
      problems.push(`load balancer container ${lb.containerName} is not in the task definition`);
      continue;
    }
    if (!c.portMappings?.some((p) => p.containerPort === lb.containerPort))
      problems.push(`container ${lb.containerName} has no port mapping for ${lb.containerPort}`);
  }
  return problems;
}

export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export const ECS_TASKS = 'ecs-tasks.amazonaws.com';

/** The principal ECS itself uses for roles it assumes on your behalf (an Express service's infrastructure role). */
export const ECS_SERVICE = 'ecs.amazonaws.com';

/** Whether an IAM trust policy has an Allow statement that lets `principal` (a service principal) call sts:AssumeRole. */
export function trustsService(policy: unknown, principal: string): boolean {
  return policyStatements(policy).some((s) => {
    if (s.Effect !== 'Allow') return false;
    if (!policyValues(s.Action).some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*')) return false;
    const p = s.Principal as { Service?: unknown } | string | undefined;
    if (p === '*') return true;
    return policyValues(typeof p === 'object' ? p?.Service : undefined).includes(principal);
  });
}

/** Whether an IAM trust policy lets the ECS tasks service principal call sts:AssumeRole. */
export const trustsEcsTasks = (policy: unknown): boolean => trustsService(policy, ECS_TASKS);
