// Finds a preview's resources in AWS by their tags (and, for Route 53, by the TXT record that stands for tags): nothing is trusted from local state.
import type { Service } from '@aws-sdk/client-ecs';
import { awsErrorCode } from '../aws/aws-call.js';
import { isAwsError } from './aws-codes.js';
import { UsageError } from '../core/errors.js';
import { chunk, mapLimit } from './batches.js';
import type { Conflict, Piece, RecordSetShape } from './env-pieces.js';
import type { PreviewNames } from './naming.js';
import type { PreviewConfig } from './preview-config.js';
import type { PreviewAws } from './preview-aws.js';
import { ownerOf, parseOwnershipTxt, tagMap, type Ownership } from './preview-tags.js';
import { rulePriority, ruleHosts, ruleTargetGroups } from './rule-shape.js';
import type { SharedReads } from './shared-reads.js';

/** One environment (looked up by its deterministic names, confirmed by tags) or every environment of the app. */
export type Scope = { readonly kind: 'env'; readonly names: PreviewNames } | { readonly kind: 'all' };

export interface Found {
  readonly pieces: readonly Piece[];
  readonly conflicts: readonly Conflict[];
  readonly clusterExists: boolean;
  readonly zoneExists: boolean;
}

interface Part { readonly pieces: Piece[]; readonly conflicts: Conflict[] }

const IN_FLIGHT = 8;

interface Ctx {
  readonly aws: PreviewAws;
  readonly config: PreviewConfig;
  readonly reads: SharedReads;
  readonly scope: Scope;
  readonly signal: AbortSignal;
}

/** The owner when the tags say cortado made it for this app (and, in env scope, this env). */
function ours(ctx: Ctx, owner: Ownership | undefined): owner is Ownership {
  return owner !== undefined && (ctx.scope.kind === 'all' || owner.env === ctx.scope.names.env);
}

function servicePiece(s: Service, owner: Ownership): Piece {
  return {
    kind: 'service', owner, arn: s.serviceArn ?? '', name: s.serviceName ?? '', cluster: s.clusterArn ?? '', status: s.status ?? 'ACTIVE',
    taskDefinition: s.taskDefinition ?? '', desiredCount: s.desiredCount ?? 0, runningCount: s.runningCount ?? 0,
    ...(s.createdAt ? { createdAt: new Date(s.createdAt) } : {}),
    targetGroupArns: (s.loadBalancers ?? []).map((l) => l.targetGroupArn ?? '').filter(Boolean),
    ...(s.loadBalancers?.[0]?.containerName ? { container: s.loadBalancers[0].containerName } : {}),
  };
}

async function findServices(ctx: Ctx): Promise<Part & { clusterExists: boolean }> {
  const { aws, config, scope, signal } = ctx;
  const out: Part & { clusterExists: boolean } = { pieces: [], conflicts: [], clusterExists: true };
  try {
    let names: string[];
    if (scope.kind === 'env') names = [scope.names.service];
    else {
      names = [];
      let token: string | undefined;
      do {
        const page = await aws.ecs.listServices({ cluster: config.cluster, maxResults: 100, ...(token ? { nextToken: token } : {}) }, signal);
        names.push(...(page.serviceArns ?? []));
        token = page.nextToken;
      } while (token);
    }
    const pages = await mapLimit(chunk(names, 10), IN_FLIGHT, (services) => aws.ecs.describeServices({ cluster: config.cluster, services, include: ['TAGS'] }, signal));
    for (const s of pages.flatMap((p) => p.services ?? [])) {
      if (s.status === 'INACTIVE') continue;
      const owner = ownerOf(tagMap(s.tags), config.app);
      if (ours(ctx, owner)) out.pieces.push(servicePiece(s, owner));
      else if (scope.kind === 'env') out.conflicts.push({ kind: 'service', id: s.serviceArn ?? '', why: `service ${s.serviceName} exists in cluster ${config.cluster} and is not tagged as this preview's` });
    }
  } catch (e) {
    if (!isAwsError(e, 'ClusterNotFoundException')) throw e;
    out.clusterExists = false;
  }
  return out;
}

async function listRevisions(ctx: Ctx, family: string): Promise<Array<{ arn: string; status: 'ACTIVE' | 'INACTIVE' }>> {
  const lists = await Promise.all((['ACTIVE', 'INACTIVE'] as const).map(async (status) => {
    const arns: string[] = [];
    let token: string | undefined;
    do {
      const page = await ctx.aws.ecs.listTaskDefinitions({ familyPrefix: family, status, maxResults: 100, ...(token ? { nextToken: token } : {}) }, ctx.signal);
      arns.push(...(page.taskDefinitionArns ?? []));
      token = page.nextToken;
    } while (token);
    return arns.map((arn) => ({ arn, status }));
  }));
  return lists.flat();
}

