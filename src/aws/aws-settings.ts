// Where AWS calls go and as whom: region, endpoint, profile, assume-role — resolved once, before any client exists.
import { UsageError } from '../core/errors.js';

export interface AwsSettings {
  readonly region?: string;
  /** Endpoint URL for every service (the sandbox, or a VPC endpoint); AWS_ENDPOINT_URL otherwise. */
  readonly endpoint?: string;
  readonly profile?: string;
  /** Cross-account: every client uses credentials from sts:AssumeRole on this role. */
  readonly assumeRoleArn?: string;
  readonly maxAttempts?: number;
  /** Fixed credentials (the sandbox, tests), instead of the default provider chain. */
  readonly credentials?: StaticCredentials;
}

export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface ResolvedAwsSettings {
  readonly region: string | undefined;
  readonly endpoint: string | undefined;
  readonly profile: string | undefined;
  readonly assumeRoleArn: string | undefined;
  readonly maxAttempts: number;
  readonly credentials: StaticCredentials | undefined;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const DEFAULT_MAX_ATTEMPTS = 6;

/** Explicit settings win over the environment; an unusable value is a UsageError before any call. */
export function resolveAwsSettings(settings: AwsSettings, env: Readonly<Record<string, string | undefined>>): ResolvedAwsSettings {
  const region = settings.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  const endpoint = settings.endpoint || env.AWS_ENDPOINT_URL || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    throw new UsageError(
      'BAD_ENDPOINT',
      `endpoint URL must start with http:// or https://, got ${JSON.stringify(endpoint)}`,
      'check AWS_ENDPOINT_URL',
    );
  }
  if (settings.assumeRoleArn !== undefined && !ROLE_ARN.test(settings.assumeRoleArn)) {
    throw new UsageError(
      'BAD_ROLE_ARN',
      `assume_role_arn must be an IAM role ARN such as arn:aws:iam::123456789012:role/deploy, got ${JSON.stringify(settings.assumeRoleArn)}`,
    );
  }
  const envAttempts = Number(env.AWS_MAX_ATTEMPTS);
  const maxAttempts = settings.maxAttempts ?? (Number.isInteger(envAttempts) && envAttempts > 0 ? envAttempts : DEFAULT_MAX_ATTEMPTS);
  return {
    region,
    endpoint,
    profile: settings.profile || env.AWS_PROFILE || undefined,
    assumeRoleArn: settings.assumeRoleArn,
    maxAttempts,
    credentials: settings.credentials,
  };
}
