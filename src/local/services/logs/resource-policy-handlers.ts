// CloudWatch Logs resource policies: what lets AWS services (EventBridge, log delivery) write to log groups.
// Account-scoped policies by name (at most 10 per account and region), and resource-scoped ones by log group ARN.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { invalidParameter } from './log-lookup.js';

export interface StoredPolicy {
  readonly policyName: string;
  readonly policyDocument: string;
  readonly lastUpdatedTime: number;
  readonly revisionId: string;
  readonly resourceArn?: string;
}

/** Keyed by policy name (account scope) or `arn:<resource ARN>` (resource scope). */
export type PolicyStore = Map<string, StoredPolicy>;

/** [API:CloudWatch Logs PutResourcePolicy] "You can have up to 10 resource policies per AWS Region." */
export const MAX_ACCOUNT_POLICIES = 10;

const page = { defaultSize: 50, maxSize: 50, badToken: () => invalidParameter('The specified nextToken is invalid.') };

const view = (p: StoredPolicy) => ({
  policyName: p.policyName,
  policyDocument: p.policyDocument,
  lastUpdatedTime: p.lastUpdatedTime,
  policyScope: p.resourceArn ? 'RESOURCE' : 'ACCOUNT',
  revisionId: p.revisionId,
  ...(p.resourceArn ? { resourceArn: p.resourceArn } : {}),
});

const keyOf = (input: { policyName?: unknown; resourceArn?: unknown }): string => {
  if (typeof input.resourceArn === 'string' && input.resourceArn !== '') return `arn:${input.resourceArn}`;
  if (typeof input.policyName !== 'string' || input.policyName === '')
    throw invalidParameter('policyName is required for an account-level resource policy');
  return input.policyName;
};

export function resourcePolicyHandlers(env: SandboxEnv, policies: PolicyStore): Record<string, Handler> {
  let revision = 0;
  return {
    PutResourcePolicy(input) {
      const key = keyOf(input);
      const document = String(input.policyDocument ?? '');
      try {
        const parsed: unknown = JSON.parse(document);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      } catch {
        throw invalidParameter('Policy document is not valid JSON.');
      }
      const existing = policies.get(key);
      if (input.expectedRevisionId !== undefined && existing?.revisionId !== input.expectedRevisionId)
        throw new AwsError('OperationAbortedException', 'The expected revision id does not match the current revision id.');
      const accountPolicies = [...policies.values()].filter((p) => !p.resourceArn).length;
      if (!existing && !input.resourceArn && accountPolicies >= MAX_ACCOUNT_POLICIES)
        throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
      const stored: StoredPolicy = {
        policyName: typeof input.policyName === 'string' && input.policyName !== '' ? input.policyName : 'default',
        policyDocument: document,
        lastUpdatedTime: env.clock.now().getTime(),
        revisionId: String(++revision),
        ...(typeof input.resourceArn === 'string' && input.resourceArn !== '' ? { resourceArn: input.resourceArn } : {}),
      };
      policies.set(key, stored);
      return { resourcePolicy: view(stored), revisionId: stored.revisionId };
    },
    DescribeResourcePolicies(input) {
      const scope = input.policyScope as string | undefined;
      const all = [...policies.values()]
        .filter((p) => (input.resourceArn ? p.resourceArn === input.resourceArn : scope === 'RESOURCE' ? p.resourceArn : !p.resourceArn))
        .sort((a, b) => (a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0));
      const p = paginate(all, { nextToken: input.nextToken, maxResults: input.limit }, page, `policies|${scope ?? ''}`);
      const resourcePolicies = p.items.map(view);
      return p.nextToken ? { resourcePolicies, nextToken: p.nextToken } : { resourcePolicies };
    },
    DeleteResourcePolicy(input) {
      const key = keyOf(input);
      const existing = policies.get(key);
      if (!existing) throw new AwsError('ResourceNotFoundException', 'Policy with the specified name does not exist.');
      if (input.expectedRevisionId !== undefined && existing.revisionId !== input.expectedRevisionId)
        throw new AwsError('OperationAbortedException', 'The expected revision id does not match the current revision id.');
      policies.delete(key);
      return {};
    },
  };
}
