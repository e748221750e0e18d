/**
 * A full garbage collection, so garbage left by the setup is not collected inside a measurement.
 * The harness starts Chromium with `--js-flags=--expose-gc`; without it this does nothing.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
