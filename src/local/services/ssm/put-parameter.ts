// PutParameter's decisions: every check AWS makes before a new version exists, then the version it writes.
import { AwsError } from '../../aws-error.js';
import { checkParameterName } from './parameter-names.js';
import { fakeCiphertext, latest, type ParameterState, type ParameterVersion } from './parameter-store.js';

export const DEFAULT_SSM_KEY = 'alias/aws/ssm';
const MAX_VERSIONS = 100;
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
const LIMITS: Readonly<Record<string, number>> = { Standard: 4096, Advanced: 8192 };

export interface PutInput {
  readonly Name: string;
  readonly Value: string;
  readonly Type?: string;
  readonly Description?: string;
  readonly KeyId?: string;
  readonly Overwrite?: boolean;
  readonly AllowedPattern?: string;
  readonly Tags?: ReadonlyArray<{ readonly Key: string; readonly Value: string }>;
  readonly Tier?: string;
  readonly Policies?: string;
  readonly DataType?: string;
}

const validation = (message: string) => new AwsError('ValidationException', message);

function resolveTier(requested: string | undefined, previous: string | undefined, valueLength: number): string {
  // Intelligent-Tiering picks the cheapest tier that holds the value; no tier keeps the previous one (default Standard).
  const tier =
    requested === 'Intelligent-Tiering'
      ? valueLength > LIMITS.Standard! || previous === 'Advanced'
        ? 'Advanced'
        : 'Standard'
      : (requested ?? previous ?? 'Standard');
  if (previous === 'Advanced' && tier === 'Standard') {
    throw validation(
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.",
    );
  }
  if (valueLength > LIMITS[tier]!) {
    throw validation(
      tier === 'Standard'
        ? 'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html'
        : 'Advanced tier parameters support a maximum parameter value of 8192 characters.',
    );
  }
  return tier;
}

/** Validates a PutParameter call against the existing parameter (if any) and returns the version to append. */
export function planPut(
  input: PutInput,
  existing: ParameterState | undefined,
  ctx: { readonly region: string; readonly accountId: string; readonly now: number; readonly user: string },
): ParameterVersion {
  const name = checkParameterName(input.Name, ctx.region, ctx.accountId);
  if (name.kind === 'invalid') throw new AwsError(name.code, name.message);
  if (input.Value.length === 0)
    throw validation(
      "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  if (input.Overwrite && input.Tags && input.Tags.length > 0) {
    throw validation(
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  }
  if (existing && !input.Overwrite) {
    throw new AwsError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
  }
  const previous = existing ? latest(existing) : undefined;
  const type = input.Type ?? previous?.type;
  if (!type) throw validation('A parameter type is required when you create a parameter.');
  if (input.KeyId !== undefined && type !== 'SecureString') throw validation('KeyId is required for SecureString type parameter only.');
  const dataType = input.DataType ?? previous?.dataType ?? 'text';
  if (!DATA_TYPES.includes(dataType))
    throw validation(`The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
  if (dataType === 'aws:ec2:image' && type !== 'String')
    throw validation('The data type aws:ec2:image is supported only for String parameters.');
  const allowedPattern = input.AllowedPattern ?? previous?.allowedPattern;
  if (allowedPattern !== undefined && allowedPattern !== '') {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${allowedPattern})$`);
    } catch {
      throw new AwsError('InvalidAllowedPatternException', `The request includes an invalid regular expression: ${allowedPattern}`);
    }
    if (!re.test(input.Value))
      throw new AwsError(
        'ParameterPatternMismatchException',
        `Parameter value, cannot be validated against allowedPattern: ${allowedPattern}`,
      );
  }
  const tier = resolveTier(input.Tier, previous?.tier, input.Value.length);
  if (input.Policies !== undefined && tier !== 'Advanced')
    throw validation('Parameter policies are supported only for parameters in the advanced-parameter tier.');
  if (existing && existing.versions.length >= MAX_VERSIONS && existing.versions[0]!.labels.length > 0) {
    throw new AwsError(
      'ParameterMaxVersionLimitExceeded',
      `You attempted to create a new version of ${input.Name} by calling the PutParameter API with the overwrite flag. Version ${existing.versions[0]!.version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
    );
  }
  const version = (previous?.version ?? 0) + 1;
  const keyId =
    type === 'SecureString'
      ? (input.KeyId ?? (previous?.type === 'SecureString' ? previous.keyId : undefined) ?? DEFAULT_SSM_KEY)
      : undefined;
  const description = input.Description ?? previous?.description;
  const policies = input.Policies ?? previous?.policies;
  return {
    version,
    value: input.Value,
    type,
    dataType,
    tier,
    lastModified: ctx.now,
    lastModifiedUser: ctx.user,
    labels: [],
    ...(keyId ? { keyId, ciphertext: fakeCiphertext(keyId, input.Name, version, input.Value) } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(allowedPattern !== undefined ? { allowedPattern } : {}),
    ...(policies !== undefined ? { policies } : {}),
  };
}

/** Appends the planned version, dropping the oldest once AWS's 100-version history is full. */
export function applyPut(state: ParameterState, version: ParameterVersion): void {
  if (state.versions.length >= MAX_VERSIONS) state.versions.shift();
  state.versions.push(version);
}
