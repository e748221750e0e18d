/**
 * Support for tests that must leave the console silent (named `.test.tsx` so the library build skips
 * it; it holds no tests itself, and it registers vitest hooks).
 */
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Every `console.error` and `console.warn` call during each test of the calling file, kept off the
 * console: React reports hydration mismatches, act, key and lifecycle warnings there, so a test
 * expects the array empty. The same array throughout, emptied before each test.
 */
export function consoleCallsPerTest(): unknown[][] {
  const calls: unknown[][] = [];
  beforeEach(() => {
    calls.length = 0;
    vi.spyOn(console, 'error').mockImplementation((...args) => void calls.push(args));
    vi.spyOn(console, 'warn').mockImplementation((...args) => void calls.push(args));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return calls;
}

/** Drops the calls whose first argument `isExpected` accepts, keeping the array the spies fill. */
export function forgetConsoleCalls(calls: unknown[][], isExpected: (message: string) => boolean) {
  const kept = calls.filter(([message]) => !isExpected(String(message)));
  calls.splice(0, calls.length, ...kept);
}
