/**
 * Support for the list browser tests (named `.test.tsx` so the library build skips it; it holds no
 * tests itself, and unlike testWorld.test.tsx it registers vitest hooks, so stories never import it).
 */
import { afterEach, beforeEach } from 'vitest';
import { cleanupApps, createWorld, type World } from './testWorld.test';

/**
 * Per test of the calling file: the page focused and a fresh world before, everything `renderApp`
 * mounted unmounted and the world's engines disposed after. With `listClass`, elements of that
 * class are 300 x 400 px, the size the list tests scroll in.
 */
export function listWorldPerTest(listClass?: string): World {
  if (listClass) {
    const style = document.createElement('style');
    style.textContent = `.${listClass} { height: 300px; width: 400px; }`;
    document.head.append(style);
  }
  const world = {} as World;
  beforeEach(() => {
    window.focus();
    Object.assign(world, createWorld());
  });
  afterEach(() => {
    cleanupApps();
    world.dispose();
  });
  return world;
}
