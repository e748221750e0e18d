/** Time and scheduling, injected so tests drive them with fake timers and never patch globals. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

// core is compiled without DOM or Node types; these two timer functions exist on every platform.
interface PlatformTimers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The platform clock. Reads globals only when called, so importing core stays SSR-safe. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) =>
    (globalThis as unknown as PlatformTimers).setTimeout(callback, delayMs),
  clearTimeout: (handle) => (globalThis as unknown as PlatformTimers).clearTimeout(handle),
};
