// After a create, reads back the pieces it made: a concurrent delete may have removed some, a concurrent create may have doubled the rule.
import { isAwsError } from './aws-codes.js';
import { msg } from '../core/io-host.js';
import type { PieceKind } from './env-pieces.js';
import type { PreviewNames } from './naming.js';
import type { PreviewDeps } from './preview-deps.js';
import { recordCurrent } from './routing-inputs.js';
import { rulePriority, ruleHosts, ruleTargetGroups } from './rule-shape.js';
import type { LoadBalancerInfo, SharedReads, ZoneInfo } from './shared-reads.js';

export interface Verified {
  readonly missing: readonly PieceKind[];
  readonly priority?: number;
  /**
   * The listing shows the rule this run made (or it made none). Until it does, the listing may also miss a racer's rule,
   * so a duplicate may be left: the read is worth repeating.
   */
  readonly caughtUp: boolean;
}

export async function verifyCreated(
  deps: PreviewDeps,
  names: PreviewNames,
  targetGroupArn: string,
  lb: LoadBalancerInfo,
  zone: ZoneInfo,
  reads: SharedReads,
  signal: AbortSignal,
  ownRuleArn?: string,
): Promise<Verified> {
  const { aws, config } = deps;
  const [service, group, rules, records] = await Promise.all([
    aws.ecs.describeServices({ cluster: config.cluster, services: [names.service] }, signal).then((o) => o.services?.[0]),
    aws.elb.describeTargetGroups({ TargetGroupArns: [targetGroupArn] }, signal).then(
      (o) => o.TargetGroups?.[0],
      (e: unknown) => {
        if (isAwsError(e, 'TargetGroupNotFound')) return undefined;
        throw e;
      },
    ),
    reads.freshRules(),
    aws.route53
      .listResourceRecordSets({ HostedZoneId: zone.id, StartRecordName: `${names.host}.`, MaxItems: 10 }, signal)
      .then((o) => o.ResourceRecordSets ?? []),
  ]);
  const mine = rules
    .filter((r) => ruleHosts(r).includes(names.host) && ruleTargetGroups(r).includes(targetGroupArn))
    .sort((a, b) => (rulePriority(a) ?? 0) - (rulePriority(b) ?? 0));
  // Two creates of one env raced and each added a rule: every racer keeps the lowest priority and drops the rest.
  await Promise.all(
    mine.slice(1).map(async (r) => {
      deps.io.notify(
        msg('debug', 'ENV_DUPLICATE_RULE', `${names.env}: removing duplicate rule at priority ${r.Priority}`, { rule: r.RuleArn }),
      );
      await aws.elb.deleteRule({ RuleArn: r.RuleArn! }, signal).catch((e: unknown) => {
        if (!isAwsError(e, 'RuleNotFound')) throw e;
      });
    }),
  );
  const here = records
    .filter((r) => r.Name === `${names.host}.`)
    .map((r) => ({ Type: r.Type ?? '', ...(r.AliasTarget ? { AliasTarget: { DNSName: r.AliasTarget.DNSName ?? '' } } : {}) }));
  const missing: PieceKind[] = [];
  if (service?.status !== 'ACTIVE') missing.push('service');
  if (!group) missing.push('target-group');
  if (mine.length === 0) missing.push('rule');
  if (!recordCurrent(here, lb)) missing.push('record');
  const first = mine[0] ? rulePriority(mine[0]) : undefined;
  const caughtUp = !ownRuleArn || rules.some((r) => r.RuleArn === ownRuleArn);
  return { missing, caughtUp, ...(first !== undefined ? { priority: first } : {}) };
}
