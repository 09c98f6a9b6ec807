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

/**
 * The identity of a parameter: a root-level name is the same parameter with or without its leading slash ("name" and
 * "/name"), so the key drops that slash; names in a hierarchy always start with one and are their own key.
 */
export function parameterKey(name: string): string {
  const bare = name.startsWith('/') ? name.slice(1) : name;
  return bare.includes('/') ? name : bare;
}

/** A name with its leading slash, the form paths and Name filters compare ("name" lies under "/"). */
export const slashed = (name: string): string => (name.startsWith('/') ? name : `/${name}`);

/** Whether `name` lies under `path` (one level, or any depth when recursive); root-level names lie under "/". */
export function isUnderPath(name: string, path: string, recursive: boolean): boolean {
  const full = slashed(name);
  const base = path.endsWith('/') ? path : `${path}/`;
  if (!full.startsWith(base) || full.length === base.length) return false;
  return recursive || !full.slice(base.length).includes('/');
}

/** What GetParameter and the other reads answer for a malformed name (observed wording; PutParameter words it differently). */
export const INVALID_READ_NAME =
  'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

/** Reads accept any name Parameter Store could hold (public /aws/... names included) but not a malformed one. */
export const isWellFormedName = (name: string): boolean =>
  /^[a-zA-Z0-9_.\-/]+$/.test(name) && !name.includes('//') && (!name.includes('/') || name.startsWith('/'));

/** The message AWS answers for a path that does not meet the naming rules (GetParametersByPath, Path filters). */
export const INVALID_PATH =
  'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". It can\'t be prefixed with \\"aws\\" or \\"ssm\\" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.';

export type PathCheck = { readonly kind: 'ok' } | { readonly kind: 'invalid'; readonly message: string };

/** A hierarchy path: starts with "/", no empty sub-path, Parameter Store's characters, at most 15 levels. */
export function checkPath(path: string): PathCheck {
  const inner = path === '/' ? '' : path.replace(/^\//, '').replace(/\/$/, '');
  if (!path.startsWith('/') || !/^[a-zA-Z0-9_.\-/]*$/.test(path) || (inner !== '' && inner.split('/').some((s) => s === ''))) {
    return { kind: 'invalid', message: INVALID_PATH };
  }
  if (inner.split('/').length > MAX_HIERARCHY_LEVELS) {
    return {
      kind: 'invalid',
      message: `The path ${path} has more than ${MAX_HIERARCHY_LEVELS} levels of hierarchy. A parameter hierarchy can have a maximum of ${MAX_HIERARCHY_LEVELS} levels.`,
    };
  }
  return { kind: 'ok' };
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
