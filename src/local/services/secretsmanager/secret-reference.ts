// Parses an ECS `secrets[].valueFrom` (pure): an SSM parameter name or ARN, or a Secrets Manager ARN with its JSON-key suffix.
export type SecretReference =
  | {
      readonly kind: 'ssm';
      /** Names to try in order: an ARN `parameter/x` may stand for `x` or `/x`. */
      readonly names: readonly string[];
    }
  | {
      readonly kind: 'secretsmanager';
      /** The secret's ARN (complete or partial), without the JSON-key suffix. */
      readonly secretId: string;
      readonly jsonKey?: string;
      readonly versionStage?: string;
      readonly versionId?: string;
    }
  | { readonly kind: 'invalid'; readonly reason: string };

const SM_ARN = /^(arn:aws[\w-]*:secretsmanager:[^:]*:\d{12}:secret:[^:]+)(?::([^:]*)(?::([^:]*)(?::([^:]*))?)?)?$/;
const SSM_ARN = /^arn:aws[\w-]*:ssm:[^:]*:\d{12}:parameter(\/.*)$/;

export function parseSecretReference(valueFrom: string): SecretReference {
  if (valueFrom.startsWith('arn:') && valueFrom.split(':')[2] === 'secretsmanager') {
    const m = SM_ARN.exec(valueFrom);
    if (!m) return { kind: 'invalid', reason: `invalid Secrets Manager ARN ${valueFrom}` };
    return {
      kind: 'secretsmanager',
      secretId: m[1]!,
      ...(m[2] ? { jsonKey: m[2] } : {}),
      ...(m[3] ? { versionStage: m[3] } : {}),
      ...(m[4] ? { versionId: m[4] } : {}),
    };
  }
  if (valueFrom.startsWith('arn:')) {
    const m = SSM_ARN.exec(valueFrom);
    if (!m) return { kind: 'invalid', reason: `invalid SSM parameter ARN ${valueFrom}` };
    const path = m[1]!;
    const rest = path.slice(1);
    // Hierarchical names keep their leading slash; a flat name's ARN hides whether it had one.
    return { kind: 'ssm', names: rest.includes('/') ? [path] : [rest, path] };
  }
  if (valueFrom === '') return { kind: 'invalid', reason: 'empty valueFrom' };
  return { kind: 'ssm', names: [valueFrom] };
}

/** Extracts `key` from a JSON object secret the way ECS does: strings as-is, other values as JSON text. */
export function extractJsonKey(
  secretString: string,
  key: string,
): { readonly kind: 'ok'; readonly value: string } | { readonly kind: 'error'; readonly reason: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(secretString);
  } catch {
    return { kind: 'error', reason: 'retrieved secret from Secrets Manager is not a valid JSON' };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !(key in doc)) {
    return { kind: 'error', reason: `retrieved secret from Secrets Manager did not contain json key ${key}` };
  }
  const value = (doc as Record<string, unknown>)[key];
  return { kind: 'ok', value: typeof value === 'string' ? value : JSON.stringify(value) };
}
