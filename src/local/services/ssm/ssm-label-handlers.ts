// Parameter labels (LabelParameterVersion/UnlabelParameterVersion) and parameter tags (Add/List/RemoveTags).
import { AwsError } from '../../aws-error.js';
import type { Handler } from '../../service.js';
import { parameterNamed, parameterNotFound, type ParameterState, type ParameterStore } from './parameter-store.js';

const MAX_LABELS_PER_VERSION = 10;
const MAX_TAGS = 50;

/** AWS's label rules: letters, digits, . - _; not starting with a digit, "aws" or "ssm"; at most 100 characters. */
export const isValidLabel = (label: string): boolean =>
  label.length <= 100 && /^[a-zA-Z0-9._-]+$/.test(label) && !/^[0-9]/.test(label) && !/^(aws|ssm)/i.test(label);

function versionOf(p: ParameterState, requested: unknown) {
  if (requested === undefined) return p.versions[p.versions.length - 1]!;
  const v = p.versions.find((x) => x.version === requested);
  if (!v)
    throw new AwsError(
      'ParameterVersionNotFound',
      `Systems Manager could not find version ${String(requested)} of ${p.name}. Verify the version and try again.`,
    );
  return v;
}

export function labelHandlers(store: ParameterStore): Record<string, Handler> {
  const get = (name: string) => {
    const p = parameterNamed(store, name);
    if (!p) throw parameterNotFound();
    return p;
  };
  const tagged = (input: Record<string, unknown>) => {
    if (input.ResourceType !== 'Parameter')
      throw new AwsError(
        'InvalidResourceType',
        `The resource type ${String(input.ResourceType)} is not supported by cortado local; only Parameter is.`,
      );
    const p = parameterNamed(store, input.ResourceId as string);
    if (!p)
      throw new AwsError('InvalidResourceId', `The resource ID "${String(input.ResourceId)}" is not valid. Verify the ID and try again.`);
    return p;
  };
  return {
    LabelParameterVersion: (input) => {
      const p = get(input.Name as string);
      const target = versionOf(p, input.ParameterVersion);
      const labels = input.Labels as string[];
      const valid = labels.filter(isValidLabel);
      const invalid = labels.filter((l) => !isValidLabel(l));
      const after = new Set([...target.labels, ...valid]);
      if (after.size > MAX_LABELS_PER_VERSION) {
        throw new AwsError(
          'ParameterVersionLabelLimitExceeded',
          `A parameter version can have maximum ${MAX_LABELS_PER_VERSION} labels. Move one or more labels to another version and try again.`,
        );
      }
      // A label names one version at a time: attaching it here moves it off any other version.
      for (const v of p.versions) if (v !== target) v.labels = v.labels.filter((l) => !valid.includes(l));
      target.labels = [...after];
      return { InvalidLabels: invalid, ParameterVersion: target.version };
    },
    UnlabelParameterVersion: (input) => {
      const p = get(input.Name as string);
      const target = versionOf(p, input.ParameterVersion);
      const labels = input.Labels as string[];
      const removed = labels.filter((l) => target.labels.includes(l));
      target.labels = target.labels.filter((l) => !labels.includes(l));
      return { RemovedLabels: removed, InvalidLabels: labels.filter((l) => !removed.includes(l)) };
    },
    AddTagsToResource: (input) => {
      const p = tagged(input);
      const tags = { ...p.tags };
      for (const t of input.Tags as Array<{ Key: string; Value: string }>) tags[t.Key] = t.Value;
      if (Object.keys(tags).length > MAX_TAGS)
        throw new AwsError('TooManyTagsError', `The Parameter resource ${p.name} can have at most ${MAX_TAGS} tags.`);
      p.tags = tags;
      return {};
    },
    ListTagsForResource: (input) => ({ TagList: Object.entries(tagged(input).tags).map(([Key, Value]) => ({ Key, Value })) }),
    RemoveTagsFromResource: (input) => {
      const p = tagged(input);
      for (const k of input.TagKeys as string[]) delete p.tags[k];
      return {};
    },
  };
}
