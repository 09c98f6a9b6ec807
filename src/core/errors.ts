// One error hierarchy for the library: stable codes, who is at fault, and what to do next.
export type ErrorSource = 'user' | 'aws' | 'internal';

export class CortadoError extends Error {
  readonly code: string;
  readonly source: ErrorSource;
  readonly hint?: string;

  constructor(code: string, message: string, options: { source: ErrorSource; hint?: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CortadoError';
    this.code = code;
    this.source = options.source;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/** Bad input from the user (flags, config, definitions): exit code 2, no AWS call made. */
export class UsageError extends CortadoError {
  constructor(code: string, message: string, hint?: string) {
    super(code, message, { source: 'user', ...(hint === undefined ? {} : { hint }) });
    this.name = 'UsageError';
  }
}

/** AWS refused or failed: carries the AWS error code and the operation. */
export class AwsCallError extends CortadoError {
  readonly awsCode: string;
  readonly operation: string;

  constructor(operation: string, awsCode: string, message: string, cause?: unknown) {
    super('AWS_CALL_FAILED', `${operation} failed: ${awsCode}: ${message}`, { source: 'aws', cause });
    this.name = 'AwsCallError';
    this.awsCode = awsCode;
    this.operation = operation;
  }
}

/** A wait that ran out of time or was cancelled. */
export class TimeoutError extends CortadoError {
  constructor(what: string, ms: number) {
    super('TIMEOUT', `${what} did not finish within ${Math.round(ms / 1000)} s`, { source: 'user', hint: 'raise the timeout, or check the events for what is stuck' });
    this.name = 'TimeoutError';
  }
}

export const isCortadoError = (e: unknown): e is CortadoError => e instanceof CortadoError;
