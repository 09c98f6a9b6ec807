// Finds a preview's Route 53 records: records cannot carry tags, so the TXT record beside the alias says whose they are.
import { UsageError } from '../core/errors.js';
import type { RecordSetShape } from './env-pieces.js';
import { ours, type FindContext as Ctx, type Part } from './find-context.js';
import { ownerOf, parseOwnershipTxt } from './preview-tags.js';

async function listRecordSets(ctx: Ctx, zoneId: string, start: string, within: (name: string) => boolean): Promise<RecordSetShape[]> {
  const out: RecordSetShape[] = [];
  let next: { name: string; type?: string; id?: string } | undefined = { name: start };
  while (next) {
    const page = await ctx.aws.route53.listResourceRecordSets(
      {
        HostedZoneId: zoneId,
        StartRecordName: next.name,
        MaxItems: 300,
        ...(next.type ? { StartRecordType: next.type as 'A' } : {}),
        ...(next.id ? { StartRecordIdentifier: next.id } : {}),
      },
      ctx.signal,
    );
    const sets = (page.ResourceRecordSets ?? []) as RecordSetShape[];
    const inside = sets.filter((r) => within(r.Name));
    out.push(...inside);
    // Names are sorted by reversed labels, so the domain's names are contiguous: the first one outside ends the walk.
    next =
      page.IsTruncated && inside.length === sets.length && page.NextRecordName
        ? {
            name: page.NextRecordName,
            ...(page.NextRecordType ? { type: page.NextRecordType } : {}),
            ...(page.NextRecordIdentifier ? { id: page.NextRecordIdentifier } : {}),
          }
        : undefined;
  }
  return out;
}

export async function findRecords(ctx: Ctx): Promise<Part & { zoneExists: boolean }> {
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
  const sets =
    scope.kind === 'env'
      ? await listRecordSets(ctx, zone.id, `${scope.names.host}.`, (n) => n === `${scope.names.host}.`)
      : await listRecordSets(ctx, zone.id, `${config.domain}.`, (n) => n === `${config.domain}.` || n.endsWith(suffix));
  const byName = new Map<string, RecordSetShape[]>();
  for (const r of sets) byName.set(r.Name, [...(byName.get(r.Name) ?? []), r]);
  for (const [name, records] of byName) {
    const txt = records.filter((r) => r.Type === 'TXT');
    const owner = txt
      .flatMap((r) => r.ResourceRecords ?? [])
      .map((v) => ownerOf(parseOwnershipTxt(v.Value), config.app))
      .find((o) => o !== undefined);
    if (ours(ctx, owner)) {
      const mine = records.filter((r) => r.Type === 'TXT' || ((r.Type === 'A' || r.Type === 'AAAA') && r.AliasTarget));
      out.pieces.push({ kind: 'record', owner, zoneId: zone.id, name, recordSets: mine });
      const foreign = records.filter((r) => !mine.includes(r));
      if (scope.kind === 'env' && foreign.length)
        out.conflicts.push({
          kind: 'record',
          id: name,
          why: `${name} also has ${foreign.map((r) => r.Type).join(', ')} records cortado did not make`,
        });
    } else if (scope.kind === 'env' && records.length) {
      out.conflicts.push({
        kind: 'record',
        id: name,
        why: `${name} already has ${records.map((r) => r.Type).join(', ')} records in zone ${zone.name} that are not this preview's`,
      });
    }
  }
  return out;
}
