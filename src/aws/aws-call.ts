// Turns an SDK failure into an AwsCallError that names the operation and AWS's code, so every caller reports alike.
import { AwsCallError, CortadoError } from '../core/errors.js';

interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Errors that mean "no usable credentials", not "AWS refused". */
const CREDENTIAL_ERRORS = new Set(['CredentialsProviderError', 'ProviderError']);

export function toAwsError(operation: string, e: unknown): Error {
  if (e instanceof CortadoError) return e;
  const err = (e ?? {}) as SdkErrorShape;
  if (err.name === 'AbortError') return e as Error;
  if (err.name && CREDENTIAL_ERRORS.has(err.name)) {
    return new CortadoError('NO_CREDENTIALS', `${operation}: no AWS credentials: ${err.message ?? ''}`.trim(), {
      source: 'user',
      hint: 'set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run in an environment with a role',
      cause: e,
    });
  }
  if (err.code && /^(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EAI_AGAIN)$/.test(err.code)) {
    return new AwsCallError(operation, 'NetworkError', `cannot reach the AWS endpoint (${err.code}): ${err.message ?? ''}`, e);
  }
  return new AwsCallError(operation, err.name ?? 'UnknownError', err.message ?? String(e), e);
}

export async function awsCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw toAwsError(operation, e);
  }
}

/** AWS's error code when `e` is an AwsCallError, for callers that turn some refusals into user errors. */
export const awsErrorCode = (e: unknown): string | undefined => (e instanceof AwsCallError ? e.awsCode : undefined);

/** The HTTP status AWS answered with when `e` is an AwsCallError (from the SDK error it wraps). */
export const awsHttpStatus = (e: unknown): number | undefined =>
  e instanceof AwsCallError ? (e.cause as SdkErrorShape | undefined)?.$metadata?.httpStatusCode : undefined;
