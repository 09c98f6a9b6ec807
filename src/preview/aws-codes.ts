// AWS error codes as the SDK names them: ELBv2's wire code `PriorityInUse` arrives as `PriorityInUseException`, so compare without the suffix.
import { awsErrorCode } from '../aws/aws-call.js';

const bare = (code: string): string => code.replace(/Exception$/, '');

/** Whether `e` is an AWS refusal with one of `codes` (given with or without the `Exception` suffix). */
export function isAwsError(e: unknown, ...codes: readonly string[]): boolean {
  const code = awsErrorCode(e);
  return code !== undefined && codes.some((c) => bare(c) === bare(code));
}
