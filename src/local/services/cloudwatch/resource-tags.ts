// TagResource, UntagResource and ListTagsForResource over the CloudWatch resources that carry tags (alarms, insight rules, dashboards).
import { AwsError } from '../../aws-error.js';
import type { Handler } from '../../service.js';
import { invalidParameterValue } from './cloudwatch-errors.js';

export type TagList = ReadonlyArray<{ readonly Key: string; readonly Value: string }>;

/** A resource's tags, as the service that owns the resource keeps them. */
export interface Tagged {
  tags: TagList;
}

export const MAX_TAGS = 50;

/** `arn:aws:cloudwatch:<region>:<account>:alarm:<name>` → { type: 'alarm', id: name }; insight-rule/ and dashboard/ likewise. */
export function parseResourceArn(arn: string): { readonly type: string; readonly id: string } | undefined {
  const m = /^arn:[^:]+:cloudwatch:[^:]*:\d{12}:(alarm:|insight-rule\/|dashboard\/)(.+)$/.exec(arn);
  if (!m) return undefined;
  return { type: m[1]!.slice(0, -1), id: m[2]! };
}

/** Later tags replace earlier ones with the same key; the result keeps first-seen order. */
export function mergeTags(existing: TagList, added: TagList): TagList {
  const map = new Map(existing.map((t) => [t.Key, t.Value]));
  for (const t of added) map.set(t.Key, t.Value);
  return [...map.entries()].map(([Key, Value]) => ({ Key, Value }));
}

export function tagHandlers(find: (type: string, id: string) => Tagged | undefined): Record<string, Handler> {
  const resolve = (arnValue: unknown): Tagged => {
    const arn = String(arnValue);
    const parsed = parseResourceArn(arn);
    if (!parsed) throw invalidParameterValue(`Invalid value for parameter ResourceARN: ${arn}`);
    const hit = find(parsed.type, parsed.id);
    if (!hit)
      throw new AwsError('ResourceNotFoundException', `The specified ${parsed.type} ${parsed.id} does not exist.`, 404, {
        ResourceType: parsed.type,
        ResourceId: parsed.id,
      });
    return hit;
  };
  return {
    TagResource: (input) => {
      const target = resolve(input.ResourceARN);
      const merged = mergeTags(target.tags, input.Tags as TagList);
      if (merged.length > MAX_TAGS) throw new AwsError('LimitExceededException', `A resource can have at most ${MAX_TAGS} tags.`);
      target.tags = merged;
      return {};
    },
    UntagResource: (input) => {
      const target = resolve(input.ResourceARN);
      const keys = new Set(input.TagKeys as string[]);
      target.tags = target.tags.filter((t) => !keys.has(t.Key));
      return {};
    },
    ListTagsForResource: (input) => ({ Tags: resolve(input.ResourceARN).tags }),
  };
}
