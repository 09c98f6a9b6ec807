// CreateTags, DeleteTags, DescribeTags over every EC2 resource the sandbox keeps.
import { AwsError } from '../../aws-error.js';
import type { Handler } from '../../service.js';
import { checkDryRun, page, setTags, strings, type Ec2Context, type TagInput } from './ec2-context.js';
import { applyFilters } from './ec2-filters.js';

const TAG_FILTERS = ['key', 'value', 'resource-id', 'resource-type'];

/** EC2's resource type for an id, from its prefix. */
function resourceType(id: string): string | undefined {
  if (id.startsWith('vpc-')) return 'vpc';
  if (id.startsWith('subnet-')) return 'subnet';
  if (id.startsWith('sg-')) return 'security-group';
  if (id.startsWith('i-')) return 'instance';
  return undefined;
}

export function tagHandlers(ctx: Ec2Context): Record<string, Handler> {
  const { state } = ctx;
  const exists = (id: string) => state.vpcs.has(id) || state.subnets.has(id) || state.groups.has(id) || state.instances.has(id);
  const check = (id: string) => {
    const type = resourceType(id);
    if (!type) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
    if (!exists(id)) {
      const code = { vpc: 'InvalidVpcID', subnet: 'InvalidSubnetID', 'security-group': 'InvalidGroup', instance: 'InvalidInstanceID' }[
        type
      ];
      const what = { vpc: 'vpc ID', subnet: 'subnet ID', 'security-group': 'security group', instance: 'instance ID' }[type];
      throw new AwsError(`${code}.NotFound`, `The ${what} '${id}' does not exist`);
    }
  };

  return {
    CreateTags(input) {
      const ids = strings(input.Resources);
      ids.forEach(check);
      checkDryRun(input);
      for (const id of ids) setTags(ctx, id, input.Tags as TagInput);
      return {};
    },

    DeleteTags(input) {
      const ids = strings(input.Resources);
      ids.forEach(check);
      checkDryRun(input);
      const tags = (input.Tags as TagInput | undefined) ?? [];
      for (const id of ids) {
        const map = state.tags.get(id);
        if (!map) continue;
        if (tags.length === 0) map.clear();
        // A tag named with a value is deleted only when the value matches; with no value, whatever its value.
        for (const t of tags) if (t.Value === undefined || map.get(t.Key ?? '') === t.Value) map.delete(t.Key ?? '');
      }
      return {};
    },

    DescribeTags(input) {
      const all = [...state.tags].flatMap(([id, map]) =>
        [...map].map(([Key, Value]) => ({ ResourceId: id, ResourceType: resourceType(id) ?? '', Key, Value })),
      );
      const hits = applyFilters(
        all,
        input.Filters,
        TAG_FILTERS,
        (t) => ({ key: [t.Key], value: [t.Value], 'resource-id': [t.ResourceId], 'resource-type': [t.ResourceType] }),
        () => undefined,
      );
      const p = page(hits, input, `tags/${JSON.stringify(input.Filters ?? null)}`);
      return { Tags: p.items, ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
    },
  };
}
