// The deployment circuit breaker's failure threshold: 0.5 × desiredCount rounded up, at least 3, at most 200.

export const MIN_THRESHOLD = 3;
export const MAX_THRESHOLD = 200;

/** [API:ECS ServiceDeploymentCircuitBreaker.threshold] [DG:"How the Amazon ECS deployment circuit breaker detects failures"] */
export const circuitBreakerThreshold = (desiredCount: number): number =>
  Math.min(MAX_THRESHOLD, Math.max(MIN_THRESHOLD, Math.ceil(desiredCount * 0.5)));
