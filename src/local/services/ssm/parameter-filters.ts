// DescribeParameters / GetParametersByPath filters (pure): which keys and options each operation takes, AWS's errors, matching.
import { AwsError } from '../../aws-error.js';
import { checkPath, isUnderPath, slashed } from './parameter-names.js';
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

type Family = 'Name' | 'Path' | 'Type' | 'KeyId' | 'Tier' | 'DataType' | 'Label' | 'tag';

/** What one operation accepts: the options of each key it takes, and how it words an unknown key. */
export interface FilterScope {
  readonly options: Readonly<Partial<Record<Family, readonly string[]>>>;
  readonly validKeys: string;
}

const EQUALS_OR_PREFIX = ['Equals', 'BeginsWith'] as const;

/** [API ParameterStringFilter]: every DescribeParameters key takes Equals/BeginsWith, Name also Contains, Path Recursive/OneLevel; no Label. */
export const DESCRIBE_SCOPE: FilterScope = {
  options: {
    Name: [...EQUALS_OR_PREFIX, 'Contains'],
    Path: ['Recursive', 'OneLevel'],
    Type: EQUALS_OR_PREFIX,
    KeyId: EQUALS_OR_PREFIX,
    Tier: EQUALS_OR_PREFIX,
    DataType: EQUALS_OR_PREFIX,
    tag: EQUALS_OR_PREFIX,
  },
  validKeys: '[Path, Name, Type, KeyId, Tier]',
};

/** [API GetParametersByPath]: only Type, KeyId (Equals/BeginsWith) and Label (Equals); tag, DataType, Name, Path, Tier are refused. */
export const BY_PATH_SCOPE: FilterScope = {
  options: { Type: EQUALS_OR_PREFIX, KeyId: EQUALS_OR_PREFIX, Label: ['Equals'] },
  validKeys: '[Type, KeyId]',
};

const ENUM_VALUES: Readonly<Partial<Record<Family, readonly string[]>>> = {
  Type: ['String', 'StringList', 'SecureString'],
  Tier: ['Standard', 'Advanced', 'Intelligent-Tiering'],
};

const COMMON_PARAMETERS =
  'Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). When using global parameters, please specify within a global namespace.';

const familyOf = (key: string): Family => (key.startsWith('tag:') ? 'tag' : (key as Family));

function field(p: ParameterState, family: Family): string | undefined {
  const v = latest(p);
  switch (family) {
    case 'Type':
      return v.type;
    case 'KeyId':
      return v.keyId;
    case 'Tier':
      return v.tier;
    case 'DataType':
      return v.dataType;
    default:
      return undefined;
  }
}

const compare = (actual: string, option: string, values: readonly string[]): boolean =>
  values.some((x) => (option === 'BeginsWith' ? actual.startsWith(x) : option === 'Contains' ? actual.includes(x) : actual === x));

function matches(p: ParameterState, key: string, option: string, values: readonly string[]): boolean {
  const family = familyOf(key);
  switch (family) {
    case 'Name':
      // Names compare with their leading slash: "/app" finds "app" and "/app" alike; Contains looks inside that form.
      return compare(slashed(p.name), option, option === 'Contains' ? values : values.map(slashed));
    case 'Path':
      return values.some((x) => isUnderPath(p.name, x, option === 'Recursive'));
    case 'Label':
      return p.versions.some((x) => x.labels.some((l) => values.includes(l)));
    case 'tag': {
      const value = p.tags[key.slice('tag:'.length)];
      return value !== undefined && (values.length === 0 || compare(value, option, values));
    }
    default: {
      const actual = field(p, family);
      return actual !== undefined && compare(actual, option, values);
    }
  }
}

/** The checks AWS makes on one filter, in its order: key, values present, duplicates, Path values, enum values, option. */
function checkFilter(f: StringFilter, scope: FilterScope, seen: ReadonlySet<string>): string {
  const family = familyOf(f.Key);
  const allowed = scope.options[family];
  if (!allowed) {
    throw new AwsError(
      'InvalidFilterKey',
      `The following filter key is not valid: ${f.Key}. Valid filter keys include: ${scope.validKeys}.`,
    );
  }
  const values = f.Values ?? [];
  // A tag filter without values matches every parameter that has the tag key at all.
  if (values.length === 0 && family !== 'tag') {
    throw new AwsError('InvalidFilterValue', `The following filter values are missing : null for filter key ${f.Key}.`);
  }
  if (seen.has(f.Key)) {
    throw new AwsError(
      'InvalidFilterKey',
      `The following filter is duplicated in the request: ${f.Key}. A request can contain only one occurrence of a specific filter.`,
    );
  }
  const option = f.Option ?? (family === 'Path' ? 'OneLevel' : 'Equals');
  if (family === 'Path') {
    if (!allowed.includes(option)) {
      throw new AwsError(
        'InvalidFilterOption',
        `The following filter option is not valid: ${option}. Valid options include: [Recursive, OneLevel].`,
      );
    }
    if (values.some((v) => /^\/(aws|ssm)/i.test(v))) throw new AwsError('ValidationException', COMMON_PARAMETERS);
    for (const v of values) {
      const path = checkPath(v);
      if (path.kind === 'invalid') throw new AwsError('ValidationException', path.message);
    }
  }
  const enumValues = ENUM_VALUES[family];
  const bad = enumValues && option === 'Equals' ? values.find((v) => !enumValues.includes(v)) : undefined;
  if (enumValues && bad !== undefined) {
    throw new AwsError(
      'InvalidFilterValue',
      `The following filter value is not valid: ${bad}. Valid values include: [${enumValues.join(', ')}].`,
    );
  }
  if (!allowed.includes(option)) {
    const listed = family === 'Label' ? '[Equals]' : '[BeginsWith, Equals]';
    throw new AwsError('InvalidFilterOption', `The following filter option is not valid: ${option}. Valid options include: ${listed}.`);
  }
  return option;
}

/** Builds one predicate from ParameterFilters (all must match), answering AWS's InvalidFilter* errors for the operation's scope. */
export function stringFilters(filters: readonly StringFilter[], scope: FilterScope): Predicate {
  const seen = new Set<string>();
  const checks = filters.map((f): Predicate => {
    const option = checkFilter(f, scope, seen);
    seen.add(f.Key);
    const values = f.Values ?? [];
    return (p) => matches(p, f.Key, option, values);
  });
  return (p) => checks.every((c) => c(p));
}

/** The deprecated Filters member of DescribeParameters: Name (a prefix, compared as Name BeginsWith), Type, KeyId (equal). */
export function legacyFilters(filters: readonly LegacyFilter[]): Predicate {
  const checks = filters.map(
    (f): Predicate =>
      (p) =>
        matches(p, f.Key, f.Key === 'Name' ? 'BeginsWith' : 'Equals', f.Values),
  );
  return (p) => checks.every((c) => c(p));
}

/** With a Label filter, GetParametersByPath returns the labelled version of each parameter rather than the latest. */
export const labelFilterValues = (filters: readonly StringFilter[]): readonly string[] | undefined =>
  filters.find((f) => f.Key === 'Label')?.Values;
