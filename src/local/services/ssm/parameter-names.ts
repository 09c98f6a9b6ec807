// Parameter Store naming rules (pure): allowed characters, reserved prefixes, hierarchy depth, paths and selectors.
export const MAX_HIERARCHY_LEVELS = 15;
const MAX_ARN_LENGTH = 1011;

export type NameProblem =
  | { readonly kind: 'ok' }
  | { readonly kind: 'invalid'; readonly code: 'ValidationException' | 'HierarchyLevelLimitExceededException'; readonly message: string };

const INVALID_NAME =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

export const parameterArn = (region: string, accountId: string, name: string): string =>
  `arn:aws:ssm:${region}:${accountId}:parameter/${name.startsWith('/') ? name.slice(1) : name}`;

export function checkParameterName(name: string, region: string, accountId: string): NameProblem {
  const bare = name.startsWith('/') ? name.slice(1) : name;
  if (!/^[a-zA-Z0-9_.\-/]+$/.test(name) || /^(aws|ssm)/i.test(bare) || bare.split('/').some((s) => s === '')) {
    return { kind: 'invalid', code: 'ValidationException', message: INVALID_NAME };
  }
  if (name.includes('/') && !name.startsWith('/')) {
    return {
      kind: 'invalid',
      code: 'ValidationException',
      message: 'Parameter name must be a fully qualified name: a name that contains a forward slash (/) must begin with one.',
    };
  }
  if (bare.split('/').length > MAX_HIERARCHY_LEVELS) {
    return {
      kind: 'invalid',
      code: 'HierarchyLevelLimitExceededException',
      message: `Parameter name ${name} has more than ${MAX_HIERARCHY_LEVELS} levels of hierarchy. Reduce the number of levels and try again.`,
    };
  }
  if (parameterArn(region, accountId, name).length > MAX_ARN_LENGTH) {
    return {
      kind: 'invalid',
      code: 'ValidationException',
      message: `Parameter name ${name} is too long: the parameter ARN can have at most ${MAX_ARN_LENGTH} characters.`,
    };
  }
  return { kind: 'ok' };
}

/** Whether `name` lies under `path` (one level, or any depth when recursive). */
export function isUnderPath(name: string, path: string, recursive: boolean): boolean {
  const base = path.endsWith('/') ? path : `${path}/`;
  if (!name.startsWith(base) || name.length === base.length) return false;
  return recursive || !name.slice(base.length).includes('/');
}

/** `name:3` (version) or `name:label`; names cannot contain ':' so the last one splits. */
export type Selector = (
  | { readonly kind: 'latest'; readonly name: string }
  | { readonly kind: 'version'; readonly name: string; readonly version: number; readonly text: string }
  | { readonly kind: 'label'; readonly name: string; readonly label: string; readonly text: string }
) & {
  /** Given as an ARN: `parameter/x` may name `x` or `/x`, so lookups try both. */
  readonly fromArn: boolean;
};

/** Accepts a name, a name with selector, or a parameter ARN (which GetParameter also takes). */
export function parseSelector(raw: string): Selector {
  const arn = /^arn:aws[\w-]*:ssm:[^:]*:\d{12}:parameter\/(.*)$/.exec(raw);
  const withoutArn = arn ? `/${arn[1]!}` : raw;
  const fromArn = arn !== null;
  const colon = withoutArn.lastIndexOf(':');
  if (colon < 0) return { kind: 'latest', name: withoutArn, fromArn };
  const name = withoutArn.slice(0, colon);
  const suffix = withoutArn.slice(colon + 1);
  return /^\d+$/.test(suffix)
    ? { kind: 'version', name, version: Number(suffix), text: `:${suffix}`, fromArn }
    : { kind: 'label', name, label: suffix, text: `:${suffix}`, fromArn };
}
