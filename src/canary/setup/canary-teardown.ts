// `canary teardown` as a library call: removes exactly what canary setup created (found by its tags), never during a release.
import type { Action, TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsErrorCode } from '../../aws/aws-call.js';
import { tagMap, type TagMap } from '../../aws/resource-tags.js';
import { chunk } from '../../core/batches.js';
import { UsageError } from '../../core/errors.js';
import { msg, type IoHost } from '../../core/io-host.js';
import { decodeState } from '../state-tags.js';
import { groupsOf, withoutGroup } from '../routers/forward-weights.js';
import { routeName } from './find-route.js';
import { activeService } from './read-setup.js';
import type { SetupAws } from './setup-aws.js';
import type { SetupRequest } from './setup-request.js';
import { madeBySetup, setupIdentity, TAG_ROUTE } from './setup-tags.js';

export interface TeardownResult {
  readonly dryRun: boolean;
  readonly changes: readonly string[];
}

const ENDED = new Set(['succeeded', 'failed', 'aborted']);

/** Every target group tagged as set up for `identity` (DescribeTags takes 20 ARNs a call). */
async function ownGroups(aws: SetupAws, identity: string, signal: AbortSignal): Promise<{ group: TargetGroup; tags: TagMap }[]> {
  const groups: TargetGroup[] = [];
  let marker: string | undefined;
  do {
    const out = await aws.elb.describeTargetGroups(marker ? { Marker: marker } : {}, signal);
    groups.push(...(out.TargetGroups ?? []));
    marker = out.NextMarker;
  } while (marker);
  const out: { group: TargetGroup; tags: TagMap }[] = [];
  for (const batch of chunk(groups, 20)) {
    const d = (await aws.elb.describeTags({ ResourceArns: batch.map((g) => g.TargetGroupArn!) }, signal)).TagDescriptions ?? [];
    for (const t of d) {
      const tags = tagMap(t.Tags);
      const group = batch.find((g) => g.TargetGroupArn === t.ResourceArn);
      if (group && madeBySetup(tags, identity)) out.push({ group, tags });
    }
  }
  return out;
}

async function routeActions(
  aws: SetupAws,
  arn: string,
  signal: AbortSignal,
): Promise<{ kind: 'rule' | 'listener'; actions: readonly Action[] } | undefined> {
  const kind = arn.includes(':listener-rule/') ? 'rule' : 'listener';
  try {
    const actions =
      kind === 'rule'
        ? (await aws.elb.describeRules({ RuleArns: [arn] }, signal)).Rules?.[0]?.Actions
        : (await aws.elb.describeListeners({ ListenerArns: [arn] }, signal)).Listeners?.[0]?.DefaultActions;
    return actions ? { kind, actions } : undefined;
  } catch (e) {
    if (/NotFound/.test(awsErrorCode(e) ?? '')) return undefined;
    throw e;
  }
}

export async function canaryTeardown(
  aws: SetupAws,
  req: SetupRequest,
  io: IoHost,
  signal: AbortSignal,
  opts: { readonly dryRun?: boolean } = {},
): Promise<TeardownResult> {
  const identity = setupIdentity(req.cluster, req.stableService);
  const dryRun = opts.dryRun ?? false;
  const service = await activeService(aws, req.cluster, req.canaryService, signal);
  const ownService = service && madeBySetup(service.tags, identity) ? service : undefined;
  const state = service ? decodeState(Object.entries(service.tags).map(([key, value]) => ({ key, value }))) : undefined;
  if (state && !ENDED.has(state.phase.kind))
    throw new UsageError(
      'CANARY_TEARDOWN_REFUSED',
      `release ${state.releaseId} is ${state.phase.kind} on ${req.canaryService}: teardown would cut its traffic mid-release`,
      'wait for it to end, or end it with `cortado canary abort` (or promote), then run teardown again',
    );
  const groups = await ownGroups(aws, identity, signal);
  // Read every route first: a canary that still takes traffic stops the teardown before anything is removed.
  const routes: { arn: string; kind: 'rule' | 'listener'; actions: Action[]; group: string }[] = [];
  for (const { group, tags } of groups) {
    const arn = tags[TAG_ROUTE];
    if (!arn) continue;
    const r = await routeActions(aws, arn, signal);
    const fwd = r?.actions.find((a) => a.Type === 'forward');
    const g = fwd ? groupsOf(fwd).find((x) => x.arn === group.TargetGroupArn) : undefined;
    if (!r || !g) continue;
    if (g.weight > 0)
      throw new UsageError(
        'CANARY_TEARDOWN_REFUSED',
        `${routeName({ kind: r.kind, arn })} still sends weight ${g.weight} to the canary target group ${group.TargetGroupName}`,
        'set the weights back with `cortado canary abort` first',
      );
    routes.push({
      arn,
      kind: r.kind,
      actions: withoutGroup(r.actions, group.TargetGroupArn!, routeName({ kind: r.kind, arn })),
      group: group.TargetGroupName!,
    });
  }
  const changes: string[] = [];
  const step = async (text: string, act: () => Promise<unknown>) => {
    if (!dryRun) await act();
    changes.push(text);
    io.notify(msg(dryRun ? 'debug' : 'info', 'CANARY_SETUP_CHANGE', dryRun ? `would ${text}` : text, { dryRun }));
  };
  for (const r of routes)
    await step(`take the canary target group ${r.group} out of ${routeName(r)}`, () =>
      r.kind === 'rule'
        ? aws.elb.modifyRule({ RuleArn: r.arn, Actions: r.actions }, signal)
        : aws.elb.modifyListener({ ListenerArn: r.arn, DefaultActions: r.actions }, signal),
    );
  if (ownService)
    await step(`delete service ${req.canaryService}`, () =>
      aws.ecs.deleteService({ cluster: req.cluster, service: req.canaryService, force: true }, signal),
    );
  else if (service)
    io.notify(msg('info', 'CANARY_SETUP_CHANGE', `service ${req.canaryService} was not created by canary setup: kept`, { dryRun }));
  for (const { group } of groups)
    await step(`delete target group ${group.TargetGroupName}`, () =>
      aws.elb.deleteTargetGroup({ TargetGroupArn: group.TargetGroupArn! }, signal),
    );
  return { dryRun, changes };
}
