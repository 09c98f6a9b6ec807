// DescribeParameters / GetParametersByPath filters (pure): ParameterStringFilter keys, options and the legacy Filters.
import { AwsError } from '../../aws-error.js';
import { isUnderPath } from './parameter-names.js';
import { latest, type ParameterState } from './parameter-store.js';

export interface StringFilter {
  readonly Key: string;
  readonly Option?: string;
  readonly Values?: readonly string[];
}

export interface LegacyFilter {
  readonly Key: string;
  readonly Values: readonly string[];
}

export type Predicate = (p: ParameterState) => boolean;

const OPTIONS: Readonly<Record<string, readonly string[]>> = {
  Name: ['Equals', 'BeginsWith', 'Contains'],
  Path: ['Recursive', 'OneLevel'],
  Type: ['Equals'],
  KeyId: ['Equals'],
  Tier: ['Equals'],
  DataType: ['Equals'],
  Label: ['Equals'],
  tag: ['Equals'],
};

/** Keys each operation accepts (GetParametersByPath has its own Path, so it takes neither Name nor Path filters). */
export const DESCRIBE_KEYS: readonly string[] = ['Name', 'Path', 'Type', 'KeyId', 'Tier', 'DataType', 'tag'];
export const BY_PATH_KEYS: readonly string[] = ['Type', 'KeyId', 'Label', 'tag'];

function matches(p: ParameterState, key: string, option: string, values: readonly string[]): boolean {
  const v = latest(p);
  switch (key) {
    case 'Name':
      return values.some((x) =>
        option === 'BeginsWith' ? p.name.startsWith(x) : option === 'Contains' ? p.name.includes(x) : p.name === x,
      );
    case 'Path':
      return values.some((x) => isUnderPath(p.name, x, option === 'Recursive'));
    case 'Type':
      return values.includes(v.type);
    case 'KeyId':
      return v.keyId !== undefined && values.includes(v.keyId);
    case 'Tier':
      return values.includes(v.tier);
    case 'DataType':
      return values.includes(v.dataType);
    case 'Label':
      return p.versions.some((x) => x.labels.some((l) => values.includes(l)));
    default: {
      const tagKey = key.slice('tag:'.length);
      return p.tags[tagKey] !== undefined && (values.length === 0 || values.includes(p.tags[tagKey]!));
    }
  }
}

/** Builds one predicate from ParameterFilters, answering InvalidFilterKey/InvalidFilterOption/InvalidFilterValue as AWS does. */
export function stringFilters(filters: readonly StringFilter[], allowedKeys: readonly string[]): Predicate {
  const checks = filters.map((f): Predicate => {
    const family = f.Key.startsWith('tag:') ? 'tag' : f.Key;
    if (!allowedKeys.includes(family)) {
      throw new AwsError(
        'InvalidFilterKey',
        `The following filter key is not valid: ${f.Key}. Valid filter keys include: [${allowedKeys.map((k) => (k === 'tag' ? 'tag:key' : k)).join(', ')}].`,
      );
    }
    const option = f.Option ?? (family === 'Path' ? 'OneLevel' : 'Equals');
    if (!OPTIONS[family]!.includes(option)) {
      throw new AwsError(
        'InvalidFilterOption',
        `The following filter option is not valid: ${option}. Valid options include: [${OPTIONS[family]!.join(', ')}].`,
      );
    }
    const values = f.Values ?? [];
    if (values.length === 0 && family !== 'tag')
      throw new AwsError('InvalidFilterValue', `The following filter values are missing : null for filter key ${f.Key}.`);
    return (p) => matches(p, family === 'tag' ? f.Key : family, option, values);
  });
  return (p) => checks.every((c) => c(p));
}

/** The deprecated Filters member of DescribeParameters: Name (prefix), Type, KeyId. */
export function legacyFilters(filters: readonly LegacyFilter[]): Predicate {
  const checks = filters.map(
    (f): Predicate =>
      (p) =>
        matches(p, f.Key, f.Key === 'Name' ? 'BeginsWith' : 'Equals', f.Values),
  );
  return (p) => checks.every((c) => c(p));
}
