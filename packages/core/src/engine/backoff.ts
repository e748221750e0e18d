/** How failed calls with a retryable code are retried (exponential backoff with jitter). */
export interface RetryPolicy {
  /** The first retry waits about this long (ms). Default 1000. */
  baseDelayMs: number;
  /** No retry waits longer than this (ms). Default 30000. */
  maxDelayMs: number;
}

/** The defaults: 1 s, doubling, capped at 30 s. */
export const defaultRetryPolicy: RetryPolicy = { baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * The wait before retry number `attempt` (0 for the first retry): the capped exponential delay,
 * scaled into [50%, 100%] by `random` so many clients that failed together do not retry together.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const sample = random();
  // A broken random source must not turn every delay into NaN (which timers treat as 0).
  const unit = Number.isFinite(sample) ? Math.min(1, Math.max(0, sample)) : 0;
  const jitter = 0.5 + 0.5 * unit;
  return Math.round(exponential * jitter);
}