async function findTaskDefinitions(ctx: Ctx): Promise<Part> {
  const { aws, config, scope, signal } = ctx;
  const out: Part = { pieces: [], conflicts: [] };
  let families: string[];
  if (scope.kind === 'env') families = [scope.names.family];
  else {
    families = [];
    let token: string | undefined;
    do {
      const page = await aws.ecs.listTaskDefinitionFamilies({ familyPrefix: `${config.app}-`, status: 'ALL', maxResults: 100, ...(token ? { nextToken: token } : {}) }, signal);
      families.push(...(page.families ?? []));
      token = page.nextToken;
    } while (token);
  }
  const revisions = (await Promise.all(families.map((f) => listRevisions(ctx, f)))).flat();
  const tagged = await mapLimit(revisions, IN_FLIGHT, async (r) => {
    try {
      return { ...r, tags: tagMap((await aws.ecs.listTagsForResource({ resourceArn: r.arn }, signal)).tags) };
    } catch (e) {
      // Deleted between the listing and this call.
      if (isAwsError(e, 'InvalidParameterException', 'ClientException', 'ResourceNotFoundException')) return undefined;
      throw e;
    }
  });
  for (const r of tagged) {
    if (!r) continue;
    const owner = ownerOf(r.tags, config.app);
    if (ours(ctx, owner)) out.pieces.push({ kind: 'task-definition', owner, arn: r.arn, status: r.status });
    else if (scope.kind === 'env' && r.status === 'ACTIVE') out.conflicts.push({ kind: 'task-definition', id: r.arn, why: `task definition family ${scope.names.family} has revisions not tagged as this preview's` });
  }
  return out;
}

async function elbTags(ctx: Ctx, arns: readonly string[]): Promise<Map<string, Ownership | undefined>> {
  const pages = await mapLimit(chunk(arns, 20), IN_FLIGHT, async (ResourceArns) => {
    try {
      return (await ctx.aws.elb.describeTags({ ResourceArns }, ctx.signal)).TagDescriptions ?? [];
    } catch (e) {
      // One of them was deleted meanwhile: ask one by one so the others are still judged.
      if (!/NotFound(Exception)?$/.test(awsErrorCode(e) ?? '')) throw e;
      const single = await Promise.all(ResourceArns.map((arn) => ctx.aws.elb.describeTags({ ResourceArns: [arn] }, ctx.signal).then((o) => o.TagDescriptions ?? [], () => [])));
      return single.flat();
    }
  });
  return new Map(pages.flat().map((d) => [d.ResourceArn ?? '', ownerOf(tagMap(d.Tags), ctx.config.app)] as const));
}

async function findTargetGroups(ctx: Ctx): Promise<Part> {
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
        if (tg.TargetGroupArn && tg.TargetGroupName?.startsWith(`${config.app}-`)) groups.push({ arn: tg.TargetGroupArn, name: tg.TargetGroupName });
      }
      marker = page.NextMarker;
    } while (marker);
  }
  const owners = await elbTags(ctx, groups.map((g) => g.arn));
  for (const g of groups) {
    const owner = owners.get(g.arn);
    if (!owners.has(g.arn)) continue;
    if (ours(ctx, owner)) out.pieces.push({ kind: 'target-group', owner, arn: g.arn, name: g.name });
    else if (scope.kind === 'env') out.conflicts.push({ kind: 'target-group', id: g.arn, why: `target group ${g.name} exists and is not tagged as this preview's` });
  }
  return out;
}

async function findRules(ctx: Ctx): Promise<Part> {
  const out: Part = { pieces: [], conflicts: [] };
  let rules;
  try {
    // One env's rule always routes its host: those are the candidates its tags must confirm.
    rules = (await ctx.reads.rules()).filter((r) => rulePriority(r) !== undefined && r.RuleArn
      && (ctx.scope.kind === 'all' || ruleHosts(r).includes(ctx.scope.names.host)));
  } catch (e) {
    if (e instanceof UsageError && e.code === 'LISTENER_NOT_FOUND') return out;
    throw e;
  }
  const owners = await elbTags(ctx, rules.map((r) => r.RuleArn!));
  for (const r of rules) {
    const owner = owners.get(r.RuleArn!);
    const hosts = ruleHosts(r);
    if (ours(ctx, owner)) {
      out.pieces.push({ kind: 'rule', owner, arn: r.RuleArn!, priority: rulePriority(r)!, hosts, targetGroupArns: ruleTargetGroups(r) });
    } else if (ctx.scope.kind === 'env' && hosts.includes(ctx.scope.names.host)) {
      out.conflicts.push({ kind: 'rule', id: r.RuleArn!, why: `rule ${r.RuleArn} (priority ${r.Priority}) already routes ${ctx.scope.names.host} and is not this preview's` });
    }
  }
  return out;
}

