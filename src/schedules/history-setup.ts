// What keeps every run's record beyond ECS's hour: an EventBridge rule on the jobs' task state changes, delivering to a log group.
import { untilVisible } from '../aws/eventual-consistency.js';
import { awsErrorCode } from '../aws/aws-call.js';
import { policyStatements, policyValues, type ReadStatement, resourceCovers } from '../aws/policy-document.js';
import { CortadoError } from '../core/errors.js';
import { stableStringify } from '../diff/prune.js';
import { HISTORY_LOG_GROUP_PREFIX, historyRuleName, MANAGED_TAG, MANAGED_VALUE, OWNER_TAG, taskGroupPrefix } from './managed-names.js';
import { arnParts } from './scheduler-role.js';
import type { SchedulesDeps } from './schedules-deps.js';

export const HISTORY_TARGET_ID = 'cortado-history';

/**
 * The account's CloudWatch Logs resource policy that lets EventBridge write the recorded runs: without one, a rule's log
 * group target delivers nothing. One policy for every cortado history log group (an account has at most 10), with one
 * statement. Its resource for the history log groups at their default place is one pattern covering all of them, so the
 * policy does not depend on the group: applies of two groups at once write the same document, and once it is there no
 * apply writes it again. A log group named in a config elsewhere is added by its ARN (never removed: other
 * configurations' groups are listed there too).
 */
export const HISTORY_POLICY_NAME = 'cortado-events-to-logs';
const HISTORY_POLICY_SID = 'CortadoScheduleHistory';

/** Pure: the policy's resource for a history log group: the pattern of every default one, or its own ARN (`…:*`, its streams). */
export function historyPolicyResource(logGroupArn: string, logGroup: string): string {
  if (!logGroup.startsWith(HISTORY_LOG_GROUP_PREFIX)) return `${logGroupArn}:*`;
  return `${logGroupArn.slice(0, logGroupArn.length - logGroup.length)}${HISTORY_LOG_GROUP_PREFIX}*:*`;
}

/**
 * Pure: the policy document with `resource` allowed for EventBridge (unchanged when a resource of the statement already
 * covers it). What is added is `covering` (a pattern covering `resource`, or `resource` itself), and the resources it
 * covers are dropped from the list.
 */
export function withHistoryResource(
  current: string | undefined,
  resource: string,
  covering: string = resource,
): { document: string; changed: boolean } {
  const doc = (current ? JSON.parse(current) : { Version: '2012-10-17', Statement: [] }) as Record<string, unknown>;
  const statements = policyStatements(doc);
  const ours = statements.find((st) => st.Sid === HISTORY_POLICY_SID);
  const listed = policyValues(ours?.Resource);
  if (listed.some((r) => resourceCovers(r, resource))) return { document: current!, changed: false };
  const resources = [...listed.filter((r) => !resourceCovers(covering, r)), covering].sort();
  const statement: ReadStatement = {
    Sid: HISTORY_POLICY_SID,
    Effect: 'Allow',
    Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: resources,
  };
  const next = { ...doc, Statement: [...statements.filter((st) => st !== ours), statement] };
  return { document: JSON.stringify(next), changed: true };
}

export interface HistoryPlan {
  readonly logGroup: string;
  readonly logGroupArn: string;
  readonly logGroupExists: boolean;
  readonly retentionChanged: boolean;
  readonly rule: string;
  readonly ruleChanged: boolean;
  readonly targetChanged: boolean;
  readonly pattern: string;
  /** The resource policy document to put, when EventBridge may not yet write to the log group. */
  readonly policyDocument?: string;
  /** What the policy must allow (the log group's streams), and the resource the policy gets for it (historyPolicyResource). */
  readonly policyResource: string;
  readonly policyCovering: string;
}

/** Pure: STOPPED task state changes of the tasks of this group's jobs (ECS events carry the task group, which cortado sets). */
export function historyPattern(clusterArn: string, group: string): string {
  return stableStringify(
    {
      source: ['aws.ecs'],
      'detail-type': ['ECS Task State Change'],
      detail: { clusterArn: [clusterArn], lastStatus: ['STOPPED'], group: [{ prefix: taskGroupPrefix(group) }] },
    },
    0,
  );
}

