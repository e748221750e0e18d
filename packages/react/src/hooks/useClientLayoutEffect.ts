import { useEffect, useLayoutEffect } from 'react';

/**
 * `useLayoutEffect` where there is a document, `useEffect` where there is none (a server, a
 * worker). A server runs neither, but React 18's server renderer warns through `console.error` (in
 * development) about every `useLayoutEffect` it meets, once per component and render; React 19 no
 * longer does. Chosen once, when the module loads, so a component calls the same hook on every
 * render.
 */
export const useClientLayoutEffect: typeof useLayoutEffect =
  typeof document === 'undefined' ? useEffect : useLayoutEffect;
