// One error hierarchy for the library: stable codes, who is at fault, where in which file, and what to do next.
import type { Code } from './codes.js';

export type ErrorSource = 'user' | 'aws' | 'internal';

/** Where bad input sits: the file (config, definition, envfile) and the field path in it (`canary.metrics[1].min`). */
export interface ErrorPlace {
  readonly file?: string;
  readonly field?: string;
}

export interface CortadoErrorOptions extends ErrorPlace {
  readonly source: ErrorSource;
  readonly hint?: string;
  readonly cause?: unknown;
}

export class CortadoError extends Error {
  readonly code: Code;
  readonly source: ErrorSource;
  readonly hint?: string;
  readonly file?: string;
  readonly field?: string;

  constructor(code: Code, message: string, options: CortadoErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CortadoError';
    this.code = code;
    this.source = options.source;
    if (options.hint !== undefined) this.hint = options.hint;
    if (options.file !== undefined) this.file = options.file;
    if (options.field !== undefined) this.field = options.field;
  }
}

/** Bad input from the user (flags, config, definitions): exit code 2, no AWS call made. */
export class UsageError extends CortadoError {
  /** `extra` is the hint, or the hint with the file and field the error is about. */
  constructor(code: Code, message: string, extra?: string | (ErrorPlace & { readonly hint?: string })) {
    const opts = typeof extra === 'string' ? { hint: extra } : (extra ?? {});
    super(code, message, { source: 'user', ...opts });
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
    super('TIMEOUT', `${what} did not finish within ${Math.round(ms / 1000)} s`, {
      source: 'user',
      hint: 'raise the timeout, or check the events for what is stuck',
    });
    this.name = 'TimeoutError';
  }
}

export const isCortadoError = (e: unknown): e is CortadoError => e instanceof CortadoError;