export async function planHistory(deps: SchedulesDeps, clusterArn: string): Promise<HistoryPlan> {
  const { partition, region, account } = arnParts(clusterArn);
  const { logGroup, retentionDays } = deps.spec.history;
  const rule = historyRuleName(deps.spec.group);
  const pattern = historyPattern(clusterArn, deps.spec.group);
  const logGroupArn = `arn:${partition}:logs:${region}:${account}:log-group:${logGroup}`;
  const logs = await deps.aws.logs();
  const found = (await logs.describeLogGroups({ logGroupNamePrefix: logGroup }, deps.signal)).logGroups?.find(
    (g) => g.logGroupName === logGroup,
  );
  const events = await deps.aws.events();
  let ruleChanged = true;
  let targetChanged = true;
  try {
    const r = await events.describeRule({ Name: rule }, deps.signal);
    const samePattern = r.EventPattern !== undefined && stableStringify(JSON.parse(r.EventPattern), 0) === pattern;
    ruleChanged = !samePattern || r.State !== 'ENABLED';
    const targets = (await events.listTargetsByRule({ Rule: rule }, deps.signal)).Targets ?? [];
    targetChanged = !targets.some((t) => t.Id === HISTORY_TARGET_ID && t.Arn === logGroupArn);
  } catch (e) {
    if (awsErrorCode(e) !== 'ResourceNotFoundException') throw e;
  }
  const policies = (await logs.describeResourcePolicies({}, deps.signal)).resourcePolicies ?? [];
  const policyResource = `${logGroupArn}:*`;
  const policyCovering = historyPolicyResource(logGroupArn, logGroup);
  const current = policies.find((p) => p.policyName === HISTORY_POLICY_NAME)?.policyDocument;
  const policy = withHistoryResource(current, policyResource, policyCovering);
  return {
    ...(policy.changed ? { policyDocument: policy.document } : {}),
    policyResource,
    policyCovering,
    logGroup,
    logGroupArn,
    logGroupExists: found !== undefined,
    retentionChanged: found?.retentionInDays !== retentionDays,
    rule,
    ruleChanged,
    targetChanged,
    pattern,
  };
}

const POLICY_TRIES = 5;

/**
 * The policy is the account's, shared by every group. Applies of default history log groups write the same document; but
 * a log group named in a config is added by its ARN, and two applies may each read the policy, add theirs and write it
 * back, the second write dropping the first one's group. So the policy is read again after the write, and merged and
 * written again while our log group is not covered by it.
 */
async function putHistoryPolicy(
  deps: SchedulesDeps,
  logs: Awaited<ReturnType<SchedulesDeps['aws']['logs']>>,
  plan: HistoryPlan,
): Promise<void> {
  let document = plan.policyDocument!;
  for (let i = 1; ; i++) {
    await logs.putResourcePolicy({ policyName: HISTORY_POLICY_NAME, policyDocument: document }, deps.signal);
    await deps.clock.sleep(200 * i, deps.signal);
    const now = (await logs.describeResourcePolicies({}, deps.signal)).resourcePolicies?.find((p) => p.policyName === HISTORY_POLICY_NAME);
    const merged = withHistoryResource(now?.policyDocument, plan.policyResource, plan.policyCovering);
    if (!merged.changed || i >= POLICY_TRIES) return;
    document = merged.document;
  }
}

export async function applyHistory(deps: SchedulesDeps, plan: HistoryPlan): Promise<void> {
  const logs = await deps.aws.logs();
  const tags = { [MANAGED_TAG]: MANAGED_VALUE, [OWNER_TAG]: deps.spec.owner };
  if (!plan.logGroupExists) {
    try {
      await logs.createLogGroup({ logGroupName: plan.logGroup, tags }, deps.signal);
    } catch (e) {
      if (awsErrorCode(e) !== 'ResourceAlreadyExistsException') throw e;
    }
  }
  // What was created just above may not be visible yet (eventual consistency): those calls are tried again for a while.
  if (plan.retentionChanged)
    await untilVisible(!plan.logGroupExists, deps.clock, deps.signal, () =>
      logs.putRetentionPolicy({ logGroupName: plan.logGroup, retentionInDays: deps.spec.history.retentionDays }, deps.signal),
    );
  if (plan.policyDocument !== undefined) await putHistoryPolicy(deps, logs, plan);
  const events = await deps.aws.events();
  if (plan.ruleChanged)
    await events.putRule(
      {
        Name: plan.rule,
        EventPattern: plan.pattern,
        State: 'ENABLED',
        Description: `cortado: records the runs of the jobs of schedule group ${deps.spec.group}`,
        Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      },
      deps.signal,
    );
  if (plan.targetChanged) {
    const out = await untilVisible(plan.ruleChanged || !plan.logGroupExists, deps.clock, deps.signal, () =>
      events.putTargets({ Rule: plan.rule, Targets: [{ Id: HISTORY_TARGET_ID, Arn: plan.logGroupArn }] }, deps.signal),
    );
    if (out.FailedEntryCount)
      throw new CortadoError(
        'AWS_CALL_FAILED',
        `PutTargets refused the log group target of rule ${plan.rule}: ${out.FailedEntries?.map((f) => f.ErrorMessage).join('; ')}`,
        { source: 'aws' },
      );
  }
}