async function listRecordSets(ctx: Ctx, zoneId: string, start: string, within: (name: string) => boolean): Promise<RecordSetShape[]> {
  const out: RecordSetShape[] = [];
  let next: { name: string; type?: string; id?: string } | undefined = { name: start };
  while (next) {
    const page = await ctx.aws.route53.listResourceRecordSets({
      HostedZoneId: zoneId, StartRecordName: next.name, MaxItems: 300,
      ...(next.type ? { StartRecordType: next.type as 'A' } : {}), ...(next.id ? { StartRecordIdentifier: next.id } : {}),
    }, ctx.signal);
    const sets = (page.ResourceRecordSets ?? []) as RecordSetShape[];
    const inside = sets.filter((r) => within(r.Name));
    out.push(...inside);
    // Names are sorted by reversed labels, so the domain's names are contiguous: the first one outside ends the walk.
    next = page.IsTruncated && inside.length === sets.length && page.NextRecordName
      ? { name: page.NextRecordName, ...(page.NextRecordType ? { type: page.NextRecordType } : {}), ...(page.NextRecordIdentifier ? { id: page.NextRecordIdentifier } : {}) }
      : undefined;
  }
  return out;
}

async function findRecords(ctx: Ctx): Promise<Part & { zoneExists: boolean }> {
  const { config, scope } = ctx;
  const out: Part & { zoneExists: boolean } = { pieces: [], conflicts: [], zoneExists: true };
  let zone;
  try {
    zone = await ctx.reads.zone();
  } catch (e) {
    if (e instanceof UsageError && e.code === 'NO_HOSTED_ZONE') return { ...out, zoneExists: false };
    throw e;
  }
  const suffix = `.${config.domain}.`;
  const sets = scope.kind === 'env'
    ? await listRecordSets(ctx, zone.id, `${scope.names.host}.`, (n) => n === `${scope.names.host}.`)
    : await listRecordSets(ctx, zone.id, `${config.domain}.`, (n) => n === `${config.domain}.` || n.endsWith(suffix));
  const byName = new Map<string, RecordSetShape[]>();
  for (const r of sets) byName.set(r.Name, [...(byName.get(r.Name) ?? []), r]);
  for (const [name, records] of byName) {
    const txt = records.filter((r) => r.Type === 'TXT');
    const owner = txt.flatMap((r) => r.ResourceRecords ?? []).map((v) => ownerOf(parseOwnershipTxt(v.Value), config.app)).find((o) => o !== undefined);
    if (ours(ctx, owner)) {
      const mine = records.filter((r) => r.Type === 'TXT' || ((r.Type === 'A' || r.Type === 'AAAA') && r.AliasTarget));
      out.pieces.push({ kind: 'record', owner, zoneId: zone.id, name, recordSets: mine });
      const foreign = records.filter((r) => !mine.includes(r));
      if (scope.kind === 'env' && foreign.length) out.conflicts.push({ kind: 'record', id: name, why: `${name} also has ${foreign.map((r) => r.Type).join(', ')} records cortado did not make` });
    } else if (scope.kind === 'env' && records.length) {
      out.conflicts.push({ kind: 'record', id: name, why: `${name} already has ${records.map((r) => r.Type).join(', ')} records in zone ${zone.name} that are not this preview's` });
    }
  }
  return out;
}

/** Every piece of the scope, found concurrently per service; names never decide ownership, tags do. */
export async function findPieces(aws: PreviewAws, config: PreviewConfig, reads: SharedReads, scope: Scope, signal: AbortSignal): Promise<Found> {
  const ctx: Ctx = { aws, config, reads, scope, signal };
  const [services, tds, groups, rules, records] = await Promise.all([findServices(ctx), findTaskDefinitions(ctx), findTargetGroups(ctx), findRules(ctx), findRecords(ctx)]);
  const parts = [services, tds, groups, rules, records];
  return {
    pieces: parts.flatMap((p) => p.pieces), conflicts: parts.flatMap((p) => p.conflicts),
    clusterExists: services.clusterExists, zoneExists: records.zoneExists,
  };
}
