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
   * A success: the next failure of `key` starts from the first delay again. Ignored while a retry
   * of `key` waits: another call's success (a sibling batch) says nothing of the one that failed.
   */
  succeed(key: string): void;
  /** Cancels every waiting retry and forgets all attempts (e.g. the connection is back). */
  reset(): void;
}

/** Creates a schedule whose timers call `onRetry` with their key (normally the owner's flush). */
export function createRetrySchedule(
  context: Pick<EngineContext, 'retry' | 'random' | 'timers'>,
  onRetry: (key: string) => void,
): RetrySchedule {
  const entries = new Map<string, { attempt: number; timer?: unknown }>();
  return {
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
    succeed(key) {
      if (entries.get(key)?.timer === undefined) entries.delete(key);
    },
    reset() {
      for (const entry of entries.values()) {
        if (entry.timer !== undefined) context.timers.clear(entry.timer);
      }
      entries.clear();
    },
  };
}
