import { backoffDelay } from './backoff';
import type { EngineContext } from './engineContext';

/**
 * Per-conversation retry timers with exponential backoff and jitter, shared by the outboxes and the
 * count loader so every retried call follows one policy. Internal.
 */
export interface RetrySchedule {
  /** Calls the retry after the next backoff delay for `key`, unless one is already waiting. */
  schedule(key: string): void;
  /** True while `key` waits for its retry: its calls must not go out early. */
  isWaiting(key: string): boolean;
  /**
   * Cancels the waiting retry of `key`, for a call made now instead (the user's "Retry"). Its
   * attempts are kept: if that call fails too, the next retry waits longer still, since a user
   * retrying a rate limit must not restart its backoff from the shortest delay.
   */
  cancel(key: string): void;
  /**
   * A success: the next failure of `key` starts from the first delay again. Ignored while a retry
   * of `key` waits: another call's success (a sibling batch) says nothing of the one that failed.
   */
  succeed(key: string): void;
  /** Cancels every waiting retry and forgets all attempts (e.g. the connection is back). */
  reset(): void;
  /**
   * Follows the `calls` calls one flush makes for `key` (a team's batches of 50): their success
   * restarts the backoff only when every one of them succeeded. One call's success says nothing of
   * a sibling that failed or has yet to answer; a rate limit would otherwise restart from its
   * first, shortest delay in every round.
   */
  round(key: string, calls: number): RetryRound;
}

/** What one call of a {@link RetrySchedule.round} tells it: exactly one of the two, once. */
export interface RetryRound {
  succeeded(): void;
  /** Failed, retried or not: the round's successes restart nothing. */
  failed(): void;
}

/** Creates a schedule whose timers call `onRetry` with their key (normally the owner's flush). */
export function createRetrySchedule(
  context: Pick<EngineContext, 'retry' | 'random' | 'timers'>,
  onRetry: (key: string) => void,
): RetrySchedule {
  const entries = new Map<string, { attempt: number; timer?: unknown }>();
  const schedule: RetrySchedule = {
    schedule(key) {
      const entry = entries.get(key) ?? { attempt: 0 };
      if (entry.timer !== undefined) return;
      const delay = backoffDelay(context.retry, entry.attempt, context.random);
      entry.attempt += 1;
      entry.timer = context.timers.set(() => {
        entry.timer = undefined;
        onRetry(key);
      }, delay);
      entries.set(key, entry);
    },
    isWaiting: (key) => entries.get(key)?.timer !== undefined,
    cancel(key) {
      const entry = entries.get(key);
      if (entry) {
        // Clearing no timer (undefined: none waits) does nothing.
        context.timers.clear(entry.timer);
        entry.timer = undefined;
      }
    },
    succeed(key) {
      if (entries.get(key)?.timer === undefined) entries.delete(key);
    },
    reset() {
      for (const entry of entries.values()) {
        if (entry.timer !== undefined) context.timers.clear(entry.timer);
      }
      entries.clear();
    },
    round(key, calls) {
      let unanswered = calls;
      let hasFailed = false;
      return {
        succeeded() {
          if (--unanswered === 0 && !hasFailed) schedule.succeed(key);
        },
        failed() {
          unanswered--;
          hasFailed = true;
        },
      };
    },
  };
  return schedule;
}
