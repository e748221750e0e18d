import { invalidParameter } from './NimError';
import { platformTimers } from './platformTimers';
import { seededRandom } from './seededRandom';

/** How many times a simulated reader tries one receipt before giving up. */
const MAX_ATTEMPTS = 10;

/** When the simulated readers of one simulation acknowledge, and the stop that cancels them. */
export interface ReadScheduler {
  /**
   * Runs `read` after a seeded random delay and, like a real client, tries again after another
   * delay when it fails with a retryable code (rate limit or connection loss, e.g. injected faults
   * or a dropped connection). A protocol timeout (192004) or a drop in flight (192003) may have
   * taken effect on the server; receipts are idempotent, so repeating them is harmless.
   * Other rejections (e.g. a receipt after logout) are part of the simulation, not errors.
   */
  schedule(read: () => Promise<unknown>): void;
  readonly isStopped: boolean;
  /** Cancels every pending read; nothing is scheduled afterwards. */
  stop(): void;
}

/**
 * The delays shared by both simulations: drawn in `[minDelayMs, maxDelayMs]` from a PRNG seeded
 * with `seed` (default 1), so the same seed gives the same reading order. Throws 191004 for a bad
 * range before anything starts.
 */
export function createReadScheduler(options: {
  minDelayMs: number;
  maxDelayMs: number;
  seed?: number;
}): ReadScheduler {
  const { minDelayMs, maxDelayMs } = options;
  if (
    typeof minDelayMs !== 'number' ||
    typeof maxDelayMs !== 'number' ||
    !(minDelayMs >= 0) ||
    !(maxDelayMs >= minDelayMs)
  ) {
    throw invalidParameter('need 0 <= minDelayMs <= maxDelayMs');
  }
  const random = seededRandom(options.seed ?? 1);
  const timers = new Set<unknown>();
  let isStopped = false;

  const attempt = (read: () => Promise<unknown>, count: number) => {
    const handle = platformTimers().setTimeout(
      () => {
        timers.delete(handle);
        if (isStopped) return;
        read().catch((error: unknown) => {
          const code = (error as { code?: unknown } | null)?.code;
          // 190002: while its connection is down, and right after a reconnect (connected but not
          // yet logged in again, one round trip), a device's calls reject with it.
          const isRetryable =
            code === 416 ||
            code === 107317 ||
            code === 190002 ||
            (typeof code === 'number' && code >= 192001 && code <= 192999);
          if (isRetryable && count < MAX_ATTEMPTS && !isStopped) attempt(read, count + 1);
        });
      },
      minDelayMs + random() * (maxDelayMs - minDelayMs),
    );
    timers.add(handle);
  };

  return {
    schedule: (read) => attempt(read, 1),
    get isStopped() {
      return isStopped;
    },
    stop() {
      isStopped = true;
      for (const handle of timers) platformTimers().clearTimeout(handle);
      timers.clear();
    },
  };
}
