// The IAM role EventBridge Scheduler assumes to start the jobs' tasks: its trust and its one inline policy, derived from the jobs.
import { untilVisible } from '../aws/eventual-consistency.js';
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { awsErrorCode } from '../aws/aws-call.js';
import { stableStringify } from '../diff/prune.js';
import { MANAGED_TAG, MANAGED_VALUE, OWNER_TAG, roleNameFor } from './managed-names.js';
import type { ResolvedJob } from './schedule-input.js';
import type { SchedulesDeps } from './schedules-deps.js';

export const ROLE_POLICY_NAME = 'cortado-scheduler';

export type RolePlan =
  | { readonly kind: 'given'; readonly arn: string }
  | {
      readonly kind: 'managed';
      readonly name: string;
      readonly arn: string;
      readonly exists: boolean;
      readonly policyChanged: boolean;
      readonly trust: string;
      readonly policy: string;
    };

/** `arn:aws:ecs:<region>:<account>:cluster/<name>` → its parts. */
export function arnParts(clusterArn: string): { partition: string; region: string; account: string; cluster: string } {
  const [, partition = 'aws', , region = '', account = '', rest = ''] = clusterArn.split(':');
  return { partition, region, account, cluster: rest.replace(/^cluster\//, '') };
}

/** Pure: who may assume the role (EventBridge Scheduler, from this account only). */
export function trustPolicy(account: string): string {
  return stableStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': account } },
      },
    ],
  });
}

/** Pure: run the jobs' task definition families in the cluster, tag those tasks, pass their roles to ECS, write to the DLQs. */
export function rolePolicy(clusterArn: string, jobs: readonly ResolvedJob[], tds: readonly TaskDefinition[]): string {
  const { partition, region, account, cluster } = arnParts(clusterArn);
  const families = [...new Set(jobs.map((j) => j.taskDefinitionArn.replace(/:\d+$/, ':*')))].sort();
  const roles = [...new Set(tds.flatMap((t) => [t.taskRoleArn, t.executionRoleArn]).filter((r): r is string => Boolean(r)))].sort();
  const dlqs = [...new Set(jobs.map((j) => j.spec.deadLetterQueueArn).filter((q): q is string => Boolean(q)))].sort();
  const statements: unknown[] = [
    { Effect: 'Allow', Action: 'ecs:RunTask', Resource: families, Condition: { ArnLike: { 'ecs:cluster': clusterArn } } },
    {
      Effect: 'Allow',
      Action: 'ecs:TagResource',
      Resource: `arn:${partition}:ecs:${region}:${account}:task/${cluster}/*`,
      Condition: { StringEquals: { 'ecs:CreateAction': 'RunTask' } },
    },
  ];
  if (roles.length)
    statements.push({
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: roles,
      Condition: { StringLike: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
  if (dlqs.length) statements.push({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: dlqs });
  return stableStringify({ Version: '2012-10-17', Statement: statements.length ? statements : [] });
}

/** The SDK names IAM's `NoSuchEntity` error NoSuchEntityException (and so on): accept both spellings. */
const isIamError = (e: unknown, code: string) => awsErrorCode(e) === code || awsErrorCode(e) === `${code}Exception`;

const sameJson = (a: string, b: string) => {
  try {
    return stableStringify(JSON.parse(a)) === stableStringify(JSON.parse(b));
  } catch {
    return false;
  }
};

/** IAM answers documents URL-encoded (GetRole, GetRolePolicy). */
const decoded = (doc: string | undefined) => (doc === undefined ? undefined : decodeURIComponent(doc));

export async function planRole(
  deps: SchedulesDeps,
  clusterArn: string,
  jobs: readonly ResolvedJob[],
  tds: readonly TaskDefinition[],
): Promise<RolePlan> {
  if (deps.spec.roleArn) return { kind: 'given', arn: deps.spec.roleArn };
  const { partition, account } = arnParts(clusterArn);
  const name = roleNameFor(deps.spec.group);
  const policy = rolePolicy(clusterArn, jobs, tds);
  const iam = await deps.aws.iam();
  let arn = `arn:${partition}:iam::${account}:role/${name}`;
  let exists = true;
  try {
    arn = (await iam.getRole({ RoleName: name }, deps.signal)).Role?.Arn ?? arn;
  } catch (e) {
    if (!isIamError(e, 'NoSuchEntity')) throw e;
    exists = false;
  }
  let current: string | undefined;
  if (exists) {
    try {
      current = decoded((await iam.getRolePolicy({ RoleName: name, PolicyName: ROLE_POLICY_NAME }, deps.signal)).PolicyDocument);
    } catch (e) {
      if (!isIamError(e, 'NoSuchEntity')) throw e;
    }
  }
  return {
    kind: 'managed',
    name,
    arn,
    exists,
    policyChanged: current === undefined || !sameJson(current, policy),
    trust: trustPolicy(account),
    policy,
  };
}

/** Creates the role (tagged as cortado's) and puts its policy, as planned; returns its ARN. */
export async function applyRole(deps: SchedulesDeps, plan: RolePlan): Promise<string> {
  if (plan.kind === 'given') return plan.arn;
  const iam = await deps.aws.iam();
  let arn = plan.arn;
  if (!plan.exists) {
    try {
      const out = await iam.createRole(
        {
          RoleName: plan.name,
          AssumeRolePolicyDocument: plan.trust,
          Description: `EventBridge Scheduler runs the ECS tasks of cortado schedule group ${deps.spec.group}`,
          Tags: [
            { Key: MANAGED_TAG, Value: MANAGED_VALUE },
            { Key: OWNER_TAG, Value: deps.spec.owner },
          ],
        },
        deps.signal,
      );
      arn = out.Role?.Arn ?? arn;
    } catch (e) {
      if (!isIamError(e, 'EntityAlreadyExists')) throw e; // another apply (or an interrupted one) made it
    }
  }
  if (plan.policyChanged)
    await untilVisible(!plan.exists, deps.clock, deps.signal, () =>
      iam.putRolePolicy({ RoleName: plan.name, PolicyName: ROLE_POLICY_NAME, PolicyDocument: plan.policy }, deps.signal),
    );
  return arn;
}
