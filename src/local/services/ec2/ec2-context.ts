// What every EC2 handler works with: the state of one account and region, its identity, the clock, and tag helpers.
import type { SandboxEnv } from '../../env.js';
import { paginate } from '../../paginate.js';
import { AwsError } from '../../aws-error.js';
import type { DefaultNetwork } from './default-network.js';
import { dryRunOperation } from './ec2-errors.js';
import type { Ec2State } from './ec2-state.js';

export interface Ec2Context {
  readonly env: SandboxEnv;
  readonly state: Ec2State;
  readonly region: string;
  readonly accountId: string;
  readonly defaults: DefaultNetwork;
}

export type TagInput = ReadonlyArray<{ readonly Key?: string; readonly Value?: string }>;

/** Tags as EC2 outputs them (`tagSet`), or undefined when the resource has none. */
export function tagList(ctx: Ec2Context, id: string): Array<{ Key: string; Value: string }> | undefined {
  const tags = ctx.state.tags.get(id);
  if (!tags || tags.size === 0) return undefined;
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}

export function setTags(ctx: Ec2Context, id: string, tags: TagInput | undefined): void {
  if (!tags || tags.length === 0) return;
  const map = ctx.state.tags.get(id) ?? new Map<string, string>();
  for (const t of tags) {
    const key = t.Key ?? '';
    if (key.startsWith('aws:')) throw new AwsError('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use`);
    map.set(key, t.Value ?? '');
  }
  ctx.state.tags.set(id, map);
}

/** The tags of TagSpecifications for one resource type (`vpc`, `subnet`, `security-group`, `instance`). */
export function specifiedTags(spec: unknown, resourceType: string): TagInput {
  const list = (Array.isArray(spec) ? spec : []) as Array<{ ResourceType?: string; Tags?: TagInput }>;
  return list.filter((s) => s.ResourceType === resourceType).flatMap((s) => s.Tags ?? []);
}

/** DryRun=true: EC2 checks the request and answers DryRunOperation instead of acting. */
export function checkDryRun(input: Record<string, unknown>): void {
  if (input.DryRun === true) throw dryRunOperation();
}

export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** NextToken/MaxResults pagination (5–1000, as EC2's Describe calls take it). */
export function page<T>(
  all: readonly T[],
  input: Record<string, unknown>,
  fingerprint: string,
): { items: readonly T[]; NextToken?: string } {
  const p = paginate(
    all,
    { nextToken: input.NextToken, maxResults: input.MaxResults },
    {
      defaultSize: 1000,
      maxSize: 1000,
      badToken: () => new AwsError('InvalidNextToken', 'The token provided is invalid'),
      badSize: (n) =>
        new AwsError('InvalidParameterValue', `Value ( ${n} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`),
    },
    fingerprint,
  );
  return p.nextToken ? { items: p.items, NextToken: p.nextToken } : { items: p.items };
}
