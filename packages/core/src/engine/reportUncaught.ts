/**
 * Reports an error thrown by the app's code inside the engine's (a store subscriber, `onError`)
 * the way the platform reports an event listener's, through `reportError` (the console,
 * `window.onerror`), or as an unhandled rejection where there is none (Node): the engine goes on
 * with its own work, and the error is not swallowed.
 */
export function reportUncaught(error: unknown): void {
  // Read when needed: core declares no DOM types, and a test may install one.
  const { reportError } = globalThis as { reportError?: (error: unknown) => void };
  if (typeof reportError === 'function') reportError(error);
  else void Promise.reject(error);
}
