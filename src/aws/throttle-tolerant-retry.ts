// The SDK retry strategy of every client: adaptive, with a longer budget for throttling than for other retryable errors.
// The SDK's strategy is loaded with the first client (`render` and `--help` never load the SDK).
import type { AdaptiveRetryStrategy, AdaptiveRetryStrategyOptions } from '@smithy/core/retry';

/** The SDK's token (DefaultRetryToken): its types declare the plainer RetryToken as acquire's and refresh's result. */
type RetryToken = Parameters<AdaptiveRetryStrategy['refreshRetryTokenForRetry']>[0];
type RetryErrorInfo = Parameters<AdaptiveRetryStrategy['refreshRetryTokenForRetry']>[1];

/**
 * Attempts a call may make while AWS answers it with throttling errors. Throttling says "slow down", not "failed": a
 * controller that polls for minutes (a canary release, a deploy's wait, an environment's creation) meets it in bursts
 * when an account's API rate is shared, and the SDK's default budget (a few seconds of back-off) ends the whole command.
 * With the SDK's throttling back-off (1 s base, doubling, capped at 20 s, full jitter) and the adaptive client rate
 * limiter, 20 attempts ride out about two to three minutes of throttling.
 */
export const THROTTLED_ATTEMPTS = 20;

/**
 * Pure: whether a call may be tried again after a retryable error, `otherFailures` being its failed attempts that were
 * not throttled, this one included. Throttling is bounded by the attempts in all (the inner strategy's maximum).
 */
export const mayRetry = (errorType: RetryErrorInfo['errorType'], otherFailures: number, maxAttempts: number): boolean =>
  errorType === 'THROTTLING' || otherFailures < maxAttempts;

/**
 * AWS's adaptive retry mode (client-side rate limiting, retry quota, back-off) where a call makes up to
 * `max(maxAttempts, throttledAttempts)` attempts in all, of which at most `maxAttempts` fail with an error other than
 * throttling (a 5xx, a timeout): server errors keep the SDK's usual budget, throttling gets a long one.
 */
export class ThrottleTolerantRetry {
  readonly mode = 'adaptive';
  /** Failed attempts other than throttling behind each token (a token is one call's retry state). */
  private readonly others = new WeakMap<RetryToken, number>();

  constructor(
    private readonly maxAttempts: number,
    /** The SDK's adaptive strategy, allowing the attempts in all (see `throttleTolerantRetry`). */
    private readonly inner: AdaptiveRetryStrategy,
  ) {}

  acquireInitialRetryToken(scope: string): Promise<RetryToken> {
    return this.inner.acquireInitialRetryToken(scope) as Promise<RetryToken>;
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const failures = (this.others.get(token) ?? 0) + (info.errorType === 'THROTTLING' ? 0 : 1);
    if (!mayRetry(info.errorType, failures, this.maxAttempts)) throw new Error('No retry token available');
    const next = (await this.inner.refreshRetryTokenForRetry(token, info)) as RetryToken;
    this.others.set(next, failures);
    return next;
  }

  recordSuccess(token: RetryToken): void {
    this.inner.recordSuccess(token);
  }
}

/** The strategy for one client: `max(maxAttempts, throttledAttempts)` attempts in all. */
export async function throttleTolerantRetry(
  maxAttempts: number,
  throttledAttempts = THROTTLED_ATTEMPTS,
  /** The back-off and client rate limiter (the SDK's by default; tests make them instant). */
  tuning?: Pick<AdaptiveRetryStrategyOptions, 'backoff' | 'rateLimiter'>,
): Promise<ThrottleTolerantRetry> {
  const { AdaptiveRetryStrategy } = await import('@smithy/core/retry');
  const total = Math.max(maxAttempts, throttledAttempts);
  const inner = tuning ? new AdaptiveRetryStrategy(total, tuning) : new AdaptiveRetryStrategy(async () => total);
  return new ThrottleTolerantRetry(maxAttempts, inner);
}
