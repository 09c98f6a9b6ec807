// Finds a preview's ELBv2 pieces: target groups and listener rules, judged by DescribeTags (20 ARNs a call).
import { awsErrorCode } from '../aws/aws-call.js';
import { UsageError } from '../core/errors.js';
import { isAwsError } from './aws-codes.js';
import { chunk, mapLimit } from './batches.js';
import { IN_FLIGHT, ours, type FindContext as Ctx, type Part } from './find-context.js';
import { ownerOf, tagMap, type Ownership } from './preview-tags.js';
import { rulePriority, ruleHosts, ruleTargetGroups } from './rule-shape.js';

async function elbTags(ctx: Ctx, arns: readonly string[]): Promise<Map<string, Ownership | undefined>> {
  const pages = await mapLimit(chunk(arns, 20), IN_FLIGHT, async (ResourceArns) => {
    try {
      return (await ctx.aws.elb.describeTags({ ResourceArns }, ctx.signal)).TagDescriptions ?? [];
    } catch (e) {
      // One of them was deleted meanwhile: ask one by one so the others are still judged.
      if (!/NotFound(Exception)?$/.test(awsErrorCode(e) ?? '')) throw e;
      const single = await Promise.all(
        ResourceArns.map((arn) =>
          ctx.aws.elb.describeTags({ ResourceArns: [arn] }, ctx.signal).then(
            (o) => o.TagDescriptions ?? [],
            () => [],
          ),
        ),
      );
      return single.flat();
    }
  });
  return new Map(pages.flat().map((d) => [d.ResourceArn ?? '', ownerOf(tagMap(d.Tags), ctx.config.app)] as const));
}

export async function findTargetGroups(ctx: Ctx): Promise<Part> {
  const { aws, config, scope, signal } = ctx;
  const out: Part = { pieces: [], conflicts: [] };
  const groups: Array<{ arn: string; name: string }> = [];
  if (scope.kind === 'env') {
    try {
      const tg = (await aws.elb.describeTargetGroups({ Names: [scope.names.targetGroup] }, signal)).TargetGroups?.[0];
      if (tg?.TargetGroupArn) groups.push({ arn: tg.TargetGroupArn, name: tg.TargetGroupName ?? '' });
    } catch (e) {
      if (!isAwsError(e, 'TargetGroupNotFound')) throw e;
    }
  } else {
    let marker: string | undefined;
    do {
      const page = await aws.elb.describeTargetGroups({ PageSize: 400, ...(marker ? { Marker: marker } : {}) }, signal);
      for (const tg of page.TargetGroups ?? []) {
        if (tg.TargetGroupArn && tg.TargetGroupName?.startsWith(`${config.app}-`))
          groups.push({ arn: tg.TargetGroupArn, name: tg.TargetGroupName });
      }
      marker = page.NextMarker;
    } while (marker);
  }
  const owners = await elbTags(
    ctx,
    groups.map((g) => g.arn),
  );
  for (const g of groups) {
    const owner = owners.get(g.arn);
    if (!owners.has(g.arn)) continue;
    if (ours(ctx, owner)) out.pieces.push({ kind: 'target-group', owner, arn: g.arn, name: g.name });
    else if (scope.kind === 'env')
      out.conflicts.push({ kind: 'target-group', id: g.arn, why: `target group ${g.name} exists and is not tagged as this preview's` });
  }
  return out;
}

export async function findRules(ctx: Ctx): Promise<Part> {
  const out: Part = { pieces: [], conflicts: [] };
  let rules;
  try {
    // One env's rule always routes its host: those are the candidates its tags must confirm.
    rules = (await ctx.reads.rules()).filter(
      (r) => rulePriority(r) !== undefined && r.RuleArn && (ctx.scope.kind === 'all' || ruleHosts(r).includes(ctx.scope.names.host)),
    );
  } catch (e) {
    if (e instanceof UsageError && e.code === 'LISTENER_NOT_FOUND') return out;
    throw e;
  }
  const owners = await elbTags(
    ctx,
    rules.map((r) => r.RuleArn!),
  );
  for (const r of rules) {
    const owner = owners.get(r.RuleArn!);
    const hosts = ruleHosts(r);
    if (ours(ctx, owner)) {
      out.pieces.push({ kind: 'rule', owner, arn: r.RuleArn!, priority: rulePriority(r)!, hosts, targetGroupArns: ruleTargetGroups(r) });
    } else if (ctx.scope.kind === 'env' && hosts.includes(ctx.scope.names.host)) {
      out.conflicts.push({
        kind: 'rule',
        id: r.RuleArn!,
        why: `rule ${r.RuleArn} (priority ${r.Priority}) already routes ${ctx.scope.names.host} and is not this preview's`,
      });
    }
  }
  return out;
}
