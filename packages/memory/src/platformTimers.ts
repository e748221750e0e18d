// The memory server is compiled without DOM or Node types; these timer functions exist everywhere.
interface PlatformTimers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
  queueMicrotask(callback: () => void): void;
}

/** The platform timers, looked up when used so importing stays SSR-safe. */
export function platformTimers(): PlatformTimers {
  return globalThis as unknown as PlatformTimers;
}
