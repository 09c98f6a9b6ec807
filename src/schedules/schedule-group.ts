// The cortado-owned schedule group: found and checked by its tags (never another owner's), and the schedules in it read back.
import type { GetScheduleCommandOutput } from '@aws-sdk/client-scheduler';
import { awsErrorCode } from '../aws/aws-call.js';
import { CortadoError } from '../core/errors.js';
import { MANAGED_TAG, MANAGED_VALUE, OWNER_TAG } from './managed-names.js';
import type { SchedulesDeps } from './schedules-deps.js';

export type GroupState = { readonly kind: 'missing' } | { readonly kind: 'managed'; readonly arn: string };

export const groupTags = (owner: string) => [
  { Key: MANAGED_TAG, Value: MANAGED_VALUE },
  { Key: OWNER_TAG, Value: owner },
];

/** The group, or `missing`; a group with the name but not cortado's tags for this owner is refused (SCHEDULE_GROUP_NOT_MANAGED). */
export async function readGroup(deps: SchedulesDeps): Promise<GroupState> {
  const scheduler = await deps.aws.scheduler();
  const name = deps.spec.group;
  let arn: string | undefined;
  try {
    const g = await scheduler.getScheduleGroup({ Name: name }, deps.signal);
    if (g.State === 'DELETING') return { kind: 'missing' };
    arn = g.Arn;
  } catch (e) {
    if (awsErrorCode(e) === 'ResourceNotFoundException') return { kind: 'missing' };
    throw e;
  }
  const tags = (await scheduler.listTagsForResource({ ResourceArn: arn! }, deps.signal)).Tags ?? [];
  const tag = (k: string) => tags.find((t) => t.Key === k)?.Value;
  if (tag(MANAGED_TAG) !== MANAGED_VALUE || tag(OWNER_TAG) !== deps.spec.owner) {
    const owner = tag(OWNER_TAG);
    throw new CortadoError(
      'SCHEDULE_GROUP_NOT_MANAGED',
      `schedule group ${name} exists but ${tag(MANAGED_TAG) === MANAGED_VALUE ? `belongs to another cortado config (${owner})` : 'was not created by cortado'}: cortado does not touch its schedules`,
      { source: 'user', hint: 'set schedules.group to a group of its own (the default is cortado-<service>)' },
    );
  }
  return { kind: 'managed', arn: arn! };
}

/** Every schedule of the group, in full (GetSchedule each: ListSchedules leaves out what a diff needs). */
export async function readSchedules(deps: SchedulesDeps): Promise<Map<string, GetScheduleCommandOutput>> {
  const scheduler = await deps.aws.scheduler();
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await scheduler.listSchedules({ GroupName: deps.spec.group, ...(token ? { NextToken: token } : {}) }, deps.signal);
    for (const s of page.Schedules ?? []) if (s.Name) names.push(s.Name);
    token = page.NextToken;
  } while (token);
  const out = new Map<string, GetScheduleCommandOutput>();
  for (const name of names.sort()) {
    try {
      out.set(name, await scheduler.getSchedule({ Name: name, GroupName: deps.spec.group }, deps.signal));
    } catch (e) {
      if (awsErrorCode(e) !== 'ResourceNotFoundException') throw e; // deleted meanwhile
    }
  }
  return out;
}
