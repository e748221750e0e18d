/** Test helper (not part of the build). */

/** A deterministic jitter source for an engine's `random`, so a failing run replays from its seed. */
export function jitter(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}
